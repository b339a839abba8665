#pragma once
/// @file mixture.hpp
/// The physical model: S ≥ 1 species in d = 1, 2, 3 dimensions with pair potentials
/// W_s = -a_s w_N (same species) and W_st = -a_st w_N (different species), and the pair scaling of
/// the many-body Hamiltonian
///
///   H_N = Σ_s Σ_{i∈s} h_s(x_i) + Σ_s λ_s Σ_{i<j∈s} W_s(x_i-x_j) + Σ_{s<t} 1/N Σ_{i∈s,r∈t} W_st      (M 1.1)
///
/// with λ_s = 1/(N_s - 1) ("N-1", the mixture paper) or λ_s = 1/N ("N", the fragmentation paper, F 3.5).
///
/// Mean-field energy per particle of the product state ⊗_s u_s^{⊗N_s} (‖u_s‖ = 1): species s has
/// N_s(N_s-1)/2 pairs, species s and t have N_s N_t pairs, so ⟨H_N⟩/N equals
///
///   Σ_s c_s ⟨u_s, h_s u_s⟩ + Σ_s [λ_s N_s(N_s-1)/(2N)] ∫ρ_s (W_s*ρ_s) + Σ_{s<t} c_s c_t ∫ρ_s (W_st*ρ_t)
///
/// (ρ_s = |u_s|², c_s = N_s/N). With λ_s = 1/(N_s-1) the intra prefactor is c_s/2 exactly as in MODEL §2;
/// with λ_s = 1/N it is (c_s/2)·κ_s with κ_s = (N_s - 1)/N = c_s - 1/N (so for one species κ = 1 - 1/N,
/// and for c_s = ½ the intra term is about halved). The inter term is the same in both scalings.
/// The code therefore carries the effective intra strength  ã_s = κ_s a_s  (κ_s = 1 for "N-1"),
/// and "N" requires N. The resulting functional (M 1.7 / 1.9 generalised):
///
///   E(u) = Σ_s c_s [ ∫|∇u_s|² + V_s|u_s|² - (ã_s/2) ∫ρ_s (w_N*ρ_s) ] - Σ_{s<t} c_s c_t a_st ∫ρ_s (w_N*ρ_t).
///
/// Mass constraint (docs/total-mass.md). PerSpecies: ‖u_s‖ = 1 with the given c_s (M 1.10). Total (the model
/// of the remark after M Theorem 2): the state v = (v_s) carries the masses, ‖v_1‖² + … + ‖v_S‖² = 1, and
///
///   E^total(v) = Σ_s [ ∫|∇v_s|² + V_s|v_s|² - (a_s/2) ∫|v_s|²(w_N*|v_s|²) ] - Σ_{s<t} a_st ∫|v_s|²(w_N*|v_t|²),
///
/// which is the functional above with every weight c_s = 1 evaluated at v. A total-mass Mixture therefore
/// stores fraction(s) = 1 (the weight of species s in the functional, not its mass: the masses
/// c_s = ‖v_s‖² are outputs of the minimisation). With v_s = √c_s u_s, E^total(v) is the per-species functional
/// at fractions c_s with a_s replaced by c_s a_s, so E^total = min over c of those energies.
#include <cbec/model/pair_interaction.hpp>
#include <cbec/model/pair_scaling.hpp>
#include <cbec/model/species.hpp>

#include <Eigen/Dense>

#include <optional>
#include <string>
#include <vector>

