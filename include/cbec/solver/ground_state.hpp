#pragma once
/// @file ground_state.hpp
/// Ground states: minimise E (hamiltonian/hamiltonian.hpp) on the product of unit spheres
///   M = { (u_1..u_S) : ‖u_s‖₂ = 1 },
/// i.e. solve H_s u_s = μ_s u_s for all s with the lowest energy, u_s ≥ 0 (M after 1.10).
///
/// Methods (same functional object, see pcg.cpp and gradient_flow.cpp):
///  * "pcg" — preconditioned nonlinear conjugate gradient on M, after Antoine, Levitt & Tang,
///    J. Comput. Phys. 343 (2017) 92–109: per-species projected gradient r_s = H_s u_s - μ_s u_s,
///    kinetic-plus-trap preconditioner P_s = P_V^{1/2} (α_s - Δ)^{-1} P_V^{1/2}, P_V = (1 + V_s/α_s)^{-1},
///    α_s = 2⟨u_s,(-Δ + V_s)u_s⟩; Polak–Ribière β⁺ with restart; step θ from the exact second-order model of E
///    along the geodesic u_s(θ) = cos(θ‖p_s‖)u_s + sin(θ‖p_s‖) p_s/‖p_s‖ (retraction by normalisation),
///    with backtracking if the energy rises (4 FFTs per species per iteration: 2 for the preconditioner, 2 for
///    -Δp, which give ⟨p,-Δp⟩ and, by linearity, -Δu(θ) = (cos(θn)(-Δu) + sin(θn)/n (-Δp))/σ for every trial θ
///    with -Δu recovered from the last residual, ν(-Δu) = r + (μ - U)u; every 16th iterate is evaluated by the
///    transforms instead (5 FFTs), which bounds the round-off carried along). Tried and dropped:
///    a trial step at the previous θ (or at a predicted curvature) whose -Δu(θ) gives ⟨p,-Δp⟩ by linearity —
///    it saves an FFT when kept but costs more iterations and re-evaluations than it saves (3D: 6.3× vs 8.9×).
///  * "gradient_flow" — the baseline: normalised gradient flow (imaginary time) discretised by
///    backward Euler in the linear part with stabilisation (Bao & Du 2004, "BEFD/BESP"):
///      (1/τ + α_s - Δ) ũ_s = (1/τ + α_s - U_s) u_s,  u_s ← ũ_s/‖ũ_s‖,  α_s = ½(max U_s + min U_s)⁺.
/// Convergence: max_s ‖H_s u_s - μ_s u_s‖₂ ≤ tolerance and |ΔE| ≤ energy_tolerance·max(1,|E|).
///
/// Total-mass constraint (Mixture::totalMass(), docs/total-mass.md): M = { v : Σ_s ‖v_s‖² = 1 }, one sphere
/// in the product space, one multiplier μ: H_s v_s = μ v_s for all s. PCG: the projection and the retraction act
/// on the whole state (pcg.cpp); gradient flow: μ = Σ_s⟨v_s,H_s v_s⟩ in every species' step, then one
/// normalisation of the whole state (gradient_flow.cpp).
/// Without a warm start the solve starts from the mixed guess (masses 0.55/0.45…, initialGuess) and from each
/// species alone (the others ≡ 0, which stay 0: r_t = 0 there) and keeps the lowest energy: when E(c) is
/// concave (e.g. a12 ≤ √(a1a2), docs/total-mass.md) the minimiser lies at a vertex, and a descent from a mixed
/// start may end at the other, higher one. GroundStateResult::fractions holds ‖v_s‖².
#include <cbec/hamiltonian/hamiltonian.hpp>

#include <string>
#include <vector>

