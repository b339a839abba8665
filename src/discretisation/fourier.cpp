#include <cbec/discretisation/fourier.hpp>

#include <cbec/discretisation/parallel.hpp>

#include "fftw_planner.hpp"
#include "slab_transform.hpp"

#include <cbec/io/errors.hpp>
#include <cbec/mpi/communicator.hpp>

#include <fftw3.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <mutex>
#include <numbers>
#include <type_traits>

namespace cbec {

namespace {
std::mutex& plannerMutex() { return fftw::plannerMutex(); }
void initThreadsOnce() { fftw::initThreadsOnce(); }

void checkPlan(bool ok, const char* what) {
  if (ok) return;
  if (fftw::wisdomPinned())
    throw InputError(fmt::format("FFTW: the pinned wisdom (a checkpoint's) has no {} plan for this grid and thread "
                                 "count (resume with the grid and --threads of the interrupted run)", what));
  throw NumericalError(fmt::format("FFTW: could not create {} plans", what));
}

/// A forward/backward plan pair: FFTW_ESTIMATE, or measured from the wisdom of transform `t`
/// (fftw::planMeasured: pinned wisdom, the process's, the file's block, else measured and stored).
/// Callers hold plannerMutex().
template <class Plan>
void makePlans(bool measure, const fftw::Transform& t, fftw_plan& fwd, fftw_plan& bwd, Plan&& plan) {
  if (!measure) return plan(FFTW_ESTIMATE, fwd, bwd);
  fftw::planMeasured(t, [&](unsigned flags) {
    plan(flags, fwd, bwd);
    if (fwd && bwd) return true;
    if (fwd) fftw_destroy_plan(fwd);
    if (bwd) fftw_destroy_plan(bwd);
    fwd = bwd = nullptr;
    return false;
  });
}
}  // namespace

// The r2c/c2r transforms run in place in one buffer: n^{d-1} rows of the half spectrum (n/2+1 complex), whose
// real view holds rows of n values padded to 2(n/2+1) (FFTW's in-place layout). One buffer instead of two
// saves 8 bytes per grid point.
struct FourierTransform::Plans {
  fftw_complex* spec = nullptr;
  double* real = nullptr;   // = (double*)spec, rows padded to 2(n/2+1)
  bool ownsBuffer = true;   // false for lane 0 of concurrently(), which plans on its parent's buffer
  fftw_plan fwd = nullptr, bwd = nullptr;
  ~Plans() {
    std::lock_guard<std::mutex> lock(plannerMutex());
    if (fwd) fftw_destroy_plan(fwd);
    if (bwd) fftw_destroy_plan(bwd);
    if (ownsBuffer) fftw_free(spec);
  }
};

struct FourierTransform::ComplexPlans {
  fftw_complex* buf = nullptr;
  fftw_plan fwd = nullptr, bwd = nullptr;
  std::unique_ptr<fftw::SlabTransform> slab;   // a slab grid: FFTW-MPI's c2c slab transform on buf instead
  void forward() { slab ? slab->forward() : fftw_execute(fwd); }
  void backward() { slab ? slab->backward() : fftw_execute(bwd); }
  ~ComplexPlans() {
    std::lock_guard<std::mutex> lock(plannerMutex());
    if (fwd) fftw_destroy_plan(fwd);
    if (bwd) fftw_destroy_plan(bwd);
    fftw_free(buf);
  }
};

FourierTransform::FourierTransform(const Grid& grid, int threads, bool measure)
    : grid_(grid), plans_(std::make_unique<Plans>()), threads_(threads), measure_(measure), spectralTeam_(threads) {
  if (grid.distributed()) {
    makeSlab();
    return;
  }
  const int d = grid.dimension(), n = grid.points();
  const int nh = n / 2 + 1;
  nspec_ = static_cast<size_t>(nh);
  for (int i = 1; i < d; ++i) nspec_ *= static_cast<size_t>(n);
  rows_ = nspec_ / nh;
  // |k|² of the half spectrum: last index 0..n/2 (the Nyquist mode n/2 has |k| = π/h), the others full
  // (row by row: the leading components' sum once per row, then + k_last², the same sums in the same order
  // as waveVector's k0² + k1² + k2²)
  auto k2 = std::make_shared<std::vector<double>>(nspec_);
  for (size_t row = 0; row < rows_; ++row) {
    const std::array<double, 3> k = waveVector(row * static_cast<size_t>(nh));   // k_last = 0 there
    double lead = 0;
    for (int i = 0; i < d - 1; ++i) lead += k[i] * k[i];
    const double dk = 2 * std::numbers::pi / grid.box();
    for (int j = 0; j < nh; ++j) {
      const double kl = dk * j;
      (*k2)[row * nh + j] = lead + kl * kl;
    }
  }
  k2_ = std::move(k2);
  initThreadsOnce();
  std::lock_guard<std::mutex> lock(plannerMutex());
  plans_->spec = fftw_alloc_complex(nspec_);
  makeRealPlans(threads);
}

FourierTransform::FourierTransform(const FourierTransform& parent, bool shareBuffer)
    : grid_(parent.grid_), nspec_(parent.nspec_), rows_(parent.rows_), k2_(parent.k2_),
      plans_(std::make_unique<Plans>()), threads_(1), measure_(parent.measure_) {
  std::lock_guard<std::mutex> lock(plannerMutex());
  plans_->ownsBuffer = !shareBuffer;
  plans_->spec = shareBuffer ? parent.plans_->spec : fftw_alloc_complex(nspec_);
  makeRealPlans(1);
}

// A slab (slab_transform.hpp): the rank's rows, its columns of the transposed spectrum with their |k|² (the
// same sums as the one-process table's, in the transposed order), one buffer of FFTW-MPI's local size.
void FourierTransform::makeSlab() {
  const int d = grid_.dimension(), n = grid_.points(), nh = n / 2 + 1;
  const fftw::SlabLayout l = fftw::slabLayout(d, n);
  if (l.firstPlane != grid_.firstPlane() || l.planes != grid_.planes())
    throw InputError(fmt::format("FFTW-MPI: the grid's slab (planes {}+{}) is not FFTW-MPI's ({}+{})", grid_.firstPlane(),
                                 grid_.planes(), l.firstPlane, l.planes));
  const size_t un = static_cast<size_t>(n), unh = static_cast<size_t>(nh);
  rows_ = static_cast<size_t>(l.planes) * (d == 3 ? un : 1);
  const size_t column = d == 2 ? un : un * unh;   // spectral values per column
  nspec_ = static_cast<size_t>(l.columns) * column;
  firstColumn_ = static_cast<size_t>(l.firstColumn);
  const size_t total = d == 2 ? unh * un : un * un * unh;
  for (double v : grid_.ranks()->allGather(std::vector<double>{static_cast<double>(firstColumn_ * column),
                                                                 static_cast<double>(nspec_)}))
    spectralParts_.push_back(static_cast<size_t>(v));
  spectralTeam_ = parallel::Team(threads_, grid_.ranks(), firstColumn_ * column, total, &spectralParts_);
  const double dk = 2 * std::numbers::pi / grid_.box();
  auto wrapped = [&](size_t j) { return dk * (j < un / 2 ? static_cast<double>(j) : static_cast<double>(j) - n); };
  auto k2 = std::make_shared<std::vector<double>>(nspec_);
  for (size_t c = 0; c < static_cast<size_t>(l.columns); ++c)
    for (size_t j0 = 0; j0 < un; ++j0) {
      const double k0 = wrapped(j0);
      double lead = 0;
      lead += k0 * k0;
      if (d == 2) {
        const double kl = dk * static_cast<double>(firstColumn_ + c);
        (*k2)[c * un + j0] = lead + kl * kl;
      } else {
        const double k1 = wrapped(firstColumn_ + c);
        lead += k1 * k1;
        for (size_t j2 = 0; j2 < unh; ++j2) {
          const double kl = dk * static_cast<double>(j2);
          (*k2)[(c * un + j0) * unh + j2] = lead + kl * kl;
        }
      }
    }
  k2_ = std::move(k2);
  initThreadsOnce();
  plans_->spec = fftw_alloc_complex(std::max<size_t>(l.allocComplex, 1));
  plans_->real = reinterpret_cast<double*>(plans_->spec);
  slab_ = std::make_unique<fftw::SlabTransform>(d, n, l, plans_->spec, measure_);
}

void FourierTransform::executeForward() {
  if (slab_) slab_->forward();
  else fftw_execute(plans_->fwd);
}

void FourierTransform::executeBackward() {
  if (slab_) slab_->backward();
  else fftw_execute(plans_->bwd);
}

// Multiplicity of value i of a slab's transposed spectrum: the half axis is the column (2D) or the last index (3D).
double FourierTransform::slabMultiplicity(size_t i) const {
  const size_t n = static_cast<size_t>(grid_.points()), nh = n / 2 + 1;
  const size_t jl = grid_.dimension() == 2 ? firstColumn_ + i / n : i % nh;
  return (jl == 0 || jl == nh - 1) ? 1.0 : 2.0;
}

// The in-place r2c/c2r plans on plans_->spec (the caller holds plannerMutex()).
void FourierTransform::makeRealPlans(int threads) {
  const int d = grid_.dimension(), n = grid_.points();
  plans_->real = reinterpret_cast<double*>(plans_->spec);
  int dims[3] = {n, n, n};
  fftw_plan_with_nthreads(std::max(1, threads));
  const fftw::Transform t{"r2c", std::vector<int>(d, n), std::max(1, threads)};
  makePlans(measure_, t, plans_->fwd, plans_->bwd, [&](unsigned flags, fftw_plan& fwd, fftw_plan& bwd) {
    fwd = fftw_plan_dft_r2c(d, dims, plans_->real, plans_->spec, flags);
    bwd = fftw_plan_dft_c2r(d, dims, plans_->spec, plans_->real, flags);
  });
  checkPlan(plans_->fwd && plans_->bwd, "r2c");
}

void FourierTransform::prepareLanes(size_t count) {
  if (slab_) return;   // a slab's transforms are collective: no lanes
  const size_t L = std::min(count, static_cast<size_t>(std::max(threads_, 1)));
  if (L < 2) return;
  while (lanes_.size() < L) lanes_.push_back(std::unique_ptr<FourierTransform>(new FourierTransform(*this, lanes_.empty())));
}

void FourierTransform::concurrently(size_t count, const std::function<void(size_t, FourierTransform&)>& f) {
  const size_t L = slab_ ? 1 : std::min(count, static_cast<size_t>(std::max(threads_, 1)));
  if (L < 2) {
    for (size_t i = 0; i < count; ++i) f(i, *this);
    return;
  }
  prepareLanes(count);
  parallel::claimed(L, count, [&](size_t t, size_t i) { f(i, *lanes_[t]); });   // thread t works on lane t
  for (size_t t = 0; t < L; ++t) {
    count_ += lanes_[t]->count_;
    lanes_[t]->count_ = 0;
  }
}

FourierTransform::~FourierTransform() = default;

std::array<double, 3> FourierTransform::waveVector(size_t idx) const {
  const int d = grid_.dimension(), n = grid_.points(), nh = n / 2 + 1;
  const double dk = 2 * std::numbers::pi / grid_.box();
  std::array<double, 3> k{};
  size_t r = idx;
  k[d - 1] = dk * static_cast<double>(r % nh);
  r /= nh;
  for (int i = d - 2; i >= 0; --i) {
    const int j = static_cast<int>(r % n);
    r /= n;
    k[i] = dk * (j < n / 2 ? j : j - n);
  }
  return k;
}

// Rows of n values into the padded rows of the in-place buffer (optionally times D), rows split over threads.
void FourierTransform::loadReal(const Field& u, const Field* scale) {
  const size_t n = static_cast<size_t>(grid_.points()), stride = 2 * (n / 2 + 1);
  parallel::forEach(threads_, rows_, [&](size_t r0, size_t r1) {
    for (size_t r = r0; r < r1; ++r) {
      double* dst = plans_->real + r * stride;
      const double* src = u.data() + r * n;
      if (!scale) { std::memcpy(dst, src, n * sizeof(double)); continue; }
      const double* sc = scale->data() + r * n;
      for (size_t j = 0; j < n; ++j) dst[j] = sc[j] * src[j];
    }
  }, parallel::kBlock / n + 1);
}

void FourierTransform::storeReal(Field& out, double factor, const Field* scale) {
  out.resize(grid_.shape());
  const size_t n = static_cast<size_t>(grid_.points()), stride = 2 * (n / 2 + 1);
  parallel::forEach(threads_, rows_, [&](size_t r0, size_t r1) {
    for (size_t r = r0; r < r1; ++r) {
      const double* src = plans_->real + r * stride;
      double* dst = out.data() + r * n;
      if (!scale) {
        for (size_t j = 0; j < n; ++j) dst[j] = factor * src[j];
      } else {
        const double* sc = scale->data() + r * n;
        for (size_t j = 0; j < n; ++j) dst[j] = factor * sc[j] * src[j];
      }
    }
  }, parallel::kBlock / n + 1);
}

double FourierTransform::multiplicity(size_t idx) const {
  if (slab_) return slabMultiplicity(idx);
  const size_t nh = static_cast<size_t>(grid_.points() / 2 + 1), jl = idx % nh;
  return (jl == 0 || jl == nh - 1) ? 1.0 : 2.0;
}

void FourierTransform::forward(const Field& u, std::vector<std::complex<double>>& uhat) {
  loadReal(u, nullptr);
  executeForward();
  ++count_;
  uhat.resize(nspec_);
  std::memcpy(static_cast<void*>(uhat.data()), plans_->spec, nspec_ * sizeof(fftw_complex));
}

void FourierTransform::backward(const std::vector<std::complex<double>>& uhat, Field& u) {
  std::memcpy(static_cast<void*>(plans_->spec), uhat.data(), nspec_ * sizeof(fftw_complex));
  executeBackward();
  ++count_;
  storeReal(u, inverseSize(), nullptr);
}

void FourierTransform::applyMultiplier(const Field& u, const std::vector<double>& m, Field& out, const Field* scale) {
  loadReal(u, scale);
  multiplierInBuffer(m);
  storeReal(out, inverseSize(), scale);
}

void FourierTransform::applyResolvent(const Field& u, double alpha, double nu, Field& out, const Field* scale) {
  loadReal(u, scale);
  resolventInBuffer(alpha, nu);
  storeReal(out, inverseSize(), scale);
}

double FourierTransform::applyMultiplier(const Field& u, const std::vector<double>& m, Field& out,
                                         const std::vector<double>& form) {
  loadReal(u, nullptr);
  executeForward();
  fftw_complex* spec = plans_->spec;
  const size_t nh = static_cast<size_t>(grid_.points() / 2 + 1);
  const double q = slab_ ? parallel::sum<1>(spectralTeam_, nspec_, [&](size_t i0, size_t i1) {
    double acc = 0;
    for (size_t i = i0; i < i1; ++i) {
      spec[i][0] *= m[i];
      spec[i][1] *= m[i];
      acc += slabMultiplicity(i) * form[i] * (spec[i][0] * spec[i][0] + spec[i][1] * spec[i][1]);
    }
    return std::array<double, 1>{acc};
  })[0] : parallel::sum<1>(threads_, nspec_, [&](size_t i0, size_t i1) {
    double acc = 0;
    for (size_t i = i0, jl = i0 % nh; i < i1; ++i, jl = jl + 1 == nh ? 0 : jl + 1) {
      spec[i][0] *= m[i];
      spec[i][1] *= m[i];
      const double w = (jl == 0 || jl == nh - 1) ? 1.0 : 2.0;   // multiplicity(i) without a division
      acc += w * form[i] * (spec[i][0] * spec[i][0] + spec[i][1] * spec[i][1]);
    }
    return std::array<double, 1>{acc};
  })[0];
  executeBackward();
  count_ += 2;
  const double inv = inverseSize();
  storeReal(out, inv, nullptr);
  return q * grid_.cellVolume() * inv;
}

void FourierTransform::laplacianNeg(const Field& u, Field& out) { applyMultiplier(u, *k2_, out); }

double* FourierTransform::realBuffer() { return plans_->real; }

void FourierTransform::multiplierInBuffer(const std::vector<double>& m) {
  executeForward();
  fftw_complex* spec = plans_->spec;
  parallel::forEach(threads_, nspec_, [&](size_t i0, size_t i1) {
    for (size_t i = i0; i < i1; ++i) {
      spec[i][0] *= m[i];
      spec[i][1] *= m[i];
    }
  });
  executeBackward();
  count_ += 2;
}

void FourierTransform::resolventInBuffer(double alpha, double nu) {
  executeForward();
  fftw_complex* spec = plans_->spec;
  const double* k2 = k2_->data();
  parallel::forEach(threads_, nspec_, [&](size_t i0, size_t i1) {
    for (size_t i = i0; i < i1; ++i) {
      const double m = 1.0 / (alpha + nu * k2[i]);
      spec[i][0] *= m;
      spec[i][1] *= m;
    }
  });
  executeBackward();
  count_ += 2;
}

std::vector<double> FourierTransform::tabulate(const std::function<double(double)>& m) const {
  std::vector<double> t(nspec_);
  for (size_t i = 0; i < nspec_; ++i) t[i] = m((*k2_)[i]);
  return t;
}

double FourierTransform::quadraticForm(const std::vector<std::complex<double>>& uhat,
                                       const std::vector<double>& m) const {
  // ∫ u m(-Δ)u = (h^d / n^d) Σ_full m(|k|²)|û_k|²
  if (slab_)
    return parallel::sum<1>(spectralTeam_, nspec_, [&](size_t i0, size_t i1) {
      std::array<double, 1> a{};
      for (size_t i = i0; i < i1; ++i) a[0] += multiplicity(i) * m[i] * std::norm(uhat[i]);
      return a;
    })[0] * grid_.cellVolume() * inverseSize();
  double s = 0;
  for (size_t i = 0; i < nspec_; ++i) s += multiplicity(i) * m[i] * std::norm(uhat[i]);
  return s * grid_.cellVolume() / static_cast<double>(grid_.size());
}

double FourierTransform::quadraticForm(const Field& u, const std::vector<double>& m) {
  loadReal(u, nullptr);
  executeForward();
  ++count_;
  const fftw_complex* spec = plans_->spec;
  const size_t nh = static_cast<size_t>(grid_.points() / 2 + 1);
  if (slab_)
    return parallel::sum<1>(spectralTeam_, nspec_, [&](size_t i0, size_t i1) {
      double acc = 0;
      for (size_t i = i0; i < i1; ++i)
        acc += slabMultiplicity(i) * m[i] * (spec[i][0] * spec[i][0] + spec[i][1] * spec[i][1]);
      return std::array<double, 1>{acc};
    })[0] * grid_.cellVolume() * inverseSize();
  const double s = parallel::sum<1>(threads_, nspec_, [&](size_t i0, size_t i1) {
    double acc = 0;
    for (size_t i = i0, jl = i0 % nh; i < i1; ++i, jl = jl + 1 == nh ? 0 : jl + 1) {
      const double w = (jl == 0 || jl == nh - 1) ? 1.0 : 2.0;   // multiplicity(i) without a division
      acc += w * m[i] * (spec[i][0] * spec[i][0] + spec[i][1] * spec[i][1]);
    }
    return std::array<double, 1>{acc};
  })[0];
  return s * grid_.cellVolume() / static_cast<double>(grid_.size());
}

double FourierTransform::highModeFraction(const Field& u) {
  if (slab_) throw InputError("highModeFraction: not on a grid split over ranks (an automatic grid is not split)");
  loadReal(u, nullptr);
  executeForward();
  ++count_;
  const double kcut = (2.0 / 3.0) * grid_.maxWaveNumber();
  double top = 0, high = 0;
  for (size_t i = 0; i < nspec_; ++i) {
    const double a = std::hypot(plans_->spec[i][0], plans_->spec[i][1]);
    top = std::max(top, a);
    const std::array<double, 3> k = waveVector(i);
    const double kmax = std::max({std::abs(k[0]), std::abs(k[1]), std::abs(k[2])});
    if (kmax >= kcut) high = std::max(high, a);
  }
  return top > 0 ? high / top : 0.0;
}

// ---- complex-to-complex ----

FourierTransform::ComplexPlans& FourierTransform::complexPlans() {
  if (cplans_) return *cplans_;
  auto p = std::make_unique<ComplexPlans>();
  if (slab_) {   // the c2c slab transform: its planes are the grid's (both axes of the transpose have n entries)
    const int d = grid_.dimension(), n = grid_.points();
    const fftw::SlabLayout l = fftw::slabLayout(d, n, true);
    if (l.firstPlane != grid_.firstPlane() || l.planes != grid_.planes() || l.firstColumn != l.firstPlane ||
        l.columns != l.planes)
      throw NumericalError(fmt::format("FFTW-MPI: the c2c slab (planes {}+{}, columns {}+{}) is not the grid's ({}+{})",
                                       l.firstPlane, l.planes, l.firstColumn, l.columns, grid_.firstPlane(), grid_.planes()));
    p->buf = fftw_alloc_complex(std::max<size_t>(l.allocComplex, 1));
    p->slab = std::make_unique<fftw::SlabTransform>(d, n, l, p->buf, measure_, true);
    cplans_ = std::move(p);
    return *cplans_;
  }
  const int d = grid_.dimension(), n = grid_.points();
  int dims[3] = {n, n, n};
  initThreadsOnce();
  std::lock_guard<std::mutex> lock(plannerMutex());
  p->buf = fftw_alloc_complex(grid_.size());
  fftw_plan_with_nthreads(std::max(1, threads_));
  const fftw::Transform t{"c2c", std::vector<int>(d, n), std::max(1, threads_)};
  makePlans(measure_, t, p->fwd, p->bwd, [&](unsigned flags, fftw_plan& fwd, fftw_plan& bwd) {
    fwd = fftw_plan_dft(d, dims, p->buf, p->buf, FFTW_FORWARD, flags);
    bwd = fftw_plan_dft(d, dims, p->buf, p->buf, FFTW_BACKWARD, flags);
  });
  checkPlan(p->fwd && p->bwd, "c2c");
  cplans_ = std::move(p);
  return *cplans_;
}

std::complex<double>* FourierTransform::complexBuffer() {
  return reinterpret_cast<std::complex<double>*>(complexPlans().buf);
}

void FourierTransform::forwardInBuffer() {
  complexPlans().forward();
  ++count_;
}

void FourierTransform::backwardInBuffer() {
  complexPlans().backward();
  ++count_;
}

const std::vector<double>& FourierTransform::k2Full() {
  if (!k2Full_.empty()) return k2Full_;
  const int d = grid_.dimension(), n = grid_.points();
  const double dk = 2 * std::numbers::pi / grid_.box();
  if (slab_) {   // the transposed spectrum: i = c·n + j0 (2D), (c·n + j0)·n + j2 (3D), axis 1 = firstPlane + c;
                 // the sum in the one-process order, k_{d-1}² first
    const size_t un = static_cast<size_t>(n), fc = static_cast<size_t>(grid_.firstPlane());
    auto k = [&](size_t j) { return dk * (j < un / 2 ? static_cast<double>(j) : static_cast<double>(j) - n); };
    k2Full_.resize(grid_.size());
    for (size_t c = 0; c < static_cast<size_t>(grid_.planes()); ++c)
      for (size_t j0 = 0; j0 < un; ++j0) {
        const double k0 = k(j0), k1 = k(fc + c);
        if (d == 2) {
          double s = 0;
          s += k1 * k1;
          s += k0 * k0;
          k2Full_[c * un + j0] = s;
          continue;
        }
        for (size_t j2 = 0; j2 < un; ++j2) {
          const double k2 = k(j2);
          double s = 0;
          s += k2 * k2;
          s += k1 * k1;
          s += k0 * k0;
          k2Full_[(c * un + j0) * un + j2] = s;
        }
      }
    return k2Full_;
  }
  k2Full_.resize(grid_.size());
  for (size_t idx = 0; idx < k2Full_.size(); ++idx) {
    size_t r = idx;
    double s = 0;
    for (int i = 0; i < d; ++i) {
      const int j = static_cast<int>(r % n);
      r /= n;
      const double k = dk * (j < n / 2 ? j : j - n);
      s += k * k;
    }
    k2Full_[idx] = s;
  }
  return k2Full_;
}

std::vector<double> FourierTransform::tabulateFull(const std::function<double(double)>& m) {
  const std::vector<double>& k2 = k2Full();
  std::vector<double> t(k2.size());
  for (size_t i = 0; i < k2.size(); ++i) t[i] = m(k2[i]);
  return t;
}

std::vector<std::complex<double>> FourierTransform::tabulateFullComplex(
    const std::function<std::complex<double>(double)>& m) {
  const std::vector<double>& k2 = k2Full();
  std::vector<std::complex<double>> t(k2.size());
  for (size_t i = 0; i < k2.size(); ++i) t[i] = m(k2[i]);
  return t;
}

void FourierTransform::forward(const ComplexField& u, ComplexField& uhat) {
  ComplexPlans& p = complexPlans();
  std::memcpy(static_cast<void*>(p.buf), u.data(), grid_.size() * sizeof(fftw_complex));
  p.forward();
  ++count_;
  uhat.resize(grid_.shape());
  std::memcpy(static_cast<void*>(uhat.data()), p.buf, grid_.size() * sizeof(fftw_complex));
}

void FourierTransform::backward(const ComplexField& uhat, ComplexField& u) {
  ComplexPlans& p = complexPlans();
  std::memcpy(static_cast<void*>(p.buf), uhat.data(), grid_.size() * sizeof(fftw_complex));
  p.backward();
  ++count_;
  u.resize(grid_.shape());
  const double inv = inverseSize();
  auto* b = reinterpret_cast<std::complex<double>*>(p.buf);
  for (size_t i = 0; i < grid_.size(); ++i) u[i] = b[i] * inv;
}

template <class M>
void FourierTransform::applyComplexMultiplier(const ComplexField& u, const std::vector<M>& m, ComplexField& out) {
  ComplexPlans& p = complexPlans();
  const size_t n = grid_.size();
  std::memcpy(static_cast<void*>(p.buf), u.data(), n * sizeof(fftw_complex));
  p.forward();
  const double inv = inverseSize();
  auto* b = reinterpret_cast<std::complex<double>*>(p.buf);
  parallel::forEach(threads_, n, [&](size_t i0, size_t i1) {
    for (size_t i = i0; i < i1; ++i) {
      if constexpr (std::is_same_v<M, double>) {
        b[i] *= m[i] * inv;
      } else {   // plain real arithmetic (std::complex's operator* calls __muldc3 per point)
        const double mr = m[i].real() * inv, mi = m[i].imag() * inv, br = b[i].real(), bi = b[i].imag();
        b[i] = {br * mr - bi * mi, br * mi + bi * mr};
      }
    }
  });
  p.backward();
  count_ += 2;
  out.resize(grid_.shape());
  std::memcpy(static_cast<void*>(out.data()), p.buf, n * sizeof(fftw_complex));
}

void FourierTransform::applyMultiplier(const ComplexField& u, const std::vector<double>& m, ComplexField& out) {
  applyComplexMultiplier(u, m, out);
}

void FourierTransform::applyMultiplier(const ComplexField& u, const std::vector<std::complex<double>>& m,
                                       ComplexField& out) {
  applyComplexMultiplier(u, m, out);
}

void FourierTransform::laplacianNeg(const ComplexField& u, ComplexField& out) { applyComplexMultiplier(u, k2Full(), out); }

double FourierTransform::quadraticForm(const ComplexField& u, const std::vector<double>& m) {
  ComplexPlans& p = complexPlans();
  const size_t n = grid_.size();
  std::memcpy(static_cast<void*>(p.buf), u.data(), n * sizeof(fftw_complex));
  p.forward();
  ++count_;
  const auto* b = reinterpret_cast<const std::complex<double>*>(p.buf);
  if (slab_)   // the transposed spectrum's global order (its parts are the grid's: columns = planes)
    return parallel::sum<1>(grid_.team(threads_), n, [&](size_t i0, size_t i1) {
      std::array<double, 1> a{};
      for (size_t i = i0; i < i1; ++i) a[0] += m[i] * std::norm(b[i]);
      return a;
    })[0] * grid_.cellVolume() * inverseSize();
  double s = 0;   // ∫ conj(u) m(-Δ)u = (h^d / n^d) Σ m(|k|²)|û_k|²
  for (size_t i = 0; i < n; ++i) s += m[i] * std::norm(b[i]);
  return s * grid_.cellVolume() / static_cast<double>(n);
}

}  // namespace cbec
