// The condensate φ^{⊗N} in the occupation basis (condensate_state.hpp).
#include <cbec/fragmentation/condensate_state.hpp>

#include <cbec/io/errors.hpp>

#include <cmath>
#include <complex>

namespace cbec {

Eigen::VectorXcd condensateState(const FockBasis& basis, const Eigen::VectorXcd& c) {
  if (c.size() != basis.orbitals()) throw InputError("condensate state: orbital has the wrong number of modes");
  const int N = basis.particles();
  Eigen::VectorXcd v(basis.dimension());
  Occupations n = basis.first();
  std::size_t idx = 0;
  do {
    double logAmp = std::lgamma(N + 1.0);
    double phase = 0;
    bool zero = false;
    for (int i = 0; i < basis.orbitals(); ++i) {
      logAmp -= std::lgamma(n[i] + 1.0);
      if (n[i] == 0) continue;
      if (c[i] == 0.0) zero = true;
      else {
        logAmp += 2.0 * n[i] * std::log(std::abs(c[i]));
        phase += n[i] * std::arg(c[i]);
      }
    }
    v[idx++] = zero ? 0.0 : std::polar(std::exp(0.5 * logAmp), phase);
  } while (basis.next(n));
  return v;
}

}  // namespace cbec
