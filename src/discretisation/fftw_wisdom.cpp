#include <cbec/discretisation/fftw_wisdom.hpp>

#include <mutex>

namespace cbec {
namespace {
std::mutex& wisdomMutex() {
  static std::mutex m;
  return m;
}
std::filesystem::path& wisdomFile() {
  static std::filesystem::path p;
  return p;
}
}  // namespace

void setFftwWisdomFile(const std::filesystem::path& file) {
  std::lock_guard<std::mutex> lock(wisdomMutex());
  wisdomFile() = file;
}

std::filesystem::path fftwWisdomFile() {
  std::lock_guard<std::mutex> lock(wisdomMutex());
  return wisdomFile();
}

}  // namespace cbec
