#pragma once
// Conversions between Python objects and the library's JSON / field types.
#include <cbec/discretisation/grid.hpp>
#include <cbec/io/output.hpp>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace cbec::python {

namespace py = pybind11;

/// A configuration given as Python dicts/lists/scalars (numpy scalars and arrays included) as JSON;
/// None, non-finite numbers and other types are InputError naming the key path ("model.beta").
nlohmann::json toJson(py::handle object, const std::string& path = "");

/// A JSON result as Python dicts, lists and floats (exactly what summary.json holds).
py::object toPython(const Json& j);

/// A field on `grid` as a numpy array of shape (n,)*d (row-major, last coordinate fastest).
py::array_t<double> fieldArray(const Grid& grid, const Field& f);
/// The grid's axes as a list of d numpy arrays.
py::list gridAxes(const Grid& grid);

}  // namespace cbec::python
