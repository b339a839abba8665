#include <cbec/hamiltonian/convolution_term.hpp>

namespace cbec {

ConvolutionKernel ConvolutionKernel::fromFourier(const FourierTransform& fourier,
                                                 const std::function<double(double)>& khat) {
  ConvolutionKernel k;
  k.m_ = fourier.tabulate(khat);
  return k;
}

ConvolutionKernel ConvolutionKernel::fromSamples(FourierTransform& fourier,
                                                 const std::function<double(const double*)>& kernel) {
  const Grid& g = fourier.grid();
  const int d = g.dimension(), n = g.points();
  const double h = g.spacing();
  Field samples(g.shape());
  double x[3] = {0, 0, 0};
  for (size_t idx = 0; idx < samples.size(); ++idx) {
    size_t r = idx;
    for (int i = d - 1; i >= 0; --i) {   // row-major, wrapped: j ≥ n/2 means j - n
      const int j = static_cast<int>(r % n);
      r /= n;
      x[i] = h * (j < n / 2 ? j : j - n);
    }
    samples[idx] = kernel(x);
  }
  std::vector<std::complex<double>> spec;
  fourier.forward(samples, spec);
  ConvolutionKernel k;
  k.m_.resize(spec.size());
  for (size_t i = 0; i < spec.size(); ++i) k.m_[i] = spec[i].real() * g.cellVolume();
  return k;
}

ConvolutionTerm::ConvolutionTerm(FourierTransform& fourier, ConvolutionKernel kernel, std::vector<double> fractions,
                                 Eigen::MatrixXd couplings, std::string name)
    : PairTerm(fourier.grid(), std::move(fractions), std::move(couplings)), fft_(fourier),
      kernel_(std::move(kernel)), name_(std::move(name)) {}

void ConvolutionTerm::convolveAll(const State& f) {
  conv_.resize(f.size());
  for (size_t t = 0; t < f.size(); ++t)
    if (needed(static_cast<int>(t))) convolve(f[t], conv_[t]);
}

}  // namespace cbec
