// Phase-averaged Hartree marginals γ_∞^(k)(t) (mean_field_marginal.hpp).
#include <cbec/manybody/mean_field_marginal.hpp>

#include <cbec/fragmentation/condensation_bounds.hpp>
#include <cbec/fragmentation/fock_basis.hpp>
#include <cbec/fragmentation/trace_norm.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/manybody/mode_hartree_flow.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace cbec {
namespace {

/// Gauss–Kronrod 7/15 on [-1, 1]: Kronrod nodes ±x[i] (x[7] = 0), weights wk; the Gauss nodes are
/// x[1], x[3], x[5], x[7] with weights wg.
constexpr double kGkX[8] = {0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
                            0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
                            0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
                            0.207784955007898467600689403773245, 0.0};
constexpr double kGkWk[8] = {0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
                             0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
                             0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
                             0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
constexpr double kGkWg[4] = {0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
                             0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

/// One panel [a, b] of [0, 2π): its Kronrod contribution to the average (already divided by 2π) and
/// Tr|K − G| per time.
struct Panel {
  double a = 0, b = 0;
  std::vector<Eigen::MatrixXcd> kronrod;
  std::vector<double> error;
};

Panel evaluatePanel(const std::function<std::vector<Eigen::MatrixXcd>(double)>& f, double a, double b) {
  Panel p;
  p.a = a, p.b = b;
  const double c = 0.5 * (a + b), h = 0.5 * (b - a), scale = h / (2 * M_PI);
  std::vector<Eigen::MatrixXcd> gauss;
  auto add = [&](double theta, double wk, double wg) {
    const std::vector<Eigen::MatrixXcd> v = f(theta);
    if (p.kronrod.empty()) {
      for (const auto& m : v) {
        p.kronrod.push_back(Eigen::MatrixXcd::Zero(m.rows(), m.cols()));
        gauss.push_back(Eigen::MatrixXcd::Zero(m.rows(), m.cols()));
      }
    }
    if (v.size() != p.kronrod.size()) throw InputError("phase average: the integrand changed its number of times");
    for (std::size_t t = 0; t < v.size(); ++t) {
      p.kronrod[t] += (wk * scale) * v[t];
      if (wg != 0) gauss[t] += (wg * scale) * v[t];
    }
  };
  for (int i = 0; i < 7; ++i) {
    const double wg = i % 2 == 1 ? kGkWg[i / 2] : 0.0;
    add(c - h * kGkX[i], kGkWk[i], wg);
    add(c + h * kGkX[i], kGkWk[i], wg);
  }
  add(c, kGkWk[7], kGkWg[3]);
  for (std::size_t t = 0; t < p.kronrod.size(); ++t)
    p.error.push_back(traceNorm(Eigen::MatrixXcd(p.kronrod[t] - gauss[t])));
  return p;
}

}  // namespace

MeanFieldMarginals phaseAveragedMarginals(const FewModeModel& H, const std::vector<Eigen::VectorXcd>& orbitals,
                                          const std::vector<double>& fractions, int k,
                                          const std::vector<double>& times, int phases, double tol) {
  const int L = static_cast<int>(orbitals.size());
  if (L < 1 || static_cast<int>(fractions.size()) != L)
    throw InputError("mean-field marginal: one fraction per orbital, at least one orbital");
  if (phases < 2 || phases % 2) throw InputError(fmt::format("mean-field marginal: phases must be even, got {}", phases));
  double sum = 0;
  for (double n : fractions) {
    if (!(std::isfinite(n) && n > 0)) throw InputError("mean-field marginal: fractions must be positive");
    sum += n;
  }
  if (std::abs(sum - 1) > 1e-12) throw InputError("mean-field marginal: fractions must sum to 1");
  const std::size_t dk = FockBasis(H.modes(), k).dimension();
  const std::size_t T = times.size();
  std::vector<Eigen::MatrixXcd> full(T, Eigen::MatrixXcd::Zero(dk, dk)), half = full;
  const int P = L == 1 ? 1 : phases;
  std::size_t points = 1;
  for (int j = 1; j < L; ++j) points *= P;
  std::size_t halfPoints = 0;
  for (std::size_t q = 0; q < points; ++q) {
    Eigen::VectorXcd c0 = std::sqrt(fractions[0]) * orbitals[0];
    bool even = true;
    std::size_t r = q;
    for (int j = 1; j < L; ++j) {
      const int digit = static_cast<int>(r % P);
      r /= P;
      even = even && digit % 2 == 0;
      c0 += std::sqrt(fractions[j]) * std::polar(1.0, -2 * M_PI * digit / P) * orbitals[j];
    }
    const auto cs = hartreeOrbitals(H, c0, times, 1.0, tol);
    if (even) ++halfPoints;
    for (std::size_t t = 0; t < T; ++t) {
      const Eigen::VectorXcd v = symmetricPower(cs[t], k);
      const Eigen::MatrixXcd proj = v * v.adjoint();
      full[t] += proj;
      if (even) half[t] += proj;
    }
  }
  MeanFieldMarginals out;
  out.times = times;
  for (std::size_t t = 0; t < T; ++t) {
    full[t] /= double(points);
    half[t] /= double(halfPoints);
    out.gamma.push_back(full[t]);
    out.quadratureError.push_back(L == 1 ? 0.0 : traceNorm(Eigen::MatrixXcd(full[t] - half[t])));
  }
  return out;
}

AdaptivePhaseAverage adaptivePhaseAverage(const std::function<std::vector<Eigen::MatrixXcd>(double)>& f,
                                          const PhaseTarget& target, const AdaptivePhaseOptions& o) {
  if (o.initialPanels < 1) throw InputError("phase average: at least one initial panel");
  std::vector<Panel> panels;
  const double width0 = 2 * M_PI / o.initialPanels;
  for (int i = 0; i < o.initialPanels; ++i) panels.push_back(evaluatePanel(f, i * width0, (i + 1) * width0));
  AdaptivePhaseAverage out;
  out.phases = 15LL * o.initialPanels;
  const std::size_t T = panels.front().kronrod.size();
  // Panels narrower than this (relative to 2π) are not bisected: below it θ itself is not resolved.
  constexpr double kNarrowest = 1e-12 * 2 * M_PI;
  while (true) {
    out.gamma.assign(T, Eigen::MatrixXcd());
    out.quadratureError.assign(T, 0.0);
    for (std::size_t t = 0; t < T; ++t) {
      out.gamma[t] = Eigen::MatrixXcd::Zero(panels.front().kronrod[t].rows(), panels.front().kronrod[t].cols());
      for (const Panel& p : panels) out.gamma[t] += p.kronrod[t], out.quadratureError[t] += p.error[t];
    }
    out.target = target(out.gamma);
    if (out.target.size() != T) throw InputError("phase average: the target has the wrong number of times");
    std::vector<std::size_t> failing;
    for (std::size_t t = 0; t < T; ++t)
      if (out.quadratureError[t] > out.target[t]) failing.push_back(t);
    if (failing.empty()) break;
    // Score of a panel: its largest share of a failing time's target; bisect the worst eighth.
    std::vector<double> score(panels.size(), 0.0);
    for (std::size_t i = 0; i < panels.size(); ++i) {
      if (panels[i].b - panels[i].a < 2 * kNarrowest) continue;
      for (std::size_t t : failing)
        score[i] = std::max(score[i], panels[i].error[t] / std::max(out.target[t], 1e-300));
    }
    std::vector<std::size_t> order(panels.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return score[x] > score[y]; });
    const long long budget = (o.maxPhases - out.phases) / 30;   // bisections the cap still allows
    const std::size_t batch = std::min<std::size_t>(std::max<std::size_t>(1, panels.size() / 8),
                                                    static_cast<std::size_t>(std::max(0LL, budget)));
    if (batch == 0 || score[order[0]] == 0) {
      out.capped = true;
      break;
    }
    std::vector<Panel> next;
    std::vector<bool> split(panels.size(), false);
    for (std::size_t j = 0; j < batch && score[order[j]] > 0; ++j) split[order[j]] = true;
    for (std::size_t i = 0; i < panels.size(); ++i) {
      if (!split[i]) {
        next.push_back(std::move(panels[i]));
        continue;
      }
      const double a = panels[i].a, b = panels[i].b, m = 0.5 * (a + b);
      next.push_back(evaluatePanel(f, a, m));
      next.push_back(evaluatePanel(f, m, b));
      out.phases += 30;
    }
    panels = std::move(next);
  }
  out.panels = static_cast<int>(panels.size());
  out.smallestPanel = 2 * M_PI;
  for (const Panel& p : panels) out.smallestPanel = std::min(out.smallestPanel, p.b - p.a);
  return out;
}

AdaptivePhaseAverage adaptivePhaseAveragedMarginals(const FewModeModel& H, const std::vector<Eigen::VectorXcd>& orbitals,
                                                    const std::vector<double>& fractions, int k,
                                                    const std::vector<double>& times, const PhaseTarget& target,
                                                    const AdaptivePhaseOptions& options) {
  if (orbitals.size() != 2 || fractions.size() != 2)
    throw InputError("adaptive phase average: two orbitals and two fractions (more levels: phaseAveragedMarginals)");
  for (double n : fractions)
    if (!(std::isfinite(n) && n > 0)) throw InputError("mean-field marginal: fractions must be positive");
  if (std::abs(fractions[0] + fractions[1] - 1) > 1e-12) throw InputError("mean-field marginal: fractions must sum to 1");
  if (k < 1) throw InputError(fmt::format("mean-field marginal: k must be at least 1, got {}", k));
  auto projectors = [&](double theta, double tol) {
    const Eigen::VectorXcd c0 =
        std::sqrt(fractions[0]) * orbitals[0] + std::sqrt(fractions[1]) * std::polar(1.0, -theta) * orbitals[1];
    const auto cs = hartreeOrbitals(H, c0, times, 1.0, tol);
    std::vector<Eigen::MatrixXcd> proj;
    for (const auto& c : cs) {
      const Eigen::VectorXcd v = symmetricPower(c, k);
      proj.push_back(v * v.adjoint());
    }
    return proj;
  };
  // The start must sample the integrand's bandwidth, which grows like t × (the spread of the flow's
  // frequencies ≲ max|h_ij| + max|V_ijkl|): at least 2 t S / π panels (30 t S / π phases).
  const int M = H.modes();
  double S = H.oneBody().cwiseAbs().maxCoeff();
  double v = 0;
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < M; ++j)
      for (int a = 0; a < M; ++a)
        for (int b = 0; b < M; ++b) v = std::max(v, std::abs(H.V(i, j, a, b)));
  S += v;
  const double tmax = times.empty() ? 0.0 : times.back();
  AdaptivePhaseOptions o = options;
  o.initialPanels = std::max(o.initialPanels, static_cast<int>(std::ceil(std::min(2 * tmax * S / M_PI, 1e4))));
  AdaptivePhaseAverage out =
      adaptivePhaseAverage([&](double theta) { return projectors(theta, options.tol); }, target, o);
  out.times = times;
  out.flowError.assign(times.size(), 0.0);
  for (int j = 0; j < options.flowChecks; ++j) {
    const double theta = 2 * M_PI * (j + 0.5) / options.flowChecks;
    const auto a = projectors(theta, options.tol), b = projectors(theta, 0.01 * options.tol);
    for (std::size_t q = 0; q < times.size(); ++q)
      out.flowError[q] = std::max(out.flowError[q], traceNorm(Eigen::MatrixXcd(a[q] - b[q])));
  }
  return out;
}

}  // namespace cbec
