#include <cbec/io/signal_cleanup.hpp>

#include <dirent.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <csignal>
#include <cstring>
#include <mutex>

namespace cbec {
namespace {

constexpr int kSlots = 64;
constexpr std::size_t kPathMax = 4096;

/// state: 0 free, 1 being written, 2 file, 3 directory. A slot's path is written before its state
/// is published (release), and read by the handler only after an acquire load says 2 or 3.
struct Slot {
  std::atomic<int> state{0};
  char path[kPathMax];
};
std::array<Slot, kSlots>& slots() {
  static std::array<Slot, kSlots> table;
  return table;
}

/// Empties the directory open as `fd` (files, and subdirectories `depth` levels further down) with
/// raw system calls; closes fd.
void emptyDirectory(int fd, int depth) {
  alignas(8) char buf[4096];
  for (;;) {
    const long n = ::syscall(SYS_getdents64, fd, buf, sizeof buf);
    if (n <= 0) break;
    for (long off = 0; off < n;) {
      struct Entry { unsigned long long ino; long long off; unsigned short reclen; unsigned char type; char name[1]; };
      const auto* e = reinterpret_cast<const Entry*>(buf + off);
      const char* name = e->name;
      off += e->reclen;
      if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) continue;
      if (::unlinkat(fd, name, 0) == 0 || depth == 0) continue;
      const int sub = ::openat(fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
      if (sub < 0) continue;
      emptyDirectory(sub, depth - 1);
      ::unlinkat(fd, name, AT_REMOVEDIR);
    }
  }
  ::close(fd);
}

/// Empties a directory two levels deep (a staged set's files and its subdirectories such as
/// snapshots/) and removes it.
void removeDirectory(const char* path) {
  const int fd = ::open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) emptyDirectory(fd, 1);
  ::rmdir(path);
}

/// The thread that installed the handler (the main thread: it alone creates and fills staging paths).
std::atomic<long> gMainThread{0};

extern "C" void onTerminatingSignal(int sig) {
  const int savedErrno = errno;
  // A process-directed signal may land on any thread (OpenMPI's progress threads, FFTW or OpenMP workers). Cleaning
  // up there would race the main thread, which could create a staging directory after the sweep and leave it
  // behind. Forward the signal to the main thread: its handler then runs while the main thread is stopped.
  const long main = gMainThread.load(std::memory_order_relaxed);
  if (main != 0 && ::syscall(SYS_gettid) != main) {
    ::syscall(SYS_tgkill, ::getpid(), main, sig);
    errno = savedErrno;
    return;
  }
  for (Slot& s : slots())
    if (s.state.load(std::memory_order_acquire) == 2) ::unlink(s.path);
  for (Slot& s : slots())
    if (s.state.load(std::memory_order_acquire) == 3) removeDirectory(s.path);
  errno = savedErrno;
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

}  // namespace

void installSignalCleanup() {
  static std::once_flag once;
  std::call_once(once, [] {
    gMainThread.store(::syscall(SYS_gettid), std::memory_order_relaxed);
    struct sigaction sa {};
    sa.sa_handler = onTerminatingSignal;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction old {};
      // a signal ignored by the parent (nohup, background jobs) stays ignored
      if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
      ::sigaction(sig, &sa, nullptr);
    }
  });
}

TempPath::TempPath(const std::filesystem::path& path, Kind kind) {
  const std::string p = std::filesystem::absolute(path).string();
  if (p.size() + 1 > kPathMax) return;
  for (int i = 0; i < kSlots; ++i) {
    int expected = 0;
    Slot& s = slots()[i];
    if (!s.state.compare_exchange_strong(expected, 1, std::memory_order_acq_rel)) continue;
    std::memcpy(s.path, p.c_str(), p.size() + 1);
    s.state.store(kind == Kind::File ? 2 : 3, std::memory_order_release);
    slot_ = i;
    return;
  }
}

TempPath::~TempPath() {
  if (slot_ >= 0) slots()[slot_].state.store(0, std::memory_order_release);
}

}  // namespace cbec
