#pragma once
// The parts of the Python module, one per area (module.cpp calls them in order).
#include "convert.hpp"

#include <cbec/io/errors.hpp>

namespace cbec::python {

void bindModel(py::module_& m);
void bindSoliton(py::module_& m);
void bindDrivers(py::module_& m);

}  // namespace cbec::python
