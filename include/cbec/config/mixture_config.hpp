#pragma once
/// @file mixture_config.hpp
/// Reading a Mixture from the ground-state configuration (INTERFACE.md, `cbec groundstate`):
///
///   [model]      dimension (1|2|3, default 2), interaction ("contact"|"hartree"), profile ("gaussian"),
///                beta (0 ≤ β ≤ 10, hartree; β = 0 is the fixed profile w), N (≥ 1; hartree and pair_scaling "N"), pair_scaling ("N-1"|"N"),
///                mass_constraint ("per_species"|"total"; only where the caller allows it: cbec groundstate)
///   [[species]]  name, fraction (c_s ∈ (0,1], Σ c_s = 1; default 1 for one species; not given with
///                mass_constraint = "total", where the fractions are outputs), a (positive = attractive,
///                |a| ≤ 1e6),
///                trap = { power = p > 0, center = [z...], omega = [ω...] (anisotropic harmonic, power 2) }
///   [coupling]   a12 (two species); generally a<s><t> with 1-based s < t ≤ 9, e.g. a13, a23 (|a_st| ≤ 1e6)
///
/// Every table is finished: unknown keys and out-of-range values are InputError naming the key.
#include <cbec/config/config_table.hpp>
#include <cbec/model/mixture.hpp>

#include <string>

namespace cbec {

/// The optional keys a command accepts beyond the common ones.
struct MixtureKeys {
  bool nu = false;             ///< species.nu (> 0, default 1): Species::nu, the ν_s of ν_s(−Δ + V_s) (F 5.11)
  bool total_mass = false;     ///< model.mass_constraint = "total" (mixture.hpp MassConstraint::Total)
  /// A key path (e.g. "scan.N"): interaction = "hartree" takes N from there instead; model.N is then refused
  /// (naming it), pair_scaling must be "N-1", and the returned Mixture carries the placeholder N = 1 (the
  /// caller builds w_N for each of its N).
  std::string hartree_N_from;
};

/// Reads [model], [[species]] and [coupling] from `root` (finishing those tables, not root). Keys not
/// allowed by `keys` are unknown keys there.
Mixture readMixture(ConfigTable& root, const MixtureKeys& keys = {});

}  // namespace cbec
