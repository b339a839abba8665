// Exact k-marginals of the fragmented state, the phase-averaged product state and the mixture of
// condensates: Proposition 2.1, Corollary 2.2, Proposition 2.3 and Remark 2.5 of the fragmentation
// paper, against exact rational arithmetic (GMP) and against explicit partial traces of the
// first-quantised N-body states.
#include <cbec/fragmentation/fragmentation_marginals.hpp>
#include <cbec/fragmentation/trace_norm.hpp>
#include <cbec/io/errors.hpp>

#include <gmpxx.h>
#include <gtest/gtest.h>

#include <complex>
#include <numeric>

using cbec::FragmentationMarginals;
using cbec::FragmentedState;
using FM = cbec::FragmentationModel;

namespace {

mpz_class binomial(std::int64_t n, std::int64_t r) {
  if (r < 0 || r > n) return 0;
  mpz_class c;
  mpz_bin_ui(c.get_mpz_t(), mpz_class(static_cast<unsigned long>(n)).get_mpz_t(), static_cast<unsigned long>(r));
  return c;
}

/// The three weights of (F 2.20), (F 2.21) with N^k, and (F 2.10), as exact rationals.
struct ExactWeights {
  mpq_class fragmented, phaseAveraged, mixture;
};

ExactWeights exactWeights(const std::vector<std::int64_t>& Nj, const cbec::Occupations& a) {
  const std::int64_t N = std::accumulate(Nj.begin(), Nj.end(), std::int64_t{0});
  const int k = std::accumulate(a.begin(), a.end(), 0);
  ExactWeights w;
  mpz_class num = 1, power = 1, multinomial = 1;
  int filled = 0;
  for (std::size_t j = 0; j < Nj.size(); ++j) {
    num *= binomial(Nj[j], a[j]);
    filled += a[j];
    multinomial *= binomial(filled, a[j]);
    mpz_class p;
    mpz_pow_ui(p.get_mpz_t(), mpz_class(static_cast<unsigned long>(Nj[j])).get_mpz_t(), a[j]);
    power *= p;
    if (a[j] == k) w.mixture = mpq_class(mpz_class(static_cast<unsigned long>(Nj[j])), mpz_class(static_cast<unsigned long>(N)));
  }
  w.fragmented = mpq_class(num, binomial(N, k));
  w.fragmented.canonicalize();
  mpz_class Nk;
  mpz_pow_ui(Nk.get_mpz_t(), mpz_class(static_cast<unsigned long>(N)).get_mpz_t(), k);
  w.phaseAveraged = mpq_class(multinomial * power, Nk);
  w.phaseAveraged.canonicalize();
  return w;
}

double relErr(double x, const mpq_class& exact) {
  const double e = exact.get_d();
  return e == 0 ? std::abs(x) : std::abs(x - e) / std::abs(e);
}

/// Populations of the test cases: two levels with several splits, and three levels.
std::vector<std::vector<std::int64_t>> populationsFor(std::int64_t N) {
  return {{N / 2, N - N / 2}, {N - N / 10 * 3, N / 10 * 3}, {N / 5, N / 5 * 2, N - N / 5 * 3},
          {1, N - 1}};
}

}  // namespace

TEST(FragmentationMarginals, WorkedExampleOfTheHeader) {
  FragmentationMarginals g(FragmentedState({6, 4}), 2);
  const std::vector<double> frag = g.weights(FM::Fragmented), phase = g.weights(FM::PhaseAveragedProduct),
                            mix = g.weights(FM::CondensateMixture);
  EXPECT_NEAR(frag[0], 15.0 / 45, 3e-16);
  EXPECT_NEAR(frag[1], 24.0 / 45, 3e-16);
  EXPECT_NEAR(frag[2], 6.0 / 45, 3e-16);
  EXPECT_NEAR(phase[1], 0.48, 3e-16);
  EXPECT_EQ(mix[0], 0.6);
  EXPECT_EQ(mix[1], 0.0);
  EXPECT_NEAR(g.traceDistance(FM::Fragmented, FM::PhaseAveragedProduct), 8.0 / 75, 3e-16);
}

