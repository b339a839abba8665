#pragma once
/// @file contact_term.hpp
/// The contact (Gross–Pitaevskii) pair term, K = δ (M 1.9): K*ρ_t = ρ_t, no transform.
///   E = Σ_s (c_s/2) G_ss ∫ρ_s² + Σ_{s<t} c_s c_t G_st ∫ρ_s ρ_t,   U_s = G_ss ρ_s + Σ_{t≠s} c_t G_st ρ_t
/// (pair_term.hpp; for the mixture G_ss = -ã_s, G_st = -a_st, so E^GP of MODEL §2).
#include <cbec/hamiltonian/pair_term.hpp>

namespace cbec {

class ContactTerm final : public PairTerm {
 public:
  ContactTerm(const Grid& grid, std::vector<double> fractions, Eigen::MatrixXd couplings)
      : PairTerm(grid, std::move(fractions), std::move(couplings)) {}
  std::string name() const override { return "contact"; }

 protected:
  void convolveAll(const State& f) override { f_ = &f; }
  const Field& meanField(int t) const override { return (*f_)[t]; }

 private:
  const State* f_ = nullptr;
};

}  // namespace cbec