namespace cbec {

/// ‖u_s‖ = 1 for each species (fractions given), or ‖v_1‖² + … + ‖v_S‖² = 1 (fractions are outputs).
enum class MassConstraint { PerSpecies, Total };

class Mixture {
 public:
  /// `couplings` is the symmetric S×S matrix of a_st (diagonal ignored; a_s lives in Species).
  /// `pair` is the shape w_N: a unit-coupling (g = 1) contact or Scaled PairInteraction (pair_interaction.hpp;
  /// InputError otherwise). `N` (total particle number) is required for Hartree and for pair scaling "N".
  /// Throws InputError on inconsistent data (fractions not summing to 1, wrong trap dimension, ...).
  Mixture(int dimension, std::vector<Species> species, Eigen::MatrixXd couplings,
          PairInteraction pair = PairInteraction::contact(),
          PairScaling scaling = PairScaling::NMinusOne, std::optional<double> N = std::nullopt,
          MassConstraint constraint = MassConstraint::PerSpecies);

  /// Convenience: one species, contact, V = |x|^p at the origin.
  static Mixture singleSpecies(int dimension, double a, double power = 2.0);
  /// Convenience: two species, contact, harmonic traps at the origin (the INTERFACE example).
  static Mixture twoSpecies(int dimension, double c1, double a1, double a2, double a12);

  int dimension() const { return d_; }
  int speciesCount() const { return static_cast<int>(species_.size()); }
  const Species& species(int s) const { return species_[s]; }
  const std::vector<Species>& allSpecies() const { return species_; }
  double fraction(int s) const { return species_[s].fraction; }
  /// a_st for s ≠ t (symmetric); a_s for s = t.
  double coupling(int s, int t) const { return s == t ? species_[s].a : a_(s, t); }
  const Eigen::MatrixXd& interCouplings() const { return a_; }
  /// κ_s: 1 for "N-1", (N_s - 1)/N for "N" (pair_scaling.hpp).
  double intraScale(int s) const;
  /// λ_s of (M 1.1) (pair_scaling.hpp); needs N.
  double intraPairFactor(int s) const;
  /// 1/N, the inter-species factor of (M 1.1); needs N.
  double interPairFactor() const;
  /// ã_s = κ_s a_s, the strength that enters the functional.
  double effectiveIntra(int s) const { return intraScale(s) * species_[s].a; }
  /// The shape w_N (a PairInteraction of coupling 1; V > 0 repulsive).
  const PairInteraction& pair() const { return pair_; }
  /// W_st = −a_st w_N (W_s = −a_s w_N for s = t) as a PairInteraction: coupling g = −a_st, V > 0 repulsive.
  PairInteraction interaction(int s, int t) const { return pair_.withCoupling(-coupling(s, t)); }
  /// The interaction the mean-field functional holds: −ã_s w_N for s = t (κ_s of the pair scaling),
  /// −a_st w_N for s ≠ t. Its coupling is G_st of E = Σ_s c_s⟨u_s,h_s u_s⟩ + ½ Σ_st c_s c_t G_st ∫ρ_s (w_N∗ρ_t).
  PairInteraction meanFieldInteraction(int s, int t) const {
    return pair_.withCoupling(s == t ? -effectiveIntra(s) : -coupling(s, t));
  }
  PairScaling pairScaling() const { return scaling_; }
  std::optional<double> particleNumber() const { return N_; }
  MassConstraint massConstraint() const { return constraint_; }
  bool totalMass() const { return constraint_ == MassConstraint::Total; }
  /// A copy under the total-mass constraint (every weight fraction(s) = 1, see above).
  Mixture withTotalMass() const;

  /// Every trap moved by `shift` (E and μ are invariant; the states move with the traps).
  Mixture translated(const std::vector<double>& shift) const;
  /// A copy with other couplings (for parameter scans): intra a_s and the inter matrix.
  Mixture withCouplings(const std::vector<double>& a, const Eigen::MatrixXd& inter) const;
  /// Short description, e.g. "2D contact, 2 species".
  std::string describe() const;

 private:
  int d_;
  std::vector<Species> species_;
  Eigen::MatrixXd a_;
  PairInteraction pair_;
  PairScaling scaling_;
  std::optional<double> N_;
  MassConstraint constraint_ = MassConstraint::PerSpecies;
};

}  // namespace cbec