// Proposition 2.1 and Remark 2.5: every weight, and N·Tr|γ - γ̃|, Tr|γ - ρ|, Tr|γ̃ - ρ| against exact
// rationals, for N = 10 … 10^6, k = 1 … 6, two and three levels.
TEST(FragmentationMarginals, AgreeWithExactRationalArithmetic) {
  double worstWeight = 0, worstScaledDistance = 0, worstDistance = 0;
  for (std::int64_t N : {10, 100, 1000, 10000, 100000, 1000000}) {
    for (const auto& Nj : populationsFor(N)) {
      for (int k = 1; k <= 6; ++k) {
        FragmentationMarginals g(FragmentedState(Nj), k);
        mpq_class dFP = 0, dFM = 0, dPM = 0;
        for (std::size_t p = 0; p < g.dimension(); ++p) {
          const ExactWeights w = exactWeights(Nj, g.pattern(p));
          worstWeight = std::max({worstWeight, relErr(g.weight(FM::Fragmented, p), w.fragmented),
                                  relErr(g.weight(FM::PhaseAveragedProduct, p), w.phaseAveraged),
                                  relErr(g.weight(FM::CondensateMixture, p), w.mixture)});
          const mpq_class diff = w.fragmented - w.phaseAveraged;
          // The difference itself, in relative form, to 1e-12 of the scale c̃_a/N of Lemma 2.4.
          const double scale = std::max(std::abs(diff.get_d()), w.phaseAveraged.get_d() / double(N));
          EXPECT_LE(std::abs(g.weightDifference(FM::Fragmented, FM::PhaseAveragedProduct, p) - diff.get_d()),
                    1e-12 * scale);
          dFP += abs(diff);
          dFM += abs(w.fragmented - w.mixture);
          dPM += abs(w.phaseAveraged - w.mixture);
        }
        const double scaled = double(N) * g.traceDistance(FM::Fragmented, FM::PhaseAveragedProduct);
        const mpq_class exactScaled = mpq_class(mpz_class(static_cast<unsigned long>(N))) * dFP;
        if (k == 1) {
          EXPECT_EQ(scaled, 0.0);  // c_1 = 0 exactly (F 2.11, Prop. 2.3)
          EXPECT_EQ(g.traceDistance(FM::Fragmented, FM::CondensateMixture), 0.0);
        }
        worstScaledDistance = std::max(worstScaledDistance, relErr(scaled, exactScaled));
        worstDistance = std::max({worstDistance, relErr(g.traceDistance(FM::Fragmented, FM::CondensateMixture), dFM),
                                  relErr(g.traceDistance(FM::PhaseAveragedProduct, FM::CondensateMixture), dPM)});
      }
    }
  }
  EXPECT_LT(worstWeight, 1e-12);
  EXPECT_LT(worstScaledDistance, 1e-12);
  EXPECT_LT(worstDistance, 1e-12);
  RecordProperty("max_relative_error_weights", std::to_string(worstWeight));
  RecordProperty("max_relative_error_N_trace_distance", std::to_string(worstScaledDistance));
  std::printf("max relative deviation from exact rationals: weights %.2e, N*Tr|g-g~| %.2e, other distances %.2e\n",
              worstWeight, worstScaledDistance, worstDistance);
}

// The same at N = 10^9 and k = 50: still 1e-12, no overflow (C(10^9, 50) ~ 10^385).
TEST(FragmentationMarginals, StayExactAtHugeNAndLargeK) {
  const std::vector<std::int64_t> Nj{600000000, 400000000};
  for (int k : {10, 50}) {
    FragmentationMarginals g(FragmentedState(Nj), k);
    mpq_class d = 0;
    for (std::size_t p = 0; p < g.dimension(); ++p) {
      const ExactWeights w = exactWeights(Nj, g.pattern(p));
      EXPECT_LT(relErr(g.weight(FM::Fragmented, p), w.fragmented), 1e-12);
      d += abs(w.fragmented - w.phaseAveraged);
    }
    EXPECT_LT(relErr(1e9 * g.traceDistance(FM::Fragmented, FM::PhaseAveragedProduct), 1000000000 * d), 1e-12);
  }
}

