#include <cbec/discretisation/resample.hpp>

#include <cbec/discretisation/fourier.hpp>
#include <cbec/io/errors.hpp>

#include <cmath>
#include <complex>

namespace cbec {

namespace {
bool close(double a, double b) { return std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(a) + std::abs(b)); }
bool sameCentre(const Grid& a, const Grid& b) {
  if (a.dimension() != b.dimension()) return false;
  for (int i = 0; i < a.dimension(); ++i)
    if (!close(a.centre()[i], b.centre()[i])) return false;
  return true;
}
}  // namespace

bool sameBox(const Grid& from, const Grid& to) { return sameCentre(from, to) && close(from.box(), to.box()); }

bool sameLattice(const Grid& from, const Grid& to) {
  return sameCentre(from, to) && close(from.spacing(), to.spacing()) && (from.points() - to.points()) % 2 == 0;
}

Field resampleSpectral(const Grid& from, const Field& f, const Grid& to) {
  if (!sameBox(from, to)) throw InputError("resampleSpectral: grids must share box and centre");
  const int d = from.dimension(), ns = from.points(), nt = to.points(), m = std::min(ns, nt);
  if (ns == nt) {   // the same grid: the values, with the target's shape (f may come unshaped, e.g. from a file)
    Field g = f;
    g.reshape(to.shape());
    return g;
  }
  FourierTransform src(from, 1, false), dst(to, 1, false);
  std::vector<std::complex<double>> a, b(dst.spectralSize(), 0.0);
  src.forward(f, a);
  // Half-spectrum layout: last index 0..n/2, the others 0..n-1 with j ≥ n/2 meaning j - n.
  const int hs = ns / 2 + 1, ht = nt / 2 + 1;
  const double scale = std::pow(static_cast<double>(nt) / ns, d);
  auto signedIndex = [](int j, int n) { return j < n / 2 ? j : j - n; };
  for (size_t t = 0; t < b.size(); ++t) {
    size_t r = t;
    const int jl = static_cast<int>(r % ht);
    r /= ht;
    if (jl >= m / 2) continue;                       // drop modes at or above the smaller Nyquist
    size_t s = static_cast<size_t>(jl), stride = static_cast<size_t>(hs);
    bool keep = true;
    for (int i = 0; i < d - 1 && keep; ++i) {
      const int k = signedIndex(static_cast<int>(r % nt), nt);
      r /= nt;
      if (k >= m / 2 || k <= -m / 2) keep = false;
      s += static_cast<size_t>(k < 0 ? k + ns : k) * stride;
      stride *= static_cast<size_t>(ns);
    }
    if (keep) b[t] = a[s] * scale;
  }
  Field out;
  dst.backward(b, out);
  return out;
}

Field resampleLattice(const Grid& from, const Field& f, const Grid& to) {
  if (!sameLattice(from, to)) throw InputError("resampleLattice: grids must share spacing and centre");
  const int d = from.dimension(), ns = from.points(), nt = to.points();
  const int offset = (ns - nt) / 2;   // target index j ↔ source index j + offset
  Field out(to.shape(), 0.0);
  for (size_t t = 0; t < out.size(); ++t) {
    size_t r = t, s = 0, stride = 1;
    bool inside = true;
    for (int i = 0; i < d; ++i) {
      const int j = static_cast<int>(r % nt) + offset;
      r /= nt;
      if (j < 0 || j >= ns) { inside = false; break; }
      s += static_cast<size_t>(j) * stride;
      stride *= static_cast<size_t>(ns);
    }
    if (inside) out[t] = f[s];
  }
  return out;
}

}  // namespace cbec
