// The FFTW wisdom file holds one block per transform (fftw_wisdom.hpp): two transforms measured give two
// blocks; a later "process" (here: the process's wisdom forgotten) imports only the block of the transform it
// plans; a corrupted or truncated block is ignored and re-measured; an old plain-wisdom file is replaced; the
// file is replaced atomically, never rewritten in place; pinned wisdom governs alone.
#include <cbec/discretisation/fftw_wisdom.hpp>
#include <cbec/discretisation/fourier.hpp>
#include <cbec/io/errors.hpp>

#include <fftw3.h>
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>

using namespace cbec;
namespace fs = std::filesystem;

namespace {
std::string readAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
void writeAll(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }

/// The signature lines ("== ...") of a wisdom file, in order.
std::vector<std::string> signatures(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("== ", 0) == 0) out.push_back(line.substr(3));
  return out;
}
/// The wisdom text of block `sig` (after its signature line, up to the next one).
std::string block(const std::string& text, const std::string& sig) {
  const std::string line = "\n== " + sig + "\n";
  const size_t a = text.find(line);
  if (a == std::string::npos) return "";
  const size_t body = a + line.size(), b = text.find("\n== ", body);
  return text.substr(body, b == std::string::npos ? std::string::npos : b + 1 - body);
}
/// The entry lines of FFTW wisdom (without the header line and the closing parenthesis).
std::set<std::string> entries(const std::string& wisdom) {
  std::set<std::string> out;
  std::istringstream in(wisdom);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("  (", 0) == 0) out.insert(line);
  return out;
}
std::string held() {
  char* w = fftw_export_wisdom_to_string();
  std::string s = w;
  std::free(w);
  return s;
}
void plan(int n, int threads = 1) { FourierTransform f(Grid(2, n, 10.0), threads, true); }

class FftwWisdomFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cbec-wisdom-test-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    file_ = dir_ / "wisdom";
    setFftwWisdomFile(file_);
    fftw_forget_wisdom();   // as in a fresh process
  }
  void TearDown() override {
    setFftwWisdomFile("");
    fs::remove_all(dir_);
  }
  fs::path dir_, file_;
};
}  // namespace

TEST_F(FftwWisdomFile, TwoTransformsGiveTwoBlocksAndALaterProcessImportsOnlyItsOwn) {
  const FftwWisdomCounts c0 = fftwWisdomCounts();
  plan(20);
  plan(18);
  plan(20);   // held by the process now: neither measured nor read again
  const FftwWisdomCounts c1 = fftwWisdomCounts();
  EXPECT_EQ(c1.transformsMeasured - c0.transformsMeasured, 2u);
  EXPECT_EQ(c1.fileWrites - c0.fileWrites, 2u);
  EXPECT_EQ(c1.blocksImported, c0.blocksImported);
  const std::string text = readAll(file_);
  EXPECT_EQ(text.rfind("cbec-fftw-wisdom 1\n", 0), 0u);
  ASSERT_EQ(signatures(text), (std::vector<std::string>{"r2c 20x20 threads 1 measure", "r2c 18x18 threads 1 measure"}));
  const std::string w20 = block(text, "r2c 20x20 threads 1 measure"), w18 = block(text, "r2c 18x18 threads 1 measure");
  EXPECT_EQ(w20.rfind("(fftw-3", 0), 0u);
  EXPECT_FALSE(entries(w20).empty());
  EXPECT_FALSE(entries(w18).empty());
  EXPECT_NE(entries(w20), entries(w18));

  // a later process planning 20x20 imports that block alone: it then holds exactly the block's entries
  fftw_forget_wisdom();
  plan(20);
  const FftwWisdomCounts c2 = fftwWisdomCounts();
  EXPECT_EQ(c2.blocksImported - c1.blocksImported, 1u);
  EXPECT_EQ(c2.transformsMeasured, c1.transformsMeasured);
  EXPECT_EQ(c2.fileWrites, c1.fileWrites);
  EXPECT_EQ(entries(held()), entries(w20));
  EXPECT_EQ(readAll(file_), text);   // not rewritten

  // another thread count is another transform: a third block, the others kept byte for byte
  fftw_forget_wisdom();
  plan(20, 2);
  const std::string text3 = readAll(file_);
  EXPECT_EQ(signatures(text3).size(), 3u);
  EXPECT_EQ(block(text3, "r2c 20x20 threads 2 measure").rfind("(fftw-3", 0), 0u);
  EXPECT_EQ(block(text3, "r2c 20x20 threads 1 measure"), w20);
  EXPECT_EQ(block(text3, "r2c 18x18 threads 1 measure"), w18);
  // the wisdom held before the measurement is restored after it (measured on an emptied wisdom)
  EXPECT_TRUE(entries(held()).size() >= entries(block(text3, "r2c 20x20 threads 2 measure")).size());
}

