#pragma once
/// @file grid_bogoliubov.hpp
/// Bogoliubov theory around the Hartree minimiser ON THE GRID (the grid counterpart of the mode-space
/// manybody/bogoliubov.hpp, same 𝔸/𝔹 and the same e_B = ½Σe_k − ½Tr𝔸, so N·E_N^Q = N·E^H + e_B + o(1)).
///
/// Excitation basis, per species s with c_s > 0: the lowest M eigenfunctions φ^s_k of the mean-field operator
/// H_s = ν_s(−Δ) + U_s[ρ] (hamiltonian.hpp, spectral −Δ, U_s at the minimiser) other than u_s itself, shifted
/// by μ_s: (H_s − μ_s)φ^s_k = ε^s_k φ^s_k, φ^s_k ⊥ u_s (Lanczos, manybody/lanczos.hpp; dense for small grids).
/// In that basis (α = (s, k)) with the density response of the Hamiltonian's terms,
/// δU_s[δρ] = (1/c_s) Σ_t ∂²E/∂ρ_s∂ρ_t δρ_t (Hamiltonian::potentialVariation), the coupling matrix is
///
///   𝒦_{(s,p),(t,q)} = √c_s ⟨φ^s_p, u_s δU_s[δρ]⟩,   δρ_t' = δ_{t't} u_t φ^t_q / √c_t,
///                    = (1/√(c_s c_t)) ∫∫ φ^s_p u_s (∂²E/∂ρ_s∂ρ_t) u_t φ^t_q,
///
/// which for the Mixture's pair term is κ_s K_s (s = t: −ã_s⟨φ_p u_s, w_N*(u_s φ_q)⟩, ã_s = λ_s(N_s−1)a_s) and
/// √(c_s c_t)(−a_st)⟨φ_p u_s, w_N*(u_t φ_q)⟩ (s ≠ t) — the K, X of bogoliubov.hpp with λ_AB√(N_A N_B) = √(c_A c_B).
/// For real u and φ the pairing K̃ and Y equal K and X, so
///
///   𝔸 = diag(ε) + 𝒦,   𝔹 = 𝒦   (𝔸 − 𝔹 = diag(ε) > 0 on u^⊥ at a minimiser).
///
/// Mode cutoff: the rungs M_j = M/2^{R−1−j} (the lowest M_j per species, nested), e_B(M_j) from
/// bogoliubovFromMatrices; the ultraviolet tail (pairs above the cutoff, second order −½Σ𝔹²/(ε+ε') > 0 in
/// magnitude, decreasing with M) is removed by Aitken's Δ² over the last three rungs (exact for a geometric
/// tail, a power law M^{−p} under doubling is geometric), with uncertainty |e_∞ − e_B(M)|; without a geometric
/// triple the uncertainty is the last rung difference.
#include <cbec/hamiltonian/hamiltonian.hpp>
#include <cbec/solver/ground_state.hpp>

#include <vector>

namespace cbec {

struct GridBogoliubovOptions {
  int modes = 64;                   ///< M: excitation modes per species at the largest rung
  int rungs = 3;                    ///< M, M/2, M/4, ... (≥ 1; Aitken needs 3)
  double lanczos_tolerance = 1e-10;
  std::size_t dense_below = 1100;   ///< grids up to max(this, 4(M + 1)) points are diagonalised densely
  int excitations = 8;              ///< lowest e_k kept
};

struct GridBogoliubovRung {
  int modes = 0;                    ///< per species
  double e_B = 0;
  double cutoff = 0;                ///< largest ε kept (over species)
  std::vector<double> depletion;    ///< Σ_k ⟨c†_{s,k} c_{s,k}⟩ per species
};

struct GridBogoliubovResult {
  double e_B = 0;                   ///< extrapolated in M
  double e_B_last = 0;              ///< at the largest rung
  double uncertainty = 0;           ///< of the M extrapolation
  bool extrapolated = false;        ///< Aitken applied
  std::vector<GridBogoliubovRung> rungs;
  std::vector<double> excitations;  ///< lowest e_k (largest rung)
  std::vector<double> depletion;    ///< per species (largest rung)
  std::vector<double> gap;          ///< lowest ε^s_1 per species (one-body gap of H_s − μ_s on u_s^⊥)
  bool stable = false;              ///< 𝔸 ± 𝔹 > 0 at every rung
  bool eigen_converged = false;     ///< every Lanczos run converged
  double eigen_residual = 0;        ///< max ‖(H_s − μ_s)φ − εφ‖ over the basis
  double seconds = 0;
};

/// `ground` must be the converged minimiser on h's grid (InputError otherwise, or when M + 2 exceeds the grid
/// size). Uses h.potentialVariation (overwrites the terms' prepared fields: re-evaluate h before reusing it).
GridBogoliubovResult gridBogoliubov(Hamiltonian& h, const GroundStateResult& ground, const GridBogoliubovOptions& options = {});

}  // namespace cbec
