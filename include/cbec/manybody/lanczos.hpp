#pragma once
/// @file lanczos.hpp
/// Lowest eigenpairs H v_k = λ_k v_k of a symmetric LinearOperator by the implicitly restarted Lanczos
/// method (Spectra::SymEigsSolver, Sorensen's restart ≡ Krylov–Schur for symmetric problems), driving the
/// operator through apply() only. The spectrum is shifted, A = σ - H with σ ≥ max spec H from a short
/// Lanczos run, so that the wanted eigenvalues are the largest algebraic ones of A (fast convergence).
/// Residuals ‖H v_k - λ_k v_k‖₂ (‖v_k‖ = 1) are recomputed with the operator after convergence.
/// Small spaces (dimension ≤ dense_below) are diagonalised densely.
#include <cbec/manybody/linear_operator.hpp>

#include <Eigen/Dense>

#include <vector>

namespace cbec {

struct LanczosOptions {
  int count = 1;                  ///< eigenpairs wanted
  double tolerance = 1e-12;       ///< Spectra's relative tolerance on the Ritz values
  int max_restarts = 2000;
  int krylov_dimension = 0;       ///< ncv; 0: max(2·count + 1, 30)
  int threads = 1;                ///< row blocks applied concurrently
  std::size_t dense_below = 64;    ///< dense diagonalisation at or below this dimension
};

struct EigenPairs {
  Eigen::VectorXd values;         ///< ascending
  Eigen::MatrixXd vectors;        ///< columns, unit norm
  std::vector<double> residuals;  ///< ‖H v - λ v‖₂
  long operator_applications = 0;
  bool converged = false;
};

/// NumericalError (naming the dimension, tolerance and restarts) when the Lanczos run does not converge:
/// an unconverged Ritz value is never returned as an eigenvalue.
EigenPairs lowestEigenpairs(const LinearOperator<double>& H, const LanczosOptions& options = {});

/// The matrix of a (small) operator, column by column (tests and dense fall-back).
Eigen::MatrixXd denseMatrix(const LinearOperator<double>& H);

}  // namespace cbec
