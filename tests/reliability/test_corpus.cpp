// The hostile-input corpus (tests/reliability/corpus.txt): every case runs the `cbec` binary and
// checks the README's promises — the exit status (0, 1 bad input, 2 unbounded), one line on stderr
// naming the offending item for every failure, no temporary file left behind, and any extra
// condition the case states (an earlier output set intact, a file not overwritten).
//
// Case format (blank lines and lines starting with '#' outside a config are ignored):
//   case: ID                  starts a case; ID names the ctest test (letters, digits, '_')
//   class: NAME               the deliverable it checks (counted in the report)
//   config:                   the following lines, up to a line "end", are written to {config}
//   setup: SHELL              run (sh -c) in the case's directory before cbec ($CBEC: the binary)
//   env: NAME=VALUE ...       prefixed to the command
//   args: ARGS                cbec's arguments (shell words); {config}, {dir}, {examples} substituted
//   exit: N                   expected exit status
//   expect: TEXT              a substring of stderr (exit ≠ 0) or stdout (exit 0); several allowed
//   after: SHELL              must succeed (sh -c, in the case's directory) after cbec
//   near: KEY VALUE TOL       stdout is JSON and |KEY - VALUE| <= TOL
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "../support/scratch_files.hpp"

namespace fs = std::filesystem;
using cbec::testing::slurp;

namespace {

struct Case {
  std::string id, klass, config, setup, env, args, after, near;
  bool has_config = false;
  int exit = -1;
  std::vector<std::string> expect;
  int line = 0;
};

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  const auto e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<Case> loadCorpus() {
  std::ifstream in(std::string(CBEC_SOURCE_DIR) + "/tests/reliability/corpus.txt");
  std::vector<Case> cases;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    const auto colon = t.find(':');
    const std::string key = t.substr(0, colon), value = colon == std::string::npos ? "" : trim(t.substr(colon + 1));
    if (key == "case") {
      cases.push_back({});
      cases.back().id = value;
      cases.back().line = n;
      continue;
    }
    if (cases.empty()) continue;
    Case& c = cases.back();
    if (key == "class") c.klass = value;
    else if (key == "setup") c.setup += (c.setup.empty() ? "" : " && ") + value;
    else if (key == "env") c.env = value;
    else if (key == "args") c.args = value;
    else if (key == "exit") c.exit = std::stoi(value);
    else if (key == "expect") c.expect.push_back(value);
    else if (key == "after") c.after += (c.after.empty() ? "" : " && ") + value;
    else if (key == "near") c.near = value;
    else if (key == "config") {
      c.has_config = true;
      while (std::getline(in, line) && trim(line) != "end") { ++n; c.config += line + "\n"; }
      ++n;
    } else {
      ADD_FAILURE() << "corpus.txt:" << n << ": unknown line: " << line;
    }
  }
  return cases;
}

const std::vector<Case>& corpus() {
  static const std::vector<Case> cases = loadCorpus();
  return cases;
}

std::string substitute(std::string s, const fs::path& dir) {
  const std::map<std::string, std::string> vars = {
      {"{config}", (dir / "config.toml").string()}, {"{dir}", dir.string()},
      {"{examples}", std::string(CBEC_SOURCE_DIR) + "/examples"}};
  for (const auto& [k, v] : vars)
    for (std::size_t i; (i = s.find(k)) != std::string::npos;) s.replace(i, k.size(), v);
  return s;
}

int shell(const std::string& cmd) {
  const int st = std::system(cmd.c_str());
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

// gtest prints a failing parameter with this (not as a byte dump)
void PrintTo(const Case& c, std::ostream* os) { *os << c.id; }

class Corpus : public ::testing::TestWithParam<Case> {};

TEST_P(Corpus, BehavesAsTheReadmePromises) {
  const Case& c = GetParam();
  SCOPED_TRACE("corpus.txt:" + std::to_string(c.line) + " case " + c.id + " (" + c.klass + ")");
  ASSERT_FALSE(c.args.empty()) << "no args";
  ASSERT_GE(c.exit, 0) << "no exit status";
  const fs::path dir = fs::temp_directory_path() / ("cbec-corpus-" + std::to_string(::getpid())) / c.id;
  fs::remove_all(dir);
  fs::create_directories(dir);
  if (c.has_config) std::ofstream(dir / "config.toml") << substitute(c.config, dir);
  const std::string prelude = "cd '" + dir.string() + "' && export CBEC='" + CBEC_BINARY + "' && ";
  if (!c.setup.empty()) ASSERT_EQ(shell(prelude + substitute(c.setup, dir)), 0) << c.setup;
  const std::string cmd = "cd '" + dir.string() + "' && env CBEC_NO_PROGRESS=1 CBEC_FFTW_WISDOM=off " +
                          substitute(c.env, dir) + " timeout 120 " + CBEC_BINARY + " " + substitute(c.args, dir) +
                          " >'" + (dir / ".stdout").string() + "' 2>'" + (dir / ".stderr").string() + "' </dev/null";
  const int status = shell(cmd);
  const std::string out = slurp(dir / ".stdout"), err = slurp(dir / ".stderr");
  EXPECT_EQ(status, c.exit) << c.args << "\nstdout: " << out.substr(0, 2000) << "\nstderr: " << err;
  const std::string& where = c.exit == 0 ? out : err;
  for (const std::string& e : c.expect)
    EXPECT_NE(where.find(e), std::string::npos) << "expected \"" << e << "\" in " << (c.exit == 0 ? "stdout" : "stderr")
                                                << ":\n" << where.substr(0, 2000);
  if (c.exit != 0) {   // one line naming the item, in cbec's own words (not a library's stack)
    EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << "stderr is not one line:\n" << err;
    EXPECT_EQ(err.rfind("cbec: ", 0), 0u) << err;
    EXPECT_LT(err.size(), 600u) << err;
  }
  EXPECT_EQ(cbec::testing::leftoverTemporaries(dir), std::vector<std::string>{});
  if (!c.near.empty()) {
    std::istringstream ss(c.near);
    std::string key;
    double value = 0, tol = 0;
    ss >> key >> value >> tol;
    const auto j = nlohmann::json::parse(out, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << "stdout is not JSON: " << out.substr(0, 500);
    ASSERT_TRUE(j.contains(key) && j[key].is_number()) << key;
    EXPECT_NEAR(j[key].get<double>(), value, tol) << key;
  }
  if (!c.after.empty()) EXPECT_EQ(shell(prelude + substitute(c.after, dir)), 0) << c.after;
  fs::remove_all(dir);
}

std::string caseName(const ::testing::TestParamInfo<Case>& info) { return info.param.id; }

INSTANTIATE_TEST_SUITE_P(Hostile, Corpus, ::testing::ValuesIn(corpus()), caseName);

TEST(CorpusFile, HasAtLeast150UniqueCasesInNamedClasses) {
  std::map<std::string, int> perClass;
  std::vector<std::string> ids;
  for (const Case& c : corpus()) {
    perClass[c.klass]++;
    ids.push_back(c.id);
    EXPECT_FALSE(c.klass.empty()) << c.id;
  }
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end()) << "duplicate case id";
  EXPECT_GE(corpus().size(), 150u);
  for (const auto& [k, n] : perClass) std::printf("class %-12s %d cases\n", k.c_str(), n);
}

}  // namespace
