#pragma once
/// @file error_estimate.hpp
/// The coarse-grid energy of the a posteriori error estimate without a solve (auto_grid.hpp:
/// gridErrorEstimate, method "evaluate").
///
/// The estimate compares the energy E of the solution u on its grid G with the minimum E' of the
/// functional on a coarser grid G' (same box at ~3/4 of the points, or a box 15% smaller at the same
/// spacing). Instead of minimising on G', the solution is transferred there (P u: exact Fourier
/// resampling or restriction, renormalised; transferState) and
///
///   E' ≈ E_{G'}(P u) − Δ,   Δ = max_{0 ≤ θ ≤ θ_max} −[θ E'(0) + ½θ² E''(0)]
///
/// where E'(0), E''(0) are the exact first and second derivatives of E_{G'} along the geodesic
/// u_s(θ) = cos(θn_s)u_s + sin(θn_s)d_s/n_s (n_s = ‖d_s‖, θ_max = π/(2 max n_s)) in the preconditioned
/// steepest-descent direction d_s = −(P_s r_s − ⟨u_s, P_s r_s⟩u_s) of the PCG solver (pcg.cpp, Antoine,
/// Levitt & Tang 2017), r_s = H_s u_s − μ_s u_s the residual of P u on G':
///
///   E'(0)  = Σ_s 2c_s⟨r_s, d_s⟩,
///   E''(0) = Σ_s 2c_s(ν_s⟨d_s, −Δd_s⟩ + ⟨d_s, U_s d_s⟩ − μ_s n_s²) + D²F[2u d, 2u d],
///   P_s    = P_V^{1/2}(α_s − ν_sΔ)^{-1}P_V^{1/2},  P_V = (1 + ν_sV_s/α_s)^{-1},  α_s = 2⟨u_s, ν_s(−Δ + V_s)u_s⟩.
///
/// E_{G'}(Pu) − E carries the first-order discretisation error of G' (mode truncation, aliasing of the
/// nonlinear terms, the cut-off mass of the smaller box); E_{G'}(Pu) − E' is second order in the residual
/// r (≈ ½⟨g, Hess⁻¹g⟩), and Δ is the part of it that one PCG step would remove according to its exact
/// quadratic model. With E''(0) ≤ 0 (no local convexity: a collapsing state) Δ = 0. Cost per coarse grid:
/// one evaluation (2 FFTs per species, +2 per species per convolution term), the preconditioner (2 FFTs
/// per species), ν⟨d, −Δd⟩ (1 FFT per species) and D²F (0 for contact, 2 per convolution term).
/// Measured against the former re-solve and against the true error: docs/benchmarks.md (Issue 14,
/// third session) and tests/groundstate/test_error_estimate.cpp.
#include <cbec/hamiltonian/hamiltonian.hpp>

namespace cbec {

struct ModelEnergy {
  double energy = 0;     ///< E_{G'}(u) − Δ
  double evaluated = 0;  ///< E_{G'}(u)
  double decrease = 0;   ///< Δ ≥ 0
};

/// The one-step quadratic-model estimate above of min E on h's grid, from a normalised state u on it.
ModelEnergy modelMinimumEnergy(Hamiltonian& h, const State& u);

}  // namespace cbec
