#pragma once
/// @file convolution_term.hpp
/// A pair term with a convolution kernel K (pair_term.hpp): K*ρ = F^{-1}[K̂(k) ρ̂] by r2c FFT (densities are
/// real also for complex wave functions), periodic on the grid's box. The kernel is given either
///  * by its analytic Fourier transform K̂(|k|²) = ∫K(x)e^{-ik·x}dx (the Hartree w_N, pair_interaction.hpp:
///    ŵ_N(k) = ŵ(k/N^β); a Gaussian of any strength and width), or
///  * by real-space samples K(x) at the displacements x_j = h·(j for j < n/2, j - n otherwise) of the grid
///    (a singular kernel regularised on the grid, e.g. sgn(V)·min(|V|, N³) for a Coulomb V, F 5.16):
///    K̂ = h^d · DFT[K(x_j)], the periodic trapezoidal convolution  (K*ρ)(x_i) = h^d Σ_j K(x_i - x_j) ρ(x_j).
/// Kernels must be even, K(-x) = K(x), so that K̂ is real (the imaginary part of a sampled K̂ is dropped).
#include <cbec/discretisation/fourier.hpp>
#include <cbec/hamiltonian/pair_term.hpp>

#include <functional>
#include <string>

namespace cbec {

/// K̂ on the half spectrum of a FourierTransform.
class ConvolutionKernel {
 public:
  /// From the analytic transform K̂(|k|²).
  static ConvolutionKernel fromFourier(const FourierTransform& fourier, const std::function<double(double)>& khat);
  /// From K sampled at the wrapped displacements (x[0..d) is the displacement vector).
  static ConvolutionKernel fromSamples(FourierTransform& fourier, const std::function<double(const double*)>& k);
  const std::vector<double>& multiplier() const { return m_; }

 private:
  std::vector<double> m_;
};

class ConvolutionTerm final : public PairTerm {
 public:
  /// `fourier` outlives the term.
  ConvolutionTerm(FourierTransform& fourier, ConvolutionKernel kernel, std::vector<double> fractions,
                  Eigen::MatrixXd couplings, std::string name = "convolution");
  std::string name() const override { return name_; }
  /// out = K*f (two FFTs).
  void convolve(const Field& f, Field& out) { fft_.applyMultiplier(f, kernel_.multiplier(), out); }

 protected:
  void convolveAll(const State& f) override;
  const Field& meanField(int t) const override { return conv_[t]; }

 private:
  FourierTransform& fft_;
  ConvolutionKernel kernel_;
  std::string name_;
  State conv_;
};

}  // namespace cbec
