#pragma once
// Test support: the exact two-body ground energy in a 2D isotropic harmonic trap from the relative
// coordinate (manybody/two_body_relative.hpp: Laguerre basis, Gauss–Laguerre quadrature), independent of
// the Hermite/Cartesian many-body code and of the QMC.
#include <cbec/manybody/two_body_relative.hpp>

namespace cbec::testing {

inline double twoBodyGroundEnergy(double lambdaA, double g, int nmax) { return cbec::twoBodyGroundEnergy(lambdaA, g, nmax); }

}  // namespace cbec::testing
