// M Theorem 6 with a_* = ‖Q‖₂² of the Townes profile (townes_regime.hpp).
#include <cbec/soliton/townes_regime.hpp>

#include <cbec/soliton/townes_profile.hpp>

namespace cbec {

RegimeReport classifyRegime(const Mixture& m) {
  if (!(m.pair().isContact() && m.dimension() == 2)) return classifyRegime(m, 0.0);
  // a_* from TownesProfile::criticalMass (≈ 0.5 ms; within 1e-14 a_* of the full profile's, tested), and the
  // full profile (≈ 10 ms) only when the regime could depend on that difference: the classification is
  // monotone in a_* (unbounded → undetermined → exists as a_* grows), so equal regimes at a_*(1 ∓ band)
  // decide it.
  static const double fast = TownesProfile::criticalMass(TownesProfile::fastOptions());
  const RegimeReport below = classifyRegime(m, fast * (1 - kAStarBand));
  if (below.regime == classifyRegime(m, fast * (1 + kAStarBand)).regime) return classifyRegime(m, fast);
  return classifyRegime(m, TownesProfile::standard().aStar());
}

}  // namespace cbec
