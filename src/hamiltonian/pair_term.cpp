#include <cbec/hamiltonian/pair_term.hpp>

#include <cbec/discretisation/parallel.hpp>
#include <cbec/io/errors.hpp>

#include <algorithm>
#include <utility>

namespace cbec {

PairTerm::PairTerm(const Grid& grid, std::vector<double> fractions, Eigen::MatrixXd couplings)
    : dV_(grid.cellVolume()),
      C_(SpeciesCoupling::perParticle(fractions, std::vector<double>(fractions.size(), 1.0))),
      G_(std::move(couplings)) {
  const auto S = static_cast<Eigen::Index>(fractions.size());
  if (G_.rows() != S || G_.cols() != S) throw InputError("pair term: coupling matrix does not match the species");
}

double PairTerm::weight(int s, int t) const { return C_.pairWeight(s, t) * G_(s, t); }

bool PairTerm::needed(int t) const {
  for (int s = 0; s < C_.species(); ++s)
    if (weight(s, t) != 0) return true;
  return false;
}

void PairTerm::prepare(const State& rho) { convolveAll(rho); }

namespace {
constexpr size_t kFuse = 4;   // products per fused pass

/// One pass for M products:  U ← (assign ? 0 : U) + Σ_k g_k W_k  (if U is given), and the sums Σ_i a_k b_k.
template <size_t M>
std::array<double, M> fusedPass(const parallel::Team& threads, size_t n, const double* const* a, const double* const* b,
                                Field* U, bool assign, const double* g) {
  return parallel::sum<M>(threads, n, [&](size_t i0, size_t i1) {
    std::array<double, M> acc{};
    for (size_t i = i0; i < i1; ++i) {
      for (size_t k = 0; k < M; ++k) acc[k] += a[k][i] * b[k][i];
      if (!U) continue;
      double v = assign ? g[0] * b[0][i] : (*U)[i] + g[0] * b[0][i];
      for (size_t k = 1; k < M; ++k) v += g[k] * b[k][i];
      (*U)[i] = v;
    }
    return acc;
  });
}

/// out[k] = Σ_i a_k[i] b_k[i] (k < m ≤ kFuse), with the potential update of fusedPass, in one pass.
void fused(const parallel::Team& threads, size_t n, size_t m, const double* const* a, const double* const* b, Field* U, bool assign,
           const double* g, double* out) {
  auto put = [&](const auto& r) { std::copy(r.begin(), r.end(), out); };
  switch (m) {
    case 1: put(fusedPass<1>(threads, n, a, b, U, assign, g)); break;
    case 2: put(fusedPass<2>(threads, n, a, b, U, assign, g)); break;
    case 3: put(fusedPass<3>(threads, n, a, b, U, assign, g)); break;
    default: put(fusedPass<kFuse>(threads, n, a, b, U, assign, g)); break;
  }
}
}  // namespace

// U_s (+)= Σ_t g_t K*ρ_t with the sums ∫ρ_s (K*ρ_t), up to kFuse species t per pass over the fields.
bool PairTerm::addPotential(int s, const State& rho, Field& U, bool assign, EnergyTerms* e) {
  const int S = C_.species();
  const size_t n = rho[s].size();
  std::vector<int> ts;
  for (int t = 0; t < S; ++t)
    if (weight(s, t) != 0) ts.push_back(t);
  for (size_t k0 = 0; k0 < ts.size(); k0 += kFuse) {
    const size_t m = std::min(kFuse, ts.size() - k0);
    const double* a[kFuse];
    const double* b[kFuse];
    double g[kFuse], acc[kFuse];
    for (size_t k = 0; k < m; ++k) {
      const int t = ts[k0 + k];
      a[k] = rho[s].data(), b[k] = meanField(t).data(), g[k] = weight(s, t) / C_.oneBodyWeight(s);   // G_ss, or c_t G_st
    }
    fused(team_, n, m, a, b, &U, assign && k0 == 0, g, acc);
    for (size_t k = 0; k < m; ++k) {
      const int t = ts[k0 + k];
      if (e && t == s) e->intra[s] += 0.5 * weight(s, s) * acc[k] * dV_;
      if (e && t > s) e->inter += weight(s, t) * acc[k] * dV_;
    }
  }
  if (ts.empty() && assign) U.assign(n, 0.0);
  return true;
}

// Σ_{s≤t} (2 - δ_st) Γ_st ∫δρ_s (K*δρ_t), up to kFuse pairs per pass over the fields.
double PairTerm::secondVariation(const State& drho) {
  convolveAll(drho);
  const int S = C_.species();
  std::vector<std::pair<int, int>> pairs;
  for (int s = 0; s < S; ++s)
    for (int t = s; t < S; ++t)
      if (weight(s, t) != 0) pairs.emplace_back(s, t);
  double h = 0;
  for (size_t k0 = 0; k0 < pairs.size(); k0 += kFuse) {
    const size_t m = std::min(kFuse, pairs.size() - k0);
    const double* a[kFuse];
    const double* b[kFuse];
    double acc[kFuse];
    for (size_t k = 0; k < m; ++k) a[k] = drho[pairs[k0 + k].first].data(), b[k] = meanField(pairs[k0 + k].second).data();
    fused(team_, drho[0].size(), m, a, b, nullptr, false, nullptr, acc);
    for (size_t k = 0; k < m; ++k) {
      const auto [s, t] = pairs[k0 + k];
      h += (s == t ? 1.0 : 2.0) * weight(s, t) * acc[k] * dV_;
    }
  }
  return h;
}

void PairTerm::addPotentialVariation(const State& drho, State& dU) {
  convolveAll(drho);
  const int S = C_.species();
  for (int s = 0; s < S; ++s) {
    dU[s].resize(drho[s].size(), 0.0);
    for (int t = 0; t < S; ++t) {
      const double g = weight(s, t) / C_.oneBodyWeight(s);
      if (g == 0) continue;
      const Field& W = meanField(t);
      Field& out = dU[s];
      parallel::forEach(threads_, W.size(), [&](size_t i0, size_t i1) {
        for (size_t i = i0; i < i1; ++i) out[i] += g * W[i];
      });
    }
  }
}

}  // namespace cbec
