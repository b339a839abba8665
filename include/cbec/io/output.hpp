#pragma once
/// @file output.hpp
/// Writers. Every file is written atomically: to "NAME.tmp-PID" in the same directory, then
/// renamed over NAME, so a reader never sees a half-written file and a failed run leaves none
/// (the temporary is registered with signal_cleanup.hpp, so Ctrl-C leaves none either).
/// A set of files that belong together (summary.json + state.h5, summary.json + scan.csv + figures)
/// is written with OutputSet, so that a failed run leaves the earlier set whole.
/// Failures name the file and give the system's reason on one line (HDF5's own error stack printing
/// is switched off and its innermost message folded into that line).
///
/// JSON doubles are printed with round-trip precision (nlohmann's shortest representation that
/// parses back to the same double); non-finite numbers are refused rather than written as null.
#include <cbec/io/errors.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace cbec {

using Json = nlohmann::ordered_json;

/// Calls `write(tmp)` with a temporary path beside `target`, then renames tmp -> target.
/// On exception the temporary is removed and the exception propagates.
void writeAtomically(const std::filesystem::path& target,
                     const std::function<void(const std::filesystem::path& tmp)>& write);

/// Write text (e.g. CSV) atomically.
void writeTextFile(const std::filesystem::path& target, const std::string& text);

/// Throws NumericalError naming the first non-finite number found in `j` (path like "mu[1]").
void requireFinite(const Json& j, const std::string& where = "");

/// Serialise with full precision; throws on NaN/Inf.
std::string dumpJson(const Json& j, int indent = 2);
void writeJsonFile(const std::filesystem::path& target, const Json& j);

/// Create `dir` (and parents) if missing; InputError naming "--out DIR" if the name is empty, it
/// exists and is not a directory, or it cannot be created or written.
void ensureOutputDirectory(const std::filesystem::path& dir);

/// A result set written as a whole into DIR.
///
/// The constructor (called before the computation, so a bad --out fails at once) makes DIR and a
/// staging directory DIR/.cbec-staging-PID inside it, guarded against signals. Writers put their
/// files at staged(NAME); commit() then moves each into DIR with one rename (summary.json last, so a
/// reader that sees the new summary sees the whole new set) and removes the staging directory.
/// Without commit (an exception, a failed solve) the destructor removes the staging directory and
/// DIR keeps its earlier files untouched.
///
/// @code
///   cbec::OutputSet out(dir);                  // fails fast on an unwritable DIR
///   ... compute ...
///   writeJsonFile(out.staged("summary.json"), j);
///   out.commit();
/// @endcode
class OutputSet {
 public:
  explicit OutputSet(std::filesystem::path dir);
  ~OutputSet();
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;

  const std::filesystem::path& directory() const { return dir_; }
  /// Where a writer puts NAME before commit (a file in the staging directory).
  std::filesystem::path staged(const std::string& name) const;
  /// A subdirectory NAME of the set (e.g. "snapshots"), created in the staging directory; commit
  /// replaces DIR/NAME by it as a whole (the earlier DIR/NAME is moved aside, then removed).
  std::filesystem::path stagedDirectory(const std::string& name) const;
  const std::filesystem::path& stagingDirectory() const { return staging_; }
  /// Names that belong to this command's sets but not always (sweep.csv, snapshots/): one that is
  /// not staged by commit time is removed from DIR by commit, so no file of an earlier set is left
  /// beside the new summary.
  void mayContain(std::vector<std::string> names) { optional_ = std::move(names); }
  /// Moves every staged file and subdirectory into DIR (summary.json last) and removes the staging
  /// directory. All or nothing: a name whose DIR entry is of the other kind (a directory where a file
  /// goes) is refused before anything moves, and a rename failing part way restores every name already
  /// moved (the earlier entries are kept aside in DIR/.cbec-staging-PID-old until the set is in), so DIR
  /// holds the whole new set or the earlier one.
  void commit();

 private:
  std::filesystem::path dir_, staging_;
  std::vector<std::string> optional_;
  struct Guard;
  std::unique_ptr<Guard> guard_;
  bool committed_ = false;
};

/// One real field on a grid, for HDF5 output.
struct FieldDataset {
  std::string name;                 ///< dataset path, e.g. "species/A"
  std::vector<size_t> shape;        ///< row-major, slowest index first
  const double* data = nullptr;
};
struct AxisDataset {
  std::string name;                 ///< e.g. "grid/x"
  std::vector<double> values;
};
/// Write axes, fields and scalar attributes (stored on the root group) into one HDF5 file.
void writeHdf5(const std::filesystem::path& target, const std::vector<AxisDataset>& axes,
               const std::vector<FieldDataset>& fields,
               const std::vector<std::pair<std::string, double>>& attributes = {});

}  // namespace cbec
