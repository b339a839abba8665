#pragma once
/// @file term.hpp
/// One term of the mean-field energy per particle (MODEL §2, mixture.hpp conventions)
///
///   E(u) = Σ_T E_T(u),   ρ_s = |u_s|²,  ‖u_s‖₂ = 1,  c_s = N_s/N,
///
/// and what every consumer needs from it (hamiltonian.hpp assembles them):
///  * its weighted energy, split into the EnergyTerms slots kinetic / trap / intra / inter;
///  * its part of the mean-field potential  U_s = (1/c_s) δE_T/δρ_s  (so that ∂E/∂ū_s = c_s H_s u_s with
///    H_s = ν_s(-Δ) + U_s: the c_s of the energy is divided out, leaving c_t on the cross terms);
///  * its second variation in the density, D²E_T[δρ, δρ] = Σ_{s,t} ∂²E_T/∂ρ_s∂ρ_t δρ_s δρ_t (the curvature
///    of the PCG line search), and the linearised potential δU_s = (1/c_s) Σ_t ∂²E_T/∂ρ_s∂ρ_t δρ_t
///    (the density response of the Bogoliubov linearisation). Both vanish for terms linear in ρ.
/// Terms that are not functions of ρ (the kinetic energy) leave U_s alone and are handled by the
/// Hamiltonian through their own operator (kinetic_term.hpp).
#include <cbec/discretisation/field.hpp>
#include <cbec/discretisation/parallel.hpp>

#include <string>
#include <vector>

namespace cbec {

/// The weighted energy terms, Σ_s (kinetic_s + trap_s + intra_s) + inter = E:
///   kinetic_s = c_s ν_s ∫|∇u_s|²,  trap_s = c_s ν_s ∫V_s ρ_s,  intra_s = pair terms' diagonal (s, s) parts,
///   inter = the pair terms' cross parts Σ_{s<t}.
struct EnergyTerms {
  std::vector<double> kinetic, trap, intra;
  double inter = 0;
  double total() const;
  /// Zero for S species.
  void reset(int species);
};

class HamiltonianTerm {
 public:
  virtual ~HamiltonianTerm() = default;
  virtual std::string name() const = 0;
  /// Build the term's mean fields from the densities ρ_s of all species (once per evaluation; e.g. K*ρ_t by
  /// FFT). Default: nothing to build.
  virtual void prepare(const State& /*rho*/) {}
  /// U_s ← U_s + (1/c_s) δE_T/δρ_s (U_s ← (1/c_s) δE_T/δρ_s when `assign`) from the last prepare(ρ), and
  /// the term's weighted energy shares of species s added to *e (if e is not null). Returns false when the
  /// term has no potential (U_s untouched). For a pair term the share of species s is its diagonal part
  /// and the cross parts with t > s, so summing over s counts each pair once.
  virtual bool addPotential(int /*s*/, const State& /*rho*/, Field& /*U*/, bool /*assign*/, EnergyTerms* /*e*/) {
    return false;
  }
  /// D²E_T[δρ, δρ]; 0 for terms linear in ρ. May overwrite the fields built by prepare().
  virtual double secondVariation(const State& /*drho*/) { return 0; }
  /// δU_s += (1/c_s) Σ_t ∂²E_T/∂ρ_s∂ρ_t δρ_t for every s; nothing for terms linear in ρ. May overwrite
  /// the fields built by prepare().
  virtual void addPotentialVariation(const State& /*drho*/, State& /*dU*/) {}

  /// Threads of the term's pointwise passes (parallel.hpp); the Hamiltonian sets its own count on the
  /// terms it holds.
  void setThreads(int threads) { threads_ = threads; team_ = parallel::Team(threads); }
  /// The workers of the term's sums: its threads and, on a slab of a grid (slab.hpp), the ranks (the sums in
  /// their global order). The Hamiltonian sets its grid's team on the terms it holds.
  void setTeam(const parallel::Team& team) { threads_ = team.threads; team_ = team; }
  int threads() const { return threads_; }

 protected:
  int threads_ = 1;
  parallel::Team team_ = parallel::Team(1);
};

}  // namespace cbec
