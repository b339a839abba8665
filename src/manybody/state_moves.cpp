// Term lists, incremental ranking and per-state moves behind FockHamiltonian (state_moves.hpp).
#include "state_moves.hpp"

#include <algorithm>
#include <cmath>

namespace cbec {

std::size_t FockHamiltonian::Terms::count() const {
  std::size_t c = inter.v.size();
  for (const auto& s : species) {
    c += s.pairs.v.size();
    for (const auto& h : s.hop) c += h.size();
  }
  return c;
}

namespace {

SpeciesTerms speciesTerms(const ModeSpecies& s) {
  SpeciesTerms t;
  const int M = t.M = s.modes();
  t.hop.resize(M);
  for (int k = 0; k < M; ++k)
    for (int i = 0; i < M; ++i)
      if (s.h(i, k) != 0.0) t.hop[k].push_back({i, s.h(i, k)});
  t.pairs.start.assign(static_cast<std::size_t>(M) * M + 1, 0);
  const bool pairs = s.particles >= 2 && s.pair_factor != 0.0;
  // C_{ij,kl} (i ≤ j) = Σ of V over the orderings of (i,j) and (k,l): the rows (k,l) and (l,k), each entry
  // added to its unordered pair; a scratch table over unordered pairs collects them.
  std::vector<double> C(static_cast<std::size_t>(M) * M, 0.0);
  if (pairs) {   // between a quarter and all of the ordered entries end up as unordered pairs: no regrowth
    const std::size_t guess = s.V.storedEntries() / 2 + 16;
    t.pairs.i.reserve(guess), t.pairs.j.reserve(guess), t.pairs.v.reserve(guess);
  }
  std::vector<std::int64_t> touched;
  auto collect = [&](int k, int l) {
    for (const auto& e : s.V.row(k, l)) {
      const std::int64_t p = static_cast<std::int64_t>(std::min(e.i, e.j)) * M + std::max(e.i, e.j);
      if (C[p] == 0.0) touched.push_back(p);
      C[p] += e.v;
    }
  };
  for (int k = 0; k < M; ++k)
    for (int l = 0; l < M; ++l) {
      const std::size_t key = static_cast<std::size_t>(k) * M + l;
      t.pairs.start[key] = t.pairs.v.size();
      if (!pairs || l < k) continue;
      collect(k, l);
      if (k != l) collect(l, k);
      std::sort(touched.begin(), touched.end());
      for (std::int64_t p : touched) {
        if (C[p] != 0.0) {
          t.pairs.i.push_back(static_cast<int>(p / M));
          t.pairs.j.push_back(static_cast<int>(p % M));
          t.pairs.v.push_back(0.5 * s.pair_factor * C[p]);
        }
        C[p] = 0.0;
      }
      touched.clear();
    }
  t.pairs.start.back() = t.pairs.v.size();
  return t;
}

TermCsr interTerms(const ModeHamiltonian& m) {
  TermCsr t;
  const ModeSpecies& A = m.species[0];
  const ModeSpecies& B = m.species[1];
  const int MA = A.modes(), MB = B.modes();
  t.start.assign(static_cast<std::size_t>(MA) * MB + 1, 0);
  if (A.particles == 0 || B.particles == 0 || m.inter_factor == 0.0) return {};
  const std::size_t n = m.V12.storedEntries();   // exact: every stored entry becomes one term
  t.i.reserve(n), t.j.reserve(n), t.v.reserve(n);
  for (int k = 0; k < MA; ++k)
    for (int l = 0; l < MB; ++l) {
      t.start[static_cast<std::size_t>(k) * MB + l] = t.v.size();
      for (const auto& e : m.V12.row(k, l)) {
        t.i.push_back(e.i);
        t.j.push_back(e.j);
        t.v.push_back(m.inter_factor * e.v);
      }
    }
  t.start.back() = t.v.size();
  return t;
}

}  // namespace

FockHamiltonian::Terms buildTerms(const ModeHamiltonian& model) {
  FockHamiltonian::Terms t;
  t.species[0] = speciesTerms(model.species[0]);
  t.species[1] = speciesTerms(model.species[1]);
  t.inter = interTerms(model);
  return t;
}

RankShifter::RankShifter(int modes, int particles) : M_(modes), P_(particles + modes + 3) {
  // Pascal's triangle modulo 2^64 (exact: ranks of valid states are < 2^62, and the prefix sums
  // below only enter through differences over valid ranges).
  binom_.assign(static_cast<std::size_t>(P_ + 1) * (M_ + 1), 0);
  for (int p = 0; p <= P_; ++p) {
    binom_[static_cast<std::size_t>(p) * (M_ + 1)] = 1;
    for (int q = 1; q <= M_ && q <= p; ++q)
      binom_[static_cast<std::size_t>(p) * (M_ + 1) + q] =
          binom_[static_cast<std::size_t>(p - 1) * (M_ + 1) + q - 1] + binom_[static_cast<std::size_t>(p - 1) * (M_ + 1) + q];
  }
  S_.assign(5 * static_cast<std::size_t>(M_), 0);
}

void RankShifter::load(const std::vector<int>& n) {
  int U = 0;
  std::vector<int> suffix(M_ + 1, 0);
  for (int i = M_ - 1; i >= 0; --i) suffix[i] = (U += n[i]);
  for (int d = -2; d <= 2; ++d) {
    std::uint64_t* s = &S_[static_cast<std::size_t>(d + 2) * M_];
    s[0] = 0;
    for (int m = 1; m < M_; ++m) s[m] = s[m - 1] + B(suffix[m] + d + M_ - 1 - m, M_ - m);
  }
}

std::uint64_t RankShifter::shifted(int c, const int* modes, const int* signs) const {
  int p[4], s[4];
  for (int t = 0; t < c; ++t) {   // insertion sort by mode
    int u = t;
    while (u > 0 && p[u - 1] > modes[t]) {
      p[u] = p[u - 1], s[u] = s[u - 1];
      --u;
    }
    p[u] = modes[t], s[u] = signs[t];
  }
  std::uint64_t r = rank();
  int delta = 0;
  for (int t = c - 1; t >= 1; --t) {   // m in (p[t-1], p[t]] has δ = Σ_{u ≥ t} s_u
    delta += s[t];
    if (delta == 0 || p[t] == p[t - 1]) continue;
    r += (S(delta, p[t]) - S(delta, p[t - 1])) - (S(0, p[t]) - S(0, p[t - 1]));
  }
  return r;
}

StateMoves::StateMoves(const SpeciesStates& states, const SpeciesTerms& terms)
    : states_(states), terms_(terms), shifter_(states.modes(), states.particles()) {}

void StateMoves::load(std::int64_t id) {
  if (id == id_) return;
  id_ = id;
  n_ = states_.basis().occupations(states_.rank(id));
  shifter_.load(n_);
  occupied.clear();
  for (int k = 0; k < terms_.M; ++k)
    if (n_[k] > 0) occupied.push_back(k);
  buildSingles();
  buildAlone();
}

void StateMoves::buildSingles() {
  const int M = terms_.M;
  singleId.assign(occupied.size() * M, -1);
  single.assign(occupied.size() * M, Target{-1, 0, 0.0});
  for (std::size_t o = 0; o < occupied.size(); ++o) {
    const int k = occupied[o];
    for (int i = 0; i < M; ++i) {
      const int modes[2] = {k, i}, signs[2] = {-1, +1};
      const std::int64_t id = states_.find(shifter_.shifted(2, modes, signs));
      singleId[o * M + i] = id;
      if (id >= 0)
        single[o * M + i] = {states_.classOf(id), states_.position(id),
                             std::sqrt(static_cast<double>(n_[k]) * (n_[i] + 1 - (i == k)))};
    }
  }
}

void StateMoves::buildAlone() {
  const int M = terms_.M;
  alone.clear();
  for (std::size_t o = 0; o < occupied.size(); ++o)
    for (const auto& [i, h] : terms_.hop[occupied[o]]) {
      const Target& t = single[o * M + i];
      if (t.cls >= 0) alone.push_back({t.cls, t.pos, h * t.amp});
    }
  const TermCsr& P = terms_.pairs;
  for (std::size_t a = 0; a < occupied.size(); ++a)
    for (std::size_t b = a; b < occupied.size(); ++b) {
      const int k = occupied[a], l = occupied[b];
      if (k == l && n_[k] < 2) continue;
      const double ann = std::sqrt(static_cast<double>(n_[k]) * (n_[l] - (k == l)));
      const std::size_t key = static_cast<std::size_t>(k) * M + l;
      for (std::size_t e = P.start[key]; e < P.start[key + 1]; ++e) {
        const int i = P.i[e], j = P.j[e];
        const int mi = n_[i] - (i == k) - (i == l), mj = n_[j] - (j == k) - (j == l);
        const double cre = std::sqrt(static_cast<double>(mj + 1) * (mi + 1 + (i == j)));
        const int modes[4] = {k, l, i, j}, signs[4] = {-1, -1, +1, +1};
        const std::int64_t t = states_.find(shifter_.shifted(4, modes, signs));
        if (t >= 0) alone.push_back({states_.classOf(t), states_.position(t), P.v[e] * ann * cre});
      }
    }
}

}  // namespace cbec
