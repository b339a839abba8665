#pragma once
/// @file two_body_tensor.hpp
/// Two-body matrix elements of a pair potential W between two mode bases {φ_i} (species a) and {χ_j}
/// (species b; the same basis for an intra-species tensor):
///
///   V_ijkl = ⟨φ_i ⊗ χ_j, W φ_k ⊗ χ_l⟩ = ∫∫ φ_i(x) χ_j(y) W(x - y) φ_k(x) χ_l(y) dx dy,   i,k ∈ a;  j,l ∈ b.
///
/// For real modes and even W, V_ijkl = V_klij (Hermitian), and for a = b also V_ijkl = V_jilk.
///
/// Storage (the one layout of a two-body tensor): sparse, by ket pair. Row (k, l) holds the non-zero
/// entries (i, j, V_ijkl) in increasing i·M_b + j. Which entries can be non-zero is fixed by a
/// PairSelection (the selection rules of the basis):
///  * labels: a Z₂ label per mode (parity per axis); W commutes with the reflections, so V_ijkl = 0
///    unless ℓ_i ⊕ ℓ_j = ℓ_k ⊕ ℓ_l;
///  * quanta and max_pair_quanta: in a Fock space truncated to Σ quanta ≤ K, a pair term a†_i b†_j b_l a_k
///    acting inside the space has q_k + q_l ≤ K and q_i + q_j ≤ K; pairs beyond K are never used and not stored.
///  * angular: an L_z per mode (circular modes, oscillator_modes.hpp); W commutes with rotations about a
///    common centre, so V_ijkl = 0 unless m_i + m_j = m_k + m_l: pairs are classed by (label, M = m_i + m_j).
///    In a sector of total L_z = M_tot the other particles carry at most reach(i, j) = max_pair_quanta −
///    q_i − q_j (truncation; other_particles · max q without it; 0 without other particles) of |L_z|, so a
///    pair with |M − M_tot| > reach never occurs and is not stored — except the mean-field pairs (M = 0, or
///    m_i = 0, or m_j = 0): Hartree and Bogoliubov around L_z = 0 orbitals read those (mode_hartree.hpp).
/// The memory is 16 bytes per stored entry (entryEstimate() counts them before anything is allocated),
/// instead of 8 M_a² M_b² for a dense tensor.
///
/// gaussianPairTensor computes the elements exactly for W = s·w_N with w_N(x) = N^{dβ} w(N^β x), w the Gaussian
/// π^{-d/2} e^{-|x|²} (pair_interaction.hpp), in oscillator bases (oscillator_modes.hpp): w_N = Π_d g/√π
/// e^{-g² x_d²} with g = N^β is separable, so V_ijkl = s Π_d I_d(i_d, k_d; j_d, l_d) with the 1D integrals
///
///   I(i,k; j,l) = ∫∫ ψ^a_i(x) ψ^a_k(x) (g/√π) e^{-g²(x-y)²} ψ^b_j(y) ψ^b_l(y) dx dy.
///
/// The integrand is a polynomial of degree ≤ i+k+j+l times exp(-(u-u₀)ᵀA(u-u₀) - c₀), u = (x, y),
/// A = [[ω_a+g², -g²], [-g², ω_b+g²]]; with A = LLᵀ and u = u₀ + L^{-T}v, a tensor Gauss–Hermite rule in v
/// with n > (i+k+j+l)/2 nodes per variable is exact. Selection rule: on an axis where both bases share
/// the centre, I vanishes unless i+k+j+l is even (the parity labels above).
///
/// Circular modes (both bases circular, common centre, frequencies ω_a, ω_b): from the Fourier form
/// W(x − y) = ∫ d²k/(2π)² Ŵ(k) e^{ik·x} e^{−ik·y}, Ŵ(k) = s e^{−k²/(4g²)}, and the one-body form factors
/// ⟨n'_+, n'_-|e^{ik·x}|n_+, n_-⟩ = D_{n'_+ n_+}(α_+) D_{n'_- n_-}(α_-) (displacement operators of the two
/// circular oscillators, α_± = i|k| e^{∓iφ}/(2√ω)), the angular integral gives δ_{m_i+m_j, m_k+m_l} and
///
///   V_ijkl = (s/4π) (−1)^{m_j − m_l} i^{p_a + p_b} ∫_0^∞ du e^{−u/(4g²)} R^a_ik(u) R^b_jl(u),   u = |k|²,
///   R_ik(u) = d_{n_+^i n_+^k}(t) d_{n_-^i n_-^k}(t),   t = √u/(2√ω),
///   d_{pq}(t) = √(min!/max!) t^{|p−q|} e^{−t²/2} L_min^{|p−q|}(t²),   p_a = |Δn_+| + |Δn_-| (even sum),
///
/// a polynomial of degree ≤ (q_i+q_j+q_k+q_l)/2 in u times e^{−cu}, c = 1/(4g²) + 1/(4ω_a) + 1/(4ω_b):
/// Gauss–Laguerre (numerics/gauss_laguerre.hpp) with more than half that many nodes is exact.
#include <cbec/manybody/oscillator_modes.hpp>
#include <cbec/model/pair_interaction.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace cbec {

