// Double reduced density matrices of two-species states (double_marginal.hpp).
#include <cbec/fragmentation/double_marginal.hpp>

#include "partial_trace.hpp"

namespace cbec {

Eigen::MatrixXd doubleReducedDensityMatrix(const TwoSpeciesFockBasis& basis, const Eigen::VectorXd& psi,
                                           int k, int l) {
  return detail::partialTrace<double>({{&basis.first, k}, {&basis.second, l}}, psi);
}

Eigen::MatrixXcd doubleReducedDensityMatrix(const TwoSpeciesFockBasis& basis, const Eigen::VectorXcd& psi,
                                            int k, int l) {
  return detail::partialTrace<std::complex<double>>({{&basis.first, k}, {&basis.second, l}}, psi);
}

}  // namespace cbec
