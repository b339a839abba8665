#include <cbec/dynamics/initial_state.hpp>

#include <cbec/discretisation/state_file.hpp>
#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {

void normaliseEach(ComplexState& u, const Grid& grid) {
  for (auto& v : u) {
    double sum = 0;
    for (const auto& z : v) sum += std::norm(z);
    double n = std::sqrt(sum * grid.cellVolume());
    if (!(n > 0) || !std::isfinite(n)) throw NumericalError("initial state: zero or non-finite field");
    for (auto& z : v) z /= n;
  }
}

ComplexState gaussianInitialState(int species, const Grid& grid, const std::vector<double>& centre, double width,
                                  const std::vector<double>& momentum) {
  const int d = grid.dimension();
  if (static_cast<int>(centre.size()) != d || static_cast<int>(momentum.size()) != d)
    throw InputError(fmt::format("initial state: centre and momentum need {} entries", d));
  if (!(width > 0)) throw InputError("initial state: the width must be positive");
  ComplexField u(grid.shape());
  std::array<double, 3> x{};
  for (size_t i = 0; i < grid.size(); ++i) {
    grid.point(i, x.data());
    double r2 = 0, phase = 0;
    for (int k = 0; k < d; ++k) {
      r2 += (x[k] - centre[k]) * (x[k] - centre[k]);
      phase += momentum[k] * x[k];
    }
    u[i] = std::polar(std::exp(-r2 / (2 * width * width)), phase);
  }
  ComplexState out(species, u);
  normaliseEach(out, grid);
  return out;
}

ComplexState harmonicInitialState(const Mixture& m, const Grid& grid) {
  ComplexState out;
  const std::vector<double> zero(grid.dimension(), 0.0);
  for (int s = 0; s < m.speciesCount(); ++s)
    out.push_back(gaussianInitialState(1, grid, m.species(s).trap.centre(), 1.0, zero)[0]);
  return out;
}

ComplexState stateFileInitialState(const std::filesystem::path& path, const Mixture& m, const Grid& grid) {
  std::vector<std::string> names;
  for (int s = 0; s < m.speciesCount(); ++s) names.push_back(m.species(s).name);
  StoredState st = readState(path, names);
  if (st.grid.dimension() != grid.dimension() || st.grid.points() != grid.points() ||
      std::abs(st.grid.box() - grid.box()) > 1e-12 * grid.box())
    throw InputError(fmt::format("{}: grid {} differs from the evolution grid {}", path.string(), st.grid.describe(),
                                 grid.describe()));
  ComplexState out;
  for (auto& f : st.u) {
    ComplexField c(grid.shape());
    for (size_t i = 0; i < f.size(); ++i) c[i] = f[i];
    out.push_back(std::move(c));
  }
  normaliseEach(out, grid);
  return out;
}

}  // namespace cbec
