#pragma once
/// @file output.hpp
/// Writers. Every file is written atomically: to "NAME.tmp-PID" in the same directory, then
/// renamed over NAME, so a reader never sees a half-written file and a failed run leaves none.
///
/// JSON doubles are printed with round-trip precision (nlohmann's shortest representation that
/// parses back to the same double); non-finite numbers are refused rather than written as null.
#include <cbec/io/errors.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
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

/// Create `dir` (and parents) if missing; InputError if it exists and is not a directory.
void ensureOutputDirectory(const std::filesystem::path& dir);

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
