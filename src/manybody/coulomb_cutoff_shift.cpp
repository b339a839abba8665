// The change of the toy model's matrix elements under the Coulomb cutoff of (F 5.16) (coulomb_cutoff_shift.hpp).
#include <cbec/manybody/coulomb_cutoff_shift.hpp>

#include <cbec/io/errors.hpp>
#include <cbec/manybody/few_mode_model.hpp>
#include <cbec/numerics/gauss_legendre.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {

std::vector<double> coulombCutoffShift(int M, double a, double cutoff) {
  if (M < 1 || M > 12) throw InputError(fmt::format("Coulomb cutoff shift: modes must lie in [1, 12], got {}", M));
  if (!std::isfinite(a)) throw InputError("Coulomb cutoff shift: the strength must be finite");
  if (!(cutoff > 0) || !std::isfinite(cutoff)) throw InputError("Coulomb cutoff shift: the cutoff must be positive");
  std::vector<double> dV(static_cast<std::size_t>(M) * M * M * M, 0.0);
  if (a == 0) return dV;
  const double rc = std::abs(a) / cutoff;
  const double rmax = std::sqrt(4.0 * M + 3.0) + 9.0;
  // outer rule in r, split at r_c (where the inner ranges change): 40 points below, 160 above
  std::vector<double> r, w, u, wu;
  if (rc < rmax) {
    std::vector<double> r1, w1;
    gaussLegendre(40, 0.0, rc, r, w);
    gaussLegendre(160, rc, rmax, r1, w1);
    r.insert(r.end(), r1.begin(), r1.end());
    w.insert(w.end(), w1.begin(), w1.end());
  } else {
    gaussLegendre(200, 0.0, rmax, r, w);
  }
  gaussLegendre(12, 0.0, 1.0, u, wu);
  std::vector<double> Rr(M), Rs(M), I(static_cast<std::size_t>(M) * M);
  // adds sign · ∫_{lo}^{hi} (r+s) R_j R_l(r+s) (g(s))² ds to I, g(s) = r_c − |s| (A) or r_c − 2r − s (B)
  const auto inner = [&](double r0, double lo, double hi, bool pieceB) {
    if (!(hi > lo)) return;
    for (std::size_t q = 0; q < u.size(); ++q) {
      const double s = lo + (hi - lo) * u[q], rs = r0 + s;
      const double g = pieceB ? rc - 2 * r0 - s : rc - std::abs(s);
      const double weight = (pieceB ? -1.0 : 1.0) * wu[q] * (hi - lo) * g * g * rs;
      for (int n = 0; n < M; ++n) Rs[n] = radialOscillator(n, rs);
      for (int j = 0; j < M; ++j)
        for (int l = 0; l < M; ++l) I[j * M + l] += weight * Rs[j] * Rs[l];
    }
  };
  for (std::size_t p = 0; p < r.size(); ++p) {
    for (int n = 0; n < M; ++n) Rr[n] = radialOscillator(n, r[p]);
    std::fill(I.begin(), I.end(), 0.0);
    inner(r[p], -std::min(r[p], rc), 0.0, false);   // A: D(|r − r'|), r' = r + s ≥ 0
    inner(r[p], 0.0, rc, false);
    if (r[p] < rc) inner(r[p], -r[p], rc - 2 * r[p], true);   // B: −D(r + r') where r + r' < r_c
    const double outer = w[p] * r[p] * a / (4 * rc);
    for (int i = 0; i < M; ++i)
      for (int k = 0; k < M; ++k)
        for (int j = 0; j < M; ++j)
          for (int l = 0; l < M; ++l) dV[((i * M + j) * M + k) * M + l] += outer * Rr[i] * Rr[k] * I[j * M + l];
  }
  // symmetrise the quadrature's round-off (the exact integrals have V_ijkl = V_jilk = V_klij)
  std::vector<double> S(dV.size());
  auto at = [&](int i, int j, int k, int l) { return dV[((i * M + j) * M + k) * M + l]; };
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < M; ++j)
      for (int k = 0; k < M; ++k)
        for (int l = 0; l < M; ++l)
          S[((i * M + j) * M + k) * M + l] = 0.25 * (at(i, j, k, l) + at(j, i, l, k) + at(k, l, i, j) + at(l, k, j, i));
  return S;
}

}  // namespace cbec
