#pragma once
/// @file condensate_state.hpp
/// The condensate φ^{⊗N} of the orbital φ = Σ_i c_i φ_i (‖c‖ = 1) in the occupation basis FockBasis(M, N):
///
///   ⟨n|φ^{⊗N}⟩ = sqrt(N! / Π_i n_i!) Π_i c_i^{n_i},
///
/// evaluated in logarithms (no overflow for N up to 10^6).
#include <cbec/fragmentation/fock_basis.hpp>

#include <Eigen/Dense>

namespace cbec {

/// The coordinates of φ^{⊗N} over `basis` (InputError when c has the wrong number of modes).
Eigen::VectorXcd condensateState(const FockBasis& basis, const Eigen::VectorXcd& c);

}  // namespace cbec
