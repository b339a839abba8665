#pragma once
/// @file block_eigen.hpp
/// Symmetric eigenproblems of matrices that are block diagonal up to a permutation (a conserved quantum
/// number such as L_z or a parity splits a mode-space operator into blocks, whatever the mode order).
///
/// diagonalBlocks: the connected components of the graph i ~ j ⇔ some matrix of the list has (i, j) ≠ 0
/// (exact zeros only: nothing is dropped), each component's indices increasing, components ordered by their
/// first index. A matrix that is block diagonal in that partition is diagonalised block by block:
/// Σ_b n_b³ instead of n³ operations, with the same eigenpairs (up to the basis inside degenerate
/// eigenspaces, which a block-wise solver keeps inside one block).
#include <Eigen/Dense>

#include <vector>

namespace cbec {

std::vector<std::vector<int>> diagonalBlocks(const std::vector<const Eigen::MatrixXd*>& matrices);

struct SymmetricEigenpairs {
  Eigen::VectorXd values;    ///< ascending
  Eigen::MatrixXd vectors;   ///< columns (empty unless asked for), unit norm, each supported on one block
};

/// Eigenpairs of ½(S + Sᵀ), block by block (diagonalBlocks of S).
SymmetricEigenpairs blockSymmetricEigen(const Eigen::MatrixXd& S, bool vectors = true);

}  // namespace cbec
