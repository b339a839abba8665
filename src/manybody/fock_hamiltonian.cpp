// Matrix-free two-species Fock-space Hamiltonian (fock_hamiltonian.hpp).
#include <cbec/manybody/fock_hamiltonian.hpp>

#include "state_moves.hpp"

#include <cbec/io/errors.hpp>

#include <algorithm>
#include <thread>

namespace cbec {

FockHamiltonian::~FockHamiltonian() = default;

namespace {

ModeSpecies vacuumSpecies() {
  ModeSpecies s;
  s.particles = 0;
  s.h = Eigen::MatrixXd::Zero(1, 1);
  return s;
}

}  // namespace

FockHamiltonian::FockHamiltonian(ModeHamiltonian model) : model_(std::move(model)) {
  model_.validate();
  if (model_.species.size() == 1) model_.species.push_back(vacuumSpecies());
  const int maxQ = model_.max_quanta ? *model_.max_quanta : -1;
  const auto& A = model_.species[0];
  const auto& B = model_.species[1];
  statesA_ = std::make_unique<SpeciesStates>(A.modes(), A.particles, A.labels, A.quanta, maxQ, A.angular);
  statesB_ = std::make_unique<SpeciesStates>(B.modes(), B.particles, B.labels, B.quanta, maxQ, B.angular);
  sector_ = std::make_unique<FockSector>(*statesA_, *statesB_, model_.sector, maxQ, model_.angular_momentum);
  terms_ = std::make_unique<Terms>(buildTerms(model_));
}

std::size_t FockHamiltonian::storedTerms() const { return terms_->count(); }

Occupations FockHamiltonian::occupations(std::size_t row, int s) const {
  std::int64_t a, b;
  sector_->decode(row, a, b);
  const SpeciesStates& st = states(s);
  return st.basis().occupations(st.rank(s == 0 ? a : b));
}

/// Every term of row `row`: emit(col, ⟨col|H|row⟩ part), one call per term (columns may repeat).
template <class Emit>
void FockHamiltonian::forEachTerm(std::size_t begin, std::size_t end, Emit&& emitRow) const {
  StateMoves A(*statesA_, terms_->species[0]), B(*statesB_, terms_->species[1]);
  const int MB = statesB_->modes();
  const auto& inter = terms_->inter;
  const bool hasInter = !inter.start.empty();
  for (std::size_t row = begin; row < end; ++row) {
    std::int64_t idA, idB;
    sector_->decode(row, idA, idB);
    A.load(idA);
    B.load(idB);
    const int cA = statesA_->classOf(idA), cB = statesB_->classOf(idB);
    const std::int64_t pA = statesA_->position(idA), pB = statesB_->position(idB);
    auto emit = [&](std::int64_t col, double c) { emitRow(row, col, c); };
    for (const auto& t : A.alone) {
      const std::int64_t col = sector_->index(t.cls, t.pos, cB, pB);
      if (col >= 0) emit(col, t.c);
    }
    for (const auto& t : B.alone) {
      const std::int64_t col = sector_->index(cA, pA, t.cls, t.pos);
      if (col >= 0) emit(col, t.c);
    }
    if (hasInter) A.interRow(B, inter, MB, *sector_, emit);
  }
}

void FockHamiltonian::applyRows(const double* x, double* y, std::size_t begin, std::size_t end) const {
  if (assembled()) {
    for (std::size_t row = begin; row < end; ++row) {
      double acc = 0;
      for (std::size_t e = csr_start_[row]; e < csr_start_[row + 1]; ++e) acc += csr_value_[e] * x[csr_col_[e]];
      y[row] = acc;
    }
    return;
  }
  for (std::size_t row = begin; row < end; ++row) y[row] = 0.0;
  forEachTerm(begin, end, [x, y](std::size_t row, std::int64_t col, double c) { y[row] += c * x[col]; });
}

namespace {

/// Sort a row's terms by column, merge repeated columns, drop exact zeros.
void mergeRow(std::vector<std::pair<std::int64_t, double>>& entries) {
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::size_t kept = 0;
  for (std::size_t t = 0; t < entries.size();) {
    const std::int64_t k = entries[t].first;
    double c = 0;
    for (; t < entries.size() && entries[t].first == k; ++t) c += entries[t].second;
    if (c != 0.0) entries[kept++] = {k, c};
  }
  entries.resize(kept);
}

}  // namespace

void FockHamiltonian::rowEntries(std::size_t row, std::vector<std::pair<std::int64_t, double>>& entries) const {
  entries.clear();
  forEachTerm(row, row + 1, [&entries](std::size_t, std::int64_t k, double c) { entries.push_back({k, c}); });
  mergeRow(entries);
}

bool FockHamiltonian::assemble(double maxBytes) {
  const std::size_t D = dimension();
  if (assembled()) return true;
  if (D >= (std::size_t(1) << 32) || 8.0 * (D + 1) > maxBytes) return false;
  std::vector<std::size_t> start(D + 1, 0);
  std::vector<std::uint32_t> col;
  std::vector<double> value;
  std::vector<std::pair<std::int64_t, double>> row;
  bool fits = true;
  std::size_t current = 0;   // the row being collected; forEachTerm emits rows in order
  auto flush = [&] {
    if (fits) {
      mergeRow(row);
      for (const auto& [k, c] : row) col.push_back(static_cast<std::uint32_t>(k)), value.push_back(c);
      fits = 8.0 * (D + 1) + 12.0 * double(value.size()) <= maxBytes;
    }
    row.clear();
    start[++current] = value.size();
  };
  // one pass over all rows (the species' move tables are built once, not once per row)
  forEachTerm(0, D, [&](std::size_t r, std::int64_t k, double c) {
    while (current < r) flush();
    if (fits) row.push_back({k, c});
  });
  while (current < D) flush();
  if (!fits) return false;
  csr_start_ = std::move(start);
  csr_col_ = std::move(col);
  csr_value_ = std::move(value);
  return true;
}

void applyParallel(const LinearOperator<double>& A, const double* x, double* y, int threads) {
  const std::size_t D = A.dimension();
  if (threads <= 1 || D < 1024) {
    A.apply(x, y);
    return;
  }
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    const std::size_t b = D * t / threads, e = D * (t + 1) / threads;
    pool.emplace_back([&A, x, y, b, e] { A.applyRows(x, y, b, e); });
  }
  for (auto& th : pool) th.join();
}

}  // namespace cbec
