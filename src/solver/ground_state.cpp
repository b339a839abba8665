#include <cbec/solver/ground_state.hpp>

#include <cbec/discretisation/resample.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {

Method methodByName(const std::string& name) {
  if (name == "pcg") return Method::PCG;
  if (name == "gradient_flow") return Method::GradientFlow;
  throw InputError(fmt::format("solver.method: must be \"pcg\" or \"gradient_flow\", got \"{}\"", name));
}

std::string methodName(Method m) { return m == Method::PCG ? "pcg" : "gradient_flow"; }

GroundStateResult groundState(EnergyFunctional& f, const SolverOptions& o, const State* initial) {
  State u;
  if (initial) {
    if (static_cast<int>(initial->size()) != f.speciesCount())
      throw InputError(fmt::format("warm start: {} fields for {} species", initial->size(), f.speciesCount()));
    for (const auto& us : *initial)
      if (us.size() != f.grid().size()) throw InputError("warm start: field size does not match the grid");
    u = *initial;
  } else {
    u = f.initialGuess();
  }
  f.normalise(u);
  return o.method == Method::PCG ? detail::preconditionedConjugateGradient(f, o, std::move(u))
                                 : detail::normalisedGradientFlow(f, o, std::move(u));
}

GroundStateResult groundState(const Mixture& mixture, const Grid& grid, const SolverOptions& o,
                              const State* initial) {
  EnergyFunctional f(mixture, grid, o.threads, o.measure);
  return groundState(f, o, initial);
}

State transferState(const Grid& from, const State& u, const Grid& to) {
  if (from.dimension() != to.dimension()) throw InputError("transferState: dimensions differ");
  const int d = from.dimension(), n = from.points();
  const double h = from.spacing();
  State out;
  for (const Field& f : u) {
    Field g = sameBox(from, to) ? resampleSpectral(from, f, to)
            : sameLattice(from, to) ? resampleLattice(from, f, to)
            : to.sample([&](const double* x) {
      int j0[3];
      double w[3];
      for (int i = 0; i < d; ++i) {
        const double q = (x[i] - (from.centre()[i] - 0.5 * from.box())) / h;
        if (q < 0 || q > n - 1) return 0.0;
        j0[i] = std::min(static_cast<int>(std::floor(q)), n - 2);
        w[i] = q - j0[i];
      }
      double v = 0;
      for (int corner = 0; corner < (1 << d); ++corner) {
        double weight = 1;
        size_t idx = 0;
        for (int i = 0; i < d; ++i) {
          const int bit = (corner >> i) & 1;
          weight *= bit ? w[i] : 1 - w[i];
          idx = idx * n + static_cast<size_t>(j0[i] + bit);
        }
        v += weight * f[idx];
      }
      return v;
    });
    const double nrm = to.norm(g);
    if (!(nrm > 0)) throw InputError("transferState: the state vanishes on the target grid");
    for (double& v : g) v /= nrm;
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace cbec
