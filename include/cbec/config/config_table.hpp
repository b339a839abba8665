#pragma once
/// @file config_table.hpp
/// Strict reading of TOML configurations.
///
/// Every key that is read is recorded; `ConfigTable::finish()` then rejects any key that was not
/// read, so a misspelt key ("fracton = 0.5") is an error naming it instead of a silent default.
/// Range checks name the full key path ("species[1].fraction").
///
/// Example:
/// @code
///   auto root = cbec::ConfigTable::parseFile("run.toml");
///   auto model = root.table("model");
///   int d = model.integer("dimension", 2, {1, 3});   // default 2, must lie in [1, 3]
///   model.finish();                                     // unknown keys in [model] -> InputError
/// @endcode
#include <cbec/io/errors.hpp>

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace toml { inline namespace v3 { class table; } }

namespace cbec {

/// A closed or half-open interval used to validate numeric values; bounds are optional.
struct Range {
  std::optional<double> lo, hi;
  bool lo_open = false, hi_open = false;
  static Range positive() { return {0.0, std::nullopt, true, false}; }
  static Range nonNegative() { return {0.0, std::nullopt, false, false}; }
  static Range any() { return {}; }
  bool contains(double x) const;
  std::string describe() const;
};

/// Largest configuration file read (1 MiB): configurations are a few hundred bytes, so anything
/// larger is a mistake (a state file, /dev/zero) and is refused before it is read into memory.
inline constexpr std::size_t kMaxConfigBytes = 1u << 20;

/// The text of a configuration file. InputError naming the path when it is missing, a directory,
/// unreadable (with the system's reason), larger than `max_bytes`, or not text.
std::string readConfigText(const std::filesystem::path& path, std::size_t max_bytes = kMaxConfigBytes);

class ConfigTable {
 public:
  /// Parse a file; syntax errors become InputError with file, line and column.
  static ConfigTable parseFile(const std::filesystem::path& path);
  static ConfigTable parseString(const std::string& text, const std::string& source = "<string>");
  /// The same tables given as a JSON object (e.g. a Python dict): objects are tables, arrays of
  /// objects are arrays of tables, integers stay integers; null is refused (naming its key path).
  static ConfigTable fromJson(const nlohmann::json& object, const std::string& source = "<dict>");

  ConfigTable(ConfigTable&&) noexcept;
  ConfigTable& operator=(ConfigTable&&) noexcept;
  ~ConfigTable();

  bool has(const std::string& key) const;
  double number(const std::string& key, std::optional<double> fallback = std::nullopt,
                Range range = Range::any());
  long long integer(const std::string& key, std::optional<long long> fallback = std::nullopt,
                    Range range = Range::any());
  bool boolean(const std::string& key, std::optional<bool> fallback = std::nullopt);
  std::string string(const std::string& key, std::optional<std::string> fallback = std::nullopt,
                     const std::vector<std::string>& allowed = {});
  std::vector<double> numbers(const std::string& key,
                              std::optional<std::vector<double>> fallback = std::nullopt,
                              Range range = Range::any());
  /// A sub-table; an absent optional table reads as empty.
  ConfigTable table(const std::string& key, bool required = false);
  /// An array of tables ([[species]]).
  std::vector<ConfigTable> tables(const std::string& key, bool required = false);

  /// Throws InputError naming every key in this table that was never read.
  void finish() const;
  /// Full dotted path of a key in this table, for error messages.
  std::string path(const std::string& key) const;
  [[noreturn]] void fail(const std::string& key, const std::string& what) const;

 private:
  /// Non-finite values are refused by name, even where the range is unbounded.
  void checkNumber(const std::string& key, double v, const Range& range) const;
  ConfigTable(std::shared_ptr<void> owner, const toml::table* t, std::string prefix);
  std::shared_ptr<void> owner_;
  const toml::table* table_;
  std::string prefix_;
  std::set<std::string> used_;
};

}  // namespace cbec
