// Exact k-marginals of fragmented, phase-averaged and mixture states (fragmentation_marginals.hpp).
#include <cbec/fragmentation/fragmentation_marginals.hpp>
#include <cbec/fragmentation/trace_norm.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace cbec {

namespace {

constexpr double kMinusInfinity = -std::numeric_limits<double>::infinity();

/// log C(n, r) as Σ_{i=1}^{r} log((n-r+i)/i), r ≤ n small (each term correctly rounded to ~1 ulp).
double logBinomialSmall(int n, int r) {
  r = std::min(r, n - r);
  double s = 0;
  for (int i = 1; i <= r; ++i) s += std::log(double(n - r + i) / i);
  return s;
}

/// Σ_{i<a} log1p(-i/n): log of the falling factorial n(n-1)…(n-a+1)/n^a; -∞ when a > n.
double logFallingRatio(std::int64_t n, int a) {
  if (a > n) return kMinusInfinity;
  double s = 0;
  for (int i = 1; i < a; ++i) s += std::log1p(-double(i) / double(n));
  return s;
}

/// log(N_j/N), through log1p(-(N-N_j)/N) when N_j/N is close to 1 (N - N_j is exact).
double logFraction(std::int64_t Nj, std::int64_t N) {
  return 2 * Nj <= N ? std::log(double(Nj) / double(N)) : std::log1p(-double(N - Nj) / double(N));
}

/// log(c_a / c̃_a) = Σ_j Σ_{i<a_j} log1p(-i/N_j) - Σ_{i<k} log1p(-i/N)   (proof of Lemma 2.4).
/// The level d with the largest a_d is paired term by term with the N-product,
///   log1p(-i/N_d) - log1p(-i/N) = log1p(-i (N - N_d) / (N_d (N - i))),
/// which removes the cancellation when N_d is close to N; the remaining terms are summed as they are.
double logFragmentedToPhaseAveraged(const std::vector<std::int64_t>& Nj, std::int64_t N, const Occupations& a) {
  const int l = static_cast<int>(a.size());
  int d = 0, k = 0;
  for (int j = 0; j < l; ++j) {
    k += a[j];
    if (a[j] > Nj[j]) return kMinusInfinity;  // C(N_j, a_j) = 0
    if (a[j] > a[d] || (a[j] == a[d] && Nj[j] > Nj[d])) d = j;
  }
  double s = 0;
  for (int i = 1; i < a[d]; ++i)
    s += std::log1p(-double(i) * double(N - Nj[d]) / (double(Nj[d]) * double(N - i)));
  for (int j = 0; j < l; ++j)
    if (j != d) s += logFallingRatio(Nj[j], a[j]);
  for (int i = std::max(a[d], 1); i < k; ++i) s -= std::log1p(-double(i) / double(N));
  return s;
}

}  // namespace

FragmentationMarginals::FragmentationMarginals(FragmentedState state, int k, const std::string& what,
                                               const std::function<void(std::size_t, std::size_t)>& progress)
    : state_(std::move(state)),
      k_(k),
      basis_([&] {
        if (k < 1) throw InputError(fmt::format("{}: k = {} must be a positive integer", what, k));
        if (k > state_.particles())
          throw InputError(fmt::format("{}: k = {} exceeds the number of particles N = {}", what, k,
                                       state_.particles()));
        const int l = state_.levels();
        // C(k+ℓ-1, ℓ-1) ≤ kMaxPatterns, computed without overflow.
        double d = 1;
        for (int i = 1; i < l; ++i) d = d * (k + i) / i;
        if (d > double(kMaxPatterns))
          throw InputError(fmt::format("{}: the Dicke basis of k = {} particles in {} levels has {:.3g} states "
                                       "(at most {})", what, k, l, d, kMaxPatterns));
        return FockBasis(l, k);
      }()) {
  const int l = state_.levels();
  const std::int64_t N = state_.particles();
  std::vector<double> logFraction(l);
  for (int j = 0; j < l; ++j) logFraction[j] = cbec::logFraction(state_.occupation(j), N);
  const std::size_t D = basis_.dimension();
  patterns_.reserve(D);
  logPhaseAveraged_.reserve(D);
  logFragmentedRatio_.reserve(D);
  pureLevel_.reserve(D);
  Occupations a = basis_.first();
  do {
    double logMultinomial = 0, logPower = 0;
    int filled = 0, pure = -1;
    for (int j = 0; j < l; ++j) {
      if (a[j] == 0) continue;
      filled += a[j];
      logMultinomial += logBinomialSmall(filled, a[j]);  // k!/Π a_j! = Π_j C(a_1+…+a_j, a_j)
      logPower += a[j] * logFraction[j];
      if (a[j] == k_) pure = j;
    }
    patterns_.push_back(a);
    logPhaseAveraged_.push_back(logMultinomial + logPower);
    logFragmentedRatio_.push_back(logFragmentedToPhaseAveraged(state_.occupations(), N, a));
    pureLevel_.push_back(pure);
    if (progress && patterns_.size() % 4096 == 0) progress(patterns_.size(), D);
  } while (basis_.next(a));
  if (progress) progress(D, D);
}

