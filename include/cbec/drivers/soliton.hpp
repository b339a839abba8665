#pragma once
/// @file soliton.hpp
/// Driver of `cbec soliton`: the Townes profile Q (−ΔQ + Q − Q³ = 0 in R², M 1.12), the critical
/// coupling a_* = ‖Q‖₂², and for each trap power p the blow-up constants (M 2.4–2.6)
///   M_p = ∫|x|^p Q²,   Λ = (p ν M_p / (2 a_*))^{1/(p+2)},   limit (p+2)/p Λ²/a_*,
/// and with fractions (c1, c2) Θ and 2c1c2 (p+2)/p Θ²/a_* (MODEL.md §3).
/// JSON keys: INTERFACE.md, `cbec soliton`.
#include <cbec/drivers/session.hpp>
#include <cbec/io/output.hpp>
#include <cbec/soliton/blowup_constants.hpp>

#include <optional>
#include <utility>
#include <vector>

namespace cbec::drivers {

struct SolitonParameters {
  std::vector<double> powers;                            ///< trap powers p
  double nu = 1.0;                                       ///< ν = lim (c1V1 + c2V2)/|x|^p0
  std::optional<std::pair<double, double>> fractions;    ///< (c1, c2): enables Θ
  std::vector<double> radii;                             ///< evaluate Q and Q_0 = Q(·)/‖Q‖ here
};

struct SolitonResult {
  SolitonParameters parameters;
  double a_star = 0, Q0 = 0, grad_Q_sq = 0, Q_L4_4 = 0, tail_constant = 0;
  double pohozaev_defect = 0;                            ///< max(|‖∇Q‖²/a_*−1|, |½‖Q‖₄⁴/a_*−1|)
  std::vector<BlowupConstants> constants;                ///< one per power
  struct ProfileValue { double r, Q, Q_0, log_Q; };   ///< log_Q finite where Q underflows (r > ~745)
  std::vector<ProfileValue> profile;                     ///< one per radius
};

/// Computes everything; writes DIR/summary.json when run.out_dir is set.
SolitonResult soliton(const SolitonParameters& parameters, const RunOptions& run = {});
Json toJson(const SolitonResult& result);

}  // namespace cbec::drivers
