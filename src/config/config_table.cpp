#include <cbec/config/config_table.hpp>

#include <nlohmann/json.hpp>
#include <toml++/toml.h>
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>

namespace cbec {

bool Range::contains(double x) const {
  if (!std::isfinite(x)) return false;
  if (lo && (lo_open ? !(x > *lo) : !(x >= *lo))) return false;
  if (hi && (hi_open ? !(x < *hi) : !(x <= *hi))) return false;
  return true;
}

std::string Range::describe() const {
  std::string l = lo ? fmt::format("{}{}", lo_open ? "(" : "[", *lo) : std::string("(-inf");
  std::string h = hi ? fmt::format("{}{}", *hi, hi_open ? ")" : "]") : std::string("inf)");
  return l + ", " + h;
}

ConfigTable::ConfigTable(std::shared_ptr<void> owner, const toml::table* t, std::string prefix)
    : owner_(std::move(owner)), table_(t), prefix_(std::move(prefix)) {}
ConfigTable::ConfigTable(ConfigTable&&) noexcept = default;
ConfigTable& ConfigTable::operator=(ConfigTable&&) noexcept = default;
ConfigTable::~ConfigTable() = default;

ConfigTable ConfigTable::parseString(const std::string& text, const std::string& source) {
  try {
    auto tbl = std::make_shared<toml::table>(toml::parse(text, source));
    const toml::table* raw = tbl.get();
    return ConfigTable(std::static_pointer_cast<void>(tbl), raw, "");
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    throw InputError(fmt::format("{}:{}:{}: TOML syntax error: {}", source, b.line, b.column,
                                 e.description()));
  }
}

namespace {
toml::table tomlTable(const nlohmann::json& j, const std::string& path);
toml::array tomlArray(const nlohmann::json& j, const std::string& path);

/// Calls `put(value)` with the TOML value of a JSON scalar, array or object at `path`.
template <class Put>
void convert(const nlohmann::json& j, const std::string& path, Put&& put) {
  using J = nlohmann::json::value_t;
  switch (j.type()) {
    case J::object: put(tomlTable(j, path)); return;
    case J::array: put(tomlArray(j, path)); return;
    case J::boolean: put(j.get<bool>()); return;
    case J::number_integer: put(j.get<int64_t>()); return;
    case J::number_unsigned:
      if (j.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
        throw InputError(fmt::format("{}: integer too large", path));
      put(static_cast<int64_t>(j.get<std::uint64_t>()));
      return;
    case J::number_float: put(j.get<double>()); return;
    case J::string: put(j.get<std::string>()); return;
    default: throw InputError(fmt::format("{}: must be a number, string, boolean, array or table", path));
  }
}

toml::table tomlTable(const nlohmann::json& j, const std::string& path) {
  toml::table t;
  for (auto it = j.begin(); it != j.end(); ++it)
    convert(it.value(), path.empty() ? it.key() : path + "." + it.key(),
            [&](auto&& v) { t.insert(it.key(), std::forward<decltype(v)>(v)); });
  return t;
}

toml::array tomlArray(const nlohmann::json& j, const std::string& path) {
  toml::array a;
  for (size_t i = 0; i < j.size(); ++i)
    convert(j[i], fmt::format("{}[{}]", path, i), [&](auto&& v) { a.push_back(std::forward<decltype(v)>(v)); });
  return a;
}
}  // namespace

ConfigTable ConfigTable::fromJson(const nlohmann::json& object, const std::string& source) {
  if (!object.is_object()) throw InputError(fmt::format("{}: the configuration must be a table (a dict)", source));
  auto tbl = std::make_shared<toml::table>(tomlTable(object, ""));
  const toml::table* raw = tbl.get();
  return ConfigTable(std::static_pointer_cast<void>(tbl), raw, "");
}

ConfigTable ConfigTable::parseFile(const std::filesystem::path& path) {
  return parseString(readConfigText(path), path.string());
}

std::string readConfigText(const std::filesystem::path& path, std::size_t max_bytes) {
  namespace fs = std::filesystem;
  const std::string name = path.string();
  if (name.empty()) throw InputError("configuration file: the path is empty");
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st))
    throw InputError(fmt::format("{}: configuration file not found", name));
  if (fs::is_directory(st)) throw InputError(fmt::format("{}: is a directory, not a configuration file", name));
  // Regular files are refused by size before reading; anything else (/dev/zero, a pipe) is read up
  // to the limit and refused when it goes beyond.
  if (fs::is_regular_file(st)) {
    const auto size = fs::file_size(path, ec);
    if (!ec && size > max_bytes)
      throw InputError(fmt::format("{}: configuration file is {} bytes, more than the limit of {} bytes", name,
                                   size, max_bytes));
  }
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    throw InputError(fmt::format("{}: cannot open configuration file: {}", name,
                                 err ? std::strerror(err) : "unreadable"));
  }
  std::string text;
  std::vector<char> buf(64 * 1024);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    text.append(buf.data(), static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_bytes)
      throw InputError(fmt::format("{}: configuration file exceeds the limit of {} bytes", name, max_bytes));
  }
  if (in.bad()) throw InputError(fmt::format("{}: read error", name));
  if (text.find('\0') != std::string::npos)
    throw InputError(fmt::format("{}: not a text file (contains NUL bytes)", name));
  return text;
}

