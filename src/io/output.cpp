#include <cbec/io/output.hpp>

#include <cbec/io/signal_cleanup.hpp>

#include <fcntl.h>
#include <fmt/format.h>
#include <hdf5.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <string_view>

namespace cbec {
namespace fs = std::filesystem;

namespace {
/// "Permission denied" and the like, from errno after a failed system call.
std::string systemReason(int err) { return err ? std::strerror(err) : "unknown error"; }

/// fs::filesystem_error's what() repeats the paths; its code's message is the reason alone.
std::string reasonOf(const std::error_code& ec) { return ec.message(); }
}  // namespace

void writeAtomically(const fs::path& target, const std::function<void(const fs::path&)>& write) {
  fs::path tmp = target;
  tmp += fmt::format(".tmp-{}", ::getpid());
  TempPath guard(tmp);
  try {
    write(tmp);
    std::error_code ec;
    fs::rename(tmp, target, ec);
    if (ec) throw std::runtime_error(fmt::format("{}: cannot write: {}", target.string(), reasonOf(ec)));
  } catch (...) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw;
  }
}

void writeTextFile(const fs::path& target, const std::string& text) {
  writeAtomically(target, [&](const fs::path& tmp) {
    errno = 0;
    std::ofstream out(tmp, std::ios::binary);
    if (!out) throw std::runtime_error(fmt::format("{}: cannot write: {}", target.string(), systemReason(errno)));
    out << text;
    out.close();
    if (!out) throw std::runtime_error(fmt::format("{}: write failed: {}", target.string(), systemReason(errno)));
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
  if (dir.empty()) throw InputError("--out: the directory name is empty");
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw InputError(fmt::format("--out {}: exists and is not a directory", dir.string()));
  fs::create_directories(dir, ec);
  if (ec) throw InputError(fmt::format("--out {}: cannot create directory: {}", dir.string(), reasonOf(ec)));
  if (::access(dir.c_str(), W_OK | X_OK) != 0)
    throw InputError(fmt::format("--out {}: cannot write there: {}", dir.string(), systemReason(errno)));
}

// ---------------------------------------------------------------------------------------------
// OutputSet

struct OutputSet::Guard {
  TempPath path;
  explicit Guard(const fs::path& p) : path(p, TempPath::Kind::Directory) {}
};

/// Staging directories DIR/.cbec-staging-PID of processes that no longer exist (ended by SIGKILL, which no
/// handler sees: e.g. mpirun's kill after odls_base_sigkill_timeout). They hold only unfinished new outputs, so
/// removing them loses nothing; "-old" directories (earlier entries moved aside mid-commit) are left alone.
static void removeStaleStaging(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    constexpr std::string_view prefix = ".cbec-staging-";
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    if (pid == ::getpid() || !(::kill(pid, 0) == -1 && errno == ESRCH)) continue;
    std::error_code rm;
    fs::remove_all(it->path(), rm);
  }
}

OutputSet::OutputSet(fs::path dir) : dir_(std::move(dir)) {
  ensureOutputDirectory(dir_);
  staging_ = dir_ / fmt::format(".cbec-staging-{}", ::getpid());
  removeStaleStaging(dir_);
  std::error_code ec;
  fs::remove_all(staging_, ec);   // left by an earlier process with our pid (killed by SIGKILL)
  guard_ = std::make_unique<Guard>(staging_);
  if (!fs::create_directory(staging_, ec) || ec)
    throw InputError(fmt::format("--out {}: cannot write there: {}", dir_.string(),
                                 ec ? reasonOf(ec) : std::string("staging directory exists")));
}

OutputSet::~OutputSet() {
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

fs::path OutputSet::staged(const std::string& name) const {
  if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..")
    throw std::logic_error("OutputSet::staged: a plain file name is expected, got \"" + name + "\"");
  return staging_ / name;
}

fs::path OutputSet::stagedDirectory(const std::string& name) const {
  const fs::path p = staged(name);
  std::error_code ec;
  fs::create_directory(p, ec);
  if (ec) throw std::runtime_error(fmt::format("{}: cannot create directory: {}", p.string(), reasonOf(ec)));
  return p;
}

// All or nothing: first every name is checked (a staged file over an existing directory or the reverse cannot
// be renamed: refused before anything moves), then each earlier DIR/NAME is moved aside into
// DIR/.cbec-staging-PID-old and the staged one renamed in; a failure part way puts every moved name back
// (the new ones removed, the earlier ones restored), so DIR holds either the whole new set or the earlier one.
void OutputSet::commit() {
  if (committed_) return;
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(staging_)) {
    const std::string n = e.path().filename().string();
    if (n.find(".tmp") == std::string::npos) names.push_back(n);   // unfinished temporaries stay behind
  }
  // summary.json last: a reader that sees the new summary sees the new set
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    const bool sa = a == "summary.json", sb = b == "summary.json";
    return sa != sb ? sb : a < b;
  });
  for (const std::string& n : names) {
    std::error_code ec;
    const fs::path to = dir_ / n;
    const fs::file_status st = fs::symlink_status(to, ec);
    if (!fs::exists(st)) continue;
    const bool newDir = fs::is_directory(staging_ / n), oldDir = fs::is_directory(st);
    if (newDir != oldDir)
      throw std::runtime_error(fmt::format("{}: cannot write: {} is in the way (nothing of this result set was written)",
                                           to.string(), oldDir ? "a directory" : "a file"));
  }
  const fs::path aside = dir_ / fmt::format(".cbec-staging-{}-old", ::getpid());
  {
    std::error_code ec;
    fs::remove_all(aside, ec);
  }
  TempPath asideGuard(aside, TempPath::Kind::Directory);
  {
    std::error_code ec;
    if (!fs::create_directory(aside, ec) || ec)
      throw std::runtime_error(fmt::format("{}: cannot write: {}", dir_.string(), ec ? reasonOf(ec) : "exists"));
  }
  struct Moved {
    std::string name;
    bool hadEarlier;
  };
  std::vector<Moved> moved;
  auto rollBack = [&] {
    for (auto it = moved.rbegin(); it != moved.rend(); ++it) {
      std::error_code ec;
      fs::remove_all(dir_ / it->name, ec);
      if (it->hadEarlier) fs::rename(aside / it->name, dir_ / it->name, ec);
    }
  };
  try {
    for (const std::string& n : optional_)   // an earlier set's file that the new set does not have
      if (std::find(names.begin(), names.end(), n) == names.end()) {
        std::error_code ec;
        if (!fs::exists(fs::symlink_status(dir_ / n, ec))) continue;
        fs::rename(dir_ / n, aside / n, ec);
        if (ec) throw std::runtime_error(fmt::format("{}: cannot remove: {}", (dir_ / n).string(), reasonOf(ec)));
        moved.push_back({n, true});
      }
    for (const std::string& n : names) {
      std::error_code ec;
      const bool had = fs::exists(fs::symlink_status(dir_ / n, ec));
      if (had) {
        fs::rename(dir_ / n, aside / n, ec);
        if (ec) throw std::runtime_error(fmt::format("{}: cannot replace: {}", (dir_ / n).string(), reasonOf(ec)));
      }
      fs::rename(staging_ / n, dir_ / n, ec);
      if (ec) {
        const std::string why = reasonOf(ec);
        if (had) fs::rename(aside / n, dir_ / n, ec);
        throw std::runtime_error(fmt::format("{}: cannot write: {} (nothing of this result set was written)",
                                             (dir_ / n).string(), why));
      }
      moved.push_back({n, had});
    }
  } catch (...) {
    rollBack();
    throw;
  }
  committed_ = true;
  std::error_code ec;
  fs::remove_all(aside, ec);
  fs::remove_all(staging_, ec);
}

