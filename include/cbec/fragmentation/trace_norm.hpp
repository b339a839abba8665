#pragma once
/// @file trace_norm.hpp
/// The trace norm of a self-adjoint matrix, Tr|A| = Σ_j |λ_j(A)|, the distance used throughout
/// (F 1.10, 1.11, 1.18, 2.15). For two density matrices diagonal in one orthonormal basis,
/// A = Σ_a w_a |a⟩⟨a| and B = Σ_a w'_a |a⟩⟨a|, the eigenvalues of A - B are the w_a - w'_a, so
/// Tr|A - B| = Σ_a |w_a - w'_a| (an ℓ1 distance of the weights).
///
/// @code
///   Eigen::MatrixXd A = Eigen::Vector2d(0.5, 0.5).asDiagonal(), B = Eigen::Vector2d(1, 0).asDiagonal();
///   cbec::traceNorm(A - B);   // 1.0
/// @endcode
#include <Eigen/Dense>

namespace cbec {

/// Tr|A| for self-adjoint A (only the lower triangle is read).
double traceNorm(const Eigen::MatrixXcd& A);
double traceNorm(const Eigen::MatrixXd& A);

/// Tr|A - B| for two density matrices (A, B ≥ 0, Tr A = Tr B = 1; F 1.10): at most 2 exactly
/// (Tr|A - B| ≤ Tr A + Tr B). The eigenvalue sum can exceed 2 by round-off (2.0000000000001 was printed);
/// an excess up to kTraceDistanceSlack is that round-off and is removed, a larger one is left to be seen.
double traceDistance(const Eigen::MatrixXcd& A, const Eigen::MatrixXcd& B);
/// d clamped to 2 when 2 < d ≤ 2 + kTraceDistanceSlack (the same rule for distances computed otherwise).
double boundedTraceDistance(double d);
inline constexpr double kTraceDistanceSlack = 1e-9;

}  // namespace cbec
