#include <cbec/solver/ground_state.hpp>

#include <cbec/discretisation/resample.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace cbec {

Method methodByName(const std::string& name) {
  if (name == "pcg") return Method::PCG;
  if (name == "gradient_flow") return Method::GradientFlow;
  throw InputError(fmt::format("solver.method: must be \"pcg\" or \"gradient_flow\", got \"{}\"", name));
}

std::string methodName(Method m) { return m == Method::PCG ? "pcg" : "gradient_flow"; }

ErrorEstimateMethod errorEstimateByName(const std::string& name) {
  if (name == "evaluate") return ErrorEstimateMethod::Evaluate;
  if (name == "resolve") return ErrorEstimateMethod::Resolve;
  throw InputError(fmt::format("solver.error_estimate: must be \"evaluate\" or \"resolve\", got \"{}\"", name));
}

std::string errorEstimateName(ErrorEstimateMethod m) { return m == ErrorEstimateMethod::Evaluate ? "evaluate" : "resolve"; }

void normalise(const Grid& grid, State& u, MassConstraint constraint) {
  if (constraint == MassConstraint::Total) {
    double mass = 0;
    for (const Field& us : u) mass += grid.dot(us, us);
    const double nrm = std::sqrt(mass);
    if (!(nrm > 0) || !std::isfinite(nrm))
      throw NumericalError(fmt::format("cannot normalise the total mass (norm {})", nrm));
    for (Field& us : u)
      for (double& v : us) v /= nrm;
    return;
  }
  for (size_t s = 0; s < u.size(); ++s) {
    const double nrm = grid.norm(u[s]);
    if (!(nrm > 0) || !std::isfinite(nrm))
      throw NumericalError(fmt::format("species {}: cannot normalise (norm {})", s, nrm));
    for (double& v : u[s]) v /= nrm;
  }
}

State initialGuess(const Mixture& m, const Grid& grid) {
  State u;
  for (int s = 0; s < m.speciesCount(); ++s) {
    const Trap& trap = m.species(s).trap;
    const double l = trap.lengthScale();
    const std::vector<double>& z = trap.centre();
    const auto& om = trap.omega();
    u.push_back(grid.sample([&](const double* x) {
      double q = 0;
      for (int i = 0; i < m.dimension(); ++i) {
        const double li = om.empty() ? l : 1.0 / std::sqrt(om[i]);   // exact for harmonic traps
        q += (x[i] - z[i]) * (x[i] - z[i]) / (li * li);
      }
      return std::exp(-0.5 * q);
    }));
  }
  normalise(grid, u);
  if (m.totalMass()) {
    const int S = m.speciesCount();
    for (int s = 0; s < S; ++s) {
      const double mass = (1.0 + 0.2 * (S - 1 - 2 * s) / S) / S;
      for (double& v : u[s]) v *= std::sqrt(mass);
    }
    normalise(grid, u, MassConstraint::Total);
  }
  return u;
}

GroundStateResult groundState(Hamiltonian& f, const SolverOptions& o, const State* initial) {
  State u;
  if (initial) {
    if (static_cast<int>(initial->size()) != f.speciesCount())
      throw InputError(fmt::format("warm start: {} fields for {} species", initial->size(), f.speciesCount()));
    for (const auto& us : *initial)
      if (us.size() != f.grid().size()) throw InputError("warm start: field size does not match the grid");
    u = *initial;
    for (auto& us : u) us.reshape(f.grid().shape());
  } else {
    u = initialGuess(f.mixture(), f.grid());
  }
  const MassConstraint constraint = f.mixture().massConstraint();
  normalise(f.grid(), u, constraint);
  if (constraint == MassConstraint::PerSpecies)
    return o.method == Method::PCG ? detail::preconditionedConjugateGradient(f, o, std::move(u))
                                   : detail::normalisedGradientFlow(f, o, std::move(u));
  auto solve = [&](State start) {
    return o.method == Method::PCG ? detail::preconditionedConjugateGradient(f, o, std::move(start))
                                   : detail::normalisedGradientFlow(f, o, std::move(start));
  };
  GroundStateResult best = solve(u);
  if (initial || f.speciesCount() == 1) return best;
  // each species alone (ground_state.hpp): the lowest of the S + 1 descents
  long ffts = best.fft_count;
  double seconds = best.wall_seconds;
  for (int s = 0; s < f.speciesCount(); ++s) {
    State alone = u;
    for (int t = 0; t < f.speciesCount(); ++t)
      if (t != s) std::fill(alone[t].begin(), alone[t].end(), 0.0);
    normalise(f.grid(), alone, constraint);
    GroundStateResult r = solve(std::move(alone));
    ffts += r.fft_count;
    seconds += r.wall_seconds;
    if (r.energy < best.energy) best = std::move(r);
  }
  best.fft_count = ffts;
  best.wall_seconds = seconds;
  return best;
}

GroundStateResult groundState(const Mixture& mixture, const Grid& grid, const SolverOptions& o,
                              const State* initial) {
  Hamiltonian f(mixture, grid, o.threads, o.measure);
  return groundState(f, o, initial);
}

State transferState(const Grid& from, const State& u, const Grid& to, MassConstraint constraint) {
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
    if (constraint == MassConstraint::PerSpecies) {
      const double nrm = to.norm(g);
      if (!(nrm > 0)) throw InputError("transferState: the state vanishes on the target grid");
      for (double& v : g) v /= nrm;
    }
    out.push_back(std::move(g));
  }
  if (constraint == MassConstraint::Total) {
    double mass = 0;
    for (const Field& g : out) mass += to.dot(g, g);
    if (!(mass > 0)) throw InputError("transferState: the state vanishes on the target grid");
    for (Field& g : out)
      for (double& v : g) v /= std::sqrt(mass);
  }
  return out;
}

}  // namespace cbec
