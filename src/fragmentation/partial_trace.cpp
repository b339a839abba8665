// The partial-trace engine (partial_trace.hpp).
#include "partial_trace.hpp"

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <cmath>
#include <complex>

namespace cbec::detail {

namespace {

/// C(m + a, a) as a double (a is a kept occupation, at most k).
double binomialUp(int m, int a) {
  double c = 1;
  for (int t = 1; t <= a; ++t) c *= double(m + t) / t;
  return c;
}

/// Everything about one species that the inner loop needs.
struct SpeciesData {
  const FockBasis* full;
  FockBasis kept, rest;
  std::vector<std::vector<int>> keptSuffix;                  // suffix sums of each kept pattern a
  std::vector<std::vector<std::pair<int, int>>> keptNonzero;  // (i, a_i) with a_i > 0
  double inverseBinomialNk;                                   // 1 / C(N, k)

  SpeciesData(const FockBasis& f, int k)
      : full(&f), kept(f.orbitals(), k), rest(f.orbitals(), f.particles() - k) {
    Occupations a = kept.first();
    do {
      keptSuffix.push_back(suffixSums(a));
      std::vector<std::pair<int, int>> nz;
      for (int i = 0; i < f.orbitals(); ++i)
        if (a[i] > 0) nz.emplace_back(i, a[i]);
      keptNonzero.push_back(std::move(nz));
    } while (kept.next(a));
    const double c = binomialUp(f.particles() - k, k);  // C(N, k) to k ulps
    inverseBinomialNk = std::isfinite(c) ? 1 / c
                                         : std::exp(std::lgamma(k + 1.0) + std::lgamma(f.particles() - k + 1.0) -
                                                    std::lgamma(f.particles() + 1.0));
  }

  /// For the traced-out state m (with suffix sums um): the index of m + a in the full basis and the
  /// amplitude sqrt(Π C(m_i+a_i, a_i) / C(N, k)), for every kept pattern a.
  void columns(const Occupations& m, const std::vector<int>& um, std::vector<std::size_t>& idx,
               std::vector<double>& amp) const {
    const int M = full->orbitals();
    const std::size_t P = keptSuffix.size();
    idx.resize(P);
    amp.resize(P);
    for (std::size_t p = 0; p < P; ++p) {
      const int* ua = keptSuffix[p].data();
      std::size_t r = 0;
      for (int i = 1; i < M; ++i) r += full->binomial(um[i] + ua[i] + M - 1 - i, M - i);
      idx[p] = r;
      double c = 1;
      for (auto [i, ai] : keptNonzero[p]) c *= binomialUp(m[i], ai);
      amp[p] = std::sqrt(c * inverseBinomialNk);
    }
  }
};

}  // namespace

template <class Scalar>
Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> partialTrace(
    const std::vector<SpeciesTrace>& species, const Eigen::Matrix<Scalar, Eigen::Dynamic, 1>& psi) {
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  if (species.empty() || species.size() > 2) throw InputError("partialTrace: one or two species");
  std::vector<SpeciesData> s;
  std::size_t fullDim = 1;
  for (std::size_t t = 0; t < species.size(); ++t) {
    const FockBasis& f = *species[t].full;
    const int k = species[t].kept;
    if (k < 0 || k > f.particles())
      throw InputError(fmt::format("reduced density matrix: k = {} must lie in [0, N = {}]{}", k, f.particles(),
                                   species.size() > 1 ? fmt::format(" (species {})", t + 1) : ""));
    s.emplace_back(f, k);
    fullDim *= f.dimension();
  }
  if (static_cast<std::size_t>(psi.size()) != fullDim)
    throw InputError(fmt::format("reduced density matrix: state has {} coefficients, the Fock basis has {}",
                                 psi.size(), fullDim));
  const double norm2 = psi.squaredNorm();
  if (!(norm2 > 0) || !std::isfinite(norm2))
    throw InputError("reduced density matrix: the state vector is zero or not finite");

  const std::size_t P1 = s[0].kept.dimension();
  const std::size_t P2 = s.size() > 1 ? s[1].kept.dimension() : 1;
  const std::size_t D2 = s.size() > 1 ? s[1].full->dimension() : 1;
  const std::size_t P = P1 * P2;
  constexpr Eigen::Index kBlock = 256;
  Matrix gamma = Matrix::Zero(P, P);
  Matrix B(P, kBlock);
  Eigen::Index col = 0;
  auto flush = [&] {
    if (col == 0) return;
    gamma.template selfadjointView<Eigen::Lower>().rankUpdate(B.leftCols(col));
    col = 0;
  };

  std::vector<std::size_t> idx1, idx2{0};
  std::vector<double> amp1, amp2{1.0};
  Occupations m1 = s[0].rest.first();
  do {
    s[0].columns(m1, suffixSums(m1), idx1, amp1);
    auto emit = [&] {
      for (std::size_t p1 = 0; p1 < P1; ++p1)
        for (std::size_t p2 = 0; p2 < P2; ++p2)
          B(p1 * P2 + p2, col) = Scalar(amp1[p1] * amp2[p2]) * psi[idx1[p1] * D2 + idx2[p2]];
      if (++col == kBlock) flush();
    };
    if (s.size() == 1) {
      emit();
    } else {
      Occupations m2 = s[1].rest.first();
      do {
        s[1].columns(m2, suffixSums(m2), idx2, amp2);
        emit();
      } while (s[1].rest.next(m2));
    }
  } while (s[0].rest.next(m1));
  flush();
  Matrix full = gamma.template selfadjointView<Eigen::Lower>();
  return full / norm2;
}

template Eigen::MatrixXd partialTrace<double>(const std::vector<SpeciesTrace>&, const Eigen::VectorXd&);
template Eigen::MatrixXcd partialTrace<std::complex<double>>(const std::vector<SpeciesTrace>&,
                                                              const Eigen::VectorXcd&);

}  // namespace cbec::detail