std::string ConfigTable::path(const std::string& key) const {
  return prefix_.empty() ? key : prefix_ + "." + key;
}

void ConfigTable::fail(const std::string& key, const std::string& what) const {
  throw InputError(fmt::format("{}: {}", path(key), what));
}

void ConfigTable::checkNumber(const std::string& key, double v, const Range& range) const {
  if (!std::isfinite(v)) fail(key, fmt::format("must be a finite number, got {}", v));
  if (!range.contains(v)) fail(key, fmt::format("must lie in {}, got {}", range.describe(), v));
}

bool ConfigTable::has(const std::string& key) const { return table_ && table_->contains(key); }

namespace {
const toml::node* lookup(const toml::table* t, const std::string& key) {
  return t ? t->get(key) : nullptr;
}
std::optional<double> asDouble(const toml::node& n) {
  if (auto v = n.value_exact<double>()) return *v;
  if (auto v = n.value_exact<int64_t>()) return static_cast<double>(*v);
  return std::nullopt;
}
}  // namespace

double ConfigTable::number(const std::string& key, std::optional<double> fallback, Range range) {
  used_.insert(key);
  const toml::node* n = lookup(table_, key);
  if (!n) {
    if (!fallback) fail(key, "required number is missing");
    return *fallback;
  }
  auto v = asDouble(*n);
  if (!v) fail(key, "must be a number");
  checkNumber(key, *v, range);
  return *v;
}

long long ConfigTable::integer(const std::string& key, std::optional<long long> fallback,
                               Range range) {
  used_.insert(key);
  const toml::node* n = lookup(table_, key);
  if (!n) {
    if (!fallback) fail(key, "required integer is missing");
    return *fallback;
  }
  auto v = n->value_exact<int64_t>();
  if (!v) fail(key, "must be an integer");
  if (!range.contains(static_cast<double>(*v)))
    fail(key, fmt::format("must lie in {}, got {}", range.describe(), *v));
  return *v;
}

bool ConfigTable::boolean(const std::string& key, std::optional<bool> fallback) {
  used_.insert(key);
  const toml::node* n = lookup(table_, key);
  if (!n) {
    if (!fallback) fail(key, "required boolean is missing");
    return *fallback;
  }
  auto v = n->value_exact<bool>();
  if (!v) fail(key, "must be true or false");
  return *v;
}

std::string ConfigTable::string(const std::string& key, std::optional<std::string> fallback,
                                const std::vector<std::string>& allowed) {
  used_.insert(key);
  const toml::node* n = lookup(table_, key);
  std::string v;
  if (!n) {
    if (!fallback) fail(key, "required string is missing");
    v = *fallback;
  } else {
    auto s = n->value_exact<std::string>();
    if (!s) fail(key, "must be a string");
    v = *s;
  }
  if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), v) == allowed.end())
    fail(key, fmt::format("must be one of \"{}\", got \"{}\"", fmt::join(allowed, "\", \""), v));
  return v;
}

std::vector<double> ConfigTable::numbers(const std::string& key,
                                         std::optional<std::vector<double>> fallback, Range range) {
  used_.insert(key);
  const toml::node* n = lookup(table_, key);
  if (!n) {
    if (!fallback) fail(key, "required array of numbers is missing");
    return *fallback;
  }
  const toml::array* arr = n->as_array();
  if (!arr) fail(key, "must be an array of numbers");
  std::vector<double> out;
  for (size_t i = 0; i < arr->size(); ++i) {
    auto v = asDouble(*arr->get(i));
    std::string item = fmt::format("{}[{}]", key, i);
    if (!v) fail(item, "must be a number");
    checkNumber(item, *v, range);
    out.push_back(*v);
  }
  return out;
}

ConfigTable ConfigTable::table(const std::string& key, bool required) {
  used_.insert(key);
  const toml::node* n = lookup(table_, key);
  if (!n) {
    if (required) fail(key, "required table is missing");
    return ConfigTable(owner_, nullptr, path(key));
  }
  const toml::table* t = n->as_table();
  if (!t) fail(key, "must be a table");
  return ConfigTable(owner_, t, path(key));
}

std::vector<ConfigTable> ConfigTable::tables(const std::string& key, bool required) {
  used_.insert(key);
  std::vector<ConfigTable> out;
  const toml::node* n = lookup(table_, key);
  if (!n) {
    if (required) fail(key, "required array of tables is missing");
    return out;
  }
  const toml::array* arr = n->as_array();
  if (!arr) fail(key, "must be an array of tables ([[" + key + "]])");
  for (size_t i = 0; i < arr->size(); ++i) {
    const toml::table* t = arr->get(i)->as_table();
    if (!t) fail(fmt::format("{}[{}]", key, i), "must be a table");
    out.push_back(ConfigTable(owner_, t, fmt::format("{}[{}]", path(key), i)));
  }
  return out;
}

void ConfigTable::finish() const {
  if (!table_) return;
  std::vector<std::string> unknown;
  for (const auto& [k, v] : *table_)
    if (!used_.count(std::string(k.str()))) unknown.push_back(path(std::string(k.str())));
  if (!unknown.empty())
    throw InputError(fmt::format("unknown configuration key{}: {}", unknown.size() > 1 ? "s" : "",
                                 fmt::join(unknown, ", ")));
}

}  // namespace cbec
