#pragma once
/// @file evolve.hpp
/// Driver of `cbec evolve`: real-time mean-field dynamics (INTERFACE.md, `cbec evolve`).
///
/// The toy model of F §3 (MODEL.md §6) is evolved by its radial reduction (dynamics/fragmented_toy_evolution.hpp):
/// observables of φ_t at the requested times, γ^(1)_{∞,ν,t}, γ^(2)_{∞,ν,t} (F 3.15: occupations, ranks),
/// K(t) of the infinite-gap limit (F 3.17–3.18), the distance Tr|γ^(1)_{∞,ν,t} − γ^(1)_{∞,∞,t}| (F 3.16)
/// with its first-order prediction, and optionally a sweep over ν with fitted exponents.
/// Energy reported: the Hamiltonian functional E = ⟨φ, h_ν φ⟩ + ½∫(V∗|φ|²)|φ|² that generates the flow
/// (the functional in the proof of F Thm 5.1 carries ¼ on the interaction, MODEL.md §6).
/// General mean-field flow (config [model] without kind): S species on a grid (dynamics/grid_evolution.hpp),
/// exact harmonic linear part when every trap is harmonic.
/// Outputs (RunOptions::out_dir), one set (io/output.hpp OutputSet: a failed or interrupted run leaves the
/// earlier set whole): summary.json, observables.csv, PNG figures (python/plot_evolve.py); for the
/// mean-field flow also snapshots/t<k>.h5 (u_s real and imaginary parts at output time k) and the final
/// checkpoint (checkpoint.h5 + checkpoint.json). While a mean-field run is under way, its snapshots and
/// its checkpoint (rewritten at every output time) live in DIR/unfinished/, which a failed or interrupted
/// run leaves behind for --resume and a finished run moves into the set. `resume_dir` continues a run from
/// DIR/unfinished/ if present, else from DIR's final checkpoint, bit-identically (same configuration; FFTs
/// planned with FFTW_ESTIMATE, deterministic); the earlier snapshots come along into the new set.
#include <cbec/config/evolve_config.hpp>
#include <cbec/drivers/session.hpp>
#include <cbec/dynamics/fragmented_toy_evolution.hpp>
#include <cbec/io/output.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cbec::drivers {

struct EvolveResult {
  std::string kind;                     ///< "fragmented_toy"
  std::vector<double> times;
  std::vector<double> norm, energy, x2, overlap;
  double drift_norm = 0, drift_energy = 0;   ///< largest relative change over the run
  long steps = 0, rejected = 0;
  double wall_seconds = 0;
  std::string integrator;
  double tolerance = 0;
  std::string error_estimate;          ///< mean field, tolerance > 0: "richardson" | "step_doubling" | "embedded"
  int step_ratio = 0;                  ///< richardson / step_doubling: substeps per comparison step
  int estimate_every = 0;              ///< richardson / step_doubling: one estimated macro step in this many
  std::string linear_part;             ///< "kinetic" | "exact_harmonic" (mean field)
  std::vector<std::vector<double>> norm_per_species;   ///< [time][species]
  std::vector<double> reference_overlap;               ///< empty without a reference
  std::vector<int> grid;                               ///< {dimension, points}
  double grid_box = 0;
  bool resumed = false;
  ComplexState final_state;            ///< mean field: u_s at the last output time (empty for the toy model)
  std::optional<Grid> final_grid;      ///< mean field: the grid of final_state
  std::vector<int> slab_planes;        ///< mean field on FFTW-MPI slabs (mpirun): planes per rank (summary.json)
  // toy model
  ToyEvolution toy;
  std::optional<ToySweep> sweep, sweep_strength;
  // degenerate doublet (kind "fragmented_doublet")
  std::optional<DoubletEvolution> doublet;
  std::optional<DoubletSweep> doublet_sweep;
  std::vector<double> doublet_energies;   ///< E_1 … E_4 of h_0
  int doublet_grid_points = 0;
  double doublet_phase_tolerance = 0;   ///< [evolution] phase_tolerance
  std::vector<std::string> warnings;     ///< doublet: errors not below the distances (summary `warnings`)
};

/// Whether a mean-field run splits its grid into FFTW-MPI slabs: under mpirun (even one rank), 2D or 3D
/// (docs/scaling.md "evolve on slabs").
bool evolveOnSlabs(const Mixture& mixture);
/// Bytes per rank of a mean-field run on slabs: the largest slab's share ⌈n/P⌉/n of gridEvolutionMemoryBytes
/// plus the gathered fields of a snapshot or checkpoint, 32(S + 1)·n^d (u and u(0) as real/imaginary parts,
/// and one field in transit).
double evolveMemoryPerRank(int dimension, int points, int species);

/// `resume_dir`: a directory holding checkpoint.h5/.json of an earlier run of the same configuration.
EvolveResult evolve(const EvolveConfig& config, const RunOptions& run = {},
                    const std::filesystem::path& resume_dir = {});
/// DIR/unfinished: the snapshots and checkpoint of a mean-field run under way (see above).
std::filesystem::path unfinishedDirectory(const std::filesystem::path& dir);
/// summary.json: the INTERFACE.md keys first, then extras.
Json toJson(const EvolveResult& result);
/// observables.csv: one row per output time.
std::string observablesCsv(const EvolveResult& result);

}  // namespace cbec::drivers
