#pragma once
/// @file fourier.hpp
/// Fourier pseudo-spectral operators on a Grid, by FFTW: real-to-complex transforms for real fields
/// (half spectrum, n^{d-1}(n/2+1) coefficients) and complex-to-complex ones for complex fields (full
/// spectrum, n^d coefficients in FFTW order, the same wave numbers k_j as grid.hpp).
///
///   û = F u (unnormalised),  u = F^{-1} û (divided by n^d)
///   kinetic:      -Δu   = F^{-1}[ |k|² û ]                  (units ħ = 2m = 1: no ½, MODEL §1)
///   multiplier:   m(-Δ) u = F^{-1}[ m(|k|²) û ]           e.g. (α - Δ)^{-1}, the Hartree ŵ_N(k)
///   convolution:  w_N * ρ = F^{-1}[ ŵ_N(k) ρ̂ ]               (analytic ŵ_N, pair_interaction.hpp)
///   complex multiplier on complex fields, e.g. the free propagator e^{-iτν|k|²}: u ↦ F^{-1}[e^{-iτν|k|²} û]
///
/// Plans are made once per object (FFTW_MEASURE by default, with FFTW wisdom kept between runs in the
/// file the caller names, fftw_wisdom.hpp) on internal aligned buffers and reused;
/// planning is serialised by a global mutex (the FFTW planner is not thread-safe). The c2c plans are
/// made the same way on the first complex call (a real-only user never pays for them). Every transform
/// executed, r2c or c2c, increments fftCount(), which the solvers and benchmarks report.
///
/// On a slab of a grid (slab.hpp) the r2c/c2r transforms are FFTW-MPI's slab transforms (slab_transform.hpp;
/// collective: every rank makes the same calls): the real buffer holds the rank's padded rows, the half
/// spectrum its columns of the transposed spectrum (k2(), tabulate() and the multipliers in that local order),
/// and the spectral sums (quadraticForm, the form of applyMultiplier) are taken in the transposed spectrum's
/// global order (parallel::sum over ranks). The complex-to-complex transforms on a slab are the c2c slab
/// transforms (slab_transform.hpp): the complex buffer holds the rank's rows of n values, the full spectrum
/// its columns of the transposed spectrum, which are as many as its planes and start at the same index:
///   2D  i = c·n + j0,   3D  i = (c·n + j0)·n + j2,   with axis 1's index firstPlane + c and axis 0's j0
/// (k2Full(), tabulateFull() and the complex multipliers in that order; quadraticForm's sum in its global
/// order). highModeFraction and lanes are one-process only (InputError on a slab; concurrently() runs its items
/// one after the other).
#include <cbec/discretisation/grid.hpp>
#include <cbec/discretisation/parallel.hpp>

#include <array>
#include <complex>
#include <functional>
#include <memory>

namespace cbec {

namespace fftw { class SlabTransform; }

class FourierTransform {
 public:
  /// threads: threads of the plans (fftw_plan_with_nthreads) and of the
  /// pointwise passes around them; measure: FFTW_MEASURE (else FFTW_ESTIMATE).
  explicit FourierTransform(const Grid& grid, int threads = 1, bool measure = true);
  ~FourierTransform();
  FourierTransform(const FourierTransform&) = delete;
  FourierTransform& operator=(const FourierTransform&) = delete;

