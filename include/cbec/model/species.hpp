#pragma once
/// @file species.hpp
/// One species s of a mixture: N_s = c_s N bosons of unit mass with the one-body operator
///
///   h_s = ν_s (−Δ + V_s)                                   (F 5.11; ν_s = 1 in the mixture paper, M 1.1)
///
/// and intra-species strength a_s in the a-parametrisation W_s = -a_s w_N, so a_s > 0 is attractive (M 1.9).
#include <cbec/model/trap.hpp>

#include <string>

namespace cbec {

struct Species {
  std::string name;
  double fraction = 1.0;   ///< c_s = N_s / N
  double a = 0.0;          ///< intra strength, positive = attractive
  Trap trap = Trap::power(2.0, {0.0, 0.0});
  double nu = 1.0;         ///< ν_s > 0, the prefactor of the one-body operator ν_s(−Δ + V_s)
};

}  // namespace cbec
