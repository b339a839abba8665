// The FFTW wisdom file (one block per transform, fftw_wisdom.hpp) and the measured planning that uses it
// (fftw_planner.hpp).
#include <cbec/discretisation/fftw_wisdom.hpp>

#include "fftw_planner.hpp"

#include <cbec/io/errors.hpp>
#include <cbec/io/output.hpp>

#include <fftw3.h>
#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <string_view>
#include <vector>

namespace cbec {
namespace {
std::mutex& wisdomMutex() {
  static std::mutex m;
  return m;
}
std::filesystem::path& wisdomFile() {
  static std::filesystem::path p;
  return p;
}
std::string& pinnedWisdom() {   // guarded by fftw::plannerMutex()
  static std::string w;
  return w;
}
/// The wisdom imported into FFTW's table since it last held all of it in one export, in order (to rebuild
/// the table without a damaged block). Guarded by fftw::plannerMutex().
std::vector<std::string>& tableImports() {
  static std::vector<std::string> w;
  return w;
}
FftwWisdomCounts& counts() {    // guarded by fftw::plannerMutex()
  static FftwWisdomCounts c;
  return c;
}

constexpr std::string_view kHeader = "cbec-fftw-wisdom 1\n";
constexpr std::string_view kBlockMark = "\n== ";   // a block's signature line follows a line break

/// The wisdom file's text when it may be used: "" for an absent file or an older plain FFTW wisdom file
/// (treated as absent, replaced by the first measurement), the text for a file in the block format;
/// nullopt for anything else (a directory, a device, an empty or foreign file: never read further, never
/// overwritten).
std::optional<std::string> readWisdomFile(const std::filesystem::path& path) {
  std::error_code ec;
  const auto st = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(st)) return std::string();
  if (!std::filesystem::is_regular_file(st)) return std::nullopt;
  // read in one call (an istreambuf_iterator copy costs ~1 ms per MB, paid for every transform planned)
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  const std::streamoff size = in ? static_cast<std::streamoff>(in.tellg()) : -1;
  std::string text(size > 0 ? static_cast<size_t>(size) : 0, '\0');
  if (size > 0 && !(in.seekg(0) && in.read(text.data(), size))) text.clear();
  if (text.starts_with(kHeader)) return text;
  if (text.starts_with("(fftw-3")) return std::string();
  return std::nullopt;
}

/// [start, end) of the block `signature` in `text` (the signature line included), or nullopt.
std::optional<std::pair<size_t, size_t>> findBlock(std::string_view text, const std::string& signature) {
  const std::string line = std::string(kBlockMark) + signature + "\n";
  const size_t start = text.find(line, kHeader.size() - 1);
  if (start == std::string_view::npos) return std::nullopt;
  const size_t next = text.find(kBlockMark, start + line.size() - 1);
  return std::make_pair(start + 1, next == std::string_view::npos ? text.size() : next + 1);
}

/// The wisdom of block `signature` (the text after its signature line), or "".
std::string blockWisdom(std::string_view text, const std::string& signature) {
  const auto b = findBlock(text, signature);
  if (!b) return std::string();
  const size_t body = b->first + kBlockMark.size() - 1 + signature.size() + 1;
  return std::string(text.substr(body, b->second - body));
}

/// `text` (the file's, "" if none) with block `signature` holding `wisdom` (added, or replacing the old).
std::string withBlock(std::string text, const std::string& signature, const std::string& wisdom) {
  if (text.empty()) text = kHeader;
  if (const auto b = findBlock(text, signature)) text.erase(b->first, b->second - b->first);
  if (!text.ends_with('\n')) text += '\n';
  text += fmt::format("== {}\n{}", signature, wisdom);
  if (!text.ends_with('\n')) text += '\n';
  return text;
}

std::string exportWisdom() {
  char* w = fftw_export_wisdom_to_string();
  std::string out = w ? w : "";
  std::free(w);
  return out;
}

/// Adds the transform's block to the wisdom file, read again just before (another process may have added
/// blocks since), and replaces the file atomically. A cache: failure to write it is not an error.
void storeBlock(const std::filesystem::path& path, const std::string& signature, const std::string& wisdom) {
  if (path.empty() || wisdom.empty()) return;
  const auto text = readWisdomFile(path);
  if (!text) return;
  try {
    std::filesystem::create_directories(path.parent_path());
    writeTextFile(path, withBlock(*text, signature, wisdom));
    ++counts().fileWrites;
  } catch (const std::exception&) {
  }
}
}  // namespace

