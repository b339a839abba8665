#pragma once
/// @file blowup_config.hpp
/// The `cbec blowup` configuration (INTERFACE.md): a ground-state configuration (groundstate_config.hpp,
/// without [grid]: the scan chooses its grids from the predicted scale ℓ) plus
///   [scan]  path ("theorem1" | "theorem2" | "theorem3" | "direction"), distances (> 0), box_factor,
///           points_per_length, max_points (blowup_scan.hpp);
///           path = "direction": end_a12 (> 0) and direction = [e1, e2, e12] (blowup_path.hpp);
///           joint limit, with [model] interaction = "hartree" (profile, beta; model.N refused, pair_scaling "N-1"):
///           N = [...] (> 1) and gamma (0 < γ ≤ 10) instead of distances, range_box, range_points, compare_gp
///           (joint_limit.hpp, docs/interface-extensions.md)
/// The theorem's setting is checked here (BlowupPath), so its errors carry the key path `scan.path`,
/// and every distance is checked against the path (`scan.distances`).
#include <cbec/blowup/blowup_path.hpp>
#include <cbec/blowup/blowup_scan.hpp>
#include <cbec/config/groundstate_config.hpp>

namespace cbec {

struct BlowupConfig {
  BlowupPath path;
  BlowupScanOptions scan;     ///< scan.solver: the [solver] table
};

/// Reads and finishes the whole configuration (root included).
BlowupConfig readBlowupConfig(ConfigTable&& root);

}  // namespace cbec
