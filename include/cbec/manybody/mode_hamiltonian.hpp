#pragma once
/// @file mode_hamiltonian.hpp
/// The many-body Hamiltonian (M 1.1) projected onto finite one-body mode bases, in second quantisation
/// (a_i for species A with modes φ_i, b_j for species B with modes χ_j):
///
///   H = Σ_ij h^A_ij a†_i a_j + (λ_A/2) Σ_ijkl V^A_ijkl a†_i a†_j a_l a_k
///     + Σ_ij h^B_ij b†_i b_j + (λ_B/2) Σ_ijkl V^B_ijkl b†_i b†_j b_l b_k
///     + λ_AB Σ_ijkl V^AB_ijkl a†_i b†_j b_l a_k,
///
/// with V^A_ijkl = ⟨φ_iφ_j, W_A φ_kφ_l⟩ and V^AB_ijkl = ⟨φ_iχ_j, W_AB φ_kχ_l⟩ (two_body_tensor.hpp).
/// In (M 1.1): λ_s = 1/(N_s - 1) ("N-1") or 1/N ("N"), λ_AB = 1/N, W = -a w_N.
///
/// This is the generic input of FockHamiltonian: any real symmetric h, any Hermitian real V
/// (V_ijkl = V_klij; intra also V_ijkl = V_jilk), any prefactors — few-mode models included. One species
/// is the case species.size() == 1. Optional symmetry data restrict the Fock space to a sector:
///  * labels: per mode a bitmask of Z₂ quantum numbers (e.g. parity per axis); a Fock state's label is
///    the XOR of the labels of all particles; only states with label == sector are kept. Valid only
///    if h and V conserve the labels (the operator does not check this; terms leaving the sector are dropped);
///  * quanta: per mode a non-negative integer (oscillator shell); with max_quanta set, only Fock states
///    with Σ_particles quanta ≤ max_quanta are kept (the many-body energy truncation);
///  * angular: per mode an integer L_z (circular modes); with angular_momentum set, only Fock states with
///    Σ_particles L_z = angular_momentum are kept. Valid only if h and V conserve L_z (the tensors of
///    circular modes do; terms leaving the sector are dropped).
#include <cbec/manybody/two_body_tensor.hpp>

#include <Eigen/Dense>

#include <optional>
#include <vector>

namespace cbec {

struct ModeSpecies {
  int particles = 0;                  ///< N_s
  Eigen::MatrixXd h;                  ///< M×M one-body matrix (real symmetric)
  TwoBodyTensor V;                    ///< ⟨ij|W_s|kl⟩ (M⁴; may be empty when particles < 2)
  double pair_factor = 0;             ///< λ_s
  std::vector<unsigned> labels;       ///< per mode Z₂ labels, or empty (all 0)
  std::vector<int> quanta;            ///< per mode quanta, or empty (all 0)
  std::vector<int> angular;           ///< per mode L_z, or empty (all 0)
  int modes() const { return static_cast<int>(h.rows()); }
};

struct ModeHamiltonian {
  std::vector<ModeSpecies> species;   ///< one or two species
  TwoBodyTensor V12;                  ///< ⟨φ_iχ_j|W_AB|φ_kχ_l⟩ (two species only)
  double inter_factor = 0;            ///< λ_AB
  unsigned sector = 0;                ///< kept label (XOR over all particles)
  std::optional<int> max_quanta;      ///< energy truncation Σ quanta ≤ max_quanta
  std::optional<int> angular_momentum;  ///< kept total L_z (needs `angular` per species)

  /// InputError naming the first inconsistency (sizes, asymmetric h, non-finite entries, ...).
  void validate() const;
  int totalParticles() const;
};

}  // namespace cbec
