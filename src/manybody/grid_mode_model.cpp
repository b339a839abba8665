// A mode model from a grid potential (grid_mode_model.hpp).
#include <cbec/manybody/grid_mode_model.hpp>

#include <cbec/discretisation/fourier.hpp>
#include <cbec/discretisation/grid_eigenbasis.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/model/pair_interaction.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {

std::vector<double> GridTrap::sample(const Grid& grid) const {
  const int d = grid.dimension();
  std::vector<double> U(grid.globalSize()), x(d);
  for (std::size_t p = 0; p < U.size(); ++p) {
    grid.point(p, x.data());
    double u = 0;
    if (kind == Kind::Harmonic) {
      for (double xi : x) u += frequency * frequency * xi * xi / 4;
    } else {
      u = std::pow(x[0] * x[0] - wellMinimum * wellMinimum, 2) / 4 + tilt * x[0];
      for (int i = 1; i < d; ++i) u += frequency * frequency * x[i] * x[i] / 4;
    }
    U[p] = u;
  }
  return U;
}

GridModeModel gridModeModel(const Grid& grid, const std::vector<double>& potential, int M,
                            const PairInteraction& interaction) {
  const std::size_t P = grid.globalSize();
  if (M < 2 || static_cast<std::size_t>(M) >= P)
    throw InputError(fmt::format("grid modes: {} modes on {} grid points (needs 2 <= modes < points)", M, P));
  const GridEigenbasis basis = gridEigenbasis(grid, potential, M + 1);
  const int d = grid.dimension();
  const double dV = grid.cellVolume(), L = grid.box();
  GridModeModel out;
  out.energies = basis.energies.head(M + 1);
  out.orbitals = basis.orbitals.leftCols(M);
  out.edgeRatio = basis.edgeRatio(M);
  // signs: positive on a generic functional of position (grid-independent)
  for (int a = 0; a < M; ++a) {
    double s = 0;
    std::vector<double> x(d);
    for (std::size_t p = 0; p < P; ++p) {
      grid.point(p, x.data());
      s += out.orbitals(p, a) * (1 + 0.37 * x[0] / L + (d > 1 ? 0.11 * x[1] / L : 0.0));
    }
    if (s < 0) out.orbitals.col(a) *= -1;
  }
  // h_ij by quadrature: −Δ by FFT, U pointwise
  FourierTransform fft(grid, 1, false);
  const double E0 = basis.energies[0];
  Eigen::MatrixXd Hphi(P, M);
  Field f(grid.shape()), g;
  for (int b = 0; b < M; ++b) {
    for (std::size_t p = 0; p < P; ++p) f[p] = out.orbitals(p, b);
    fft.laplacianNeg(f, g);
    for (std::size_t p = 0; p < P; ++p) Hphi(p, b) = g[p] + (potential[p] - E0) * f[p];
  }
  out.h = dV * (out.orbitals.transpose() * Hphi);
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < M; ++j)
      out.oneBodyDefect = std::max(out.oneBodyDefect, std::abs(out.h(i, j) - (i == j ? basis.energies[i] - E0 : 0.0)));
  // pair densities ρ_ab (column a M + b) and W ∗ ρ_ab
  Eigen::MatrixXd R(P, M * M), WR(P, M * M);
  for (int a = 0; a < M; ++a)
    for (int b = 0; b < M; ++b) R.col(a * M + b) = out.orbitals.col(a).cwiseProduct(out.orbitals.col(b));
  if (interaction.isContact()) {
    WR = interaction.coupling() * R;
  } else {
    const std::vector<double> what = fft.tabulate([&](double k2) { return interaction.fourier(k2, d); });
    for (int c = 0; c < M * M; ++c) {
      for (std::size_t p = 0; p < P; ++p) f[p] = R(p, c);
      fft.applyMultiplier(f, what, g);
      for (std::size_t p = 0; p < P; ++p) WR(p, c) = g[p];
    }
  }
  const Eigen::MatrixXd G = dV * (R.transpose() * WR);   // G(i M + k, j M + l) = V_ijkl
  out.V.assign(static_cast<std::size_t>(M) * M * M * M, 0.0);
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < M; ++j)
      for (int k = 0; k < M; ++k)
        for (int l = 0; l < M; ++l) out.V[((i * M + j) * M + k) * M + l] = G(i * M + k, j * M + l);
  const auto V = [&](int i, int j, int k, int l) { return out.V[((i * M + j) * M + k) * M + l]; };
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < M; ++j)
      for (int k = 0; k < M; ++k)
        for (int l = 0; l < M; ++l) {
          out.exchangeDefect = std::max(out.exchangeDefect, std::abs(V(i, j, k, l) - V(j, i, l, k)));
          out.hermiticityDefect = std::max(out.hermiticityDefect, std::abs(V(i, j, k, l) - V(k, l, i, j)));
        }
  return out;
}

}  // namespace cbec
