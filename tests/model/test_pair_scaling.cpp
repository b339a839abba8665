// The pair-scaling rule (pair_scaling.hpp) is stated once; every layer reads it from there.
#include <cbec/io/errors.hpp>
#include <cbec/manybody/mixture_modes.hpp>
#include <cbec/model/mixture.hpp>
#include <cbec/model/pair_scaling.hpp>

#include <gtest/gtest.h>

using namespace cbec;

// The mean-field intra term per particle: λ_s N_s(N_s − 1)/(2N) pairs-weighted = (c_s/2) κ_s (mixture.hpp).
TEST(PairScaling, KappaCountsThePairs) {
  for (PairScaling scaling : {PairScaling::NMinusOne, PairScaling::N})
    for (double N : {2.0, 7.0, 100.0})
      for (double Ns : {2.0, 3.0, N}) {
        if (Ns > N) continue;
        const double pairs = intraPairFactor(scaling, Ns, N) * Ns * (Ns - 1) / (2 * N);
        EXPECT_NEAR(pairs, 0.5 * (Ns / N) * intraScale(scaling, Ns, N), 1e-15) << N << " " << Ns;
      }
  EXPECT_EQ(intraPairFactor(PairScaling::NMinusOne, 1, 5), 0.0);   // one particle: no pairs
  EXPECT_EQ(intraScale(PairScaling::NMinusOne, 0, std::nullopt), 1.0);
  EXPECT_DOUBLE_EQ(interPairFactor(8), 0.125);
}

TEST(PairScaling, RefusesWhatHasNoMeaning) {
  EXPECT_THROW(intraPairFactor(PairScaling::N, 3, 2), InputError);   // N_s > N
  EXPECT_THROW(intraPairFactor(PairScaling::N, 1, 0.5), InputError);
  EXPECT_THROW(interPairFactor(0), InputError);
  EXPECT_THROW(intraScale(PairScaling::N, 2, std::nullopt), InputError);
}

// The Fock-space model and the mean-field functional take λ_s and 1/N from the same rule.
TEST(PairScaling, ModeModelAndMixtureAgree) {
  for (PairScaling scaling : {PairScaling::NMinusOne, PairScaling::N}) {
    const std::vector<double> z{0.0, 0.0};
    Species A{"A", 0.6, 2.0, Trap::power(2.0, z)}, B{"B", 0.4, 1.5, Trap::power(2.0, z)};
    Eigen::MatrixXd a(2, 2);
    a << 0, 0.7, 0.7, 0;
    const Mixture m(2, {A, B}, a, PairInteraction::hartree(PairProfile::byName("gaussian", "profile"), 5.0, 0.0),
                    scaling, 5.0);
    const MixtureModes mm = mixtureModeHamiltonian(m, {3, 2}, 1);
    for (int s = 0; s < 2; ++s) EXPECT_EQ(mm.model.species[s].pair_factor, m.intraPairFactor(s));
    EXPECT_EQ(mm.model.inter_factor, m.interPairFactor());
    if (scaling == PairScaling::N) EXPECT_DOUBLE_EQ(m.intraScale(0), (3.0 - 1.0) / 5.0);
  }
}