namespace cbec {

enum class Method { PCG, GradientFlow };
Method methodByName(const std::string& name);   ///< "pcg" | "gradient_flow"
std::string methodName(Method m);

/// How gridErrorEstimate (auto_grid.hpp) obtains the energy on its two coarser grids: "evaluate" — the
/// solution transferred there, its energy less a one-step quadratic-model decrease (error_estimate.hpp);
/// "resolve" — a solve warm-started from the transferred solution (the former estimate).
enum class ErrorEstimateMethod { Evaluate, Resolve };
ErrorEstimateMethod errorEstimateByName(const std::string& name);   ///< "evaluate" | "resolve"
std::string errorEstimateName(ErrorEstimateMethod m);

struct SolverOptions {
  Method method = Method::PCG;
  double tolerance = 1e-10;          ///< on max_s ‖H_s u_s - μ_s u_s‖₂
  double energy_tolerance = 1e-12;   ///< on |E_k - E_{k-1}| / max(1, |E|)
  long max_iterations = 20000;
  double time_step = 0.1;            ///< τ of the gradient flow
  int residual_every = 10;           ///< gradient flow: full residual every k steps
  int threads = 1;                   ///< threads of the FFTs and pointwise passes (results independent of it to round-off)
  bool measure = true;               ///< FFTW_MEASURE plans
  bool progress = false;             ///< draw a cbec::Progress line on stderr (callers opt in)
  bool keep_history = true;
  /// Solve on this rank's slab of the grid (discretisation/slab.hpp: FFTW-MPI, under mpirun; solveInGridFrame
  /// and gridErrorEstimate split their grids, the solution is gathered on every rank after). The drivers set it.
  bool split_grid = false;
  ErrorEstimateMethod error_estimate = ErrorEstimateMethod::Evaluate;   ///< of gridErrorEstimate only
  std::string label = "ground state";
};

struct HistoryEntry {
  long iteration;
  double energy, residual;
  long fft_count;
  double seconds;
};

struct GroundStateResult {
  State u;                       ///< one field per species, normalised, non-negative
  double energy = 0;             ///< E (per particle)
  EnergyTerms terms;
  std::vector<double> mu;        ///< μ_s
  std::vector<double> residuals; ///< ‖H_s u_s - μ_s u_s‖₂ per species
  double residual = 0;           ///< max over species
  long iterations = 0;
  bool converged = false;
  long fft_count = 0;            ///< FFTs performed by this call
  double wall_seconds = 0;
  Method method = Method::PCG;
  std::vector<HistoryEntry> history;
  std::vector<double> fractions;  ///< ‖u_s‖²: the masses c_s under the total-mass constraint, else 1
};

/// Solve on a prepared Hamiltonian (plans reused across calls: use this in parameter scans).
/// `initial` (optional) is a warm start on the Hamiltonian's grid; otherwise initialGuess(). Throws
/// NumericalError on NaN. Does not check the regime (see regime.hpp).
GroundStateResult groundState(Hamiltonian& hamiltonian, const SolverOptions& options = {},
                              const State* initial = nullptr);
/// Convenience: builds the Hamiltonian for (mixture, grid) and solves.
GroundStateResult groundState(const Mixture& mixture, const Grid& grid, const SolverOptions& options = {},
                              const State* initial = nullptr);

/// Normalise each component to ‖u_s‖₂ = 1 (NumericalError for a zero or non-finite field); with
/// MassConstraint::Total the whole state to Σ_s ‖u_s‖² = 1 (single components may vanish).
void normalise(const Grid& grid, State& u, MassConstraint constraint = MassConstraint::PerSpecies);
/// Gaussians exp(-|x - z_s|²/(2ℓ_s²)) at the trap centres (ℓ_s from the trap), normalised; under the
/// total-mass constraint with masses ∝ 1 + 0.2(S - 1 - 2s)/S (0.55/0.45 for two species: an unequal start,
/// so that a symmetric mixture does not stay on its symmetric saddle).
State initialGuess(const Mixture& mixture, const Grid& grid);

/// A state on another grid, normalised: exact Fourier resampling for the same box, exact
/// restriction / zero extension for the same spacing (discretisation/resample.hpp), multilinear
/// interpolation otherwise (zero outside the source box). For warm starts across grids.
/// With MassConstraint::Total the state is normalised as a whole (the masses ‖u_s‖² keep their ratios).
State transferState(const Grid& from, const State& u, const Grid& to,
                    MassConstraint constraint = MassConstraint::PerSpecies);

namespace detail {
/// Shared bookkeeping of both methods: convergence test, history, progress, result.
class IterationMonitor;
GroundStateResult preconditionedConjugateGradient(Hamiltonian& h, const SolverOptions& o, State u);
GroundStateResult normalisedGradientFlow(Hamiltonian& h, const SolverOptions& o, State u);
}  // namespace detail

}  // namespace cbec
