#include <cbec/hamiltonian/trap_term.hpp>

#include <cbec/discretisation/parallel.hpp>

namespace cbec {

TrapTerm::TrapTerm(const Grid& grid, State V, std::vector<double> fractions, std::vector<double> nu)
    : dV_(grid.cellVolume()), V_(std::move(V)), c_(std::move(fractions)), nu_(std::move(nu)) {}

bool TrapTerm::addPotential(int s, const State& rho, Field& U, bool assign, EnergyTerms* e) {
  const Field& V = V_[s];
  const Field& r = rho[s];
  const double nu = nu_[s];
  const size_t n = V.size();
  const double vr = parallel::sum<1>(team_, n, [&](size_t i0, size_t i1) {
    double acc = 0;
    if (assign) {
      for (size_t i = i0; i < i1; ++i) { U[i] = nu * V[i]; acc += V[i] * r[i]; }
    } else {
      for (size_t i = i0; i < i1; ++i) { U[i] += nu * V[i]; acc += V[i] * r[i]; }
    }
    return std::array<double, 1>{acc};
  })[0];
  if (e) e->trap[s] += c_[s] * nu * vr * dV_;
  return true;
}

}  // namespace cbec
