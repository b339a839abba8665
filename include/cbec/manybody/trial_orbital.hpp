#pragma once
/// @file trial_orbital.hpp
/// One-body factors u_s > 0 of the QMC trial state Ψ_T = Π_{i∈A} u_A(x_i) Π_{j∈B} u_B(y_j) (qmc.md), given
/// by L = log u, its gradient and Laplacian at a point. They fix everything the importance-sampled walk
/// needs from the trial: the drift 2∇L (kinetic −Δ, MODEL §1, no ½) and the one-body local energy
///
///   e_s(x) = −Δu_s/u_s + V_s(x) = −(ΔL + |∇L|²) + V_s(x).
///
/// Because e_s is computed from the same L that guides the walk, the local energy is exactly HΨ_T/Ψ_T for
/// the trial actually used: an approximate u_s (a grid solution, interpolated) changes the variance, never
/// the DMC energy. For the Hartree minimiser e_s = μ_s − U_s^int (the Hartree equation), the identity the
/// spline reproduces to its interpolation error.
#include <cbec/discretisation/cubic_spline.hpp>
#include <cbec/model/trap.hpp>

#include <memory>
#include <vector>

namespace cbec {

class TrialOrbital {
 public:
  virtual ~TrialOrbital() = default;
  /// L = log u, ∇L, ΔL at x.
  virtual SplineValue logValue(const double* x) const = 0;
};

/// u = the field on a grid (normalised, positive where it matters), through a C² cubic spline of
/// log max(u, floor·max u) (floor = 1e-13: below it the grid values are round-off; walkers reach it with
/// probability ~ floor²).
class SplineOrbital final : public TrialOrbital {
 public:
  SplineOrbital(const Grid& grid, const Field& u, double floor = 1e-13);
  SplineValue logValue(const double* x) const override { return spline_.evaluate(x); }

 private:
  CubicSpline spline_;
};

/// u(x) = exp(−Σ_i ω_i (x_i − z_i)²/2): the exact ground state of −Δ + Σ ω_i²(x_i − z_i)² (energy Σ ω_i).
class GaussianOrbital final : public TrialOrbital {
 public:
  GaussianOrbital(std::vector<double> omega, std::vector<double> centre);
  SplineValue logValue(const double* x) const override;

 private:
  std::vector<double> omega_, centre_;
};

}  // namespace cbec
