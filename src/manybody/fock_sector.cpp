// Species state tables and the two-species symmetry sector (fock_sector.hpp).
#include <cbec/manybody/fock_sector.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>

namespace cbec {

SpeciesStates::SpeciesStates(int modes, int particles, std::vector<unsigned> labels, std::vector<int> quanta,
                             int maxQuanta, std::vector<int> angular)
    : basis_(modes, particles), labels_(std::move(labels)) {
  if (angular.empty()) angular.assign(modes, 0);
  if (labels_.empty()) labels_.assign(modes, 0u);
  if (quanta.empty()) quanta.assign(modes, 0);
  std::map<std::tuple<unsigned, int, int>, int> classIndex;
  auto keep = [&](const Occupations& n, std::uint64_t r) {
    unsigned label = 0;
    int q = 0, lz = 0;
    for (int m = 0; m < modes; ++m) {
      if (n[m] & 1) label ^= labels_[m];
      q += n[m] * quanta[m];
      lz += n[m] * angular[m];
    }
    if (maxQuanta < 0) q = 0;
    auto [it, fresh] = classIndex.try_emplace({label, q, lz}, static_cast<int>(classes_.size()));
    if (fresh) classes_.push_back({label, q, lz, {}});
    const std::int64_t id = static_cast<std::int64_t>(cls_.size());
    ranks_.push_back(r);
    cls_.push_back(it->second);
    pos_.push_back(static_cast<std::int64_t>(classes_[it->second].members.size()));
    classes_[it->second].members.push_back(id);
  };
  if (maxQuanta >= 0) {
    // Only the states with Σ n_m q_m ≤ maxQuanta, by a depth-first walk over the modes in descending
    // lexicographic order (= increasing FockBasis rank), pruned when the remaining particles cannot fit the
    // remaining budget (each costs at least min_{j ≥ i} q_j): the kept states, not all C(N+M−1, N).
    for (int q : quanta)
      if (q < 0) throw InputError("manybody: negative quanta");
    std::vector<long long> minQ(modes + 1, 0);
    minQ[modes] = std::numeric_limits<int>::max();
    for (int m = modes - 1; m >= 0; --m) minQ[m] = std::min<long long>(minQ[m + 1], quanta[m]);
    Occupations n(modes, 0);
    auto walk = [&](auto&& self, int i, int left, long long budget) -> void {
      if (i == modes - 1) {
        if (static_cast<long long>(left) * quanta[i] <= budget) {
          n[i] = left;
          keep(n, basis_.index(n));
          n[i] = 0;
        }
        return;
      }
      for (int k = left; k >= 0; --k) {
        const long long b = budget - static_cast<long long>(k) * quanta[i];
        if (b < 0 || (left - k > 0 && (left - k) * minQ[i + 1] > b)) continue;
        n[i] = k;
        self(self, i + 1, left - k, b);
      }
      n[i] = 0;
    };
    walk(walk, 0, particles, maxQuanta);
  } else {
    if (basis_.dimension() > (std::size_t{1} << 34))
      throw InputError(fmt::format("manybody: {} particles in {} modes give {} Fock states (too many)", particles,
                                   modes, basis_.dimension()));
    Occupations n = basis_.first();
    std::uint64_t r = 0;
    do keep(n, r++);
    while (basis_.next(n));
  }
  dense_ = ranks_.size() == basis_.dimension();
  if (dense_) std::vector<std::uint64_t>().swap(ranks_);
}

std::int64_t SpeciesStates::find(std::uint64_t rank) const {
  if (dense_) return rank < basis_.dimension() ? static_cast<std::int64_t>(rank) : -1;
  auto it = std::lower_bound(ranks_.begin(), ranks_.end(), rank);
  if (it == ranks_.end() || *it != rank) return -1;
  return it - ranks_.begin();
}

FockSector::FockSector(const SpeciesStates& A, const SpeciesStates& B, unsigned sector, int maxQuanta,
                       std::optional<int> angularMomentum)
    : A_(&A), B_(&B), nB_(B.classes().size()) {
  offset_.assign(A.classes().size() * nB_, -1);
  for (const auto& c : B.classes()) sizeB_.push_back(static_cast<std::int64_t>(c.members.size()));
  for (std::size_t a = 0; a < A.classes().size(); ++a)
    for (std::size_t b = 0; b < nB_; ++b) {
      const auto& ca = A.classes()[a];
      const auto& cb = B.classes()[b];
      if ((ca.label ^ cb.label) != sector) continue;
      if (maxQuanta >= 0 && ca.quanta + cb.quanta > maxQuanta) continue;
      if (angularMomentum && ca.angular + cb.angular != *angularMomentum) continue;
      offset_[a * nB_ + b] = static_cast<std::int64_t>(dim_);
      blocks_.push_back({dim_, static_cast<int>(a), static_cast<int>(b)});
      dim_ += ca.members.size() * cb.members.size();
    }
  if (dim_ == 0) throw InputError("manybody: the requested symmetry sector is empty");
}

void FockSector::decode(std::size_t row, std::int64_t& idA, std::int64_t& idB) const {
  auto it = std::upper_bound(blocks_.begin(), blocks_.end(), row,
                             [](std::size_t r, const Block& b) { return r < b.begin; });
  const Block& blk = *(it - 1);
  const auto& cb = B_->classes()[blk.cB].members;
  const std::size_t local = row - blk.begin;
  idA = A_->classes()[blk.cA].members[local / cb.size()];
  idB = cb[local % cb.size()];
}

}  // namespace cbec