// Corollary 2.2: ranks k+1, k+1, 2 for two levels (k ≤ min N_j), and the ℓ-level counts.
TEST(FragmentationMarginals, RanksOfCorollary22) {
  for (int k = 1; k <= 8; ++k) {
    FragmentationMarginals g(FragmentedState({50, 30}), k);
    EXPECT_EQ(g.rank(FM::Fragmented), std::size_t(k + 1));
    EXPECT_EQ(g.rank(FM::PhaseAveragedProduct), std::size_t(k + 1));
    EXPECT_EQ(g.rank(FM::CondensateMixture), 2u);
  }
  // A level with fewer particles than k caps the fragmented rank: a_2 ≤ N_2 = 2.
  EXPECT_EQ(FragmentationMarginals(FragmentedState({8, 2}), 5).rank(FM::Fragmented), 3u);
  EXPECT_EQ(FragmentationMarginals(FragmentedState({8, 2}), 5).rank(FM::PhaseAveragedProduct), 6u);
  // Three levels: C(k+2, 2) patterns.
  FragmentationMarginals g3(FragmentedState({40, 30, 30}), 4);
  EXPECT_EQ(g3.rank(FM::Fragmented), 15u);
  EXPECT_EQ(g3.rank(FM::PhaseAveragedProduct), 15u);
  EXPECT_EQ(g3.rank(FM::CondensateMixture), 3u);
  // The rank is the matrix rank of the explicit marginal on (C^ℓ)^{⊗k}.
  for (FM m : {FM::Fragmented, FM::PhaseAveragedProduct, FM::CondensateMixture}) {
    FragmentationMarginals g(FragmentedState({7, 5}), 4);
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(g.productBasisMatrix(m));
    EXPECT_EQ(std::size_t((eig.eigenvalues().array() > 1e-12).count()), g.rank(m));
  }
}

// Proposition 2.3: N·Tr|γ - γ̃| is bounded in N and converges to
//   c_k^∞ = ½ Σ_a c̃_a |k(k-1) - Σ_j a_j(a_j-1)/n_j|     (first order of the proof of Lemma 2.4),
// while Tr|γ - ρ| does not go to zero.
TEST(FragmentationMarginals, Proposition23RateOneOverN) {
  for (const std::vector<double>& n : {std::vector<double>{0.5, 0.5}, {0.7, 0.3}, {0.2, 0.3, 0.5}}) {
    for (int k = 1; k <= 6; ++k) {
      double limit = 0, previous = -1;
      {
        FragmentationMarginals g(FragmentedState::fromFractions(1000000000, n), k);
        for (std::size_t p = 0; p < g.dimension(); ++p) {
          const cbec::Occupations a = g.pattern(p);
          double s = k * (k - 1);
          for (std::size_t j = 0; j < n.size(); ++j) s -= a[j] * (a[j] - 1) / n[j];
          limit += 0.5 * g.weight(FM::PhaseAveragedProduct, p) * std::abs(s);
        }
      }
      for (std::int64_t N : {100, 1000, 10000, 100000, 1000000, 1000000000}) {
        FragmentationMarginals g(FragmentedState::fromFractions(N, n), k);
        const double scaled = double(N) * g.traceDistance(FM::Fragmented, FM::PhaseAveragedProduct);
        EXPECT_LE(scaled, 2 * limit + 1e-300);
        if (k == 1) EXPECT_EQ(scaled, 0.0);
        if (N == 1000000000) EXPECT_NEAR(scaled, limit, 1e-6 * (1 + limit));
        if (N >= 10000) EXPECT_NEAR(scaled, limit, 100.0 * k * k * k / double(N) * (1 + limit));
        previous = scaled;
        if (k >= 2) EXPECT_GT(g.traceDistance(FM::Fragmented, FM::CondensateMixture), 0.3);
      }
      (void)previous;
    }
  }
}

