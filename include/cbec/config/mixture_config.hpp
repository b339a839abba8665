#pragma once
/// @file mixture_config.hpp
/// Reading a Mixture from the ground-state configuration (INTERFACE.md, `cbec groundstate`):
///
///   [model]      dimension (1|2|3, default 2), interaction ("contact"|"hartree"), profile ("gaussian"),
///                beta (> 0, hartree), N (≥ 1; hartree and pair_scaling "N"), pair_scaling ("N-1"|"N")
///   [[species]]  name, fraction (c_s ∈ (0,1], Σ c_s = 1; default 1 for one species), a (positive = attractive),
///                trap = { power = p > 0, center = [z...], omega = [ω...] (anisotropic harmonic, power 2) }
///   [coupling]   a12 (two species); generally a<s><t> with 1-based s < t ≤ 9, e.g. a13, a23
///
/// Every table is finished: unknown keys and out-of-range values are InputError naming the key.
#include <cbec/config/config_table.hpp>
#include <cbec/model/mixture.hpp>

namespace cbec {

/// Reads [model], [[species]] and [coupling] from `root` (finishing those tables, not root). With `nu`, each
/// species may also give `nu` (> 0, default 1), the prefactor of its one-body operator ν(−Δ + V) (F 5.11).
Mixture readMixture(ConfigTable& root, std::vector<double>* nu = nullptr);

}  // namespace cbec
