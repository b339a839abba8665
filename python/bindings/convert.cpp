#include "convert.hpp"

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <limits>

namespace cbec::python {

namespace {
std::string child(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }
}  // namespace

nlohmann::json toJson(py::handle o, const std::string& path) {
  const std::string where = path.empty() ? "configuration" : path;
  if (o.is_none()) throw InputError(fmt::format("{}: must not be None", where));
  if (py::isinstance<py::bool_>(o)) return o.cast<bool>();
  if (py::isinstance<py::str>(o)) return o.cast<std::string>();
  if (py::isinstance<py::dict>(o)) {
    nlohmann::json j = nlohmann::json::object();
    for (auto [k, v] : o.cast<py::dict>()) {
      if (!py::isinstance<py::str>(k)) throw InputError(fmt::format("{}: keys must be strings", where));
      const std::string key = k.cast<std::string>();
      j[key] = toJson(v, child(path, key));
    }
    return j;
  }
  if (py::isinstance<py::int_>(o) || (py::hasattr(o, "__index__") && !py::isinstance<py::float_>(o) &&
                                      !py::isinstance<py::array>(o)))
    return o.attr("__index__")().cast<long long>();
  if (py::isinstance<py::float_>(o) || py::hasattr(o, "__float__")) {
    if (!py::isinstance<py::array>(o) || py::cast<py::array>(o).ndim() == 0) {
      const double v = py::reinterpret_borrow<py::object>(o).attr("__float__")().cast<double>();
      if (!std::isfinite(v)) throw InputError(fmt::format("{}: must be finite, got {}", where, v));
      return v;
    }
  }
  if (py::isinstance<py::sequence>(o) || py::isinstance<py::array>(o) || py::hasattr(o, "__iter__")) {
    nlohmann::json j = nlohmann::json::array();
    size_t i = 0;
    for (py::handle v : o) j.push_back(toJson(v, fmt::format("{}[{}]", path, i++)));
    return j;
  }
  throw InputError(fmt::format("{}: unsupported value of type {}", where,
                               py::str(o.get_type().attr("__name__")).cast<std::string>()));
}

py::object toPython(const Json& j) {
  return py::module_::import("json").attr("loads")(dumpJson(j, -1));
}

namespace {

/// Appends the shape of `j` if it is a non-empty rectangular array of numbers/nulls; `integral` is
/// cleared by any non-integer entry.
bool numericShape(const Json& j, std::vector<py::ssize_t>& shape, bool& integral) {
  if (!j.is_array() || j.empty()) return false;
  shape.push_back(static_cast<py::ssize_t>(j.size()));
  if (j.front().is_array()) {
    std::vector<py::ssize_t> first;
    for (const Json& e : j) {
      std::vector<py::ssize_t> sub;
      if (!numericShape(e, sub, integral)) return false;
      if (first.empty()) first = sub;
      else if (sub != first) return false;
    }
    shape.insert(shape.end(), first.begin(), first.end());
    return true;
  }
  for (const Json& e : j) {
    if (e.is_null()) integral = false;
    else if (!e.is_number()) return false;
    else if (!e.is_number_integer()) integral = false;
  }
  return true;
}

template <class T>
void flatten(const Json& j, T*& out) {
  if (j.is_array()) {
    for (const Json& e : j) flatten(e, out);
    return;
  }
  *out++ = j.is_null() ? std::numeric_limits<T>::quiet_NaN() : j.get<T>();
}

template <class T>
py::array numericArray(const Json& j, const std::vector<py::ssize_t>& shape) {
  py::array_t<T> a(shape);
  T* out = a.mutable_data();
  flatten(j, out);
  return a;
}

}  // namespace

py::object toPythonArrays(const Json& j) {
  if (j.is_object()) {
    py::dict d;
    for (const auto& [key, value] : j.items()) d[py::str(key)] = toPythonArrays(value);
    return d;
  }
  if (j.is_array()) {
    std::vector<py::ssize_t> shape;
    bool integral = true;
    if (numericShape(j, shape, integral))
      return integral ? numericArray<std::int64_t>(j, shape) : numericArray<double>(j, shape);
    py::list l;
    for (const Json& e : j) l.append(toPythonArrays(e));
    return l;
  }
  if (j.is_null()) return py::none();
  if (j.is_boolean()) return py::bool_(j.get<bool>());
  if (j.is_number_integer()) return py::int_(j.get<long long>());
  if (j.is_number()) return py::float_(j.get<double>());
  return py::str(j.get<std::string>());
}

py::array_t<double> fieldArray(const Grid& grid, const Field& f) {
  std::vector<py::ssize_t> shape(grid.dimension(), grid.points());
  py::array_t<double> a(shape);
  std::copy(f.begin(), f.end(), a.mutable_data());
  return a;
}

py::array_t<std::complex<double>> complexFieldArray(const Grid& grid, const ComplexField& f) {
  std::vector<py::ssize_t> shape(grid.dimension(), grid.points());
  py::array_t<std::complex<double>> a(shape);
  std::copy(f.begin(), f.end(), a.mutable_data());
  return a;
}

py::list gridAxes(const Grid& grid) {
  py::list axes;
  for (int i = 0; i < grid.dimension(); ++i) {
    const std::vector<double> x = grid.axis(i);
    axes.append(py::array_t<double>(static_cast<py::ssize_t>(x.size()), x.data()));
  }
  return axes;
}

}  // namespace cbec::python