double FragmentationMarginals::logRatioToPhaseAveraged(FragmentationModel m, std::size_t p) const {
  switch (m) {
    case FragmentationModel::Fragmented: return logFragmentedRatio_[p];
    case FragmentationModel::PhaseAveragedProduct: return 0;
    case FragmentationModel::CondensateMixture: {
      const int j = pureLevel_[p];
      return j < 0 ? kMinusInfinity : -(k_ - 1) * logFraction(state_.occupation(j), state_.particles());
    }
  }
  return 0;
}

double FragmentationMarginals::logWeight(FragmentationModel m, std::size_t p) const {
  if (m == FragmentationModel::CondensateMixture) {
    const int j = pureLevel_[p];  // ρ_a = N_j/N directly, not through the multinomial
    return j < 0 ? kMinusInfinity : logFraction(state_.occupation(j), state_.particles());
  }
  return logPhaseAveraged_[p] + logRatioToPhaseAveraged(m, p);
}

double FragmentationMarginals::weight(FragmentationModel m, std::size_t p) const {
  if (m == FragmentationModel::CondensateMixture) {
    const int j = pureLevel_[p];
    return j < 0 ? 0.0 : state_.fraction(j);
  }
  return std::exp(logWeight(m, p));
}

std::vector<double> FragmentationMarginals::weights(FragmentationModel m) const {
  std::vector<double> w(dimension());
  for (std::size_t p = 0; p < w.size(); ++p) w[p] = weight(m, p);
  return w;
}

double FragmentationMarginals::weightDifference(FragmentationModel A, FragmentationModel B, std::size_t p) const {
  const double rA = logRatioToPhaseAveraged(A, p), rB = logRatioToPhaseAveraged(B, p);
  if (rA == kMinusInfinity) return -weight(B, p);
  if (rB == kMinusInfinity) return weight(A, p);
  return weight(B, p) * std::expm1(rA - rB);
}

std::size_t FragmentationMarginals::rank(FragmentationModel m) const {
  switch (m) {
    case FragmentationModel::Fragmented: {
      std::size_t r = 0;
      for (double s : logFragmentedRatio_) r += s != kMinusInfinity;
      return r;
    }
    case FragmentationModel::PhaseAveragedProduct: return dimension();  // every N_j ≥ 1
    case FragmentationModel::CondensateMixture: return static_cast<std::size_t>(state_.levels());
  }
  return 0;
}

double FragmentationMarginals::traceDistance(FragmentationModel A, FragmentationModel B) const {
  if (A == B) return 0;
  double s = 0;
  for (std::size_t p = 0; p < dimension(); ++p) s += std::abs(weightDifference(A, B, p));
  return boundedTraceDistance(s);   // ≤ 2 exactly (trace_norm.hpp)
}

Eigen::MatrixXd FragmentationMarginals::matrix(FragmentationModel m) const {
  const std::vector<double> w = weights(m);
  return Eigen::Map<const Eigen::VectorXd>(w.data(), Eigen::Index(w.size())).asDiagonal();
}

Eigen::MatrixXd FragmentationMarginals::productBasisMatrix(FragmentationModel m) const {
  const int l = state_.levels();
  double dim = std::pow(double(l), k_);
  if (dim > double(kMaxProductDimension))
    throw InputError(fmt::format("productBasisMatrix: ℓ^k = {}^{} exceeds {}", l, k_, kMaxProductDimension));
  const Eigen::Index n = static_cast<Eigen::Index>(dim);
  // Group the words σ by their occupation pattern; |a⟩ is the normalised sum over its group.
  std::vector<std::vector<Eigen::Index>> words(dimension());
  for (Eigen::Index s = 0; s < n; ++s) {
    Occupations a(l, 0);
    for (Eigen::Index r = s, t = 0; t < k_; ++t, r /= l) ++a[r % l];
    words[basis_.index(a)].push_back(s);
  }
  Eigen::MatrixXd G = Eigen::MatrixXd::Zero(n, n);
  for (std::size_t p = 0; p < dimension(); ++p) {
    const double w = weight(m, p) / double(words[p].size());
    for (Eigen::Index s : words[p])
      for (Eigen::Index t : words[p]) G(s, t) += w;
  }
  return G;
}

}  // namespace cbec
