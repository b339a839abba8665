#pragma once
/// @file qmc.hpp
/// Driver of `cbec qmc`: the many-body ground-state energy of H_N (M 1.1) by diffusion Monte Carlo
/// (manybody/diffusion_monte_carlo.hpp), docs/qmc.md:
///  1. the Hartree minimiser (u_A, u_B) on a grid (solver/ground_state.hpp, fractions c_s = N_s/N, the same
///     w_N and pair scaling), its log splined (trial_orbital.hpp): Ψ_T = Π u_s(x_i);
///  2. one DMC run per time step in [qmc] time_steps, each to target_error/A (A = √Σc_k², c_k the weights of
///     the least-squares line at τ = 0), then E(τ) = E_0 + bτ fitted and E_0 reported with its propagated
///     error (one time step: no extrapolation); the condensate fractions (⟨u_s|γ_s|u_s⟩, forward walking)
///     from the smallest τ;
///     and the one-body density matrices γ^(1,0), γ^(0,1) in the trial's mode basis (trial_modes.hpp) and the
///     pure and mixed densities, also from the smallest τ;
///  3. summary.json (INTERFACE.md keys first), energy.csv (per-step energies of the smallest τ) and
///     density.csv (species, bin centre, pure density ± error, mixed density, trial u²).
/// `converged` is true when the Hartree solve converged and every run reached its target with a blocking
/// plateau; warnings name what failed.
#include <cbec/config/qmc_config.hpp>
#include <cbec/drivers/session.hpp>
#include <cbec/io/output.hpp>
#include <cbec/manybody/diffusion_monte_carlo.hpp>

#include <string>
#include <vector>

namespace cbec::drivers {

struct QmcRun {
  std::vector<DmcResult> runs;          ///< one per time step, in the configured order
  double energy = 0, energy_error = 0;  ///< τ → 0 (per particle)
  double slope = 0, slope_error = 0;    ///< dE/dτ of the fit (0 with one time step)
  double hartree_energy = 0;
  std::vector<double> hartree_mu;
  bool hartree_converged = false;
  int grid_points = 0;
  double grid_box = 0;
  int particles = 0;
  std::vector<double> condensate_fraction, condensate_fraction_error;
  std::vector<TrialModes> modes;           ///< per species: the basis of the density matrices
  std::vector<DensityGrid> density_grids;  ///< per species: the density histogram
  std::vector<std::vector<double>> trial_density;   ///< per species, per bin: u_s² at the bin centre
  std::string jastrow = "none";            ///< the pair factor of Ψ_T ([trial])
  double jastrow_range = 0, jastrow_kappa = 0;
  std::vector<double> jastrow_amplitudes;  ///< A_st row-major over species pairs
  size_t smallest = 0;                     ///< the run of the smallest τ (condensate, density)
  double samples = 0;
  bool converged = false;
  double wall_seconds = 0;
  int threads = 1;
  std::vector<std::string> warnings;
};

QmcRun qmc(const QmcConfig& config, const RunOptions& run = {});
/// The summary.json object (INTERFACE.md keys first, then extras).
Json toJson(const QmcRun& run);

}  // namespace cbec::drivers
