#pragma once
// The parts of the Python module, one per area (module.cpp calls them in order).
#include "convert.hpp"

#include <cbec/config/config_table.hpp>
#include <cbec/drivers/session.hpp>
#include <cbec/io/errors.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cbec::python {

void bindModel(py::module_& m);
void bindSoliton(py::module_& m);
void bindDrivers(py::module_& m);
void bindDynamics(py::module_& m);
void bindBases(py::module_& m);
void bindFock(py::module_& m);
void bindFockHamiltonian(py::module_& m);

/// A dict (the TOML tables) or the path of a TOML file (str or os.PathLike), as a ConfigTable.
ConfigTable configTable(py::handle config);
/// RunOptions of a call: output directory (none: no files), FFTW/row-block threads, progress line.
drivers::RunOptions runOptions(const std::optional<std::filesystem::path>& out, int threads, bool progress);
/// Each warning through warnings.warn(RuntimeWarning).
void emitWarnings(const std::vector<std::string>& warnings);

}  // namespace cbec::python
