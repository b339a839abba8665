#include <cbec/hamiltonian/term.hpp>

namespace cbec {

double EnergyTerms::total() const {
  double e = inter;
  for (size_t s = 0; s < kinetic.size(); ++s) e += kinetic[s] + trap[s] + intra[s];
  return e;
}

void EnergyTerms::reset(int species) {
  kinetic.assign(species, 0.0);
  trap.assign(species, 0.0);
  intra.assign(species, 0.0);
  inter = 0;
}

}  // namespace cbec
