// k-body reduced density matrices of Fock-space states (reduced_density_matrix.hpp).
#include <cbec/fragmentation/reduced_density_matrix.hpp>

#include "partial_trace.hpp"

namespace cbec {

Eigen::MatrixXd reducedDensityMatrix(const FockBasis& basis, const Eigen::VectorXd& psi, int k) {
  return detail::partialTrace<double>({{&basis, k}}, psi);
}

Eigen::MatrixXcd reducedDensityMatrix(const FockBasis& basis, const Eigen::VectorXcd& psi, int k) {
  return detail::partialTrace<std::complex<double>>({{&basis, k}}, psi);
}

}  // namespace cbec
