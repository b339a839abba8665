#pragma once
// Private to fock_hamiltonian.cpp: the sparse term lists of a mode Hamiltonian, incremental ranking of
// Fock states (combinatorial number system, fock_basis.hpp), and the moves a†_i a_k, a†_i a†_j a_l a_k
// of one species state with their targets and bosonic amplitudes.
#include <cbec/manybody/fock_hamiltonian.hpp>

#include <cstdint>
#include <utility>
#include <vector>

namespace cbec {

/// Compressed rows: entries [start[key], start[key+1]) of (i, j, v).
struct TermCsr {
  std::vector<std::size_t> start;
  std::vector<int> i, j;
  std::vector<double> v;
};

struct SpeciesTerms {
  int M = 1;
  std::vector<std::vector<std::pair<int, double>>> hop;   ///< hop[k] = {(i, h_ik ≠ 0)}
  TermCsr pairs;                                          ///< key k·M + l (k ≤ l): (i ≤ j, (λ/2) C_{ij,kl})
};

struct FockHamiltonian::Terms {
  SpeciesTerms species[2];
  TermCsr inter;                                          ///< key k·M_B + l: (i, j, λ_AB V_ijkl)
  std::size_t count() const;
};

FockHamiltonian::Terms buildTerms(const ModeHamiltonian& model);

/// rank(n') of n' = n + Σ_t s_t e_{p_t} from the suffix sums of n, in O(#changes):
/// rank(n) = Σ_{m=1}^{M-1} B(U_m + M-1-m, M-m), and a change shifts U_m by δ(m) = Σ_{p_t ≥ m} s_t,
/// piecewise constant between sorted change positions, so prefix sums S_δ(m) for δ = -2..2 suffice.
class RankShifter {
 public:
  RankShifter(int modes, int particles);
  void load(const std::vector<int>& n);
  std::uint64_t rank() const { return S(0, M_ - 1); }
  /// Up to 4 changes (mode, ±1), any order, net zero.
  std::uint64_t shifted(int c, const int* modes, const int* signs) const;

 private:
  std::uint64_t B(int p, int q) const { return p < 0 ? 0 : binom_[static_cast<std::size_t>(p) * (M_ + 1) + q]; }
  std::uint64_t S(int delta, int m) const { return S_[static_cast<std::size_t>(delta + 2) * M_ + m]; }
  int M_, P_;
  std::vector<std::uint64_t> binom_, S_;
};

class StateMoves {
 public:
  StateMoves(const SpeciesStates& states, const SpeciesTerms& terms);
  /// Rebuild for state id (no-op if already loaded).
  void load(std::int64_t id);

  struct AloneTerm {
    std::int32_t cls;
    std::int64_t pos;
    double c;
  };
  std::vector<AloneTerm> alone;   ///< one-body + intra: target (class, position) and coefficient
  std::vector<int> occupied;                            ///< modes with n_k > 0
  /// a†_i a_k n (k = occupied[o]) at [o·M + i]: its class (-1 if not kept), position in the class and
  /// amplitude √n_k √(n_i + 1 - δ_ik).
  struct Target {
    std::int32_t cls;
    std::int64_t pos;
    double amp;
  };
  std::vector<Target> single;
  std::vector<std::int64_t> singleId;                   ///< [o·M + i]: id of the target, -1 if not kept

  /// emit(col, λ V ⟨amplitudes⟩) for each inter term a†_i b†_j b_l a_k of the loaded pair (this = species A).
  template <class Emit>
  void interRow(const StateMoves& B, const TermCsr& inter, int MB, const FockSector& sector, Emit&& emit) const {
    const int MA = terms_.M;
    for (std::size_t oa = 0; oa < occupied.size(); ++oa)
      for (std::size_t ob = 0; ob < B.occupied.size(); ++ob) {
        const std::size_t key = static_cast<std::size_t>(occupied[oa]) * MB + B.occupied[ob];
        for (std::size_t e = inter.start[key]; e < inter.start[key + 1]; ++e) {
          const Target& a = single[oa * MA + inter.i[e]];
          const Target& b = B.single[ob * MB + inter.j[e]];
          if (a.cls < 0 || b.cls < 0) continue;
          const std::int64_t col = sector.index(a.cls, a.pos, b.cls, b.pos);
          if (col >= 0) emit(col, inter.v[e] * a.amp * b.amp);
        }
      }
  }

 private:
  void buildSingles();
  void buildAlone();
  const SpeciesStates& states_;
  const SpeciesTerms& terms_;
  RankShifter shifter_;
  std::int64_t id_ = -1;
  std::vector<int> n_;
};

}  // namespace cbec
