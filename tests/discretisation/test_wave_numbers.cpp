// FourierTransform's |k|² table of the half spectrum (built row by row) equals k_0² + k_1² + k_2² of the wave
// vectors (FFTW's r2c layout: last index 0..n/2, the others 0..n-1 with j ≥ n/2 meaning j - n, k = 2π j/L),
// summed in that order, bit for bit, in 1D, 2D and 3D.
#include <cbec/discretisation/fourier.hpp>

#include <gtest/gtest.h>

using namespace cbec;

TEST(WaveNumbers, HalfSpectrumTableEqualsTheWaveVectors) {
  for (int d : {1, 2, 3})
    for (int n : {8, 10, 18, 24}) {
      FourierTransform f(Grid(d, n, 7.3), 1, false);
      const std::vector<double>& k2 = f.k2();
      size_t expected = static_cast<size_t>(n / 2 + 1);
      for (int i = 1; i < d; ++i) expected *= static_cast<size_t>(n);
      ASSERT_EQ(k2.size(), expected);
      const double dk = 2 * 3.141592653589793 / 7.3;
      const int nh = n / 2 + 1;
      for (size_t idx = 0; idx < k2.size(); ++idx) {
        std::array<double, 3> k{};
        size_t r = idx;
        k[d - 1] = dk * static_cast<double>(r % nh);
        r /= nh;
        for (int i = d - 2; i >= 0; --i) {
          const int j = static_cast<int>(r % n);
          r /= n;
          k[i] = dk * (j < n / 2 ? j : j - n);
        }
        ASSERT_EQ(k2[idx], k[0] * k[0] + k[1] * k[1] + k[2] * k[2]) << "d " << d << " n " << n << " idx " << idx;
      }
      // the Nyquist column and a full row: |k|² at the corner is d (π/h)²
      const double kn = 3.141592653589793 * n / 7.3;
      EXPECT_NEAR(k2[n / 2], kn * kn, 1e-9 * kn * kn);
    }
}