/// Which pairs (i, j) of modes a two-body tensor keeps, and the labels that select its entries.
struct PairSelection {
  std::vector<unsigned> labels_a, labels_b;   ///< per mode Z₂ labels (empty: all 0)
  std::vector<int> quanta_a, quanta_b;        ///< per mode quanta (empty: all 0)
  int max_pair_quanta = -1;                   ///< keep pairs with q_i + q_j ≤ this (< 0: all pairs)
  std::vector<int> angular_a, angular_b;      ///< per mode L_z (empty: no L_z rule)
  int angular_total = 0;                      ///< the sector's total L_z
  int other_particles = -1;                   ///< particles besides the pair (< 0: keep every L_z class)
};

class TwoBodyTensor {
 public:
  struct Entry {
    std::int32_t i, j;
    double v;
  };
  TwoBodyTensor() = default;
  /// Zero tensor for Ma modes of species a and Mb of species b.
  TwoBodyTensor(int Ma, int Mb);
  /// V_ijkl = element(i, j, k, l) on the pairs and label classes `selection` admits; zeros are not stored.
  template <class Element>
  TwoBodyTensor(int Ma, int Mb, const Element& element, const PairSelection& selection = {});

  int modesA() const { return Ma_; }
  int modesB() const { return Mb_; }
  /// V_ijkl (0 for an entry that is not stored); a binary search in row (k, l).
  double operator()(int i, int j, int k, int l) const;
  /// The stored entries (i, j, V_ijkl) of ket pair (k, l), in increasing i·M_b + j.
  std::span<const Entry> row(int k, int l) const {
    const std::size_t r = static_cast<std::size_t>(k) * Mb_ + l;
    return {entries_.data() + start_[r], entries_.data() + start_[r + 1]};
  }
  bool empty() const { return Ma_ == 0; }
  std::size_t storedEntries() const { return entries_.size(); }
  /// max |V_ijkl - V_klij| over the stored entries: 0 for a Hermitian tensor.
  double hermiticityDefect() const;

  /// Entries a tensor with this selection may store (Σ over pair classes of |class|²), for memory checks.
  static double entryEstimate(int Ma, int Mb, const PairSelection& selection);
  static constexpr double kBytesPerEntry = sizeof(Entry);

 private:
  /// The kept pairs (i, j) as i·M_b + j, grouped by the pair label ℓ_i ⊕ ℓ_j (and M = m_i + m_j), each group
  /// increasing.
  static std::vector<std::vector<std::int32_t>> pairClasses(int Ma, int Mb, const PairSelection& selection);
  int Ma_ = 0, Mb_ = 0;
  std::vector<std::size_t> start_;   // [k·Mb + l], size Ma·Mb + 1
  std::vector<Entry> entries_;
};

template <class Element>
TwoBodyTensor::TwoBodyTensor(int Ma, int Mb, const Element& element, const PairSelection& selection)
    : TwoBodyTensor(Ma, Mb) {
  const auto classes = pairClasses(Ma, Mb, selection);
  std::vector<std::int32_t> classOf(static_cast<std::size_t>(Ma) * Mb, -1);
  double bound = 0;
  for (std::size_t c = 0; c < classes.size(); ++c) {
    bound += double(classes[c].size()) * double(classes[c].size());
    for (std::int32_t p : classes[c]) classOf[p] = static_cast<std::int32_t>(c);
  }
  entries_.reserve(static_cast<std::size_t>(bound));
  for (int k = 0; k < Ma; ++k)
    for (int l = 0; l < Mb; ++l) {
      const std::size_t key = static_cast<std::size_t>(k) * Mb + l;
      start_[key] = entries_.size();
      if (classOf[key] < 0) continue;
      for (std::int32_t p : classes[classOf[key]]) {
        const int i = p / Mb, j = p % Mb;
        const double v = element(i, j, k, l);
        if (v != 0.0) entries_.push_back({i, j, v});
      }
    }
  start_.back() = entries_.size();
  entries_.shrink_to_fit();
}

/// V_ijkl for W = strength · w_N (Gaussian profile) between oscillator bases a and b (exact, see above), on
/// the pairs `selection` admits. InputError for a contact or non-Gaussian pair potential, or bases of
/// different dimension.
TwoBodyTensor gaussianPairTensor(const OscillatorModes& a, const OscillatorModes& b, const PairInteraction& w,
                                 double strength, const PairSelection& selection = {});

/// The 1D integrals I(i,k; j,l) of one axis, as a matrix indexed [(i·(na+1) + k), (j·(nb+1) + l)]
/// for i,k ≤ na and j,l ≤ nb (exposed for tests).
Eigen::MatrixXd gaussianPairIntegrals1D(int na, double omegaA, double centreA, int nb, double omegaB,
                                        double centreB, double g);

}  // namespace cbec
