// Eigenpairs of −Δ + U on a Fourier grid (grid_eigenbasis.hpp).
#include <cbec/discretisation/grid_eigenbasis.hpp>
#include <cbec/io/errors.hpp>

#include <Spectra/MatOp/DenseSymShiftSolve.h>
#include <Spectra/SymEigsShiftSolver.h>
#include <fmt/format.h>

#include <algorithm>

#include <cmath>
#include <numbers>

namespace cbec {

Eigen::MatrixXd fourierKinetic(int n, double L) {
  const double h = L / n;
  std::vector<double> t(n, 0.0);   // T_ij depends on i − j only
  for (int d = 0; d < n; ++d)
    for (int m = -n / 2 + 1; m <= n / 2; ++m) {
      const double k = 2 * std::numbers::pi * m / L;
      t[d] += k * k * std::cos(k * d * h) / n;
    }
  Eigen::MatrixXd T(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) T(i, j) = t[std::abs(i - j)];
  return T;
}

GridEigenbasis gridEigenbasis(const Grid& grid, const std::vector<double>& potential, int count) {
  const int d = grid.dimension(), n = grid.points();
  if (d != 1 && d != 2)
    throw InputError(fmt::format("grid eigenbasis: dimension {} (1 or 2 supported)", d));
  const std::size_t size = grid.globalSize();
  if (size > 2304)
    throw InputError(fmt::format("grid eigenbasis: {} grid points (at most 2304 for the dense eigensolver)", size));
  if (potential.size() != size)
    throw InputError(fmt::format("grid eigenbasis: {} potential values for {} points", potential.size(), size));
  for (std::size_t p = 0; p < size; ++p)
    if (!std::isfinite(potential[p])) throw InputError(fmt::format("grid eigenbasis: U is not finite at point {}", p));
  const Eigen::MatrixXd T = fourierKinetic(n, grid.box());
  Eigen::MatrixXd H;
  if (d == 1) {
    H = T;
  } else {   // index p = i n + j (last axis fastest): T ⊗ 1 + 1 ⊗ T
    H = Eigen::MatrixXd::Zero(size, size);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j)
        for (int m = 0; m < n; ++m) {
          H(i * n + j, m * n + j) += T(i, m);
          H(i * n + j, i * n + m) += T(j, m);
        }
  }
  for (std::size_t p = 0; p < size; ++p) H(p, p) += potential[p];
  GridEigenbasis b;
  b.dimension = d, b.points = n;
  if (count > 0 && size > 1024 && static_cast<std::size_t>(4 * count) < size) {
    const double sigma = *std::min_element(potential.begin(), potential.end()) - 1;
    Spectra::DenseSymShiftSolve<double> op(H);
    const int ncv = std::min<int>(static_cast<int>(size), std::max(2 * count + 1, 24));
    Spectra::SymEigsShiftSolver<Spectra::DenseSymShiftSolve<double>> eigs(op, count, ncv, sigma);
    eigs.init();
    eigs.compute(Spectra::SortRule::LargestMagn, 2000, 1e-13);
    if (eigs.info() != Spectra::CompInfo::Successful)
      throw NumericalError(fmt::format("grid eigenbasis: shift-invert Lanczos for {} pairs on {} points did not converge",
                                       count, size));
    const Eigen::VectorXd values = eigs.eigenvalues();
    const Eigen::MatrixXd vectors = eigs.eigenvectors();
    std::vector<int> order(values.size());
    for (int a = 0; a < int(order.size()); ++a) order[a] = a;
    std::sort(order.begin(), order.end(), [&](int x, int y) { return values[x] < values[y]; });
    b.energies.resize(values.size());
    b.orbitals.resize(size, values.size());
    for (int a = 0; a < int(order.size()); ++a) {
      b.energies[a] = values[order[a]];
      b.orbitals.col(a) = vectors.col(order[a]) / std::sqrt(grid.cellVolume());
    }
    return b;
  }
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(H);
  b.energies = eig.eigenvalues();
  b.orbitals = eig.eigenvectors() / std::sqrt(grid.cellVolume());
  return b;
}

double GridEigenbasis::edgeRatio(int count) const {
  const int n = points;
  double worst = 0;
  for (int a = 0; a < count && a < orbitals.cols(); ++a) {
    const auto psi = orbitals.col(a);
    double edge = 0;
    if (dimension == 1) {
      edge = std::max(std::abs(psi[0]), std::abs(psi[n - 1]));
    } else {
      for (int m = 0; m < n; ++m)
        edge = std::max({edge, std::abs(psi[m]), std::abs(psi[(n - 1) * n + m]), std::abs(psi[m * n]),
                         std::abs(psi[m * n + n - 1])});
    }
    worst = std::max(worst, edge / psi.cwiseAbs().maxCoeff());
  }
  return worst;
}

}  // namespace cbec
