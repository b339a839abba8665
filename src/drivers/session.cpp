#include <cbec/drivers/session.hpp>

#include <fmt/format.h>

#include <malloc.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstdlib>
#include <vector>

extern char** environ;

namespace cbec::drivers {

std::filesystem::path defaultFftwWisdomFile() {
  if (const char* w = std::getenv("CBEC_FFTW_WISDOM")) {
    const std::string v = w;
    return (v == "off" || v.empty()) ? std::filesystem::path() : std::filesystem::path(v);
  }
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::filesystem::path(x) / "cbec" / "fftw-wisdom";
  if (const char* h = std::getenv("HOME"); h && *h) return std::filesystem::path(h) / ".cache" / "cbec" / "fftw-wisdom";
  return {};
}

void keepFreedMemoryInHeap() {
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
}

bool drawFigures(const FigureOptions& f, const std::string& script, const std::filesystem::path& dir,
                 const RunOptions& run) {
  if (!f.enabled) return false;
  // the interpreter is started directly with its arguments (no shell: paths with quotes or spaces are safe)
  std::vector<std::string> args{f.python, (f.scripts_dir / script).string(), dir.string()};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  int status = -1;
  if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) == 0 && waitpid(pid, &status, 0) == pid &&
      WIFEXITED(status) && WEXITSTATUS(status) == 0)
    return true;
  run.warning(fmt::format("figures not produced (needs python3-matplotlib; ran: {} {} {})", args[0], args[1], args[2]));
  return false;
}

}  // namespace cbec::drivers
