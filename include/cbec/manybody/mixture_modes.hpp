#pragma once
/// @file mixture_modes.hpp
/// The Galerkin model of (M 1.1) for a Mixture (mixture.hpp) with integer particle numbers N_s:
/// per species the oscillator modes of its harmonic trap up to shell n_max (oscillator_modes.hpp),
/// h_s (diagonal ε_ν, or the rescaled-oscillator matrix), W_s = -a_s w_N and W_12 = -a_12 w_N in those modes (two_body_tensor.hpp, exact for
/// the Gaussian profile), pair factors λ_s = 1/(N_s - 1) ("N-1"; 0 when N_s < 2) or 1/N ("N"), λ_12 = 1/N.
///
/// Symmetry: on every axis d where all species' trap centres coincide, reflection about the common
/// z_d commutes with H; mode labels carry bit d = ν_d mod 2 and the sector is the even one (label 0),
/// which holds the ground state (it is positive in position space, hence even under each reflection).
///
/// L_z sectors: when the model is isotropic (isotropicMixture: 2D, every trap harmonic with ω_1 = ω_2, one
/// common centre; the basis scale is one number, so the bases stay isotropic), rotations about the centre
/// commute with H. With `angularMomentum` = M the modes are circular (|n_+, n_-⟩, L_z = n_+ − n_-,
/// oscillator_modes.hpp), the tensors keep m_i + m_j = m_k + m_l (and only the pairs the sector can reach,
/// two_body_tensor.hpp), and the sector is Σ L_z = M. M = 0 holds the ground state (positive, hence
/// rotation invariant). Against the parity classes this cuts both the sector and the stored entries by a
/// factor ~K (docs/manybody.md).
#include <cbec/manybody/mode_hamiltonian.hpp>
#include <cbec/manybody/oscillator_modes.hpp>
#include <cbec/model/mixture.hpp>

#include <optional>
#include <vector>

namespace cbec {

struct MixtureModes {
  std::vector<OscillatorModes> modes;   ///< per species
  ModeHamiltonian model;
};

/// `particles[s]` = N_s ≥ 0 (Σ ≥ 1); the mixture's pair potential must be the Gaussian Hartree profile
/// built with N = Σ N_s. `maxQuanta`: optional many-body truncation Σ shells ≤ maxQuanta (the two-body
/// tensors then keep only pairs inside it); `scale`: basis frequencies scale·ω_d (rescaled oscillators).
/// `angularMomentum`: the L_z sector in circular modes (InputError naming basis.symmetry unless
/// isotropicMixture).
MixtureModes mixtureModeHamiltonian(const Mixture& mixture, const std::vector<int>& particles, int shells,
                                    std::optional<int> maxQuanta = std::nullopt, double scale = 1.0,
                                    std::optional<int> angularMomentum = std::nullopt);

/// The selection rules of a two-body tensor between two species' modes: their parity labels, with a
/// truncation K the pairs with q_i + q_j ≤ K, and with L_z values and a sector M the L_z classes and the pairs
/// that sector reaches (`otherParticles` = N − 2 particles besides the pair).
PairSelection pairSelection(const ModeSpecies& a, const ModeSpecies& b, std::optional<int> maxQuanta,
                            std::optional<int> angularMomentum = std::nullopt, int otherParticles = -1);

/// 2D, every species' trap harmonic and isotropic, all centres equal: H commutes with rotations.
bool isotropicMixture(const Mixture& mixture);

/// What mixtureModeHamiltonian(mixture, particles, shells, maxQuanta) will hold, counted from the mode
/// labels alone before anything of that size is allocated: the exact number of states of the sector
/// (a generating-function count over the modes, per species f[n][Σq][parity][Σ L_z], then the species combined)
/// and the two-body entries its tensors store (TwoBodyTensor::entryEstimate).
struct ModeFootprint {
  double states = 0, entries = 0;
};
ModeFootprint mixtureModeFootprint(const Mixture& mixture, const std::vector<int>& particles, int shells,
                                   std::optional<int> maxQuanta, std::optional<int> angularMomentum = std::nullopt);

/// Axes on which all species' traps share the centre: reflection symmetries, parity labels.
unsigned commonParityAxes(const Mixture& mixture);


}  // namespace cbec
