#include <cbec/discretisation/state_file.hpp>

#include <cbec/io/errors.hpp>
#include <cbec/io/output.hpp>

#include <fmt/format.h>
#include <hdf5.h>

#include <cmath>

namespace cbec {

namespace {
const char* axisName(int i) { return i == 0 ? "grid/x" : i == 1 ? "grid/y" : "grid/z"; }
}  // namespace

void writeState(const std::filesystem::path& target, const Grid& grid, const std::vector<std::string>& names,
                const State& u, std::vector<std::pair<std::string, double>> attributes) {
  std::vector<AxisDataset> axes;
  for (int i = 0; i < grid.dimension(); ++i) axes.push_back({axisName(i), grid.axis(i)});
  std::vector<FieldDataset> fields;
  const std::vector<size_t> shape(grid.dimension(), static_cast<size_t>(grid.points()));
  for (size_t s = 0; s < u.size(); ++s) fields.push_back({"species/" + names[s], shape, u[s].data()});
  attributes.emplace_back("box", grid.box());
  attributes.emplace_back("points", grid.points());
  attributes.emplace_back("dimension", grid.dimension());
  for (int i = 0; i < grid.dimension(); ++i) attributes.emplace_back(fmt::format("centre_{}", i), grid.centre()[i]);
  writeHdf5(target, axes, fields, attributes);
}

namespace {
struct Handle {
  hid_t id;
  herr_t (*close)(hid_t);
  ~Handle() { if (id >= 0) close(id); }
};
std::vector<double> readDataset(hid_t file, const std::string& name, const std::string& path) {
  htri_t ok = H5Lexists(file, name.substr(0, name.find('/')).c_str(), H5P_DEFAULT) > 0
                  ? H5Lexists(file, name.c_str(), H5P_DEFAULT) : 0;
  if (ok <= 0) throw InputError(fmt::format("{}: no dataset \"{}\"", path, name));
  Handle set{H5Dopen2(file, name.c_str(), H5P_DEFAULT), H5Dclose};
  Handle space{H5Dget_space(set.id), H5Sclose};
  const hssize_t n = H5Sget_simple_extent_npoints(space.id);
  std::vector<double> v(static_cast<size_t>(std::max<hssize_t>(n, 0)));
  if (H5Dread(set.id, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) < 0)
    throw InputError(fmt::format("{}: cannot read dataset \"{}\"", path, name));
  return v;
}
/// Numeric root attributes (scalars readable as double).
herr_t collectAttribute(hid_t loc, const char* name, const H5A_info_t*, void* data) {
  Handle a{H5Aopen(loc, name, H5P_DEFAULT), H5Aclose};
  if (a.id < 0) return 0;
  Handle space{H5Aget_space(a.id), H5Sclose};
  double v = 0;
  if (H5Sget_simple_extent_npoints(space.id) == 1 && H5Aread(a.id, H5T_NATIVE_DOUBLE, &v) >= 0)
    (*static_cast<std::map<std::string, double>*>(data))[name] = v;
  return 0;
}
}  // namespace

StoredState readState(const std::filesystem::path& path, const std::vector<std::string>& names) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw InputError(fmt::format("{}: warm-start file not found", path.string()));
  if (std::filesystem::is_directory(path, ec))
    throw InputError(fmt::format("{}: is a directory, not a state file", path.string()));
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  Handle file{H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
  if (file.id < 0) throw InputError(fmt::format("{}: not an HDF5 file", path.string()));
  std::vector<std::vector<double>> axes;
  for (int i = 0; i < 3; ++i) {
    const std::string name = axisName(i);
    if (H5Lexists(file.id, "grid", H5P_DEFAULT) <= 0) throw InputError(fmt::format("{}: no grid", path.string()));
    if (H5Lexists(file.id, name.c_str(), H5P_DEFAULT) <= 0) break;
    axes.push_back(readDataset(file.id, name, path.string()));
  }
  if (axes.empty()) throw InputError(fmt::format("{}: no grid axes", path.string()));
  const int d = static_cast<int>(axes.size());
  const int n = static_cast<int>(axes[0].size());
  if (n < 4) throw InputError(fmt::format("{}: grid too small", path.string()));
  for (const auto& a : axes)
    if (a.size() != axes[0].size()) throw InputError(fmt::format("{}: grid axes of different lengths", path.string()));
  const double h = axes[0][1] - axes[0][0];
  if (!(h > 0) || !std::isfinite(h) || !std::isfinite(axes[0][0]))
    throw InputError(fmt::format("{}: grid/x is not an increasing uniform axis", path.string()));
  std::vector<double> centre;
  for (int i = 0; i < d; ++i) centre.push_back(axes[i][0] + 0.5 * n * h);
  Grid grid(d, n, n * h, centre);
  State u;
  for (const auto& name : names) {
    std::vector<double> f = readDataset(file.id, "species/" + name, path.string());
    if (f.size() != grid.size()) throw InputError(fmt::format("{}: species/{} has the wrong size", path.string(), name));
    for (double v : f)
      if (!std::isfinite(v)) throw InputError(fmt::format("{}: species/{} holds non-finite values", path.string(), name));
    u.emplace_back(std::move(f));
    u.back().reshape(grid.shape());
  }
  std::map<std::string, double> attributes;
  H5Aiterate2(file.id, H5_INDEX_NAME, H5_ITER_NATIVE, nullptr, collectAttribute, &attributes);
  return {grid, u, attributes};
}

}  // namespace cbec
