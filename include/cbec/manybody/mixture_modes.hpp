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
MixtureModes mixtureModeHamiltonian(const Mixture& mixture, const std::vector<int>& particles, int shells,
                                    std::optional<int> maxQuanta = std::nullopt, double scale = 1.0);

/// The selection rules of a two-body tensor between two species' modes: their parity labels, and with a
/// truncation K the pairs with q_i + q_j ≤ K.
PairSelection pairSelection(const ModeSpecies& a, const ModeSpecies& b, std::optional<int> maxQuanta);

/// What mixtureModeHamiltonian(mixture, particles, shells, maxQuanta) will hold, counted from the mode
/// labels alone before anything of that size is allocated: the exact number of states of the even sector
/// (a generating-function count over the modes, per species f[n][Σq][parity], then the species combined)
/// and the two-body entries its tensors store (TwoBodyTensor::entryEstimate).
struct ModeFootprint {
  double states = 0, entries = 0;
};
ModeFootprint mixtureModeFootprint(const Mixture& mixture, const std::vector<int>& particles, int shells,
                                   std::optional<int> maxQuanta);

/// Axes on which all species' traps share the centre: reflection symmetries, parity labels.
unsigned commonParityAxes(const Mixture& mixture);


}  // namespace cbec
