// The Python module cbec._core: C++ exceptions become Python exceptions with the same messages;
// process-wide choices (the FFTW wisdom file) are made here, as in the `cbec` program's main().
#include "bindings.hpp"

#include <cbec/discretisation/fftw_wisdom.hpp>
#include <cbec/drivers/session.hpp>
#include <cbec/version.hpp>

#include <pybind11/stl/filesystem.h>

namespace py = pybind11;

PYBIND11_MODULE(_core, m) {
  m.doc() = "cbec: composite Bose-Einstein condensates (mixtures, blow-up, fragmentation)";
  py::register_exception<cbec::InputError>(m, "InputError", PyExc_ValueError);
  py::register_exception<cbec::UnboundedEnergyError>(m, "UnboundedEnergyError", PyExc_ValueError);
  py::register_exception<cbec::NumericalError>(m, "NumericalError", PyExc_RuntimeError);
  m.attr("__version__") = cbec::versionString();
  cbec::setFftwWisdomFile(cbec::drivers::defaultFftwWisdomFile());
  m.def("set_fftw_wisdom_file", &cbec::setFftwWisdomFile, py::arg("path"),
        "Keep measured FFTW plans in this file (\"\" disables it). Default: $CBEC_FFTW_WISDOM, else "
        "~/.cache/cbec/fftw-wisdom, as for the cbec program.");
  m.def("keep_freed_memory_in_heap", &cbec::drivers::keepFreedMemoryInHeap,
        "glibc mallopt: keep freed field memory in the heap (faster repeated large solves); process-wide.");
  cbec::python::bindModel(m);
  cbec::python::bindSoliton(m);
  cbec::python::bindDrivers(m);
  cbec::python::bindDynamics(m);
  cbec::python::bindBases(m);
  cbec::python::bindFock(m);
  cbec::python::bindFockHamiltonian(m);
}
