#pragma once
/// @file open_cases_config.hpp
/// The `cbec opencases` configuration (docs/open-cases.md): a ground-state model ([model], [[species]],
/// [coupling], [solver]; no [grid]: each study follows the concentration itself) plus
///   [study]  case = "cross_term" | "coincident" | "window"
///     cross_term (blowup/cross_term.hpp; the setting of M Theorem 3: a12 < 0, z1 ≠ z2):
///       distances (> 0, < a_*), separations (> 0, optional), separation_distance, compare_above (≥ 0),
///       box_factor, points_per_length, full_below (κD up to which the relaxation uses the full operator; 0: never)
///     coincident (blowup/coincident_centres.hpp; a12 < 0, z1 = z2): distances (in (0, 1)), split_widths (> 0),
///       one_centred_width (≥ 0; 0: no such start), box_factor, points_per_length
///     window (blowup/existence_window.hpp; z1 = z2, 0 < a_i < a_*): a12 (values; optional), count, bisections,
///       max_regrids, max_scale, box_max, box_factor, points_per_length
/// Keys of another case are refused by name (root.finish()).
#include <cbec/blowup/coincident_centres.hpp>
#include <cbec/blowup/cross_term.hpp>
#include <cbec/blowup/existence_window.hpp>
#include <cbec/config/config_table.hpp>

#include <optional>
#include <string>

namespace cbec {

struct OpenCasesConfig {
  std::string study;   ///< "cross_term" | "coincident" | "window"
  Mixture mixture;
  std::optional<BlowupPath> path;   ///< cross_term: the theorem-3 path of `mixture`
  CrossTermOptions cross_term;
  CoincidentOptions coincident;
  WindowOptions window;
};

/// Reads and finishes the whole configuration.
OpenCasesConfig readOpenCasesConfig(ConfigTable&& root);

}  // namespace cbec
