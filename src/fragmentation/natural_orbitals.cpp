// Natural orbitals and occupation numbers (natural_orbitals.hpp).
#include <cbec/fragmentation/natural_orbitals.hpp>

#include <cbec/io/errors.hpp>

namespace cbec {

NaturalOrbitals naturalOrbitals(const Eigen::MatrixXcd& gamma1) {
  if (gamma1.rows() == 0 || gamma1.rows() != gamma1.cols())
    throw InputError("naturalOrbitals: gamma1 must be a non-empty square matrix");
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> eig(gamma1);
  NaturalOrbitals no;
  no.occupations = eig.eigenvalues().reverse();
  no.orbitals = eig.eigenvectors().rowwise().reverse();
  return no;
}

NaturalOrbitals naturalOrbitals(const Eigen::MatrixXd& gamma1) {
  return naturalOrbitals(Eigen::MatrixXcd(gamma1.cast<std::complex<double>>()));
}

}  // namespace cbec
