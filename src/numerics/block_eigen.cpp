// Block-wise symmetric eigenproblems (block_eigen.hpp).
#include <cbec/numerics/block_eigen.hpp>

#include <algorithm>
#include <numeric>

namespace cbec {

std::vector<std::vector<int>> diagonalBlocks(const std::vector<const Eigen::MatrixXd*>& matrices) {
  const int n = matrices.empty() ? 0 : static_cast<int>(matrices.front()->rows());
  std::vector<int> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  auto root = [&](int i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (const Eigen::MatrixXd* M : matrices)
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i)
        if (i != j && (*M)(i, j) != 0.0) {
          const int a = root(i), b = root(j);
          if (a != b) parent[std::max(a, b)] = std::min(a, b);
        }
  std::vector<int> block(n, -1);
  std::vector<std::vector<int>> blocks;
  for (int i = 0; i < n; ++i) {
    const int r = root(i);
    if (block[r] < 0) block[r] = static_cast<int>(blocks.size()), blocks.emplace_back();
    blocks[block[r]].push_back(i);
  }
  return blocks;
}

SymmetricEigenpairs blockSymmetricEigen(const Eigen::MatrixXd& S, bool vectors) {
  const int n = static_cast<int>(S.rows());
  const Eigen::MatrixXd H = 0.5 * (S + S.transpose());
  const auto blocks = diagonalBlocks({&H});
  std::vector<std::pair<double, std::pair<int, int>>> order;   // value, (block, column)
  std::vector<Eigen::MatrixXd> blockVectors;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const auto& idx = blocks[b];
    const int m = static_cast<int>(idx.size());
    Eigen::MatrixXd Hb(m, m);
    for (int i = 0; i < m; ++i)
      for (int j = 0; j < m; ++j) Hb(i, j) = H(idx[i], idx[j]);
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(Hb, vectors ? Eigen::ComputeEigenvectors : Eigen::EigenvaluesOnly);
    for (int k = 0; k < m; ++k) order.push_back({es.eigenvalues()(k), {static_cast<int>(b), k}});
    blockVectors.push_back(vectors ? es.eigenvectors() : Eigen::MatrixXd());
  }
  std::stable_sort(order.begin(), order.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  SymmetricEigenpairs r;
  r.values.resize(n);
  if (vectors) r.vectors = Eigen::MatrixXd::Zero(n, n);
  for (int c = 0; c < n; ++c) {
    r.values(c) = order[c].first;
    if (!vectors) continue;
    const auto [b, k] = order[c].second;
    for (std::size_t i = 0; i < blocks[b].size(); ++i) r.vectors(blocks[b][i], c) = blockVectors[b](i, k);
  }
  return r;
}

}  // namespace cbec
