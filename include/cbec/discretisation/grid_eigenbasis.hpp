#pragma once
/// @file grid_eigenbasis.hpp
/// Eigenpairs of the one-body operator h = −Δ + U(x) on a periodic Fourier grid (1D or 2D, dense):
///
///   H = T ⊗ 1 + 1 ⊗ T + diag U(x_p)          (2D; in 1D H = T + diag U),
///   T_ij = (1/n) Σ_{m=−n/2+1}^{n/2} k_m² cos(k_m (x_i − x_j)),   k_m = 2πm/L,
///
/// the Fourier-grid (sinc-DVR) matrix of −d²/dx², exact for trigonometric polynomials of degree < n/2
/// (the same −Δ the FFT applies: FourierTransform::laplacianNeg). H is real symmetric; its eigenvectors
/// are returned scaled to the grid's L² norm: h^d Σ_p ψ_a(x_p) ψ_b(x_p) = δ_ab. The point order is the
/// grid's (last axis fastest). The dense solve costs O(n^{3d}): at most 2304 points in all.
#include <cbec/discretisation/grid.hpp>

#include <Eigen/Dense>

#include <vector>

namespace cbec {

struct GridEigenbasis {
  Eigen::VectorXd energies;   ///< ascending
  Eigen::MatrixXd orbitals;   ///< columns ψ_a at the grid points, L²-normalised on the grid
  /// max over the first `count` orbitals of |ψ_a| on the box's boundary planes over max|ψ_a| (a periodic
  /// box that holds them needs this ≪ 1)
  double edgeRatio(int count) const;
  int dimension = 1, points = 0;
};

/// The matrix T of −d²/dx² on n points of a periodic box of side L (see above).
Eigen::MatrixXd fourierKinetic(int n, double L);

/// All eigenpairs of −Δ + U on `grid` (dimension 1 or 2; U sampled at the grid points). InputError for
/// another dimension, more than 2304 points or non-finite U. With count > 0 on more than 1024 points, only the
/// lowest `count` pairs, by shift-invert Lanczos (Spectra, σ = min U − 1 below the spectrum since −Δ ≥ 0;
/// one LDLᵀ factorisation of H − σ, Ritz residuals to 1e-13 relative): O(P³/3) once instead of the full solve.
GridEigenbasis gridEigenbasis(const Grid& grid, const std::vector<double>& potential, int count = 0);

}  // namespace cbec
