// Blow-up constants Λ, Θ and the limit energies of Theorems 1–3 (MODEL.md §3).
#include <cbec/io/errors.hpp>
#include <cbec/soliton/blowup_constants.hpp>

#include <gtest/gtest.h>

#include <cmath>

using namespace cbec;

namespace {
// Golden-section minimisation of f on [a, b] (f unimodal), independent of the closed form.
template <class F>
double argmin(F f, double a, double b) {
  const double g = 0.5 * (std::sqrt(5.0) - 1);
  double x1 = b - g * (b - a), x2 = a + g * (b - a), f1 = f(x1), f2 = f(x2);
  while (b - a > 1e-12 * (1 + std::abs(a))) {
    if (f1 < f2) { b = x2; x2 = x1; f2 = f1; x1 = b - g * (b - a); f1 = f(x1); }
    else { a = x1; x1 = x2; f1 = f2; x2 = a + g * (b - a); f2 = f(x2); }
  }
  return 0.5 * (a + b);
}
}  // namespace

TEST(BlowupConstants, LambdaMinimisesTheScaledEnergy) {
  const auto& Q = TownesProfile::standard();
  for (double p : {1.0, 1.5, 2.0, 3.0, 4.0, 6.0}) {
    for (double nu : {0.5, 1.0, 2.0}) {
      auto k = blowupConstants(Q, p, nu);
      const double Mp = Q.moment(p);
      auto f = [&](double l) { return l * l + nu * Mp / std::pow(l, p); };
      double lmin = argmin(f, 0.1, 20.0);
      SCOPED_TRACE(::testing::Message() << "p = " << p << ", nu = " << nu);
      EXPECT_NEAR(k.Lambda, lmin, 1e-7 * lmin);  // golden section resolves ~sqrt(eps)
      EXPECT_NEAR(k.limit_single, f(lmin) / Q.aStar(), 1e-12);
    }
  }
}

TEST(BlowupConstants, SingleSpeciesEnergyOfTheTrialStateMatchesTheLimit) {
  // E(ℓQ_0(ℓx)) = [(a_* - a)ℓ² + M_p ℓ^{-p}]/a_* for V = |x|^p; its minimum over ℓ is
  // d^{p/(p+2)} (p+2)/p Λ²/a_* with d = a_* - a (Theorem 1 with one species, ν = 1).
  const auto& Q = TownesProfile::standard();
  const double aStar = Q.aStar(), p = 2.0, d = 1e-3;
  auto k = blowupConstants(Q, p, 1.0);
  auto E = [&](double l) { return ((aStar - (aStar - d)) * l * l + Q.moment(p) * std::pow(l, -p)) / aStar; };
  double lbest = argmin(E, 1.0, 1000.0);
  EXPECT_NEAR(lbest, k.Lambda * std::pow(d, -1.0 / (p + 2)), 1e-6 * lbest);
  EXPECT_NEAR(E(lbest), std::pow(d, p / (p + 2)) * k.limit_single, 1e-12);
}

TEST(BlowupConstants, ThetaReducesToLambdaWithRescaledNu) {
  // Θ(ν) = Λ(ν/(2c1c2)), and the Theorem 2 constant is 2c1c2 (p+2)/p Θ²/a_*.
  const auto& Q = TownesProfile::standard();
  for (double c1 : {0.5, 0.3}) {
    auto k = blowupConstants(Q, 2.0, 1.0, {{c1, 1 - c1}});
    auto l = blowupConstants(Q, 2.0, 1.0 / (2 * c1 * (1 - c1)));
    EXPECT_NEAR(*k.Theta, l.Lambda, 1e-14);
    EXPECT_NEAR(*k.limit_theorem2, 2 * c1 * (1 - c1) * l.limit_single, 1e-14);
  }
}

TEST(BlowupConstants, RejectsBadInput) {
  const auto& Q = TownesProfile::standard();
  EXPECT_THROW(blowupConstants(Q, 0.0, 1.0), InputError);
  EXPECT_THROW(blowupConstants(Q, 2.0, -1.0), InputError);
  EXPECT_THROW(blowupConstants(Q, 2.0, 1.0, {{0.5, 0.6}}), InputError);
  EXPECT_THROW(blowupConstants(Q, 2.0, 1.0, {{0.0, 1.0}}), InputError);
}