  const Grid& grid() const { return grid_; }
  /// Number of complex coefficients of the half spectrum (n^{d-1}(n/2+1)).
  size_t spectralSize() const { return nspec_; }
  /// |k|² for each coefficient of the half spectrum.
  const std::vector<double>& k2() const { return *k2_; }
  void forward(const Field& u, std::vector<std::complex<double>>& uhat);
  void backward(const std::vector<std::complex<double>>& uhat, Field& u);
  /// out = F^{-1}[ m(|k|²) F u ] for a multiplier given as a table over the half spectrum; with `scale`
  /// (a field D) the diagonal sandwich out = D·F^{-1}[ m F(D·u) ], fused into the copies in and out.
  void applyMultiplier(const Field& u, const std::vector<double>& multiplier, Field& out,
                       const Field* scale = nullptr);
  /// The shifted resolvent (α - νΔ)^{-1} without a table: out = F^{-1}[ F u / (α + ν|k|²) ], with `scale` D
  /// the sandwich out = D·F^{-1}[ F(D·u) / (α + ν|k|²) ] (the PCG preconditioner; same values as the
  /// tabulated multiplier, 8 bytes per coefficient less).
  void applyResolvent(const Field& u, double alpha, double nu, Field& out, const Field* scale = nullptr);
  /// Same, and returns ⟨out, f(-Δ) out⟩ by Parseval from the spectrum already at hand (no extra FFT).
  double applyMultiplier(const Field& u, const std::vector<double>& multiplier, Field& out,
                         const std::vector<double>& form);
  /// out = -Δu.
  void laplacianNeg(const Field& u, Field& out);
  /// Tabulate a multiplier m(|k|²) over the half spectrum.
  std::vector<double> tabulate(const std::function<double(double)>& m) const;
  /// ⟨u, m(-Δ) u⟩ = ∫ u m(-Δ)u by Parseval from û (one forward transform already done).
  double quadraticForm(const std::vector<std::complex<double>>& uhat, const std::vector<double>& m) const;
  /// ⟨u, m(-Δ) u⟩ by Parseval for a real field (one forward transform, no spectrum kept).
  double quadraticForm(const Field& u, const std::vector<double>& m);
  /// Relative size of the highest Fourier modes: max over |k_i| ≥ (2/3)·π/h of |û| / max |û|.
  double highModeFraction(const Field& u);

  // ---- complex fields: complex-to-complex transforms over the full spectrum ----
  /// û = F u over the full spectrum (n^d coefficients, unnormalised).
  void forward(const ComplexField& u, ComplexField& uhat);
  /// u = F^{-1} û, divided by n^d.
  void backward(const ComplexField& uhat, ComplexField& u);
  /// |k|² for each coefficient of the full spectrum (FFTW order).
  const std::vector<double>& k2Full();
  /// Tabulate m(|k|²) over the full spectrum (real, e.g. ŵ; or complex, e.g. e^{-iτν|k|²}).
  std::vector<double> tabulateFull(const std::function<double(double)>& m);
  std::vector<std::complex<double>> tabulateFullComplex(const std::function<std::complex<double>(double)>& m);
  /// out = F^{-1}[ m(|k|²) F u ] for a real or complex multiplier over the full spectrum (out may be u).
  void applyMultiplier(const ComplexField& u, const std::vector<double>& multiplier, ComplexField& out);
  void applyMultiplier(const ComplexField& u, const std::vector<std::complex<double>>& multiplier, ComplexField& out);
  /// out = -Δu for a complex field.
  void laplacianNeg(const ComplexField& u, ComplexField& out);
  /// ⟨u, m(-Δ)u⟩ = ∫ conj(u) m(-Δ)u by Parseval (one forward c2c transform), m over the full spectrum.
  double quadraticForm(const ComplexField& u, const std::vector<double>& multiplierFull);

  /// The c2c work buffer (n^d values, FFTW order, FFTW-aligned) and unnormalised in-place transforms of
  /// it (û = F u; u = n^d F^{-1} û), for callers that fuse their pointwise passes into the copies in
  /// and out (the harmonic flow's chirps). Each transform counts in fftCount().
  std::complex<double>* complexBuffer();
  void forwardInBuffer();
  void backwardInBuffer();

  /// The r2c work buffer for callers that fuse their pointwise passes into the copies in and out (the
  /// PCG preconditioner, the Hamiltonian's residual): point i of the grid (row-major) is buffer value b_i.
  ///   fillReal<K>(f):   b_i = f(i, acc) for every i, returns the K sums f added to acc (parallel::sum);
  ///   multiplierInBuffer(m): b ← n^d F^{-1}[ m(|k|²) F b ]      (2 transforms, unnormalised);
  ///   resolventInBuffer(α, ν): b ← n^d F^{-1}[ F b / (α + ν|k|²) ] (2 transforms, unnormalised);
  ///   drainReal<K>(f):  f(i, b_i, acc) for every i, returns the K sums; multiply b_i by inverseSize() = 1/n^d.
  /// The sums are parallel::sum's blocks over the grid index i: the same bits for any thread count.
  template <size_t K, class F> std::array<double, K> fillReal(F&& f) {
    return overRealBuffer<K>([&f](size_t i, double& b, std::array<double, K>& acc) { b = f(i, acc); });
  }
  template <size_t K, class F> std::array<double, K> drainReal(F&& f) {
    return overRealBuffer<K>([&f](size_t i, double& b, std::array<double, K>& acc) { f(i, b, acc); });
  }
  void multiplierInBuffer(const std::vector<double>& multiplier);
  void resolventInBuffer(double alpha, double nu);
  double inverseSize() const { return 1.0 / static_cast<double>(grid_.globalSize()); }

