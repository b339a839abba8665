#pragma once
// Private to the `cbec rates` driver: the quench sweep (kind = "quench", issue 23 item 5).
#include <cbec/drivers/rates.hpp>

namespace cbec::drivers {

/// For each N: the `cbec manybody` ground state (solveFiniteN with the [sweep] settings of the manybody file),
/// the quench, the two-species Hartree flow (two_species_quench.hpp). The sweep's distance[N][t] is the larger of
/// the species' distances; krylov_error_bound, norm and energy drift as for the other models.
RatesSweep quenchSweep(const RatesConfig& c, const RunOptions& run, QuenchReport& report);

/// "hartree:" / "ground state:" warnings (converged = false) for the quench.
void checkQuench(const RatesConfig& c, RatesResult& r);

}  // namespace cbec::drivers
