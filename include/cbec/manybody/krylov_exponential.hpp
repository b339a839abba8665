#pragma once
/// @file krylov_exponential.hpp
/// Time evolution Ψ(t) = e^{-itH} Ψ(0) for a Hermitian H given only through y = Hx (LinearOperator),
/// by the Lanczos (Krylov) method with a rigorous a-posteriori error bound and step-size control.
///
/// One step of length τ: from v_1 = Ψ/‖Ψ‖ the Lanczos recursion (full re-orthogonalisation) gives
/// an orthonormal V_m = [v_1 … v_m] and the real tridiagonal T_m = V_m† H V_m with
///
///   H V_m = V_m T_m + β_{m+1} v_{m+1} e_m^T,
///
/// and the approximation e^{-iτH}Ψ ≈ ‖Ψ‖ V_m e^{-iτT_m} e_1. Its error solves
/// i ∂_s ε = H ε + β_{m+1} (e_m^T e^{-isT_m} e_1) ‖Ψ‖ v_{m+1} with ε(0) = 0 (the defect), so by
/// Duhamel and unitarity
///
///   ‖e^{-iτH}Ψ - ‖Ψ‖ V_m e^{-iτT_m} e_1‖ ≤ ‖Ψ‖ β_{m+1} ∫_0^τ |e_m^T e^{-isT_m} e_1| ds =: b(τ)
///
/// (Hochbruck, Lubich & Selhofer 1998; Jawecki, Auzinger & Koch 2020). The integral is evaluated with
/// T_m = S Λ S^T by composite Gauss–Legendre quadrature resolving the frequencies λ_k. b(τ) grows
/// like τ^m, so τ is chosen as the largest step (≤ the remaining time) with b(τ) ≤ tolerance · τ:
/// the bounds of the steps add up (unitary propagation does not amplify earlier errors), so
///
///   ‖Ψ_computed(t) - e^{-itH}Ψ(0)‖ ≤ Σ_steps b(τ) ≤ tolerance · t      (up to round-off).
///
/// A vanishing β_{j+1} (invariant Krylov space) makes the step exact for any τ.
///
/// @code
///   cbec::ComplexifiedOperator H(fockHamiltonian);        // a real LinearOperator<double>
///   cbec::KrylovExponential prop(H, {.tolerance = 1e-10});
///   auto stats = prop.propagate(psi, 1.0);                // psi ← e^{-iH} psi, stats.errorBound ≤ 1e-10
/// @endcode
#include <cbec/manybody/linear_operator.hpp>

#include <Eigen/Dense>

#include <complex>

namespace cbec {

struct KrylovOptions {
  /// Error allowed per unit time: each step has b(τ) ≤ tolerance · τ.
  double tolerance = 1e-10;
  /// Largest Krylov dimension m (memory: m + 1 vectors of the state's size).
  int maxDimension = 30;
  /// Store a FockHamiltonian as a sparse matrix when it takes at most this many bytes (0: matrix-free);
  /// the caller's memory policy (exactMarginals).
  double store_bytes = 0;
};

struct KrylovStats {
  int steps = 0;              ///< Krylov steps taken
  long long products = 0;     ///< applications of H
  double errorBound = 0;      ///< Σ_steps b(τ): a bound on ‖Ψ_computed(t) - e^{-itH}Ψ(0)‖
  double smallestStep = 0;    ///< smallest τ used
  double largestStep = 0;     ///< largest τ used
  double lastStep = 0;        ///< the latest τ (the next step tries at most twice this)
  KrylovStats& operator+=(const KrylovStats& o);
};

class KrylovExponential {
 public:
  /// Keeps a reference to H (Hermitian; must outlive this object). InputError if the options are
  /// not finite and positive, or maxDimension < 2.
  KrylovExponential(const LinearOperator<std::complex<double>>& H, KrylovOptions options = {});

  /// psi ← e^{-itH} psi for t ≥ 0 (t < 0 is allowed: the backward flow). InputError if the length is
  /// not H.dimension() or t is not finite.
  KrylovStats propagate(Eigen::VectorXcd& psi, double t) const;
  /// The same, continuing a run: adds to `stats` and starts from its step size.
  void propagate(Eigen::VectorXcd& psi, double t, KrylovStats& stats) const;

  /// One Krylov step of length at most `tau` (sign = direction) and at most twice stats.lastStep:
  /// returns the step actually taken and adds its bound and cost to `stats`.
  double step(Eigen::VectorXcd& psi, double tau, KrylovStats& stats) const;

  const KrylovOptions& options() const { return opt_; }

 private:
  const LinearOperator<std::complex<double>>& H_;
  KrylovOptions opt_;
};

/// The error bound b(τ)/‖Ψ‖ = β ∫_0^|τ| |Σ_k S_{mk} S_{1k} e^{-isλ_k}| ds of a Lanczos step with
/// eigenvalues λ, eigenvectors S of T_m and next coefficient β (exposed for tests).
double krylovErrorBound(const Eigen::VectorXd& lambda, const Eigen::MatrixXd& S, double beta, double tau);

}  // namespace cbec
