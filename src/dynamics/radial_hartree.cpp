#include <cbec/dynamics/radial_hartree.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/model/species_coupling.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {

RadialHartreeFlow::RadialHartreeFlow(double nu, PairInteraction potential, int basisSize)
    : nu_(nu), V_(potential), basis_(basisSize) {
  if (!(nu > 0) || !std::isfinite(nu)) throw InputError(fmt::format("radial Hartree flow: ν must be positive and finite, got {}", nu));
  const int M = basis_.size();
  const auto& r = basis_.nodes();
  K_.resize(M, M);
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < M; ++j) K_(i, j) = V_.sphericalAverage(r[i], r[j]);
}

RadialHartreeFlow::State RadialHartreeFlow::ground() const {
  Eigen::VectorXcd c = Eigen::VectorXcd::Zero(basis_.size());
  c[0] = 1;
  return basis_.toNodes(c);
}

Eigen::VectorXd RadialHartreeFlow::potential(const State& v) const { return K_ * v.cwiseAbs2(); }

void RadialHartreeFlow::linearFlow(State& v, double tau) const {
  Eigen::VectorXcd c = basis_.toCoefficients(v);
  for (int n = 1; n < c.size(); ++n) c[n] *= std::polar(1.0, -2.0 * nu_ * n * tau);
  v = basis_.toNodes(c);
}

void RadialHartreeFlow::potentialFlow(State& v, double tau) const {
  if (V_.isZero()) return;
  Eigen::VectorXd U = potential(v);
  for (int i = 0; i < v.size(); ++i) v[i] *= std::polar(1.0, -tau * U[i]);
}

void RadialHartreeFlow::step(State& v, double tau, const SplittingScheme& scheme) const {
  scheme.step(tau, [&](double h) { linearFlow(v, h); }, [&](double h) { potentialFlow(v, h); });
}

double RadialHartreeFlow::energy(const State& v) const {
  Eigen::VectorXcd c = basis_.toCoefficients(v);
  double kinetic = 0;
  for (int n = 1; n < c.size(); ++n) kinetic += 2.0 * nu_ * n * std::norm(c[n]);
  // one species, c = κ = 1 (species_coupling.hpp): E = ⟨φ, h_ν φ⟩ + ½ ⟨ρ, V∗ρ⟩
  const double pair = potential(v).dot(v.cwiseAbs2());
  return SpeciesCoupling::perParticle({1.0}, {1.0}).energy({kinetic}, Eigen::MatrixXd::Constant(1, 1, pair));
}

double RadialHartreeFlow::x2(const State& v) const { return basis_.nodesSquared().dot(v.cwiseAbs2()); }

std::complex<double> RadialHartreeFlow::groundOverlap(const State& v) const {
  return basis_.transform().row(0).dot(v);   // Q real: Σ_i Q_{0i} v_i
}

double RadialHartreeFlow::orthogonalNorm(const State& v) const {
  Eigen::VectorXcd c = basis_.toCoefficients(v);
  return c.tail(c.size() - 1).norm();
}

}  // namespace cbec