TEST_F(FftwWisdomFile, CorruptedOrTruncatedBlocksAreReMeasuredAndReplaced) {
  plan(20);
  plan(18);
  const std::string good = readAll(file_);
  const std::string w20 = block(good, "r2c 20x20 threads 1 measure"), w18 = block(good, "r2c 18x18 threads 1 measure");
  const std::string damaged[] = {
      "(fftw-3.3.10 fftw_wisdom #x0 ((( garbage\n",                 // not wisdom
      w20.substr(0, w20.size() / 2) + "\n",                          // truncated
      "(fftw-3.3.10 fftw_wisdom #x3c273403 #x192df114 #x4d08727c #xe98e9b9d\n)\n",   // wisdom without entries
      ""};                                                           // empty
  for (const std::string& bad : damaged) {
    std::string text = good;
    text.replace(text.find(w20), w20.size(), bad);
    writeAll(file_, text);
    fftw_forget_wisdom();
    const FftwWisdomCounts c0 = fftwWisdomCounts();
    plan(20);
    const FftwWisdomCounts c1 = fftwWisdomCounts();
    EXPECT_EQ(c1.transformsMeasured - c0.transformsMeasured, 1u) << bad;
    EXPECT_EQ(c1.fileWrites - c0.fileWrites, 1u) << bad;
    const std::string now = readAll(file_);
    EXPECT_EQ(signatures(now).size(), 2u) << now;
    EXPECT_EQ(block(now, "r2c 18x18 threads 1 measure"), w18);   // the other block intact
    const std::string fresh = block(now, "r2c 20x20 threads 1 measure");
    EXPECT_FALSE(entries(fresh).empty());
    // the replaced block serves the next process
    fftw_forget_wisdom();
    plan(20);
    const FftwWisdomCounts c2 = fftwWisdomCounts();
    EXPECT_EQ(c2.blocksImported - c1.blocksImported, 1u);
    EXPECT_EQ(c2.transformsMeasured, c1.transformsMeasured);
  }
  // a file cut in the middle of its last block: that block re-measured, the first still served
  writeAll(file_, good.substr(0, good.size() - w18.size() / 2));
  fftw_forget_wisdom();
  const FftwWisdomCounts c0 = fftwWisdomCounts();
  plan(20);
  plan(18);
  const FftwWisdomCounts c1 = fftwWisdomCounts();
  EXPECT_EQ(c1.blocksImported - c0.blocksImported, 1u);   // the cut block does not import
  EXPECT_EQ(c1.transformsMeasured - c0.transformsMeasured, 1u);
  EXPECT_FALSE(entries(block(readAll(file_), "r2c 18x18 threads 1 measure")).empty());
}

TEST_F(FftwWisdomFile, ReplacedAtomicallyNeverRewrittenInPlace) {
  plan(20);
  const std::string before = readAll(file_);
  std::ifstream reader(file_, std::ios::binary);   // a reader that opened the file before the write
  plan(18);
  // the old file object is untouched (a rename replaced it): the reader sees the complete old text
  const std::string seen((std::istreambuf_iterator<char>(reader)), std::istreambuf_iterator<char>());
  EXPECT_EQ(seen, before);
  const std::string after = readAll(file_);
  EXPECT_EQ(signatures(after).size(), 2u);
  for (const std::string& sig : signatures(after))
    EXPECT_TRUE(fftw_import_wisdom_from_string(block(after, sig).c_str())) << sig;
  size_t files = 0;   // no temporary left behind
  for (const auto& e : fs::directory_iterator(dir_)) files += e.is_regular_file();
  EXPECT_EQ(files, 1u);
}

