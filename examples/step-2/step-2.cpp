// step-2: blow-up of an attractive condensate as the coupling approaches a_*.
//
// The problem. One species in the plane with the trap V(x) = |x|² and attractive contact coupling
// a < a_* = ‖Q‖₂², Q the Townes profile (−ΔQ + Q − Q³ = 0, M 1.12). As d = a_* − a → 0 the ground
// state concentrates at the trap minimum and (M Theorem 1, with p = 2, ν = 1)
//
//   E(a) ≈ (p+2)/p · Λ²/a_* · d^{p/(p+2)},      Λ = (p/2 ∫|x|^p Q²)^{1/(p+2)},
//   ℓ^{-1} u(ℓ^{-1}x) → Q_0 = Q/‖Q‖₂,           ℓ = Λ d^{-1/(p+2)}.
//
// Note the exponent of the length scale: 1/(p+2), as (M 2.3) and the proof of Theorem 8 give; the
// statement (M 2.9) prints 2/(p+2). The scan below measures ℓ through ‖∇u‖ (ell_measured) and
// settles it: the ratio ell_measured/ell tends to 1 with 1/(p+2).
//
// What this program does: runs the scan along the Theorem 1 path at d = 10^{-1}, 10^{-2}, 10^{-3}
// on concentration-aware grids (each grid is the previous one dilated by the predicted scale, so the
// problem is solved in the blow-up variables with the same number of points), prints E against the
// predicted leading term, the rescaled profile error ‖ℓ^{-1}u(ℓ^{-1}·) − Q_0‖₂, and the fitted
// exponent of E against d, which must approach p/(p+2) = 1/2.
#include <cbec/blowup/blowup_path.hpp>
#include <cbec/blowup/blowup_scan.hpp>

#include <cmath>
#include <cstdio>

int main() {
  using namespace cbec;
  // The path: a single species whose own coupling is replaced by a_* − d at each distance.
  const BlowupPath path(BlowupPath::Kind::Theorem1, Mixture::singleSpecies(2, 0.0, 2.0));
  BlowupScanOptions options;
  options.distances = {1e-1, 1e-2, 1e-3};
  options.solver.measure = false;
  options.box_factor = 32.0;          // box = 32/ℓ in blow-up units (default 48)
  options.points_per_length = 6.0;    // points per length ℓ^{-1} (default 8)
  const BlowupScan scan = runBlowupScan(path, options);

  std::printf("%10s %16s %16s %12s %12s %14s\n", "d", "E", "predicted", "ratio", "L2 error", "ell_meas/ell");
  for (const BlowupPoint& p : scan.points)
    std::printf("%10.1e %16.10f %16.10f %12.8f %12.3e %14.8f\n", p.distance, p.energy, p.predicted, p.ratio,
                p.error_L2[0], p.ell_measured[0] / p.ell[0]);
  std::printf("fitted exponent of E against d: %.6f (Theorem 1: p/(p+2) = %.6f)\n", scan.fitted_exponent,
              scan.expected_exponent);

  // The leading term is reached (ratio -> 1), the profile converges, the exponent matches.
  const BlowupPoint& last = scan.points.back();
  const bool ok = std::abs(last.ratio - 1) < 2e-3 && last.error_L2[0] < scan.points.front().error_L2[0] &&
                  std::abs(scan.fitted_exponent - scan.expected_exponent) < 5e-3 &&
                  std::abs(last.ell_measured[0] / last.ell[0] - 1) < 1e-2;
  return ok ? 0 : 1;
}
