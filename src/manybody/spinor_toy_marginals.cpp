// Trace distances of the factorised spinor toy model (spinor_toy_marginals.hpp).
#include <cbec/manybody/spinor_toy_marginals.hpp>

#include <cbec/fragmentation/condensation_bounds.hpp>
#include <cbec/fragmentation/fragmentation_marginals.hpp>
#include <cbec/fragmentation/trace_norm.hpp>
#include <cbec/io/errors.hpp>

namespace cbec {
namespace {

Eigen::MatrixXcd kron(const Eigen::MatrixXcd& A, const Eigen::MatrixXcd& B) {
  Eigen::MatrixXcd K(A.rows() * B.rows(), A.cols() * B.cols());
  for (Eigen::Index i = 0; i < A.rows(); ++i)
    for (Eigen::Index j = 0; j < A.cols(); ++j) K.block(i * B.rows(), j * B.cols(), B.rows(), B.cols()) = A(i, j) * B;
  return K;
}

}  // namespace

SpinorDistances spinorToyDistances(const Eigen::MatrixXcd& gammaSpatial, const Eigen::VectorXcd& orbital,
                                   const FragmentedState& spin, int k) {
  const Eigen::VectorXcd v = symmetricPower(orbital, k);
  if (gammaSpatial.rows() != v.size() || gammaSpatial.cols() != v.size())
    throw InputError("spinor toy model: spatial marginal and orbital disagree in size");
  const FragmentationMarginals g(spin, k);
  const Eigen::MatrixXcd spinN = g.matrix(FragmentationModel::Fragmented).cast<std::complex<double>>();
  const Eigen::MatrixXcd spinInf = g.matrix(FragmentationModel::PhaseAveragedProduct).cast<std::complex<double>>();
  const Eigen::MatrixXcd P = v * v.adjoint();
  SpinorDistances d;
  d.spatial = traceDistance(gammaSpatial, P);
  d.spin = g.traceDistance(FragmentationModel::Fragmented, FragmentationModel::PhaseAveragedProduct);
  d.total = traceDistance(kron(gammaSpatial, spinN), kron(P, spinInf));
  return d;
}

}  // namespace cbec
