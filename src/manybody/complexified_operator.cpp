// A real operator applied to the real and imaginary parts of a complex vector (complexified_operator.hpp).
#include <cbec/manybody/complexified_operator.hpp>

#include <vector>

namespace cbec {

void ComplexifiedOperator::applyRows(const std::complex<double>* x, std::complex<double>* y,
                                     std::size_t begin, std::size_t end) const {
  const std::size_t D = dimension();
  std::vector<double> re(D), im(D), are(D), aim(D);
  for (std::size_t i = 0; i < D; ++i) {
    re[i] = x[i].real();
    im[i] = x[i].imag();
  }
  real_.applyRows(re.data(), are.data(), begin, end);
  real_.applyRows(im.data(), aim.data(), begin, end);
  for (std::size_t i = begin; i < end; ++i) y[i] = {are[i], aim[i]};
}

}  // namespace cbec