void setFftwWisdomFile(const std::filesystem::path& file) {
  std::lock_guard<std::mutex> lock(wisdomMutex());
  wisdomFile() = file;
}

std::filesystem::path fftwWisdomFile() {
  std::lock_guard<std::mutex> lock(wisdomMutex());
  return wisdomFile();
}

FftwWisdomCounts fftwWisdomCounts() {
  std::lock_guard<std::mutex> lock(fftw::plannerMutex());
  return counts();
}

std::string exportFftwWisdom() {
  std::lock_guard<std::mutex> lock(fftw::plannerMutex());
  return exportWisdom();
}

void pinFftwWisdom(const std::string& wisdom) {
  fftw::initThreadsOnce();
  std::lock_guard<std::mutex> lock(fftw::plannerMutex());
  if (!wisdom.empty() && !fftw_import_wisdom_from_string(wisdom.c_str()))
    throw InputError("FFTW: the wisdom to pin is not FFTW wisdom");
  if (!wisdom.empty()) tableImports().push_back(wisdom);
  pinnedWisdom() = wisdom;
}

namespace fftw {

std::mutex& plannerMutex() {
  static std::mutex m;
  return m;
}

void initThreadsOnce() {
  static std::once_flag flag;
  std::call_once(flag, [] { fftw_init_threads(); });
}

std::string Transform::signature() const {
  std::string s = kind;
  for (size_t i = 0; i < dims.size(); ++i) s += fmt::format("{}{}", i ? 'x' : ' ', dims[i]);
  return s + fmt::format(" threads {} measure", threads);
}

bool wisdomPinned() { return !pinnedWisdom().empty(); }

bool planMeasured(const Transform& t, const std::function<bool(unsigned)>& plan) {
  constexpr unsigned kFromWisdom = FFTW_MEASURE | FFTW_WISDOM_ONLY;
  if (wisdomPinned()) {   // the pinned wisdom alone (imported again: it overrides any other entries)
    fftw_import_wisdom_from_string(pinnedWisdom().c_str());
    return plan(kFromWisdom);
  }
  if (plan(kFromWisdom)) return true;   // planned before in this process
  const std::filesystem::path path = fftwWisdomFile();
  const std::string signature = t.signature();
  const auto text = path.empty() ? std::optional<std::string>() : readWisdomFile(path);
  const std::string block = text ? blockWisdom(*text, signature) : std::string();
  if (!block.empty() && fftw_import_wisdom_from_string(block.c_str())) {
    ++counts().blocksImported;
    if (plan(kFromWisdom)) {
      tableImports().push_back(block);
      return true;
    }
    // a damaged block (wisdom that does not yield the plans): the process's wisdom rebuilt without it
    fftw_forget_wisdom();
    for (const std::string& w : tableImports()) fftw_import_wisdom_from_string(w.c_str());
  }
  // measured on top of the process's wisdom (sub-transforms it holds keep the entries earlier plans used:
  // one consistent table, which a checkpoint records); the block is that table
  const bool made = plan(FFTW_MEASURE);
  ++counts().transformsMeasured;
  if (!made) return false;
  std::string own = exportWisdom();
  tableImports() = {own};
  if (text) storeBlock(path, signature, own);
  return true;
}

}  // namespace fftw
}  // namespace cbec
