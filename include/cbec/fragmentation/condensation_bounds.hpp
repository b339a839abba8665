#pragma once
/// @file condensation_bounds.hpp
/// How close the marginals of a state are to complete simple BEC on an orbital φ, and the two
/// inequalities that make all ways of measuring it equivalent:
///
///   1 - ⟨φ, γ^(1) φ⟩ ≤ Tr|γ^(1) - |φ⟩⟨φ|| ≤ 2 sqrt(1 - ⟨φ, γ^(1) φ⟩)                          (F 1.10)
///   1 - ⟨φ, γ^(1) φ⟩ ≤ 1 - ⟨φ^{⊗k}, γ^(k) φ^{⊗k}⟩ ≤ k (1 - ⟨φ, γ^(1) φ⟩)                       (F 1.11)
///
/// φ^{⊗k} is written in the occupation basis FockBasis(M, k) of the symmetric k-particle space:
///
///   ⟨a | φ^{⊗k}⟩ = sqrt(k! / Π_i a_i!) Π_i φ_i^{a_i}                                            (symmetricPower)
///
/// CondensationBounds carries both sides of every inequality so a caller can print or test them.
///
/// @code
///   cbec::FockBasis basis(2, 4);
///   Eigen::VectorXd psi = Eigen::VectorXd::Unit(5, 0);        // φ_0^{⊗4}: complete BEC
///   auto b = cbec::condensationBounds(basis, psi, 2);         // all four quantities 0, b.holds() == true
/// @endcode
#include <cbec/fragmentation/fock_basis.hpp>

#include <Eigen/Dense>

namespace cbec {

/// The coordinates of φ^{⊗k} over FockBasis(φ.size(), k) (unit vector if φ is).
Eigen::VectorXcd symmetricPower(const Eigen::VectorXcd& phi, int k);

struct CondensationBounds {
  int k = 1;
  double oneBodyDepletion = 0;      ///< 1 - ⟨φ, γ^(1) φ⟩
  double oneBodyTraceDistance = 0;  ///< Tr|γ^(1) - |φ⟩⟨φ||
  double kBodyDepletion = 0;        ///< 1 - ⟨φ^{⊗k}, γ^(k) φ^{⊗k}⟩
  double kBodyTraceDistance = 0;    ///< Tr|γ^(k) - |φ^{⊗k}⟩⟨φ^{⊗k}||

  /// (F 1.10): lower ≤ middle ≤ upper, each side returned.
  double traceLowerBound() const { return oneBodyDepletion; }
  double traceUpperBound() const;  ///< 2 sqrt(1 - ⟨φ, γ^(1) φ⟩)
  /// (F 1.11): oneBodyDepletion ≤ kBodyDepletion ≤ k · oneBodyDepletion.
  double kBodyUpperBound() const { return k * oneBodyDepletion; }

  /// Both inequalities hold up to tol.
  bool holds(double tol = 1e-12) const;
};

/// The bounds for given marginals γ^(1) (M × M) and γ^(k) (over FockBasis(M, k)) and a unit vector φ.
CondensationBounds condensationBounds(const Eigen::MatrixXcd& gamma1, const Eigen::MatrixXcd& gammak,
                                      const Eigen::VectorXcd& phi, int k);

/// The bounds of a Fock-space state for φ = its leading natural orbital.
CondensationBounds condensationBounds(const FockBasis& basis, const Eigen::VectorXcd& psi, int k);

}  // namespace cbec
