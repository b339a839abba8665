#pragma once
/// @file manybody_config.hpp
/// The `cbec manybody` configuration (INTERFACE.md):
///
///   [model]      dimension, interaction = "hartree" (required), profile ("gaussian"), beta (≥ 0; 0 = fixed
///                range), pair_scaling ("N-1" | "N"); N is not given (it is Σ particles)
///   [[species]]  name, particles (integer N_s ≥ 0, Σ ≥ 1), a, trap (harmonic: power = 2 or omega = [...])
///   [coupling]   a12
///   [basis]      shells (optional: automatic), tolerance (relative, on the total energy, default 1e-9),
///                max_shells (automatic ladder limit, default 40), max_dimension (default 300000),
///                max_quanta (optional many-body truncation Σ shells ≤ max_quanta),
///                truncation ("energy": Σ quanta ≤ shells, the default of the automatic ladder;
///                "shells": one-body shells only, the default with `shells`),
///                scale (basis frequency / trap frequency; default: chosen variationally by the ladder, 1
///                with `shells`), symmetry ("auto": the L_z sector in circular modes when the model is
///                isotropic — 2D, isotropic harmonic traps, one centre — else the parity classes; "parity";
///                "angular_momentum": the L_z sector, an error for a model that is not isotropic),
///                angular_momentum (the sector's total L_z, default 0: the ground state's)
///   [solver]     threads (row blocks, default 1), lanczos_tolerance (default 1e-12), eigensolver
///                ("auto": SLEPc when run on several MPI ranks, else Spectra's Lanczos; "lanczos"; "slepc")
///   [grid]       points, box: grid of the mean-field Hartree solve (default: automatic); hartree = false skips it
///   [sweep]      N = [...]: particle numbers for the E^H − E_N^Q sweep (species numbers scaled in proportion,
///                each must come out an integer); shells (default 2): the fixed basis of the sweep; points
///                whose sector would exceed basis.max_dimension are skipped with a warning
#include <cbec/config/config_table.hpp>
#include <cbec/model/mixture.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cbec {

struct ManybodyConfig {
  Mixture mixture;                      ///< fractions and w_N for the base particle numbers
  std::vector<int> particles{};         ///< N_s
  std::optional<int> shells{};          ///< empty: automatic ladder
  double tolerance = 1e-9;
  int max_shells = 40;
  bool energy_truncation = true;        ///< Σ quanta ≤ shells (basis.truncation = "energy")
  std::optional<double> scale{};        ///< basis frequency scale; empty: variational choice (ladder) or 1
  std::size_t max_dimension = 300000;
  std::optional<int> max_quanta{};
  /// The L_z sector of the solves (basis.symmetry resolved against the model); empty: parity classes.
  std::optional<int> angular_momentum{};
  int threads = 1;
  double lanczos_tolerance = 1e-12;
  std::string eigensolver = "auto";
  bool grid_hartree = true;
  std::optional<int> grid_points{};
  std::optional<double> grid_box{};
  std::vector<int> sweep_N{};
  int sweep_shells = 2;
};

/// The whole file (root.finish() included: unknown tables or keys are errors naming them).
ManybodyConfig readManybodyConfig(ConfigTable&& root);

/// The many-body problem of a configuration, shared by `cbec manybody`, `bogoliubov` and `qmc`: [model]
/// (interaction = "hartree", profile, beta, pair_scaling), one or two [[species]] with `particles`, `a` and
/// `trap`, [coupling] a12. The Mixture has fractions N_s/N and w_N built with N = Σ N_s. `command` names the
/// command in messages; anyTrapPower: traps |x − z|^p of any power (qmc), else harmonic only (mode bases).
struct ManybodyModel {
  Mixture mixture;
  std::vector<int> particles;
};
ManybodyModel readManybodyModel(ConfigTable& root, const std::string& command, bool anyTrapPower);

}  // namespace cbec