TEST_F(FftwWisdomFile, OldPlainWisdomIsReplacedForeignFilesAreLeftAlone) {
  plan(20);
  const std::string plain = held();   // an older cbec's file: FFTW wisdom of every size planned
  fftw_forget_wisdom();
  writeAll(file_, plain);
  const FftwWisdomCounts c0 = fftwWisdomCounts();
  plan(20);
  EXPECT_EQ(fftwWisdomCounts().transformsMeasured - c0.transformsMeasured, 1u);   // treated as absent
  EXPECT_EQ(signatures(readAll(file_)), std::vector<std::string>{"r2c 20x20 threads 1 measure"});

  for (const std::string& foreign : {std::string("precious\n"), std::string()}) {
    writeAll(file_, foreign);
    fftw_forget_wisdom();
    plan(18);
    EXPECT_EQ(readAll(file_), foreign);
  }
}

TEST_F(FftwWisdomFile, PinnedWisdomAloneGovernsThePlans) {
  plan(20);
  const std::string w20 = block(readAll(file_), "r2c 20x20 threads 1 measure");
  plan(18);   // in the file, but not in the pinned wisdom
  fftw_forget_wisdom();
  const FftwWisdomCounts c0 = fftwWisdomCounts();
  {
    PinnedFftwWisdom pin(w20);
    plan(20);
    EXPECT_THROW(plan(18), InputError);
    EXPECT_THROW(plan(20, 2), InputError);
  }
  const FftwWisdomCounts c1 = fftwWisdomCounts();
  EXPECT_EQ(c1.blocksImported, c0.blocksImported);   // the file is not read while pinned
  EXPECT_EQ(c1.transformsMeasured, c0.transformsMeasured);
  EXPECT_THROW(pinFftwWisdom("not wisdom"), InputError);
}

// The process's wisdom (what a checkpoint records) reproduces every plan the process made: transforms made
// again from it alone (pinned, FFTW_WISDOM_ONLY) give bit-identical results, for an r2c and a c2c transform
// of one size measured in turn and one imported from the file after them (shared sub-transforms).
TEST_F(FftwWisdomFile, TheProcessWisdomReproducesEveryPlan) {
  plan(24);   // in the file for the third transform below
  fftw_forget_wisdom();
  const Grid g24(2, 24, 10.0), g36(2, 36, 10.0);
  auto outputs = [&] {
    std::vector<std::vector<std::complex<double>>> out;
    for (const Grid* g : {&g36, &g24}) {
      FourierTransform f(*g, 1, true);
      Field u(g->shape());
      ComplexField c(g->shape()), chat;
      for (size_t i = 0; i < g->size(); ++i) {
        u[i] = std::sin(0.37 * static_cast<double>(i)) + 0.1 * static_cast<double>(i % 7);
        c[i] = {u[i], std::cos(0.11 * static_cast<double>(i))};
      }
      std::vector<std::complex<double>> uhat;
      f.forward(u, uhat);
      f.forward(c, chat);
      out.push_back(uhat);
      out.emplace_back(chat.data(), chat.data() + chat.size());
    }
    return out;
  };
  const auto first = outputs();   // 36: r2c and c2c measured; 24: r2c from its block, c2c measured
  const std::string table = held();
  fftw_forget_wisdom();
  PinnedFftwWisdom pin(table);
  const auto again = outputs();
  ASSERT_EQ(first.size(), again.size());
  for (size_t k = 0; k < first.size(); ++k) EXPECT_TRUE(first[k] == again[k]) << "transform " << k;
}