  /// A batch of independent real-field work, e.g. one item per species: f(i, lane) for i = 0..count-1,
  /// where `lane` is a FourierTransform of this grid to use for item i. With threads() ≥ 2 and count ≥ 2
  /// the items run concurrently on L = min(count, threads()) threads, thread t taking the next item not
  /// yet taken and running it on lane t, a one-thread transform (one-thread plans, serial pointwise
  /// passes; lane 0 shares this object's buffer, the others have their own: n^{d-1}(n/2+1) complex
  /// values each, made on the first batch). Otherwise
  /// the items run one after the other on this object. Each item then runs the same one-thread plans and
  /// serial passes whatever threads() is: a transform split over threads synchronises inside each stage
  /// (FFTW: 1.55× on 2 threads for a pair of 512² transforms on the 2-vCPU test machine), a batch of two
  /// on two lanes does not (1.9×). The lanes' transforms count in fftCount(). f must not throw.
  void concurrently(size_t count, const std::function<void(size_t, FourierTransform&)>& f);
  /// Makes (plans) now the lanes a batch of `count` items will use, e.g. when the solver is set up, so that
  /// measuring their plans does not fall into the first batch. Nothing with threads() < 2 or count < 2.
  void prepareLanes(size_t count);

  /// Threads of the transforms and of the pointwise passes on this grid (parallel.hpp).
  int threads() const { return threads_; }
  long fftCount() const { return count_; }
  void resetCount() { count_ = 0; }

 private:
  Grid grid_;
  size_t nspec_;
  size_t rows_ = 0;                 // n^{d-1}
  std::shared_ptr<const std::vector<double>> k2_;   // shared with the lanes
  struct Plans;
  struct ComplexPlans;
  std::unique_ptr<Plans> plans_;
  std::unique_ptr<ComplexPlans> cplans_;   // made on the first complex call
  std::vector<double> k2Full_;
  int threads_ = 1;
  bool measure_ = true;
  std::vector<std::unique_ptr<FourierTransform>> lanes_;   // concurrently(): one-thread transforms
  std::unique_ptr<fftw::SlabTransform> slab_;   // a slab grid: FFTW-MPI's transform instead of plans_->fwd/bwd
  parallel::Team spectralTeam_;                 // the spectral sums' workers (the ranks of a slab)
  size_t firstColumn_ = 0;                      // a slab: the first column of the transposed spectrum here
  std::vector<size_t> spectralParts_;           // a slab: every rank's (offset, length) in the transposed spectrum
  void makeSlab();
  void executeForward();
  void executeBackward();
  double slabMultiplicity(size_t i) const;
  FourierTransform(const FourierTransform& parent, bool shareBuffer);   // a lane of `parent`
  void makeRealPlans(int threads);   // the r2c/c2r plans on plans_->spec
  ComplexPlans& complexPlans();
  std::array<double, 3> waveVector(size_t halfSpectrumIndex) const;
  double multiplicity(size_t halfSpectrumIndex) const;   // 1 or 2 in the full spectrum (Parseval)
  void loadReal(const Field& u, const Field* scale);
  void storeReal(Field& out, double factor, const Field* scale);
  double* realBuffer();   // the in-place r2c buffer, rows of n values padded to 2(n/2+1)
  /// g(i, b_i, acc) over the grid in parallel::sum blocks, b_i the buffer value of grid point i.
  template <size_t K, class G> std::array<double, K> overRealBuffer(G&& g) {
    double* buf = realBuffer();
    const size_t n = static_cast<size_t>(grid_.points()), pad = 2 * (n / 2 + 1) - n;
    return parallel::sum<K>(grid_.team(threads_), grid_.size(), [&](size_t i0, size_t i1) {
      std::array<double, K> acc{};
      for (size_t i = i0; i < i1;) {
        const size_t r = i / n, end = std::min(i1, (r + 1) * n);
        double* row = buf + r * pad;   // row[i]: point i of row r in the padded layout
        for (; i < end; ++i) g(i, row[i], acc);
      }
      return acc;
    });
  }
  template <class M> void applyComplexMultiplier(const ComplexField& u, const std::vector<M>& m, ComplexField& out);
  long count_ = 0;
};

}  // namespace cbec
