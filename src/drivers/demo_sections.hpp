#pragma once
// Internal: the sections of `cbec demo` (drivers/demo.hpp), one file each (demo_*.cpp).
#include <cbec/blowup/blowup_path.hpp>
#include <cbec/drivers/demo.hpp>

#include <string>

namespace cbec::drivers {

DemoSection townesSection();                       ///< Q, a_*, Pohozaev (demo_townes.cpp)
DemoSection blowupSection(BlowupPath::Kind kind);  ///< M Theorems 1-3, the scale exponent (M 2.3) (demo_blowup.cpp)
DemoSection manybodySection();                    ///< M 2.12, 3.17: E_N^Q, E^H, Bogoliubov (demo_manybody.cpp)
DemoSection marginalsSection();                    ///< F Prop. 2.1-2.3 (demo_marginals.cpp)
DemoSection evolveSection();                       ///< F §3 toy dynamics (demo_evolve.cpp)
DemoSection ratesSection();                        ///< F 3.14 rate 1/N (demo_rates.cpp)
DemoSection qmcSection();                          ///< issue 20: DMC against exact energies (demo_qmc.cpp)

/// The demo's two-species mixture in TOML (species and coupling tables): N = 2 + 2, a = (3, 2), a12 = 1.5
/// (docs/manybody.md). Shared by the many-body and QMC sections (demo_manybody.cpp).
std::string twoPlusTwoSpecies();

}  // namespace cbec::drivers
