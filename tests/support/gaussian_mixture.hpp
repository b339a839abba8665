#pragma once
// Test support: a one- or two-species mixture in isotropic harmonic traps |x - z_s|² with the Gaussian Hartree
// pair potential w_N (β, N) and pair scaling "N-1" — the many-body tests' common model.
#include <cbec/model/mixture.hpp>

#include <Eigen/Dense>

#include <memory>
#include <vector>

namespace cbec::testing {

/// Species "A" (and "B") with couplings a[s], cross coupling a12, equal fractions; centres[s] per species
/// (empty: all at the origin).
inline Mixture gaussianMixture(int d, std::vector<double> a, double a12, int N, double beta = 0.0,
                               std::vector<std::vector<double>> centres = {}) {
  std::vector<Species> sp;
  for (size_t s = 0; s < a.size(); ++s) {
    Species x;
    x.name = s == 0 ? "A" : "B";
    x.fraction = 1.0 / a.size();
    x.a = a[s];
    x.trap = Trap::power(2.0, centres.empty() ? std::vector<double>(d, 0.0) : centres[s]);
    sp.push_back(x);
  }
  Eigen::MatrixXd c = Eigen::MatrixXd::Zero(a.size(), a.size());
  if (a.size() == 2) c(0, 1) = c(1, 0) = a12;
  return Mixture(d, sp, c, PairInteraction::hartree(std::make_shared<GaussianProfile>(), N, beta),
                 PairScaling::NMinusOne, N);
}

}  // namespace cbec::testing
