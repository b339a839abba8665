#pragma once
/// @file open_cases.hpp
/// Driver of `cbec opencases`: the mixture paper's cases left open at the GP level (issue 22 items 3–5,
/// docs/open-cases.md):
///   cross_term  the exponentially small E - c1E1 - c2E2 along the theorem-3 path (blowup/cross_term.hpp)
///   coincident  z1 = z2, a12 < 0, a_i ↗ a_*: ground states from several starts (blowup/coincident_centres.hpp)
///   window      the "undetermined" a12 window of M Theorem 6 (blowup/existence_window.hpp)
/// Outputs (RunOptions::out_dir): DIR/summary.json, DIR/<case>.csv, and PNG figures when enabled
/// (python/plot_open_cases.py).
#include <cbec/config/open_cases_config.hpp>
#include <cbec/drivers/session.hpp>
#include <cbec/io/output.hpp>

#include <string>

namespace cbec::drivers {

/// Runs the configured study and returns its summary.json object.
Json openCases(const OpenCasesConfig& config, const RunOptions& run = {});

Json toJson(const CrossTermStudy& study);
Json toJson(const CoincidentStudy& study);
Json toJson(const WindowStudy& study);
std::string crossTermCsv(const CrossTermStudy& study);
std::string coincidentCsv(const CoincidentStudy& study);
std::string windowCsv(const WindowStudy& study);

}  // namespace cbec::drivers
