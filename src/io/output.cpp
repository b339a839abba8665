#include <cbec/io/output.hpp>

#include <fmt/format.h>
#include <hdf5.h>
#include <unistd.h>

#include <cmath>
#include <fstream>

namespace cbec {
namespace fs = std::filesystem;

void writeAtomically(const fs::path& target, const std::function<void(const fs::path&)>& write) {
  fs::path tmp = target;
  tmp += fmt::format(".tmp-{}", ::getpid());
  try {
    write(tmp);
    fs::rename(tmp, target);
  } catch (...) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw;
  }
}

void writeTextFile(const fs::path& target, const std::string& text) {
  writeAtomically(target, [&](const fs::path& tmp) {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    out.close();
    if (!out) throw std::runtime_error(fmt::format("{}: write failed", target.string()));
  });
}

void requireFinite(const Json& j, const std::string& where) {
  if (j.is_number_float()) {
    if (!std::isfinite(j.get<double>()))
      throw NumericalError(fmt::format("non-finite value in result '{}'", where));
  } else if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it)
      requireFinite(it.value(), where.empty() ? it.key() : where + "." + it.key());
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) requireFinite(j[i], fmt::format("{}[{}]", where, i));
  }
}

std::string dumpJson(const Json& j, int indent) {
  requireFinite(j);
  return j.dump(indent);
}

void writeJsonFile(const fs::path& target, const Json& j) { writeTextFile(target, dumpJson(j) + "\n"); }

void ensureOutputDirectory(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw InputError(fmt::format("--out {}: exists and is not a directory", dir.string()));
  fs::create_directories(dir, ec);
  if (ec) throw InputError(fmt::format("--out {}: cannot create directory: {}", dir.string(), ec.message()));
}

namespace {
struct H5Handle {
  hid_t id;
  herr_t (*close)(hid_t);
  ~H5Handle() { if (id >= 0) close(id); }
};
void check(hid_t id, const std::string& what) {
  if (id < 0) throw std::runtime_error("HDF5: " + what);
}
void writeDataset(hid_t file, const std::string& name, const std::vector<hsize_t>& dims, const double* data) {
  H5Handle lcpl{H5Pcreate(H5P_LINK_CREATE), H5Pclose};
  H5Pset_create_intermediate_group(lcpl.id, 1);
  H5Handle space{H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose};
  H5Handle set{H5Dcreate2(file, name.c_str(), H5T_IEEE_F64LE, space.id, lcpl.id, H5P_DEFAULT, H5P_DEFAULT), H5Dclose};
  check(set.id, "cannot create dataset " + name);
  if (H5Dwrite(set.id, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)
    throw std::runtime_error("HDF5: cannot write dataset " + name);
}
}  // namespace

void writeHdf5(const fs::path& target, const std::vector<AxisDataset>& axes,
               const std::vector<FieldDataset>& fields,
               const std::vector<std::pair<std::string, double>>& attributes) {
  writeAtomically(target, [&](const fs::path& tmp) {
    H5Handle file{H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose};
    check(file.id, "cannot create " + tmp.string());
    for (const auto& a : axes) writeDataset(file.id, a.name, {a.values.size()}, a.values.data());
    for (const auto& f : fields)
      writeDataset(file.id, f.name, std::vector<hsize_t>(f.shape.begin(), f.shape.end()), f.data);
    for (const auto& [key, value] : attributes) {
      H5Handle space{H5Screate(H5S_SCALAR), H5Sclose};
      H5Handle attr{H5Acreate2(file.id, key.c_str(), H5T_IEEE_F64LE, space.id, H5P_DEFAULT, H5P_DEFAULT), H5Aclose};
      check(attr.id, "cannot create attribute " + key);
      H5Awrite(attr.id, H5T_NATIVE_DOUBLE, &value);
    }
  });
}

}  // namespace cbec
