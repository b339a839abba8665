// Links the installed library: the Townes constant a_* and a 1D harmonic ground state (E = 1 exactly).
#include <cbec/discretisation/grid.hpp>
#include <cbec/model/mixture.hpp>
#include <cbec/soliton/townes_profile.hpp>
#include <cbec/solver/ground_state.hpp>

#include <cmath>
#include <cstdio>

int main() {
  const double aStar = cbec::TownesProfile::standard().aStar();
  cbec::SolverOptions o;
  o.measure = false;
  const cbec::GroundStateResult r =
      cbec::groundState(cbec::Mixture::singleSpecies(1, 0.0), cbec::Grid(1, 64, 16.0), o);
  std::printf("a_* = %.15g  E = %.15g\n", aStar, r.energy);
  return std::abs(aStar - 11.7008965245596) < 1e-9 && std::abs(r.energy - 1.0) < 1e-9 ? 0 : 1;
}
