#pragma once
/// @file auto_grid.hpp
/// Automatic choice of the periodic box and resolution, and an a posteriori error estimate.
///
/// Start: box centred at the middle of the trap centres, side L = spread + 2R with R the radius where
/// the one-body ground state of -Δ + |x|^p has decayed to the tolerance (|u| ~ exp(-(2/(p+2))|x|^{(p+2)/2})),
/// spacing h = ℓ/4 (ℓ the trap length scale). Then solve and adapt until both hold:
///   boundary:  max_s max_{∂box} |u_s| / max |u_s| ≤ boundary_tolerance        (else L ×1.25, h kept)
///   spectrum:  max_s (max_{|k_i| ≥ 2/3·π/h} |û_s|) / max |û_s| ≤ spectral_tolerance (else n ×1.5)
/// Each new grid is warm-started from the previous solution (transferState). A state the trap's grid
/// does not resolve (that spectral fraction > 1e-2) sets the grid itself (issue 22): the unresolved
/// solve is discarded, not carried (near the edge of existence the grid's aliased |u|⁴ can favour a
/// state collapsed onto a few points, a minimiser on every finer grid), the spacing comes from the
/// spectral tail's decay extrapolated to the tolerance (×1.5..×4; ×2 while it does not decay), and,
/// once resolved, the box from the state's extent (where every species is below boundary_tolerance of
/// its peak, +10%; extrapolated from its 1e-3/1e-6 radii where the boundary test fails). What does not
/// fit within max_points_* is refused before it is allocated (NumericalError naming [grid], the points
/// needed and the limit; InputError naming species[].trap.center for traps too far apart).
/// Everything is solved in the frame of the box centre (solveInGridFrame), so traps far from the
/// origin lose no precision; a box whose coordinates double precision cannot resolve is refused
/// (requireRepresentable), and so is one that would exceed the machine's memory (memory_limit.hpp).
/// Error estimate: max(|E - E'|, |E - E''|) with E' the energy on the same box at ~3/4 of the points and
/// E'' on a box 15% smaller at the same spacing, from the solution transferred there: by default its
/// energy less the decrease one PCG step would give by its quadratic model (no iterations;
/// error_estimate.hpp), with SolverOptions::error_estimate = Resolve a solve warm-started from it.
#include <cbec/solver/ground_state.hpp>

#include <string>
#include <vector>

namespace cbec {

struct AutoGridOptions {
  double boundary_tolerance = 1e-9;
  double spectral_tolerance = 1e-8;   // amplitude; the energy error goes like its square
  int max_points_1d = 8192, max_points_2d = 1024, max_points_3d = 192;
};

struct GridSolution {
  Grid grid;
  GroundStateResult result;
  double error_estimate = 0;
  std::vector<std::string> log;   ///< one line per grid tried
};

/// Chooses the grid and solves (the returned result is the one on the final grid; its fft_count and
/// wall_seconds cover that solve only).
GridSolution solveOnAutomaticGrid(const Mixture& mixture, const SolverOptions& options,
                                  const AutoGridOptions& auto_options = {});
/// The error estimate of a solution on a given grid (the two coarser grids described above).
double gridErrorEstimate(const Mixture& mixture, const Grid& grid, const GroundStateResult& solution,
                         const SolverOptions& options);
/// Smallest even n' ≥ n whose prime factors are 2, 3, 5 (fast FFT sizes).
int fftFriendlySize(int n);

/// Solves on a given grid in the frame of its centre: traps moved by -centre, grid centred at the
/// origin (E, μ and the fields are unchanged; coordinates keep full precision far from the origin).
GroundStateResult solveInGridFrame(const Mixture& mixture, const Grid& grid, const SolverOptions& options,
                                   const State* initial = nullptr);

/// Upper estimate of the memory of a ground-state solve (fields, FFT buffers, PCG directions and the
/// error-estimate solves): 8 bytes × n^d × (12 + 20 S), measured 10-25% above the peak RSS at 1024².
double groundStateMemoryBytes(int dimension, int points, int species);

/// InputError naming `item` when the grid's coordinates cannot be represented in double precision to
/// within 1e-4 of a spacing (|centre| + L/2 > 1e-4 h / ε): such a grid cannot describe the state.
void requireRepresentable(const Grid& grid, const std::string& item);

}  // namespace cbec
