#include <cbec/blowup/rescaled_profile.hpp>

#include <cbec/io/errors.hpp>
#include <cbec/soliton/townes_profile.hpp>

#include <cmath>
#include <complex>

namespace cbec {

namespace {
/// Vertex of the parabola through (-1, fm), (0, f0), (1, fp), as an offset in [-1/2, 1/2].
double parabolaVertex(double fm, double f0, double fp) {
  const double den = fm - 2 * f0 + fp;
  return den < 0 ? std::clamp(0.5 * (fm - fp) / den, -0.5, 0.5) : 0.0;
}
}  // namespace

ProfileComparison compareWithBlowupProfile(FourierTransform& fourier, const Field& u, double ell,
                                           const std::vector<double>& z) {
  const Grid& g = fourier.grid();
  if (g.dimension() != 2) throw InputError("blow-up profile comparison needs a 2D grid");
  const TownesProfile& Q = TownesProfile::standard();
  Field diff = g.sample([&](const double* x) {
    return ell * Q.normalised(ell * std::hypot(x[0] - z[0], x[1] - z[1]));
  });
  for (size_t i = 0; i < diff.size(); ++i) diff[i] = u[i] - diff[i];
  Field lap;
  fourier.laplacianNeg(diff, lap);
  const double l2sq = g.dot(diff, diff), gradsq = std::max(0.0, g.dot(diff, lap));
  fourier.laplacianNeg(u, lap);

  ProfileComparison c;
  c.error_L2 = std::sqrt(l2sq);
  c.error_H1 = std::sqrt(l2sq + gradsq / (ell * ell));
  c.ell_measured = std::sqrt(g.dot(u, lap));

  const int n = g.points();
  size_t imax = 0;
  for (size_t i = 1; i < u.size(); ++i)
    if (u[i] > u[imax]) imax = i;
  const int ix = static_cast<int>(imax / n), iy = static_cast<int>(imax % n);
  auto at = [&](int i, int j) { return u[static_cast<size_t>((i + n) % n) * n + (j + n) % n]; };
  double x[2];
  g.point(imax, x);
  c.peak = {x[0] + g.spacing() * parabolaVertex(at(ix - 1, iy), at(ix, iy), at(ix + 1, iy)),
            x[1] + g.spacing() * parabolaVertex(at(ix, iy - 1), at(ix, iy), at(ix, iy + 1))};
  return c;
}

std::vector<double> rescaledCut(FourierTransform& fourier, const Field& u, double ell,
                                const std::vector<double>& z, const std::vector<double>& xs) {
  const Grid& g = fourier.grid();
  const int n = g.points();
  const double L = g.box(), x0 = g.centre()[0] - L / 2, y0 = g.centre()[1] - L / 2;
  // Trigonometric interpolation in y at y = z[1] for every row, then in x along that line.
  auto trigInterpolate = [&](const std::vector<double>& f, double origin, double t) {
    std::vector<std::complex<double>> c(n / 2 + 1);
    for (int k = 0; k <= n / 2; ++k) {
      std::complex<double> s = 0;
      for (int j = 0; j < n; ++j) s += f[j] * std::polar(1.0, -2 * M_PI * k * j / n);
      c[k] = s / double(n);
    }
    const double theta = 2 * M_PI * (t - origin) / L;
    double v = c[0].real();
    for (int k = 1; k < n / 2; ++k) v += 2 * (c[k] * std::polar(1.0, k * theta)).real();
    v += (c[n / 2] * std::cos(n / 2 * theta)).real();
    return v;
  };
  std::vector<double> line(n), row(n);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) row[j] = u[static_cast<size_t>(i) * n + j];
    line[i] = trigInterpolate(row, y0, z[1]);
  }
  std::vector<double> out;
  for (double x : xs) out.push_back(trigInterpolate(line, x0, z[0] + x / ell) / ell);
  return out;
}

}  // namespace cbec