// The trace norm of a difference of the explicit marginals equals the ℓ1 distance of the weights,
// because all three are diagonal in the same orthonormal basis {|a⟩}.
TEST(FragmentationMarginals, TraceNormOfExplicitMatricesIsTheL1DistanceOfWeights) {
  FragmentationMarginals g(FragmentedState({5, 4, 3}), 3);
  for (FM A : {FM::Fragmented, FM::PhaseAveragedProduct, FM::CondensateMixture})
    for (FM B : {FM::Fragmented, FM::PhaseAveragedProduct, FM::CondensateMixture}) {
      const double viaMatrices = cbec::traceNorm(Eigen::MatrixXd(g.productBasisMatrix(A) - g.productBasisMatrix(B)));
      EXPECT_NEAR(viaMatrices, g.traceDistance(A, B), 1e-13);
      EXPECT_NEAR(cbec::traceNorm(Eigen::MatrixXd(g.matrix(A) - g.matrix(B))), g.traceDistance(A, B), 1e-15);
    }
  for (FM m : {FM::Fragmented, FM::PhaseAveragedProduct, FM::CondensateMixture})
    EXPECT_NEAR(g.productBasisMatrix(m).trace(), 1.0, 1e-14);
}

namespace {

/// Index of a word σ ∈ {0..ℓ-1}^L: Σ_t σ_t ℓ^{L-1-t}; the counts of its letters.
cbec::Occupations counts(std::size_t word, int l, int L) {
  cbec::Occupations a(l, 0);
  for (int t = 0; t < L; ++t, word /= l) ++a[word % l];
  return a;
}

std::size_t ipow(std::size_t b, int e) {
  std::size_t r = 1;
  while (e-- > 0) r *= b;
  return r;
}

/// Tr_[N-k] |Ψ⟩⟨Ψ| of a first-quantised density matrix given as Σ_r p_r |Ψ_r⟩⟨Ψ_r| on (C^ℓ)^{⊗N}
/// (F 1.5): the first k factors are kept.
Eigen::MatrixXcd partialTrace(const std::vector<std::pair<double, Eigen::VectorXcd>>& mixture, int l, int N, int k) {
  const std::size_t kept = ipow(l, k), traced = ipow(l, N - k);
  Eigen::MatrixXcd G = Eigen::MatrixXcd::Zero(kept, kept);
  for (const auto& [p, psi] : mixture) {
    Eigen::Map<const Eigen::MatrixXcd> T(psi.data(), traced, kept);  // psi[s·traced + r]
    G += p * T.transpose() * T.conjugate();
  }
  return G;
}

}  // namespace

// (F 2.8), (F 2.9), (F 2.10) from the definitions (F 2.4–2.6), written out in first quantisation on
// (C^ℓ)^{⊗N}: the symmetrised product, the phase average (exact on ℓ·(N+1) equispaced nodes per
// angle, which integrate e^{iqθ} exactly for |q| ≤ N), and the mixture.
TEST(FragmentationMarginals, MatchTheExplicitPartialTraceOfTheNBodyStates) {
  for (const std::vector<std::int64_t>& Nj : {std::vector<std::int64_t>{5, 3}, {3, 2, 2}}) {
    const int l = static_cast<int>(Nj.size());
    const int N = static_cast<int>(std::accumulate(Nj.begin(), Nj.end(), std::int64_t{0}));
    const std::size_t D = ipow(l, N);
    // Ψ_N = φ_1^{⊗N_1} ∨ … : uniform over words with counts N_j.
    Eigen::VectorXcd frag = Eigen::VectorXcd::Zero(D);
    for (std::size_t s = 0; s < D; ++s) {
      const cbec::Occupations c = counts(s, l, N);
      bool match = true;
      for (int j = 0; j < l; ++j) match = match && c[j] == Nj[j];
      if (match) frag[s] = 1;
    }
    frag.normalize();
    // γ̃_N: average over θ ∈ (2π/Q ℤ)^ℓ of |ψ_θ^{⊗N}⟩⟨ψ_θ^{⊗N}|.
    const int Q = N + 1;
    std::vector<std::pair<double, Eigen::VectorXcd>> phase;
    for (std::size_t t = 0; t < ipow(Q, l - 1); ++t) {  // θ_ℓ = 0 (a global phase drops out)
      std::vector<std::complex<double>> psi1(l);
      for (int j = 0, r = int(t); j < l; ++j, r /= Q) {
        const double theta = j == l - 1 ? 0.0 : 2 * M_PI * (r % Q) / Q;
        psi1[j] = std::sqrt(double(Nj[j]) / N) * std::polar(1.0, -theta);
      }
      Eigen::VectorXcd prod(D);
      for (std::size_t s = 0; s < D; ++s) {
        std::complex<double> v = 1;
        for (std::size_t r = s, u = 0; u < std::size_t(N); ++u, r /= l) v *= psi1[r % l];
        prod[s] = v;
      }
      phase.emplace_back(1.0 / double(ipow(Q, l - 1)), prod);
    }
    std::vector<std::pair<double, Eigen::VectorXcd>> mix;
    for (int j = 0; j < l; ++j) {
      std::size_t s = 0;
      for (int u = 0; u < N; ++u) s = s * l + j;
      mix.emplace_back(double(Nj[j]) / N, Eigen::VectorXcd::Unit(D, s));
    }
    for (int k = 1; k <= 3; ++k) {
      FragmentationMarginals g(FragmentedState(Nj), k);
      EXPECT_LT((partialTrace({{1.0, frag}}, l, N, k) - g.productBasisMatrix(FM::Fragmented).cast<std::complex<double>>()).norm(), 1e-13);
      EXPECT_LT((partialTrace(phase, l, N, k) - g.productBasisMatrix(FM::PhaseAveragedProduct).cast<std::complex<double>>()).norm(), 1e-13);
      EXPECT_LT((partialTrace(mix, l, N, k) - g.productBasisMatrix(FM::CondensateMixture).cast<std::complex<double>>()).norm(), 1e-13);
    }
  }
}

