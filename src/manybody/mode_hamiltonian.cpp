// Consistency checks of the generic mode Hamiltonian (mode_hamiltonian.hpp).
#include <cbec/manybody/mode_hamiltonian.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {

namespace {
void validateSpecies(const ModeSpecies& s, int idx) {
  const int M = s.modes();
  const auto where = fmt::format("mode Hamiltonian species {}", idx);
  if (M < 1 || s.h.cols() != M) throw InputError(fmt::format("{}: h must be a non-empty square matrix", where));
  if (s.particles < 0) throw InputError(fmt::format("{}: negative particle number", where));
  if (!s.h.allFinite()) throw InputError(fmt::format("{}: h has non-finite entries", where));
  if ((s.h - s.h.transpose()).cwiseAbs().maxCoeff() > 1e-12 * (1 + s.h.cwiseAbs().maxCoeff()))
    throw InputError(fmt::format("{}: h is not symmetric", where));
  if (!std::isfinite(s.pair_factor)) throw InputError(fmt::format("{}: non-finite pair factor", where));
  if (s.particles >= 2 && s.pair_factor != 0.0 && (s.V.modesA() != M || s.V.modesB() != M))
    throw InputError(fmt::format("{}: V must have {} modes on each side", where, M));
  if (!s.labels.empty() && static_cast<int>(s.labels.size()) != M)
    throw InputError(fmt::format("{}: {} labels for {} modes", where, s.labels.size(), M));
  if (!s.quanta.empty() && static_cast<int>(s.quanta.size()) != M)
    throw InputError(fmt::format("{}: {} quanta for {} modes", where, s.quanta.size(), M));
  for (int q : s.quanta)
    if (q < 0) throw InputError(fmt::format("{}: negative quanta", where));
  if (!s.angular.empty() && static_cast<int>(s.angular.size()) != M)
    throw InputError(fmt::format("{}: {} L_z values for {} modes", where, s.angular.size(), M));
}
}  // namespace

void ModeHamiltonian::validate() const {
  if (species.empty() || species.size() > 2) throw InputError("mode Hamiltonian: one or two species");
  for (size_t s = 0; s < species.size(); ++s) validateSpecies(species[s], static_cast<int>(s));
  if (species.size() == 2 && inter_factor != 0.0 && species[0].particles > 0 && species[1].particles > 0) {
    if (V12.modesA() != species[0].modes() || V12.modesB() != species[1].modes())
      throw InputError("mode Hamiltonian: V12 sizes do not match the species' modes");
  }
  if (!std::isfinite(inter_factor)) throw InputError("mode Hamiltonian: non-finite inter factor");
  if (max_quanta && *max_quanta < 0) throw InputError("mode Hamiltonian: max_quanta must be >= 0");
  if (angular_momentum)
    for (const auto& s : species)
      if (s.angular.empty() && s.particles > 0)
        throw InputError("mode Hamiltonian: an L_z sector needs the L_z of every mode (angular)");
}

int ModeHamiltonian::totalParticles() const {
  int n = 0;
  for (const auto& s : species) n += s.particles;
  return n;
}

}  // namespace cbec
