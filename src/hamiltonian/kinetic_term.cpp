#include <cbec/hamiltonian/kinetic_term.hpp>

namespace cbec {

KineticTerm::KineticTerm(FourierTransform& fourier, std::vector<double> fractions, std::vector<double> nu)
    : fft_(fourier), c_(std::move(fractions)), nu_(std::move(nu)) {}

double KineticTerm::energy(int s, const Field& u, const Field& lapNeg) const {
  double k = 0;
  for (size_t i = 0; i < u.size(); ++i) k += u[i] * lapNeg[i];
  return c_[s] * nu_[s] * k * fft_.grid().cellVolume();
}

double KineticTerm::form(int s, const Field& v) {
  fft_.forward(v, spec_);
  return nu_[s] * fft_.quadraticForm(spec_, fft_.k2());
}

double KineticTerm::form(int s, const ComplexField& v) { return nu_[s] * fft_.quadraticForm(v, fft_.k2Full()); }

}  // namespace cbec