// ---------------------------------------------------------------------------------------------
// HDF5

namespace {
struct H5Handle {
  hid_t id;
  herr_t (*close)(hid_t);
  ~H5Handle() { if (id >= 0) close(id); }
};

/// HDF5 prints its error stack to stderr unless told not to; cbec reports one line instead.
struct SilenceHdf5Errors {
  H5E_auto2_t func = nullptr;
  void* data = nullptr;
  SilenceHdf5Errors() {
    H5Eget_auto2(H5E_DEFAULT, &func, &data);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~SilenceHdf5Errors() { H5Eset_auto2(H5E_DEFAULT, func, data); }
};

/// The innermost description on HDF5's error stack (the most specific one), then the stack cleared.
std::string hdf5Reason() {
  std::string inner;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD,
           [](unsigned, const H5E_error2_t* e, void* out) -> herr_t {
             if (e->desc && *e->desc) *static_cast<std::string*>(out) = e->desc;
             return 0;
           },
           &inner);
  H5Eclear2(H5E_DEFAULT);
  std::replace(inner.begin(), inner.end(), '\n', ' ');
  return inner.empty() ? "HDF5 error" : "HDF5: " + inner;
}

void check(hid_t id, const fs::path& target, const std::string& what) {
  if (id < 0) throw std::runtime_error(fmt::format("{}: {} ({})", target.string(), what, hdf5Reason()));
}

void writeDataset(hid_t file, const fs::path& target, const std::string& name, const std::vector<hsize_t>& dims,
                  const double* data) {
  H5Handle lcpl{H5Pcreate(H5P_LINK_CREATE), H5Pclose};
  H5Pset_create_intermediate_group(lcpl.id, 1);
  H5Handle space{H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose};
  H5Handle set{H5Dcreate2(file, name.c_str(), H5T_IEEE_F64LE, space.id, lcpl.id, H5P_DEFAULT, H5P_DEFAULT), H5Dclose};
  check(set.id, target, "cannot create dataset \"" + name + "\"");
  if (H5Dwrite(set.id, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)
    check(-1, target, "cannot write dataset \"" + name + "\"");
}
}  // namespace

void writeHdf5(const fs::path& target, const std::vector<AxisDataset>& axes,
               const std::vector<FieldDataset>& fields,
               const std::vector<std::pair<std::string, double>>& attributes) {
  SilenceHdf5Errors quiet;
  writeAtomically(target, [&](const fs::path& tmp) {
    {  // the system's reason (permission denied, no space) is clearer than HDF5's stack
      errno = 0;
      const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
      if (fd < 0) throw std::runtime_error(fmt::format("{}: cannot write: {}", target.string(), systemReason(errno)));
      ::close(fd);
    }
    H5Handle file{H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose};
    check(file.id, target, "cannot create the file");
    for (const auto& a : axes) writeDataset(file.id, target, a.name, {a.values.size()}, a.values.data());
    for (const auto& f : fields)
      writeDataset(file.id, target, f.name, std::vector<hsize_t>(f.shape.begin(), f.shape.end()), f.data);
    for (const auto& [key, value] : attributes) {
      H5Handle space{H5Screate(H5S_SCALAR), H5Sclose};
      H5Handle attr{H5Acreate2(file.id, key.c_str(), H5T_IEEE_F64LE, space.id, H5P_DEFAULT, H5P_DEFAULT), H5Aclose};
      check(attr.id, target, "cannot create attribute \"" + key + "\"");
      if (H5Awrite(attr.id, H5T_NATIVE_DOUBLE, &value) < 0) check(-1, target, "cannot write attribute \"" + key + "\"");
    }
    if (H5Fflush(file.id, H5F_SCOPE_GLOBAL) < 0) check(-1, target, "cannot flush the file");
  });
}

}  // namespace cbec
