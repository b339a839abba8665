#include <cbec/dynamics/mean_field_flow.hpp>
#include <cbec/discretisation/parallel.hpp>
#include <cbec/dynamics/unit_phase.hpp>
#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace cbec {

namespace {

bool isHarmonic(const Trap& t) { return !t.isPower() || t.exponent() == 2.0; }

std::vector<double> omegaOf(const Trap& t, int d) {
  return t.isPower() ? std::vector<double>(d, 1.0) : t.omega();
}

}  // namespace

bool MeanFieldFlow::allHarmonic(const Mixture& m) {
  for (int s = 0; s < m.speciesCount(); ++s)
    if (!isHarmonic(m.species(s).trap)) return false;
  return true;
}

MeanFieldFlow::MeanFieldFlow(Hamiltonian& H, LinearPart linear) : H_(H), linear_(linear) {
  const Mixture& m = H.mixture();
  const int d = m.dimension();
  if (linear == LinearPart::ExactHarmonic) {
    if (!allHarmonic(m)) throw InputError("exact harmonic flow: every trap must be harmonic (power 2)");
    for (int s = 0; s < m.speciesCount(); ++s) {
      const Trap& t = m.species(s).trap;
      harmonic_.push_back(std::make_unique<HarmonicFlow>(H.grid(), H.fourier(), omegaOf(t, d), t.centre()));
    }
  }
  r2_ = H.grid().sample([d](const double* x) {
    double r = 0;
    for (int i = 0; i < d; ++i) r += x[i] * x[i];
    return r;
  });
}

const std::vector<std::complex<double>>& MeanFieldFlow::kineticMultiplier(int s, double tau) {
  for (const auto& c : kinetic_)
    if (c.s == s && c.tau == tau) return c.m;
  const double nu = H_.kineticPrefactor(s);
  auto m = H_.fourier().tabulateFullComplex([&](double k2) { return std::polar(1.0, -tau * nu * k2); });
  if (kinetic_.size() >= 8) kinetic_.erase(kinetic_.begin());
  kinetic_.push_back({s, tau, std::move(m)});
  return kinetic_.back().m;
}

void MeanFieldFlow::linearFlow(ComplexState& u, double tau) {
  for (int s = 0; s < static_cast<int>(u.size()); ++s) {
    if (linear_ == LinearPart::ExactHarmonic) harmonic_[s]->apply(u[s], H_.kineticPrefactor(s) * tau);
    else H_.fourier().applyMultiplier(u[s], kineticMultiplier(s, tau), u[s]);
  }
}

void MeanFieldFlow::potentialFlow(ComplexState& u, double tau) {
  H_.potential(u, U_);
  for (int s = 0; s < static_cast<int>(u.size()); ++s) {
    const double* U = U_[s].data();
    const bool exact = linear_ == LinearPart::ExactHarmonic;
    const double* V = exact ? H_.trap(s).data() : nullptr;
    const double nu = exact ? H_.kineticPrefactor(s) : 0.0;
    std::complex<double>* v = u[s].data();
    // v ← e^{−iτ(U − νV)} v in chunks: the phases, then the vectorised rotation (unit_phase.hpp)
    parallel::forEach(H_.fourier().threads(), u[s].size(), [&](size_t i0, size_t i1) {
      constexpr size_t kChunk = 512;
      double phase[kChunk];
      for (size_t c0 = i0; c0 < i1; c0 += kChunk) {
        const size_t m = std::min(kChunk, i1 - c0);
        for (size_t i = 0; i < m; ++i) phase[i] = -tau * (V ? U[c0 + i] - nu * V[c0 + i] : U[c0 + i]);
        rotateByPhases(v + c0, phase, m);
      }
    });
  }
}

void MeanFieldFlow::step(ComplexState& u, double tau, const SplittingScheme& scheme, int count) {
  scheme.step(tau, count, [&](double h) { linearFlow(u, h); }, [&](double h) { potentialFlow(u, h); });
}

double MeanFieldFlow::pairStep(ComplexState& u, double tau, const SplittingPair& pair, ComplexState& work) {
  return pair.step(
      tau, u, work, [&](ComplexState& v, double h) { linearFlow(v, h); },
      [&](ComplexState& v, double h) { potentialFlow(v, h); },
      [&](const ComplexState& a, const ComplexState& b) { return distance(a, b); });
}

// On a slab (slab.hpp) each sum is parallel::sum's over the whole grid in its global order (the same bits for
// every number of ranks); on one process the plain loops as before.
double MeanFieldFlow::distance(const ComplexState& a, const ComplexState& b) const {
  const Grid& g = H_.grid();
  double sum = 0;
  for (size_t s = 0; s < a.size(); ++s) {
    if (g.distributed()) {
      sum += parallel::sum<1>(g.team(H_.fourier().threads()), a[s].size(), [&](size_t i0, size_t i1) {
        std::array<double, 1> acc{};
        for (size_t i = i0; i < i1; ++i) acc[0] += std::norm(a[s][i] - b[s][i]);
        return acc;
      })[0];
      continue;
    }
    for (size_t i = 0; i < a[s].size(); ++i) sum += std::norm(a[s][i] - b[s][i]);
  }
  return std::sqrt(sum * g.cellVolume());
}

std::vector<double> MeanFieldFlow::norms(const ComplexState& u) const {
  const Grid& g = H_.grid();
  std::vector<double> out;
  for (const auto& v : u) {
    double sum = 0;
    if (g.distributed())
      sum = parallel::sum<1>(g.team(H_.fourier().threads()), v.size(), [&](size_t i0, size_t i1) {
        std::array<double, 1> acc{};
        for (size_t i = i0; i < i1; ++i) acc[0] += std::norm(v[i]);
        return acc;
      })[0];
    else
      for (const auto& z : v) sum += std::norm(z);
    out.push_back(std::sqrt(sum * g.cellVolume()));
  }
  return out;
}

std::vector<double> MeanFieldFlow::secondMoments(const ComplexState& u) const {
  const Grid& g = H_.grid();
  std::vector<double> out;
  for (const auto& v : u) {
    double sum = 0;
    if (g.distributed())
      sum = parallel::sum<1>(g.team(H_.fourier().threads()), v.size(), [&](size_t i0, size_t i1) {
        std::array<double, 1> acc{};
        for (size_t i = i0; i < i1; ++i) acc[0] += r2_[i] * std::norm(v[i]);
        return acc;
      })[0];
    else
      for (size_t i = 0; i < v.size(); ++i) sum += r2_[i] * std::norm(v[i]);
    out.push_back(sum * g.cellVolume());
  }
  return out;
}

std::vector<std::complex<double>> MeanFieldFlow::overlaps(const ComplexState& a, const ComplexState& b) const {
  const Grid& g = H_.grid();
  std::vector<std::complex<double>> out;
  for (size_t s = 0; s < a.size(); ++s) {
    std::complex<double> sum = 0;
    if (g.distributed()) {
      const auto re_im = parallel::sum<2>(g.team(H_.fourier().threads()), a[s].size(), [&](size_t i0, size_t i1) {
        std::array<double, 2> acc{};
        for (size_t i = i0; i < i1; ++i) {
          const std::complex<double> z = std::conj(a[s][i]) * b[s][i];
          acc[0] += z.real();
          acc[1] += z.imag();
        }
        return acc;
      });
      sum = {re_im[0], re_im[1]};
    } else {
      for (size_t i = 0; i < a[s].size(); ++i) sum += std::conj(a[s][i]) * b[s][i];
    }
    out.push_back(sum * g.cellVolume());
  }
  return out;
}

}  // namespace cbec
