#pragma once
/// @file blowup.hpp
/// Driver of `cbec blowup`: ground states along a path to criticality (M Theorems 1–3, MODEL.md §3),
/// d = a_* − a_N (theorem 1), α_* − a12 (theorem 2) or a_* − a_i (theorem 3), compared with the
/// predicted leading term E ≈ C d^{p0/(p0+2)} and the rescaled Townes profile
/// ℓ^{-1} u_i(ℓ^{-1}x + z_i) → Q_0 (blowup/blowup_scan.hpp).
/// Outputs (RunOptions::out_dir): DIR/summary.json (INTERFACE.md keys), DIR/scan.csv, and PNG figures
/// when RunOptions::figures is enabled (python/plot_blowup.py).
///
/// @code
///   auto cfg = cbec::readBlowupConfig(cbec::ConfigTable::parseFile("examples/blowup-theorem1.toml"));
///   cbec::BlowupScan scan = cbec::drivers::blowup(cfg);
///   // scan.fitted_exponent ≈ scan.expected_exponent = p/(p+2)
/// @endcode
#include <cbec/config/blowup_config.hpp>
#include <cbec/drivers/session.hpp>
#include <cbec/io/output.hpp>

#include <string>

namespace cbec::drivers {

BlowupScan blowup(const BlowupConfig& config, const RunOptions& run = {});
/// The summary.json object (INTERFACE.md keys first, then extras).
Json toJson(const BlowupScan& scan);
/// scan.csv: one row per distance.
std::string scanCsv(const BlowupScan& scan);

}  // namespace cbec::drivers
