// Matrix-free two-species Fock-space Hamiltonian (fock_hamiltonian.hpp).
#include <cbec/manybody/fock_hamiltonian.hpp>

#include "state_moves.hpp"

#include <cbec/io/errors.hpp>

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
  statesA_ = std::make_unique<SpeciesStates>(A.modes(), A.particles, A.labels, A.quanta, maxQ);
  statesB_ = std::make_unique<SpeciesStates>(B.modes(), B.particles, B.labels, B.quanta, maxQ);
  sector_ = std::make_unique<FockSector>(*statesA_, *statesB_, model_.sector, maxQ);
  terms_ = std::make_unique<Terms>(buildTerms(model_));
}

std::size_t FockHamiltonian::storedTerms() const { return terms_->count(); }

Occupations FockHamiltonian::occupations(std::size_t row, int s) const {
  std::int64_t a, b;
  sector_->decode(row, a, b);
  const SpeciesStates& st = states(s);
  return st.basis().occupations(st.rank(s == 0 ? a : b));
}

void FockHamiltonian::applyRows(const double* x, double* y, std::size_t begin, std::size_t end) const {
  StateMoves A(*statesA_, terms_->species[0]), B(*statesB_, terms_->species[1]);
  const int MB = statesB_->modes();
  const auto& inter = terms_->inter;
  const bool hasInter = !inter.start.empty();
  for (std::size_t row = begin; row < end; ++row) {
    std::int64_t idA, idB;
    sector_->decode(row, idA, idB);
    A.load(idA);
    B.load(idB);
    double acc = 0;
    const int cA = statesA_->classOf(idA), cB = statesB_->classOf(idB);
    const std::int64_t pA = statesA_->position(idA), pB = statesB_->position(idB);
    for (const auto& t : A.alone) {
      const std::int64_t col = sector_->index(t.cls, t.pos, cB, pB);
      if (col >= 0) acc += t.c * x[col];
    }
    for (const auto& t : B.alone) {
      const std::int64_t col = sector_->index(cA, pA, t.cls, t.pos);
      if (col >= 0) acc += t.c * x[col];
    }
    if (hasInter) acc += A.interRow(B, inter, MB, *sector_, x);
    y[row] = acc;
  }
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