// γ̃_N is the multinomial mixture of fragmented states Σ_n C(N; n) Π (N_j/N)^{n_j} |n⟩⟨n| (the phase
// average removes every off-diagonal |n⟩⟨n'|), so averaging the hypergeometric weights (F 2.8) with
// the multinomial law of n must give the multinomial weights (F 2.9) exactly.
TEST(FragmentationMarginals, PhaseAverageIsAMultinomialMixtureOfFragmentedStates) {
  const std::vector<std::int64_t> Nj{4, 3};
  const std::int64_t N = 7;
  for (int k = 1; k <= 4; ++k) {
    FragmentationMarginals g(FragmentedState(Nj), k);
    for (std::size_t p = 0; p < g.dimension(); ++p) {
      mpq_class sum = 0;
      for (std::int64_t n1 = 0; n1 <= N; ++n1) {
        mpq_class law = exactWeights(Nj, {int(n1), int(N - n1)}).phaseAveraged;  // multinomial law of n
        const cbec::Occupations a = g.pattern(p);
        mpq_class c(binomial(n1, a[0]) * binomial(N - n1, a[1]), binomial(N, k));
        c.canonicalize();
        sum += law * c;
      }
      EXPECT_EQ(sum, exactWeights(Nj, g.pattern(p)).phaseAveraged);
    }
  }
}

TEST(FragmentationMarginals, RejectBadInputNamingTheParameter) {
  auto message = [](auto f) {
    try {
      f();
    } catch (const cbec::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message([] { FragmentationMarginals(FragmentedState({3, 2}), 6, "--k"); }).find("--k: k = 6 exceeds"), std::string::npos);
  EXPECT_NE(message([] { FragmentationMarginals(FragmentedState({3, 2}), 0, "--k"); }).find("--k"), std::string::npos);
  EXPECT_NE(message([] { FragmentedState({3, 0}, "--occupations"); }).find("--occupations: N2 = 0"), std::string::npos);
  EXPECT_NE(message([] { FragmentedState({3}, "--occupations"); }).find("two levels"), std::string::npos);
  EXPECT_NE(message([] { FragmentedState::fromFractions(10, {0.95, 0.05}, "--fractions"); }).find("at least one"), std::string::npos);
  EXPECT_NE(message([] { FragmentationMarginals(FragmentedState(std::vector<std::int64_t>(12, 100)), 50); }).find("Dicke basis"),
            std::string::npos);
}
