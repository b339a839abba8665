// `cbec soliton` against the INTERFACE.md contract, and its errors for bad command lines.
#include <cbec/soliton/townes_profile.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "../support/cli_runner.hpp"

using cbec::testing::CliRun;
using cbec::testing::runCbec;

TEST(SolitonCli, JsonHasTheContractKeys) {
  CliRun r = runCbec("soliton --power 2 1.5 --nu 1 --fractions 0.5 0.5 --json");
  ASSERT_EQ(r.status, 0) << r.output;
  auto j = nlohmann::json::parse(r.output);
  for (const char* key : {"a_star", "Q0", "grad_Q_sq", "Q_L4_4", "moments", "constants"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_TRUE(j["moments"].contains("2"));
  EXPECT_TRUE(j["moments"].contains("1.5"));
  for (const char* key : {"Lambda", "Theta", "limit_single"}) EXPECT_TRUE(j["constants"]["2"].contains(key)) << key;
  EXPECT_TRUE(j["a_star"].is_number());
  // Full double precision survives the JSON round trip.
  EXPECT_EQ(j["a_star"].get<double>(), cbec::TownesProfile::standard().aStar());
  EXPECT_NEAR(j["a_star"].get<double>(), 11.70089652455965388, 1e-11 * 11.7);
}

TEST(SolitonCli, BadCommandLinesGiveOneClearError) {
  struct Case { const char* args; const char* needle; };
  for (Case c : {Case{"soliton --power -1 --json", "--power"}, Case{"soliton --nu 0", "--nu"},
                 Case{"soliton --fractions 0.5", "--fractions"}, Case{"soliton --bogus", "--bogus"},
                 Case{"soliton --power abc", "--power"}, Case{"frobnicate", "frobnicate"}}) {
    CliRun r = runCbec(c.args);
    EXPECT_NE(r.status, 0) << c.args;
    EXPECT_NE(r.output.find(c.needle), std::string::npos) << c.args << " -> " << r.output;
  }
  CliRun r = runCbec("soliton --fractions 0.5 0.6");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("fractions"), std::string::npos) << r.output;
}

TEST(SolitonCli, VersionNamesTheRevision) {
  CliRun r = runCbec("--version");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.output.find("cbec"), std::string::npos);
  EXPECT_NE(r.output.find("git"), std::string::npos);
}
