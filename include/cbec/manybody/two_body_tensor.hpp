#pragma once
/// @file two_body_tensor.hpp
/// Two-body matrix elements of a pair potential W between two mode bases {φ_i} (species a) and {χ_j}
/// (species b; the same basis for an intra-species tensor):
///
///   V_ijkl = ⟨φ_i ⊗ χ_j, W φ_k ⊗ χ_l⟩ = ∫∫ φ_i(x) χ_j(y) W(x - y) φ_k(x) χ_l(y) dx dy,   i,k ∈ a;  j,l ∈ b.
///
/// For real modes and even W, V_ijkl = V_klij (Hermitian), and for a = b also V_ijkl = V_jilk.
///
/// gaussianPairTensor computes them exactly for W = s·w_N with w_N(x) = N^{dβ} w(N^β x), w the Gaussian
/// π^{-d/2} e^{-|x|²} (pair_potential.hpp), in oscillator bases (oscillator_modes.hpp): w_N = Π_d g/√π
/// e^{-g² x_d²} with g = N^β is separable, so V_ijkl = s Π_d I_d(i_d, k_d; j_d, l_d) with the 1D integrals
///
///   I(i,k; j,l) = ∫∫ ψ^a_i(x) ψ^a_k(x) (g/√π) e^{-g²(x-y)²} ψ^b_j(y) ψ^b_l(y) dx dy.
///
/// The integrand is a polynomial of degree ≤ i+k+j+l times exp(-(u-u₀)ᵀA(u-u₀) - c₀), u = (x, y),
/// A = [[ω_a+g², -g²], [-g², ω_b+g²]]; with A = LLᵀ and u = u₀ + L^{-T}v, a tensor Gauss–Hermite rule in v
/// with n > (i+k+j+l)/2 nodes per variable is exact. Selection rule: on an axis where both bases share
/// the centre, I vanishes unless i+k+j+l is even; those elements are set to exactly 0 without computing.
#include <cbec/manybody/oscillator_modes.hpp>
#include <cbec/model/pair_potential.hpp>

#include <cstddef>
#include <vector>

namespace cbec {

class TwoBodyTensor {
 public:
  TwoBodyTensor() = default;
  /// Zero tensor for Ma modes of species a and Mb of species b.
  TwoBodyTensor(int Ma, int Mb);
  int modesA() const { return Ma_; }
  int modesB() const { return Mb_; }
  double operator()(int i, int j, int k, int l) const { return v_[offset(i, j, k, l)]; }
  double& operator()(int i, int j, int k, int l) { return v_[offset(i, j, k, l)]; }
  bool empty() const { return v_.empty(); }
  /// max |V_ijkl - V_klij|: 0 for a Hermitian tensor.
  double hermiticityDefect() const;

 private:
  std::size_t offset(int i, int j, int k, int l) const {
    return ((static_cast<std::size_t>(i) * Mb_ + j) * Ma_ + k) * Mb_ + l;
  }
  int Ma_ = 0, Mb_ = 0;
  std::vector<double> v_;
};

/// V_ijkl for W = strength · w_N (Gaussian profile) between oscillator bases a and b (exact, see above).
/// InputError for a contact or non-Gaussian pair potential, or bases of different dimension.
TwoBodyTensor gaussianPairTensor(const OscillatorModes& a, const OscillatorModes& b, const PairPotential& w,
                                 double strength);

/// The 1D integrals I(i,k; j,l) of one axis, as a matrix indexed [(i·(na+1) + k), (j·(nb+1) + l)]
/// for i,k ≤ na and j,l ≤ nb (exposed for tests).
Eigen::MatrixXd gaussianPairIntegrals1D(int na, double omegaA, double centreA, int nb, double omegaB,
                                        double centreB, double g);

}  // namespace cbec
