#pragma once
/// @file marginals.hpp
/// Driver of `cbec marginals`: exact k-body marginals of the ℓ-level fragmented state
/// Ψ_N = φ_1^{⊗N_1} ∨ … ∨ φ_ℓ^{⊗N_ℓ} (F 1.15), of the phase-averaged product state γ̃_N (F 2.5, 2.18)
/// and of the mixture of condensates ρ_N (F 2.6) on the same populations: their weights on the
/// occupation patterns a of the Dicke basis (F Prop. 2.1–2.3), ranks (F 2.12–2.14) and trace
/// distances, with N·Tr|γ − γ̃| → c_k (F 2.15). One row per (N, k).
/// JSON keys: INTERFACE.md, `cbec marginals`.
#include <cbec/drivers/session.hpp>
#include <cbec/fragmentation/fock_basis.hpp>
#include <cbec/io/output.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace cbec::drivers {

struct MarginalsParameters {
  std::vector<std::int64_t> N;            ///< particle numbers; empty: N = N_1 + … + N_ℓ of `occupations`
  std::vector<std::int64_t> occupations;  ///< N_1 … N_ℓ (one N at most), or
  std::vector<double> fractions;          ///< n_1 … n_ℓ summing to 1: N_j = round(n_j N)
  std::vector<int> k;                     ///< marginal orders
  bool table = false;                     ///< several rows; weights are listed only for one row
  /// How the caller calls these items, for error messages (the CLI passes "--N", "--occupations", ...).
  struct Names {
    std::string N = "N", occupations = "occupations", fractions = "fractions", k = "k";
  } names;
};

/// Weights and patterns are listed when the Dicke basis has at most this many states.
constexpr std::size_t kListedPatterns = 1000;

struct MarginalsRow {
  std::int64_t N = 0;
  std::vector<std::int64_t> occupations;
  std::vector<double> fractions;
  int k = 0, levels = 0;
  std::size_t dicke_dimension = 0;
  std::size_t rank_fragmented = 0, rank_phase_averaged = 0, rank_mixture = 0;
  double fragmented_vs_phase_averaged = 0, fragmented_vs_mixture = 0, phase_averaged_vs_mixture = 0;
  std::vector<Occupations> patterns;      ///< empty unless listed
  std::vector<double> weights_fragmented, weights_phase_averaged, weights_mixture;
};

struct MarginalsResult {
  bool table = false;
  std::vector<MarginalsRow> rows;
};

/// Computes every (N, k) row; writes DIR/marginals.json when run.out_dir is set.
MarginalsResult marginals(const MarginalsParameters& parameters, const RunOptions& run = {});
/// One object (a single row) or an array of rows (table).
Json toJson(const MarginalsResult& result);
Json toJson(const MarginalsRow& row);

}  // namespace cbec::drivers
