#include <cbec/model/mixture.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {

Mixture::Mixture(int dimension, std::vector<Species> species, Eigen::MatrixXd couplings,
                 PairInteraction pair, PairScaling scaling, std::optional<double> N, MassConstraint constraint)
    : d_(dimension), species_(std::move(species)), a_(std::move(couplings)), pair_(std::move(pair)),
      scaling_(scaling), N_(N), constraint_(constraint) {
  if (d_ < 1 || d_ > 3) throw InputError(fmt::format("Mixture: the dimension must be 1, 2 or 3, got {}", d_));
  const int S = speciesCount();
  if (S < 1) throw InputError("Mixture: at least one species is required");
  if ((pair_.kind() != PairInteraction::Kind::Contact && pair_.kind() != PairInteraction::Kind::Scaled) ||
      pair_.coupling() != 1.0)
    throw InputError(fmt::format("Mixture: the pair shape w_N must be contact or a normalised profile of coupling 1 "
                                 "(the strengths are a_s, a_st), got {}", pair_.describe()));
  if (a_.rows() != S || a_.cols() != S)
    throw InputError(fmt::format("Mixture: expected a {}x{} matrix of inter-species couplings", S, S));
  double sum = 0;
  for (int s = 0; s < S; ++s) {
    const Species& sp = species_[s];
    if (!(sp.fraction > 0 && sp.fraction <= 1))
      throw InputError(fmt::format("Mixture: species {} ({}): the fraction must lie in (0, 1], got {}", s + 1, sp.name, sp.fraction));
    if (!std::isfinite(sp.a)) throw InputError(fmt::format("Mixture: species {} ({}): the coupling a must be finite", s + 1, sp.name));
    if (sp.trap.dimension() != d_)
      throw InputError(fmt::format("Mixture: species {} ({}): the trap has dimension {}, the mixture {}",
                                   s + 1, sp.name, sp.trap.dimension(), d_));
    sum += sp.fraction;
  }
  if (constraint_ == MassConstraint::Total) {
    // the weights of the total-mass functional (mixture.hpp): the masses are in the state
    for (int s = 0; s < S; ++s)
      if (species_[s].fraction != 1.0)
        throw InputError(fmt::format("Mixture: species {} ({}): under the total-mass constraint the fraction is an "
                                     "output (weight 1 in the functional), got {}", s + 1, species_[s].name, species_[s].fraction));
    if (scaling_ == PairScaling::N)
      throw InputError("Mixture: the N pair scaling needs N_s = c_s N, unknown under the total-mass constraint");
  } else if (std::abs(sum - 1.0) > 1e-12) {
    throw InputError(fmt::format("Mixture: the species fractions must sum to 1, got {:.15g}", sum));
  }
  for (int s = 0; s < S; ++s)
    if (!(species_[s].nu > 0) || !std::isfinite(species_[s].nu))
      throw InputError(fmt::format("Mixture: species {} ({}): ν must be positive and finite, got {}", s + 1,
                                   species_[s].name, species_[s].nu));
  for (int s = 0; s < S; ++s)
    for (int t = 0; t < S; ++t)
      if (s != t && (!std::isfinite(a_(s, t)) || a_(s, t) != a_(t, s)))
        throw InputError("Mixture: the inter-species coupling matrix must be finite and symmetric");
  if (N_ && !(*N_ >= 1)) throw InputError(fmt::format("Mixture: the particle number N must be ≥ 1, got {}", *N_));
  if (scaling_ == PairScaling::N && !N_)
    throw InputError("Mixture: the N pair scaling needs the particle number N (the intra term carries (N_s-1)/N)");
  if (scaling_ == PairScaling::N)
    for (int s = 0; s < S; ++s)
      if (species_[s].fraction * *N_ < 1 - 1e-9)
        throw InputError(fmt::format("Mixture: species {} ({}) has N_s = c_s N = {} < 1", s + 1, species_[s].name, species_[s].fraction * *N_));
}

Mixture Mixture::singleSpecies(int dimension, double a, double power) {
  Species sp{"A", 1.0, a, Trap::power(power, std::vector<double>(dimension, 0.0))};
  return Mixture(dimension, {sp}, Eigen::MatrixXd::Zero(1, 1));
}

Mixture Mixture::twoSpecies(int dimension, double c1, double a1, double a2, double a12) {
  std::vector<double> z(dimension, 0.0);
  Species A{"A", c1, a1, Trap::power(2.0, z)}, B{"B", 1 - c1, a2, Trap::power(2.0, z)};
  Eigen::MatrixXd m(2, 2);
  m << 0, a12, a12, 0;
  return Mixture(dimension, {A, B}, m);
}

double Mixture::intraScale(int s) const {
  return cbec::intraScale(scaling_, N_ ? species_[s].fraction * *N_ : 0.0, N_);
}

double Mixture::intraPairFactor(int s) const {
  if (!N_) throw InputError("Mixture: the pair factor λ_s needs the particle number N");
  return cbec::intraPairFactor(scaling_, species_[s].fraction * *N_, *N_);
}

double Mixture::interPairFactor() const {
  if (!N_) throw InputError("Mixture: the pair factor 1/N needs the particle number N");
  return cbec::interPairFactor(*N_);
}

Mixture Mixture::withCouplings(const std::vector<double>& a, const Eigen::MatrixXd& inter) const {
  std::vector<Species> sp = species_;
  if (a.size() != sp.size()) throw InputError("withCouplings: one a_s per species expected");
  for (size_t s = 0; s < sp.size(); ++s) sp[s].a = a[s];
  return Mixture(d_, sp, inter, pair_, scaling_, N_, constraint_);
}

Mixture Mixture::withTotalMass() const {
  std::vector<Species> sp = species_;
  for (Species& s : sp) s.fraction = 1.0;
  return Mixture(d_, sp, a_, pair_, scaling_, N_, MassConstraint::Total);
}

Mixture Mixture::translated(const std::vector<double>& shift) const {
  std::vector<Species> sp = species_;
  for (Species& s : sp) s.trap = s.trap.translated(shift);
  return Mixture(d_, sp, a_, pair_, scaling_, N_, constraint_);
}

std::string Mixture::describe() const {
  return fmt::format("{}D {}, {} species{}{}", d_, pair_.describe(), speciesCount(),
                     scaling_ == PairScaling::N ? ", pair scaling 1/N" : "",
                     constraint_ == MassConstraint::Total ? ", total mass" : "");
}

}  // namespace cbec
