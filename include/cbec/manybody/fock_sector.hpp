#pragma once
/// @file fock_sector.hpp
/// The symmetry sector of the two-species Fock space F_A(N_A) ⊗ F_B(N_B) that the many-body solvers work in.
///
/// SpeciesStates: the Fock states |n⟩ of one species (fock_basis.hpp, rank = FockBasis index) that can
/// occur, i.e. with Σ_m n_m q_m ≤ max_quanta, grouped into classes c = (label ℓ(n), quanta q(n), L_z M(n)),
/// ℓ(n) = XOR of the labels of all particles, q(n) = Σ_m n_m q_m (q ≡ 0 without truncation),
/// M(n) = Σ_m n_m m_m (0 without L_z values).
///
/// FockSector: the pairs (n_A, n_B) with ℓ(n_A) ⊕ ℓ(n_B) = sector, q(n_A) + q(n_B) ≤ max_quanta and, with an
/// L_z sector, M(n_A) + M(n_B) = angular_momentum. Each
/// compatible class pair (c_A, c_B) is a block c_A × c_B of consecutive indices,
///
///   index(n_A, n_B) = offset(c_A, c_B) + pos(n_A)·|c_B| + pos(n_B),
///
/// so a row range [b, e) (LinearOperator row blocks) walks B fastest. One species is N_B = 0 (one state).
#include <cbec/fragmentation/fock_basis.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace cbec {

class SpeciesStates {
 public:
  /// labels / quanta: per mode (empty = all 0); maxQuanta < 0 means no truncation.
  SpeciesStates(int modes, int particles, std::vector<unsigned> labels, std::vector<int> quanta, int maxQuanta,
                std::vector<int> angular = {});

  struct Class {
    unsigned label = 0;
    int quanta = 0;
    int angular = 0;   ///< Σ L_z
    std::vector<std::int64_t> members;   ///< state ids in increasing rank
  };

  const FockBasis& basis() const { return basis_; }
  int modes() const { return basis_.orbitals(); }
  int particles() const { return basis_.particles(); }
  std::size_t size() const { return dense_ ? basis_.dimension() : ranks_.size(); }
  std::uint64_t rank(std::int64_t id) const { return dense_ ? static_cast<std::uint64_t>(id) : ranks_[id]; }
  /// Id of a FockBasis rank, or -1 if the state is not kept.
  std::int64_t find(std::uint64_t rank) const;
  int classOf(std::int64_t id) const { return cls_[id]; }
  std::int64_t position(std::int64_t id) const { return pos_[id]; }
  const std::vector<Class>& classes() const { return classes_; }
  const std::vector<unsigned>& labels() const { return labels_; }

 private:
  FockBasis basis_;
  std::vector<unsigned> labels_;
  bool dense_ = true;
  std::vector<std::uint64_t> ranks_;
  std::vector<std::int32_t> cls_;
  std::vector<std::int64_t> pos_;
  std::vector<Class> classes_;
};

class FockSector {
 public:
  FockSector(const SpeciesStates& A, const SpeciesStates& B, unsigned sector, int maxQuanta,
             std::optional<int> angularMomentum = std::nullopt);
  std::size_t dimension() const { return dim_; }
  /// Sector index of (id_A, id_B), or -1 if the pair lies outside the sector.
  std::int64_t index(std::int64_t idA, std::int64_t idB) const {
    return index(A_->classOf(idA), A_->position(idA), B_->classOf(idB), B_->position(idB));
  }
  /// The same from classes and positions within them.
  std::int64_t index(int cA, std::int64_t posA, int cB, std::int64_t posB) const {
    const std::int64_t off = offset_[static_cast<std::size_t>(cA) * nB_ + cB];
    return off < 0 ? -1 : off + posA * sizeB_[cB] + posB;
  }
  /// The state ids of a sector index.
  void decode(std::size_t row, std::int64_t& idA, std::int64_t& idB) const;

 private:
  const SpeciesStates* A_;
  const SpeciesStates* B_;
  std::size_t nB_, dim_ = 0;
  std::vector<std::int64_t> offset_;   // [cA * nB + cB], -1 when incompatible
  std::vector<std::int64_t> sizeB_;    // |c_B|
  struct Block {
    std::size_t begin;
    int cA, cB;
  };
  std::vector<Block> blocks_;
};

}  // namespace cbec
