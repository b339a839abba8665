#pragma once
/// @file state_file.hpp
/// Fields on a grid on disk, the state.h5 of ground states and the checkpoints and snapshots of flows
/// (HDF5, written atomically by cbec::writeHdf5):
///   grid/x, grid/y, grid/z   axes (d of them, n values each)
///   species/<name>           u_s, shape n^d row-major (last coordinate fastest)
///   root attributes          energy, box, points, dimension, centre_0.. (and any extra given)
/// readState() is the inverse, for warm starts (`[solver] warm_start = "run/state.h5"`).
#include <cbec/discretisation/field.hpp>
#include <cbec/discretisation/grid.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace cbec {

void writeState(const std::filesystem::path& target, const Grid& grid, const std::vector<std::string>& names,
                const State& u, std::vector<std::pair<std::string, double>> attributes = {});

struct StoredState {
  Grid grid;
  State u;
  std::map<std::string, double> attributes;   ///< the root's numeric attributes (energy, t, ...)
};
/// Reads the grid and the fields named `names`; InputError if the file or a dataset is missing.
StoredState readState(const std::filesystem::path& path, const std::vector<std::string>& names);

}  // namespace cbec
