#include <cbec/model/species_coupling.hpp>

#include <cbec/io/errors.hpp>
#include <cbec/model/mixture.hpp>

#include <fmt/format.h>

namespace cbec {

SpeciesCoupling::SpeciesCoupling(std::vector<double> oneBody, Eigen::MatrixXd pair)
    : A_(std::move(oneBody)), B_(std::move(pair)) {
  const auto S = static_cast<Eigen::Index>(A_.size());
  if (B_.rows() != S || B_.cols() != S)
    throw InputError(fmt::format("species coupling: {} one-body weights but a {}x{} pair-weight matrix", S, B_.rows(),
                                 B_.cols()));
}

SpeciesCoupling SpeciesCoupling::ofHamiltonian(const std::vector<double>& particles,
                                               const std::vector<double>& intraFactors, double interFactor) {
  const auto S = static_cast<Eigen::Index>(particles.size());
  if (static_cast<Eigen::Index>(intraFactors.size()) != S)
    throw InputError("species coupling: one λ_s per species is required");
  Eigen::MatrixXd B(S, S);
  for (Eigen::Index s = 0; s < S; ++s)
    for (Eigen::Index t = 0; t < S; ++t)
      B(s, t) = s == t ? intraFactors[s] * particles[s] * (particles[s] - 1) : interFactor * particles[s] * particles[t];
  return SpeciesCoupling(particles, std::move(B));
}

SpeciesCoupling SpeciesCoupling::perParticle(const std::vector<double>& fractions,
                                             const std::vector<double>& intraScales) {
  const auto S = static_cast<Eigen::Index>(fractions.size());
  if (static_cast<Eigen::Index>(intraScales.size()) != S)
    throw InputError("species coupling: one κ_s per species is required");
  Eigen::MatrixXd C(S, S);
  for (Eigen::Index s = 0; s < S; ++s)
    for (Eigen::Index t = 0; t < S; ++t) C(s, t) = s == t ? fractions[s] * intraScales[s] : fractions[s] * fractions[t];
  return SpeciesCoupling(fractions, std::move(C));
}

SpeciesCoupling SpeciesCoupling::of(const Mixture& m) {
  std::vector<double> c, kappa;
  for (int s = 0; s < m.speciesCount(); ++s) {
    c.push_back(m.fraction(s));
    kappa.push_back(m.intraScale(s));
  }
  return perParticle(c, kappa);
}

double SpeciesCoupling::energy(const std::vector<double>& oneBody, const Eigen::MatrixXd& I) const {
  const int S = species();
  if (static_cast<int>(oneBody.size()) != S || I.rows() != S || I.cols() != S)
    throw InputError("species coupling: the one-body expectations and pair integrals must match the species");
  double E = 0;
  for (int s = 0; s < S; ++s) E += A_[s] * oneBody[s];
  for (int s = 0; s < S; ++s)
    for (int t = 0; t < S; ++t)
      if (B_(s, t) != 0) E += 0.5 * B_(s, t) * I(s, t);
  return E;
}

}  // namespace cbec
