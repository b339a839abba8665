#pragma once
/// @file fragmented_toy_evolution.hpp
/// The toy model of F §3 evolved in time, by its radial reduction (MODEL.md §6):
///
///   φ_t: radial Hartree flow (F 4.4) in the s-wave oscillator DVR (radial_hartree.hpp), with a splitting
///        scheme and a fixed step or local error control (adaptive_stepper.hpp);
///   γ^(1)_{∞,ν,t} = |φ_t⟩⟨φ_t| ⊗ diag(n)            (F 3.15 with F 4.5, k = 1)
///   γ^(2)_{∞,ν,t} = |φ_t^{⊗2}⟩⟨φ_t^{⊗2}| ⊗ Σ_a w_a|a⟩⟨a|   (multinomial w_a, fragmented_toy.hpp)
///   γ^(1)_{∞,∞,t} = |φ_0⟩⟨φ_0| ⊗ K(t)               (F 3.17), K from the κ ODE (F 3.18) with the shared
///        orbital tensor T_{jc,ab} = c δ_jc δ_ab, c = ⟨φ_0, (V∗|φ_0|²)φ_0⟩ (infinite_gap.hpp)
///   distance Tr|γ^(1)_{∞,ν,t} − γ^(1)_{∞,∞,t}| (F 3.16) from α = ⟨φ_0, φ_t⟩ and β = ‖(1 − P_0)φ_t‖.
/// With K = diag(n) and ‖φ_t‖ = 1 the distance is 2β = 2(1 − |α|²)^{1/2} (checked in tests).
/// rank γ^(1)_{∞,ν,t} = rank(|φ_t⟩⟨φ_t|) · rank(diag n) = ℓ.
#include <cbec/dynamics/adaptive_stepper.hpp>
#include <cbec/dynamics/radial_hartree.hpp>
#include <cbec/dynamics/splitting.hpp>
#include <cbec/model/fragmented_toy.hpp>

#include <Eigen/Dense>

#include <vector>

namespace cbec {

struct ToyEvolutionOptions {
  int basisSize = 0;                                ///< M s-wave oscillator functions; 0: automatic
                                                    ///< (M = 40, 80, … until Σ_{n≥M−4}|c_n|² ≤ 1e-24)
  SplittingScheme scheme = SplittingScheme::yoshida4();
  double tolerance = 1e-12;                         ///< local error tolerance (0: fixed step)
  double step = 0.01;                               ///< fixed step, or the first trial step
};

struct ToySnapshot {
  double t = 0, norm = 0, energy = 0, x2 = 0;
  double overlap = 0;          ///< |⟨φ_0, φ_t⟩|²
  double orthogonalNorm = 0;   ///< β = ‖(1 − P_0)φ_t‖
  double distance = 0;         ///< Tr|γ^(1)_{∞,ν,t} − γ^(1)_{∞,∞,t}|
  int rank = 0;                ///< rank of γ^(1)_{∞,ν,t}
  int rankInfiniteGap = 0;     ///< rank of K(t)
  Eigen::MatrixXcd K;          ///< K(t)
  double basisTail = 0;        ///< Σ_{n ≥ M−4} |c_n|²: truncation indicator of the basis
  double predictedDistance = 0;   ///< first-order (in 1/ν) prediction, firstOrderDistance()
};

struct ToyEvolution {
  std::vector<ToySnapshot> snapshots;
  StepCounts steps;
  std::vector<double> occupations1, occupations2;   ///< spin weights of γ^(1), γ^(2) (Dicke order)
  int rank2 = 0;                                    ///< rank of γ^(2)_{∞,ν,t} (time independent)
  double c = 0;                                     ///< ⟨φ_0, (V∗|φ_0|²)φ_0⟩
  int basisSize = 0;                                ///< M used
};

/// Distance against ν at fixed times (F 3.16): one evolution per ν, and the exponent fitted to
/// log distance against log ν, to set against the bound's −1/2.
struct ToySweep {
  std::vector<double> nu, times;
  std::vector<std::vector<double>> distance;    ///< [ν][time]
  std::vector<std::vector<double>> predicted;   ///< first-order prediction [ν][time]
  std::vector<double> fittedExponent;           ///< per time: least-squares slope of log d against log ν (fitPowerLaw)
  /// sup_{0<s≤t_last} d(s) sampled at 400 times per ν, and its fitted exponent (free of the 2νt phase)
  std::vector<double> supDistance;
  double fittedExponentSup = 0;
};
ToySweep sweepNu(const FragmentedToyModel& model, const std::vector<double>& nu, const std::vector<double>& times,
                 const ToyEvolutionOptions& options);
/// The same against the strength of V at fixed ν (a Gaussian V keeps its width; `nu` of the result holds the
/// strengths): at first order the distance is linear in the strength (exponent 1).
ToySweep sweepStrength(const FragmentedToyModel& model, const std::vector<double>& strength,
                       const std::vector<double>& times, const ToyEvolutionOptions& options);

/// The leading term of the distance for large ν. Linearising φ_t = e^{−ict}(φ_0 + δ_t) (c as above, U = V∗|φ_0|²),
///   i∂_t δ = (h_ν − c + U)δ + (V∗2Re(φ_0δ̄))φ_0 + (1 − P_0)Uφ_0 + O(δ²),
/// whose solution in the oscillator basis, keeping the resonant (diagonal, δ not δ̄) part of the O(δ) terms, is
///   δ_n(t) = −u_n (1 − e^{−iω_n t})/ω_n,   ω_n = 2νn − c + ⟨φ_n, Uφ_n⟩ + ⟨φ_n, (V∗φ_0φ_n)φ_0⟩,
/// u_n = ⟨φ_n, Uφ_0⟩ (the off-diagonal and δ̄ couplings are off resonance by ≥ 2ν: O(ν^{−2}) in δ). Hence
///   Tr|γ^(1)_{∞,ν,t} − γ^(1)_{∞,∞,t}| = 2‖δ_t‖ + O(ν^{−2}) = 2 (Σ_{n≥1} |u_n|² |1 − e^{−iω_n t}|²/ω_n²)^{1/2} + O(ν^{−2}),
/// of order 1/ν (not 1/√ν): the forcing (1 − P_0)Uφ_0 is off resonance by at least the gap ν. The O(1) shift
/// of ω_n matters pointwise: without it the phase drifts and the error is 0.14·t·sup‖2δ‖ for every ν.
double firstOrderDistance(const RadialHartreeFlow& flow, double t);

/// Evolve to each of `times` (increasing, > 0).
ToyEvolution evolveFragmentedToy(const FragmentedToyModel& model, const std::vector<double>& times,
                                 const ToyEvolutionOptions& options);

}  // namespace cbec
