#include <cbec/io/errors.hpp>
#include <cbec/io/npy_file.hpp>

#include <fmt/format.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>

namespace cbec {

namespace {

/// The value text after 'key': in the header dict (up to the next ',' at depth 0 or the closing brace).
std::string field(const std::string& header, const std::string& key, const std::string& file) {
  const std::size_t at = header.find("'" + key + "'");
  if (at == std::string::npos) throw InputError(fmt::format("{}: not an .npy file (no '{}' in the header)", file, key));
  std::size_t p = header.find(':', at);
  if (p == std::string::npos) throw InputError(fmt::format("{}: malformed .npy header", file));
  ++p;
  int depth = 0;
  std::string out;
  for (; p < header.size(); ++p) {
    const char ch = header[p];
    if (ch == '(') ++depth;
    if (ch == ')') --depth;
    if ((ch == ',' && depth == 0) || ch == '}') break;
    out += ch;
  }
  const auto b = out.find_first_not_of(" "), e = out.find_last_not_of(" ");
  return b == std::string::npos ? std::string() : out.substr(b, e - b + 1);
}

}  // namespace

NpyArray readNpy(const std::filesystem::path& path) {
  const std::string file = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot be opened", file));
  char magic[8];
  if (!in.read(magic, 8) || std::memcmp(magic, "\x93NUMPY", 6) != 0)
    throw InputError(fmt::format("{}: not an .npy file (no \\x93NUMPY magic)", file));
  const int major = static_cast<unsigned char>(magic[6]);
  std::uint32_t len = 0;
  if (major == 1) {
    unsigned char b[2];
    if (!in.read(reinterpret_cast<char*>(b), 2)) throw InputError(fmt::format("{}: truncated header", file));
    len = b[0] | (b[1] << 8);
  } else if (major == 2 || major == 3) {
    unsigned char b[4];
    if (!in.read(reinterpret_cast<char*>(b), 4)) throw InputError(fmt::format("{}: truncated header", file));
    len = b[0] | (b[1] << 8) | (b[2] << 16) | (std::uint32_t(b[3]) << 24);
  } else {
    throw InputError(fmt::format("{}: .npy format version {} is not supported (1, 2, 3 are)", file, major));
  }
  if (len > (1u << 20)) throw InputError(fmt::format("{}: .npy header of {} bytes is not plausible", file, len));
  std::string header(len, '\0');
  if (!in.read(header.data(), len)) throw InputError(fmt::format("{}: truncated header", file));
  const std::string descr = field(header, "descr", file), order = field(header, "fortran_order", file),
                    shape = field(header, "shape", file);
  NpyArray a;
  std::size_t itemBytes = 8;
  if (descr == "'<f8'") {
    a.complex = false;
  } else if (descr == "'<c16'") {
    a.complex = true;
    itemBytes = 16;
  } else {
    throw InputError(fmt::format("{}: dtype {} is not supported (float64 '<f8' or complex128 '<c16'; "
                                 "use numpy.asarray(x, dtype=float) before numpy.save)", file, descr));
  }
  if (order != "False")
    throw InputError(fmt::format("{}: fortran_order arrays are not supported (save numpy.ascontiguousarray(x))", file));
  std::size_t count = 1;
  {
    std::string s = shape;
    if (s.size() < 2 || s.front() != '(' || s.back() != ')') throw InputError(fmt::format("{}: malformed shape {}", file, shape));
    s = s.substr(1, s.size() - 2);
    std::size_t p = 0;
    while (p < s.size()) {
      const std::size_t q = s.find(',', p);
      std::string item = s.substr(p, q == std::string::npos ? std::string::npos : q - p);
      const auto b = item.find_first_not_of(" "), e = item.find_last_not_of(" ");
      if (b != std::string::npos) {
        item = item.substr(b, e - b + 1);
        std::size_t used = 0;
        unsigned long long v = 0;
        try { v = std::stoull(item, &used); } catch (...) { used = 0; }
        if (used != item.size()) throw InputError(fmt::format("{}: malformed shape {}", file, shape));
        a.shape.push_back(v);
        count *= v;
      }
      if (q == std::string::npos) break;
      p = q + 1;
    }
  }
  if (count > (std::size_t(1) << 28)) throw InputError(fmt::format("{}: {} entries are too many", file, count));
  std::vector<char> raw(count * itemBytes);
  if (!in.read(raw.data(), static_cast<std::streamsize>(raw.size())))
    throw InputError(fmt::format("{}: truncated data ({} entries of {} bytes expected for shape {})", file, count,
                                 itemBytes, shape));
  a.data.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    double re = 0, im = 0;
    std::memcpy(&re, raw.data() + i * itemBytes, 8);
    if (a.complex) std::memcpy(&im, raw.data() + i * itemBytes + 8, 8);
    a.data[i] = {re, im};
  }
  return a;
}

}  // namespace cbec
