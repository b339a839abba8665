#include <cbec/hamiltonian/kinetic_term.hpp>

namespace cbec {

KineticTerm::KineticTerm(FourierTransform& fourier, std::vector<double> fractions, std::vector<double> nu)
    : fft_(fourier), c_(std::move(fractions)), nu_(std::move(nu)) {}

double KineticTerm::form(int s, const Field& v) { return nu_[s] * fft_.quadraticForm(v, fft_.k2()); }

double KineticTerm::form(int s, const ComplexField& v) { return nu_[s] * fft_.quadraticForm(v, fft_.k2Full()); }

}  // namespace cbec
