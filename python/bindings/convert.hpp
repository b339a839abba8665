#pragma once
// Conversions between Python objects and the library's JSON / field types.
#include <cbec/discretisation/grid.hpp>
#include <cbec/io/output.hpp>

#include <pybind11/complex.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <nlohmann/json.hpp>

#include <complex>
#include <string>
#include <vector>

namespace cbec::python {

namespace py = pybind11;

/// A configuration given as Python dicts/lists/scalars (numpy scalars and arrays included) as JSON;
/// None, non-finite numbers and other types are InputError naming the key path ("model.beta").
nlohmann::json toJson(py::handle object, const std::string& path = "");

/// A JSON result as Python dicts, lists and floats (exactly what summary.json holds).
py::object toPython(const Json& j);

/// A JSON result as Python objects with every numeric array (a non-empty array of numbers, or a
/// rectangular nest of them) as a numpy array: int64 when all entries are integers, else float64 with
/// null (a NaN in summary.json) as NaN. Other arrays stay lists, objects become dicts.
py::object toPythonArrays(const Json& j);

/// A field on `grid` as a numpy array of shape (n,)*d (row-major, last coordinate fastest).
py::array_t<double> fieldArray(const Grid& grid, const Field& f);
/// A complex field on `grid` as a complex128 numpy array of shape (n,)*d.
py::array_t<std::complex<double>> complexFieldArray(const Grid& grid, const ComplexField& f);
/// The grid's axes as a list of d numpy arrays.
py::list gridAxes(const Grid& grid);

}  // namespace cbec::python
