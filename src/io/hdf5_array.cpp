// One floating-point HDF5 dataset as an array (hdf5_array.hpp).
#include <cbec/io/hdf5_array.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>
#include <hdf5.h>

#include <vector>

namespace cbec {
namespace {

struct Handle {
  hid_t id;
  herr_t (*close)(hid_t);
  ~Handle() {
    if (id >= 0) close(id);
  }
};

}  // namespace

NpyArray readHdf5Array(const std::filesystem::path& path, const std::string& dataset) {
  const std::string p = path.string();
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  if (!std::filesystem::is_regular_file(path)) throw InputError(fmt::format("{}: no such file", p));
  Handle file{H5Fopen(p.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose};
  if (file.id < 0) throw InputError(fmt::format("{}: not an HDF5 file", p));
  // every link of the path must exist (H5Lexists fails on a missing intermediate group)
  if (dataset.empty()) throw InputError(fmt::format("{}: no dataset named", p));
  for (std::size_t end = dataset.find('/', 1);; end = dataset.find('/', end + 1)) {
    const std::string prefix = dataset.substr(0, end);
    if (H5Lexists(file.id, prefix.c_str(), H5P_DEFAULT) <= 0)
      throw InputError(fmt::format("{}: no dataset \"{}\"", p, dataset));
    if (end == std::string::npos) break;
  }
  Handle set{H5Dopen2(file.id, dataset.c_str(), H5P_DEFAULT), H5Dclose};
  if (set.id < 0) throw InputError(fmt::format("{}: \"{}\" is not a dataset", p, dataset));
  Handle type{H5Dget_type(set.id), H5Tclose};
  if (H5Tget_class(type.id) != H5T_FLOAT)
    throw InputError(fmt::format("{}: dataset \"{}\" is not of a floating-point type (real float64/float32 only; "
                                 "complex pairs are not supported)", p, dataset));
  Handle space{H5Dget_space(set.id), H5Sclose};
  const int rank = H5Sget_simple_extent_ndims(space.id);
  if (rank < 0 || rank > 8) throw InputError(fmt::format("{}: dataset \"{}\" has rank {}", p, dataset, rank));
  std::vector<hsize_t> dims(rank);
  H5Sget_simple_extent_dims(space.id, dims.data(), nullptr);
  NpyArray a;
  std::size_t n = 1;
  for (hsize_t d : dims) a.shape.push_back(static_cast<std::size_t>(d)), n *= static_cast<std::size_t>(d);
  std::vector<double> v(n);
  if (n > 0 && H5Dread(set.id, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) < 0)
    throw InputError(fmt::format("{}: cannot read dataset \"{}\"", p, dataset));
  a.data.assign(v.begin(), v.end());
  return a;
}

}  // namespace cbec
