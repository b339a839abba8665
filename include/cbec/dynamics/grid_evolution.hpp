#pragma once
/// @file grid_evolution.hpp
/// A mean-field run on a grid: the flow (mean_field_flow.hpp) advanced from output time to output time with
/// a fixed step or with local error control (adaptive_stepper.hpp), and the observables at each time:
///
///   norm_s = ‖u_s‖,  E(u) (the Hamiltonian functional per particle, hamiltonian.hpp),
///   ⟨|x|²⟩ = Σ_s c_s ∫|x|²|u_s|²,  overlap = Σ_s c_s |⟨u_s(0), u_s(t)⟩|²,
///   overlap with a reference state (if given), same weights.
///
/// The run's state (u, u(0), t, τ, step counts) is plain data: a checkpoint written at an output time and
/// read back continues bit-identically, provided the resumed run executes the same FFT plans (the driver
/// records the measured plans' FFTW wisdom in the checkpoint and pins it on resume, fftw_wisdom.hpp).
#include <cbec/dynamics/adaptive_stepper.hpp>
#include <cbec/dynamics/mean_field_flow.hpp>
#include <cbec/dynamics/splitting.hpp>

#include <complex>
#include <optional>
#include <vector>

namespace cbec {

/// How a step's local error is estimated when tolerance > 0: by the scheme's embedded partner
/// (SplittingPair, little extra work) or by step doubling (two half steps: three times the work).
enum class ErrorEstimate { Embedded, StepDoubling };

struct GridEvolutionOptions {
  SplittingScheme scheme = SplittingScheme::blanesMoan();
  double tolerance = 1e-10;   ///< local error tolerance; 0: fixed `step`
  double step = 0.01;         ///< fixed step, or the first trial step
  ErrorEstimate estimate = ErrorEstimate::StepDoubling;   ///< Embedded needs SplittingPair::exists(scheme)
  int ratio = 2;              ///< StepDoubling: step ratio k of the Richardson estimate (adaptive_stepper.hpp)
  int every = 1;              ///< StepDoubling: estimate on one macro step in `every` (adaptive_stepper.hpp)
};

struct GridObservables {
  double t = 0;
  std::vector<double> norm;       ///< per species
  double energy = 0;
  double x2 = 0;                  ///< Σ_s c_s ⟨|x|²⟩_s
  double overlap = 0;             ///< Σ_s c_s |⟨u_s(0), u_s(t)⟩|²
  double referenceOverlap = -1;   ///< Σ_s c_s |⟨r_s, u_s(t)⟩|², −1 without a reference
};

struct GridRunState {
  ComplexState u{}, initial{};
  double t = 0, tau = 0;
  StepCounts counts{};
};

/// Bytes a mean-field run of S species on n^d points holds at its peak (the Hamiltonian's tables and
/// FFT buffers, the complex states u, u(0) and the two trial states of a step-doubling step, the
/// real/imaginary copies written at an output time): 8(12 + 14S) bytes per point, about 25% above the
/// largest resident size measured at 96³ with snapshots and checkpoints (165 B/point for S = 1, 260
/// for S = 2, process baseline included).
double gridEvolutionMemoryBytes(int dimension, int points, int species);

class GridEvolution {
 public:
  GridEvolution(MeanFieldFlow& flow, GridRunState state, GridEvolutionOptions options,
                std::optional<ComplexState> reference = std::nullopt);
  /// Advance to tEnd ≥ t.
  void advanceTo(double tEnd);
  GridObservables observe();
  const GridRunState& state() const { return s_; }

 private:
  MeanFieldFlow& flow_;
  GridRunState s_;
  GridEvolutionOptions opt_;
  std::optional<SplittingPair> pair_;
  ComplexState scratch_, work_;
  std::optional<ComplexState> reference_;
};

}  // namespace cbec
