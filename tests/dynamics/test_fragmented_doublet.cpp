// The degenerate doublet with spatially different orbitals (issue 23 item 3): the ν-rate of
// Tr|γ^(1)_{∞,ν,t} − γ^(1)_{∞,∞,t}| (F 3.16) where K(t) of (F 3.17–3.18) moves.
#include <cbec/dynamics/fragmented_doublet.hpp>
#include <cbec/io/errors.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>

using namespace cbec;

TEST(FragmentedDoublet, Explore) {
  Grid g(1, 64, 12.0);
  DoubletModel model;
  model.occupations = {0.6, 0.4};
  model.potential = RadialPotential::gaussian(2.0, 0.6);
  DoubletSpectrum sp(g, model);
  std::printf("E: %g %g %g %g\n", sp.energies()[0], sp.energies()[1], sp.energies()[2], sp.energies()[3]);
  DoubletOptions opt;
  std::vector<double> times{0.5, 1.0};
  auto t0 = std::chrono::steady_clock::now();
  DoubletLimit lim = doubletLimit(sp, model, times, opt);
  auto t1 = std::chrono::steady_clock::now();
  std::printf("limit %.2f s, points %d, K11 %g %g\n", std::chrono::duration<double>(t1 - t0).count(), lim.kappaPoints,
              lim.K[0](0, 0).real(), lim.K[1](0, 0).real());
  auto w = sweepDoubletNu(sp, model, lim, {10, 20, 40, 80, 160}, times, opt);
  for (size_t k = 0; k < w.nu.size(); ++k)
    std::printf("nu %g: d %.6e %.6e pred %.6e %.6e perr %.1e steps %ld phases %d %.2f s\n", w.nu[k], w.distance[k][0],
                w.distance[k][1], w.predicted[k][0], w.predicted[k][1], w.phaseError[k][1], w.steps[k], w.phases[k],
                w.seconds[k]);
  std::printf("exponents %g %g sup %g\n", w.fittedExponent[0], w.fittedExponent[1], w.fittedExponentSup);
}
