// `cbec marginals`: the INTERFACE.md JSON keys, the table modes, and one clear error per bad option.
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <string>

#include "../support/cli_runner.hpp"

using cbec::testing::runCbec;


TEST(MarginalsCli, JsonHasTheInterfaceKeys) {
  const auto r = runCbec("marginals --N 10 --occupations 6 4 --k 2 --json");
  ASSERT_EQ(r.status, 0) << r.output;
  const auto j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j["k"], 2);
  EXPECT_EQ(j["ranks"]["fragmented"], 3);
  EXPECT_EQ(j["ranks"]["phase_averaged"], 3);
  EXPECT_EQ(j["ranks"]["mixture"], 2);
  EXPECT_NEAR(j["trace_distance"]["fragmented_vs_phase_averaged"].get<double>(), 8.0 / 75, 1e-15);
  EXPECT_NEAR(j["trace_distance"]["fragmented_vs_mixture"].get<double>(), 16.0 / 15, 1e-15);
  // Weights ordered by occupation pattern (k - j, j), j = 0 … k, as in (F 2.8).
  EXPECT_EQ(j["patterns"], nlohmann::json::parse("[[2,0],[1,1],[0,2]]"));
  const std::vector<double> frag = j["weights"]["fragmented"], phase = j["weights"]["phase_averaged"],
                            mix = j["weights"]["mixture"];
  ASSERT_EQ(frag.size(), 3u);
  EXPECT_NEAR(frag[0], 1.0 / 3, 1e-15);
  EXPECT_NEAR(phase[2], 0.16, 1e-15);
  EXPECT_EQ(mix, (std::vector<double>{0.6, 0.0, 0.4}));
}

TEST(MarginalsCli, ThreeLevelsAndNWithoutOccupationSumCheck) {
  const auto r = runCbec("marginals --occupations 300 300 400 --k 3 --json");
  ASSERT_EQ(r.status, 0) << r.output;
  const auto j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j["N"], 1000);
  EXPECT_EQ(j["ranks"]["fragmented"], 10);
  EXPECT_EQ(j["ranks"]["mixture"], 3);
  EXPECT_EQ(j["weights"]["fragmented"].size(), 10u);
}

TEST(MarginalsCli, TableModeOverNAndK) {
  const auto r = runCbec("marginals --N-list 10 1e3 1e6 --fractions 0.5 0.5 --k-range 1 6 --json");
  ASSERT_EQ(r.status, 0) << r.output;
  const auto rows = nlohmann::json::parse(r.output);
  ASSERT_EQ(rows.size(), 18u);
  for (const auto& row : rows) {
    const int k = row["k"];
    // Corollary 2.2: k + 1 while k ≤ min N_j; at N = 10 (5 + 5) and k = 6 the patterns (6,0), (0,6) vanish.
    const int N1 = row["occupations"][0], N2 = row["occupations"][1];
    int expected = 0;
    for (int j = 0; j <= k; ++j) expected += (k - j <= N1 && j <= N2);
    EXPECT_EQ(row["ranks"]["fragmented"], expected);
    if (k <= 5) EXPECT_EQ(expected, k + 1);
    EXPECT_EQ(row["ranks"]["phase_averaged"], k + 1);
    EXPECT_EQ(row["ranks"]["mixture"], 2);
    const double scaled = row["N_times_trace_distance"]["fragmented_vs_phase_averaged"];
    if (k == 1) EXPECT_EQ(scaled, 0.0);
    else EXPECT_LT(scaled, 0.5 * k * k);  // Proposition 2.3: bounded in N
    EXPECT_FALSE(row.contains("weights"));
  }
  const auto csv = runCbec("marginals --N-list 100 1000 --fractions 0.3 0.7 --k-list 2 3 --csv");
  ASSERT_EQ(csv.status, 0) << csv.out;
  EXPECT_EQ(csv.out.rfind("N,occupations,k,rank_fragmented", 0), 0u) << csv.out;
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 5);
  const auto table = runCbec("marginals --N-list 100 1000 --fractions 0.3 0.7 --k-range 2 3");
  ASSERT_EQ(table.status, 0);
  EXPECT_NE(table.out.find("N·Tr|γ - γ̃|"), std::string::npos);
}

TEST(MarginalsCli, HumanReadableTable) {
  const auto r = runCbec("marginals --N 10 --occupations 6 4 --k 2");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("ranks: fragmented 3  phase-averaged 3  mixture 2"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("(1,1)"), std::string::npos);
}

TEST(MarginalsCli, OneClearErrorNamingTheOption) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"--N 10 --occupations 6 5 --k 2", "--occupations: N1 + N2 + ... = 11 but --N is 10"},
      {"--occupations 6 4 --k 11", "--k: k = 11 exceeds the number of particles N = 10"},
      {"--occupations 6 0 --k 1", "--occupations: '0' must be a positive integer"},
      {"--occupations 6 4.5 --k 1", "--occupations: '4.5' must be a positive integer"},
      {"--occupations 6 --k 1", "--occupations: need at least two levels"},
      {"--N abc --occupations 6 4 --k 1", "--N: 'abc' is not a number"},
      {"--occupations 6 4", "--k: give the marginal order k"},
      {"--occupations 6 4 --k 0", "--k: '0' must be a positive integer"},
      {"--N 10 --fractions 0.5 0.4 --k 2", "--fractions: fractions must sum to 1"},
      {"--N-list 10 100 --occupations 5 5 --k 2", "--N-list: use --fractions"},
      {"--occupations 6 4 --k-range 3 2", "--k-range: KMIN = 3 exceeds KMAX = 2"},
  };
  for (const auto& [args, message] : cases) {
    const auto r = runCbec("marginals " + args);
    EXPECT_EQ(r.status, 1) << args;
    EXPECT_NE(r.output.find(message), std::string::npos) << args << " -> " << r.output;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
  }
}
