// Real-time dynamics benchmark (issue 9): CPU time, steps, conservation and bytes per grid point.
//   dyn2d-256: i∂ψ = (−Δ + |x|² − 5|ψ|²)ψ in 2D, 256² on [−8, 8)², ψ(0) = π^{−1/2}e^{−|x|²/2}, t = 1 (the dynamics
//              case of bench/vs-xmds2). Errors against the exact identities E = 2 − 5/(4π) (conserved) and the
//              lens law ⟨|x|²⟩(1) = E/2 + (1 − E/2) cos 4. Splitting with the exact oscillator flow, Blanes–Moan,
//              step-doubling control at several tolerances.
//   toy3d:     the toy model of F §3 on a 32³ grid (box 14), Gaussian V (strength 1, width 1), t = 1, ν = 1, 10, 100:
//              grid flow against the radial reduction (distance Tr|γ_∞,ν − γ_∞,∞| and ⟨|x|²⟩), and the radial solver's
//              own cost.
// No XMDS2 runs here: bench/vs-xmds2/run runs XMDS2 (apt-get install -y xmds2) side by side with `cbec evolve`.
// Usage: bench_evolve [--quick] [--threads T] [--dyn-only | --toy-only | --toy-nu [NU ...]] | [--quick] [--threads T] --adaptive TOL [REPEATS]
#include <cbec/dynamics/adaptive_stepper.hpp>
#include <cbec/dynamics/fragmented_toy_evolution.hpp>
#include <cbec/dynamics/grid_evolution.hpp>
#include <cbec/dynamics/infinite_gap.hpp>
#include <cbec/dynamics/mean_field_flow.hpp>
#include <cbec/dynamics/toy_grid.hpp>

#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>

using namespace cbec;

namespace {

double cpuSeconds() { return double(std::clock()) / CLOCKS_PER_SEC; }
double peakBytes() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_maxrss) * 1024.0;
}

struct Run { long steps = 0, rejected = 0; double cpu = 0; ComplexState u; };

Run run(MeanFieldFlow& f, ComplexState u, double tEnd, double tol, double step, const SplittingScheme& s) {
  Run r;
  double t = 0, tau = step;
  StepCounts c;
  auto st = [&](ComplexState& w, double h, int k) { f.step(w, h, s, k); };
  auto dist = [&](const ComplexState& a, const ComplexState& b) { return f.distance(a, b); };
  const double c0 = cpuSeconds();
  advance(u, t, tEnd, tau, StepControl{tol, s.order}, st, dist, c);
  r.cpu = cpuSeconds() - c0;
  r.steps = c.accepted;
  r.rejected = c.rejected;
  r.u = std::move(u);
  return r;
}

void dyn2d(int n, int threads) {
  Grid g(2, n, 16.0);
  Hamiltonian H(Mixture::singleSpecies(2, 5.0, 2.0), g, threads, true);
  MeanFieldFlow f(H, LinearPart::ExactHarmonic);
  ComplexField u0(g.shape());
  std::array<double, 3> x{};
  for (size_t i = 0; i < g.size(); ++i) { g.point(i, x.data()); u0[i] = std::exp(-(x[0]*x[0] + x[1]*x[1]) / 2) / std::sqrt(M_PI); }
  const double E = 2 - 5 / (4 * M_PI), r2 = E / 2 + (1 - E / 2) * std::cos(4.0);
  // fine reference: Blanes–Moan with 2000 fixed steps (its own error ~1e-15, far below every row)
  const ComplexState ref = run(f, ComplexState{u0}, 1.0, 0.0, 1.0 / 2000, SplittingScheme::blanesMoan()).u;
  fmt::print("dyn2d-{}: a = 5, t = 1, exact oscillator flow + blanes_moan, step doubling\n", n);
  fmt::print("  {:>9} {:>7} {:>5} {:>10} {:>12} {:>12} {:>12} {:>10} {:>12}\n", "tolerance", "steps", "rej", "CPU s",
             "|ΔE|/E", "<r²> error", "norm drift", "FFTs", "‖u − ref‖");
  for (double tol : {1e-8, 1e-10, 1e-11, 1e-12}) {
    long f0 = H.fftCount();
    Run r = run(f, ComplexState{u0}, 1.0, tol, 0.05, SplittingScheme::blanesMoan());
    fmt::print("  {:>9.0e} {:>7} {:>5} {:>10.3f} {:>12.2e} {:>12.2e} {:>12.2e} {:>10} {:>12.2e}\n", tol, r.steps,
               r.rejected, r.cpu, std::abs(f.energy(r.u) - E) / E, std::abs(f.secondMoments(r.u)[0] - r2),
               std::abs(f.norms(r.u)[0] - 1), H.fftCount() - f0, f.distance(r.u, ref));
  }
  fmt::print("  fixed steps (no error estimate: one third of the work per step)\n");
  fmt::print("  {:>12} {:>7} {:>10} {:>12} {:>12} {:>10} {:>12}\n", "scheme", "steps", "CPU s", "|ΔE|/E", "<r²> error",
             "FFTs", "‖u − ref‖");
  struct Fixed { SplittingScheme s; int n; };
  for (const auto& c : {Fixed{SplittingScheme::blanesMoan(), 200}, Fixed{SplittingScheme::blanesMoan(), 300},
                        Fixed{SplittingScheme::blanesMoan(), 400},
                        Fixed{SplittingScheme::yoshida6(), 100}, Fixed{SplittingScheme::yoshida6(), 200},
                        Fixed{SplittingScheme::blanesMoan6(), 60}, Fixed{SplittingScheme::blanesMoan6(), 80},
                        Fixed{SplittingScheme::blanesMoan6(), 100}}) {
    long f0 = H.fftCount();
    Run r = run(f, ComplexState{u0}, 1.0, 0.0, 1.0 / c.n, c.s);
    fmt::print("  {:>12} {:>7} {:>10.3f} {:>12.2e} {:>12.2e} {:>10} {:>12.2e}\n", c.s.name, r.steps, r.cpu,
               std::abs(f.energy(r.u) - E) / E, std::abs(f.secondMoments(r.u)[0] - r2), H.fftCount() - f0,
               f.distance(r.u, ref));
  }
  fmt::print("  peak memory {:.0f} bytes per grid point (process peak RSS / n^d)\n\n", peakBytes() / double(g.size()));
}

// Issue 23 item 6: the adaptive mode's error estimate. Side by side at one tolerance, each run repeated and the
// smallest CPU time kept (shared machine): the old default (Blanes–Moan S6, step doubling), S6 with its embedded
// order-3 partner, the order-5 palindromic scheme with its adjoint as partner, and fixed-step Blanes–Moan S10.
// Errors against a fine reference (S10 with 800 steps) and the exact E and lens law.
void adaptiveCompare(int n, int threads, double tol, int repeats, bool lean) {
  Grid g(2, n, 16.0);
  Hamiltonian H(Mixture::singleSpecies(2, 5.0, 2.0), g, threads, true);
  MeanFieldFlow f(H, LinearPart::ExactHarmonic);
  ComplexField u0(g.shape());
  std::array<double, 3> x{};
  for (size_t i = 0; i < g.size(); ++i) { g.point(i, x.data()); u0[i] = std::exp(-(x[0]*x[0] + x[1]*x[1]) / 2) / std::sqrt(M_PI); }
  const double E = 2 - 5 / (4 * M_PI), r2 = E / 2 + (1 - E / 2) * std::cos(4.0);
  const ComplexState ref = run(f, ComplexState{u0}, 1.0, 0.0, 1.0 / 800, SplittingScheme::blanesMoan6()).u;
  const ComplexState ref2 = run(f, ComplexState{u0}, 1.0, 0.0, 1.0 / 2000, SplittingScheme::blanesMoan()).u;
  fmt::print("reference: blanes_moan6 with 800 steps; its distance to blanes_moan with 2000 steps {:.2e}\n",
             f.distance(ref, ref2));
  fmt::print("dyn2d-{}: adaptive error estimates at tolerance {:.0e} (min CPU of {} runs)\n", n, tol, repeats);
  fmt::print("  {:>40} {:>6} {:>4} {:>8} {:>10} {:>10} {:>10} {:>10} {:>8}\n", "run", "steps", "rej", "CPU s", "|ΔE|/E",
             "<r²> err", "‖u−ref‖", "norm drift", "FFTs");
  struct Case { std::string label; SplittingScheme s; ErrorEstimate e; double tol; double step; int ratio = 2; int once = 0; int every = 1; };
  std::vector<Case> cases = {
      {"blanes_moan, step doubling (old default)", SplittingScheme::blanesMoan(), ErrorEstimate::StepDoubling, tol, 0.05},
      {"blanes_moan + embedded order 3 (1 run)", SplittingScheme::blanesMoan(), ErrorEstimate::Embedded, tol, 0.05, 2, 1},
      {"palindromic5 + adjoint (order 5)", SplittingScheme::palindromic5(), ErrorEstimate::Embedded, tol, 0.05},
      {"palindromic5, step doubling", SplittingScheme::palindromic5(), ErrorEstimate::StepDoubling, tol, 0.05},
      {"blanes_moan6, step doubling", SplittingScheme::blanesMoan6(), ErrorEstimate::StepDoubling, tol, 0.05},
      {"blanes_moan, Richardson ratio 4", SplittingScheme::blanesMoan(), ErrorEstimate::StepDoubling, tol, 0.05, 4},
      {"blanes_moan6, Richardson ratio 4", SplittingScheme::blanesMoan6(), ErrorEstimate::StepDoubling, tol, 0.05, 4},
      {"blanes_moan6, Richardson ratio 8", SplittingScheme::blanesMoan6(), ErrorEstimate::StepDoubling, tol, 0.05, 8},
      {"blanes_moan, Richardson 4, every 2", SplittingScheme::blanesMoan(), ErrorEstimate::StepDoubling, tol, 0.05, 4, 0, 2},
      {"blanes_moan, Richardson 4, every 4", SplittingScheme::blanesMoan(), ErrorEstimate::StepDoubling, tol, 0.05, 4, 0, 4},
      {"blanes_moan, Richardson 8, every 4", SplittingScheme::blanesMoan(), ErrorEstimate::StepDoubling, tol, 0.05, 8, 0, 4},
      {"blanes_moan6 fixed 80", SplittingScheme::blanesMoan6(), ErrorEstimate::StepDoubling, 0.0, 1.0 / 80},
      {"blanes_moan6 fixed 100", SplittingScheme::blanesMoan6(), ErrorEstimate::StepDoubling, 0.0, 1.0 / 100},
  };
  for (const Case& c : cases) {
    // --lean: only the Richardson and fixed rows (the embedded and step-doubling ones are in docs/dynamics.md)
    if (lean && (c.label.find("embedded") != std::string::npos || c.label.find("palindromic") != std::string::npos ||
                 c.label.find("doubling") != std::string::npos))
      continue;
    double best = 1e300;
    GridRunState last;
    long ffts = 0;
    for (int k = 0; k < (c.once ? 1 : repeats); ++k) {
      GridRunState st;
      st.u = ComplexState{u0};
      st.initial = st.u;
      GridEvolution ev(f, std::move(st), GridEvolutionOptions{c.s, c.tol, c.step, c.e, c.ratio, c.every});
      const long f0 = H.fftCount();
      const double c0 = cpuSeconds();
      ev.advanceTo(1.0);
      best = std::min(best, cpuSeconds() - c0);
      ffts = H.fftCount() - f0;
      last = ev.state();
    }
    fmt::print("  {:>40} {:>6} {:>4} {:>8.3f} {:>10.2e} {:>10.2e} {:>10.2e} {:>10.2e} {:>8}\n", c.label,
               last.counts.accepted, last.counts.rejected, best, std::abs(f.energy(last.u) - E) / E,
               std::abs(f.secondMoments(last.u)[0] - r2), f.distance(last.u, ref), std::abs(f.norms(last.u)[0] - 1), ffts);
  }
  fmt::print("\n");
}

void toy3d(int n, int threads) {
  fmt::print("toy3d: F §3 toy model, Gaussian V (1, 1), n = (1/2, 1/2), t = 1, grid {}³ box 14, blanes_moan tol 1e-10\n", n);
  fmt::print("  {:>5} {:>7} {:>9} {:>14} {:>14} {:>10} {:>11} {:>8} {:>10}\n", "nu", "steps", "CPU s", "distance grid",
             "distance rad.", "|Δ<r²>|", "energy drift", "rad. steps", "rad. CPU s");
  for (double nu : {1.0, 10.0, 100.0}) {
    FragmentedToyModel model{nu, {0.5, 0.5}, RadialPotential::gaussian(1.0, 1.0)};
    Grid g(3, n, 14.0);
    auto H = toyHamiltonian(model, g, true);
    H->fourier();
    MeanFieldFlow f(*H, LinearPart::ExactHarmonic);
    auto phi0 = g.sample([](const double* x) { return std::pow(M_PI, -0.75) * std::exp(-(x[0]*x[0] + x[1]*x[1] + x[2]*x[2]) / 2); });
    ComplexField u0(g.shape());
    for (size_t i = 0; i < g.size(); ++i) u0[i] = phi0[i];
    const double E0 = f.energy(ComplexState{u0});
    Run r = run(f, ComplexState{u0}, 1.0, 1e-10, 0.01, SplittingScheme::blanesMoan());
    auto ov = f.overlaps(ComplexState{u0}, r.u)[0];
    double beta = std::sqrt(std::max(0.0, 1 - std::norm(ov)));   // grid: from the overlap (no oscillator basis)
    // the new adaptive default (blanes_moan, Richardson estimate with step ratio 4) at the same tolerance
    GridRunState st;
    st.u = ComplexState{u0};
    st.initial = st.u;
    GridEvolution ev(f, std::move(st),
                     GridEvolutionOptions{SplittingScheme::blanesMoan(), 1e-10, 0.01, ErrorEstimate::StepDoubling, 4});
    const double n0 = cpuSeconds();
    ev.advanceTo(1.0);
    const double newCpu = cpuSeconds() - n0;
    auto ovNew = f.overlaps(ComplexState{u0}, ev.state().u)[0];
    const double c0 = cpuSeconds();
    ToyEvolutionOptions opt;
    opt.scheme = SplittingScheme::blanesMoan();
    opt.tolerance = 1e-10;
    auto rad = evolveFragmentedToy(model, {1.0}, opt);
    const double radCpu = cpuSeconds() - c0;
    fmt::print("  {:>5} {:>7} {:>9.3f} {:>14.6e} {:>14.6e} {:>10.1e} {:>11.1e} {:>8} {:>10.4f}\n", nu, r.steps, r.cpu,
               2 * beta, rad.snapshots[0].distance, std::abs(f.secondMoments(r.u)[0] - rad.snapshots[0].x2),
               std::abs(f.energy(r.u) - E0) / E0, rad.steps.accepted, radCpu);
    fmt::print("  {:>5} new default (blanes_moan, Richardson ratio 4): {} steps, {:.3f} CPU s, distance {:.6e}, "
               "|Δ<r²>| {:.1e}\n", nu, ev.state().counts.accepted, newCpu,
               2 * std::sqrt(std::max(0.0, 1 - std::norm(ovNew))),
               std::abs(f.secondMoments(ev.state().u)[0] - rad.snapshots[0].x2));
  }
  fmt::print("  peak memory {:.0f} bytes per grid point\n\n", peakBytes() / std::pow(double(n), 3));
}

// Issue 23 item 6: the toy model's cost at equal accuracy across ν, side by side in one process. For each ν a
// converged reference (blanes_moan6, fixed steps N and 2N: their distance bounds the reference's own error), then
// the adaptive default (blanes_moan, Richardson k = 4) at tolerances 1e-8 and 1e-10, and fixed steps of
// blanes_moan and blanes_moan6; errors ‖u − ref‖, |Δd| (the distance 2β from the overlap) and |Δ⟨r²⟩|.
void toyNu(int n, int threads, const std::vector<double>& nus) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  fmt::print("toy3d-nu: F §3 toy model, Gaussian V (1, 1), t = 1, grid {}³ box 14, errors against a converged reference\n", n);
  for (double nu : nus) {
    FragmentedToyModel model{nu, {0.5, 0.5}, RadialPotential::gaussian(1.0, 1.0)};
    Grid g(3, n, 14.0);
    auto H = toyHamiltonian(model, g, true);
    H->fourier();
    MeanFieldFlow f(*H, LinearPart::ExactHarmonic);
    auto phi0 = g.sample([](const double* x) { return std::pow(M_PI, -0.75) * std::exp(-(x[0]*x[0] + x[1]*x[1] + x[2]*x[2]) / 2); });
    ComplexField u0(g.shape());
    for (size_t i = 0; i < g.size(); ++i) u0[i] = phi0[i];
    const int nref = static_cast<int>(std::ceil(30 * std::pow(nu, 0.8)));
    Run r1 = run(f, ComplexState{u0}, 1.0, 0.0, 1.0 / nref, SplittingScheme::blanesMoan6());
    Run r2 = run(f, ComplexState{u0}, 1.0, 0.0, 0.5 / nref, SplittingScheme::blanesMoan6());
    const ComplexState& ref = r2.u;
    auto dist = [&](const ComplexState& u) {
      auto ov = f.overlaps(ComplexState{u0}, u)[0];
      return 2 * std::sqrt(std::max(0.0, 1 - std::norm(ov)));
    };
    const double dRef = dist(ref), x2Ref = f.secondMoments(ref)[0];
    fmt::print(" nu = {}: reference blanes_moan6 {} steps, its distance to {} steps {:.1e}; distance {:.10e}\n", nu,
               2 * nref, nref, f.distance(r1.u, r2.u), dRef);
    fmt::print("  {:>38} {:>7} {:>6} {:>9} {:>10} {:>10} {:>10} {:>8}\n", "run", "steps", "rej", "CPU s", "‖u−ref‖",
               "|Δd|", "|Δ<r²>|", "FFTs");
    auto row = [&](const std::string& label, const ComplexState& u, long steps, long rej, double cpu, long ffts) {
      fmt::print("  {:>38} {:>7} {:>6} {:>9.3f} {:>10.2e} {:>10.2e} {:>10.2e} {:>8}\n", label, steps, rej, cpu,
                 f.distance(u, ref), std::abs(dist(u) - dRef), std::abs(f.secondMoments(u)[0] - x2Ref), ffts);
      std::fflush(stdout);
    };
    for (double tol : {1e-8, 1e-10}) {
      GridRunState st;
      st.u = ComplexState{u0};
      st.initial = st.u;
      GridEvolution ev(f, std::move(st), GridEvolutionOptions{SplittingScheme::blanesMoan(), tol, 0.01, ErrorEstimate::StepDoubling, 4});
      const long f0 = H->fftCount();
      const double c0 = cpuSeconds();
      ev.advanceTo(1.0);
      row(fmt::format("default tol {:.0e}", tol), ev.state().u, ev.state().counts.accepted, ev.state().counts.rejected,
          cpuSeconds() - c0, H->fftCount() - f0);
    }
    struct Fixed { SplittingScheme s; int steps; };
    std::vector<Fixed> fixed;
    for (double m : {0.25, 0.5}) fixed.push_back({SplittingScheme::blanesMoan(), static_cast<int>(std::ceil(m * nref))});
    fixed.push_back({SplittingScheme::blanesMoan6(), static_cast<int>(std::ceil(0.25 * nref))});
    for (const Fixed& c : fixed) {
      const long f0 = H->fftCount();
      Run r = run(f, ComplexState{u0}, 1.0, 0.0, 1.0 / c.steps, c.s);
      row(fmt::format("{} fixed", c.s.name), r.u, r.steps, 0, r.cpu, H->fftCount() - f0);
    }
  }
  fmt::print("\n");
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  int threads = 1;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--quick")) quick = true;
    else if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) threads = std::atoi(argv[++i]);
  }
  fmt::print("bench_evolve ({} thread(s)); XMDS2 rows: bench/vs-xmds2/run.\n\n", threads);
  bool onlyDyn = false;
  for (int i = 1; i < argc; ++i) onlyDyn |= !std::strcmp(argv[i], "--dyn-only");
  // --adaptive TOL [REPEATS]: only the side-by-side comparison of the adaptive error estimates
  for (int i = 1; i < argc; ++i)
    if (!std::strcmp(argv[i], "--adaptive") && i + 1 < argc) {
      const int repeats = i + 2 < argc ? std::atoi(argv[i + 2]) : 3;
      bool lean = false;
      for (int j = 1; j < argc; ++j) lean |= !std::strcmp(argv[j], "--lean");
      adaptiveCompare(quick ? 64 : 256, threads, std::atof(argv[i + 1]), std::max(1, repeats), lean);
      return 0;
    }
  for (int i = 1; i < argc; ++i)
    if (!std::strcmp(argv[i], "--toy-nu")) {
      std::vector<double> nus;
      for (int j = i + 1; j < argc && argv[j][0] != '-'; ++j) nus.push_back(std::atof(argv[j]));
      if (nus.empty()) nus = {1.0, 10.0, 100.0};
      toyNu(quick ? 24 : 32, threads, nus);
      return 0;
    }
  bool onlyToy = false;
  for (int i = 1; i < argc; ++i) onlyToy |= !std::strcmp(argv[i], "--toy-only");
  if (!onlyToy) dyn2d(quick ? 64 : 256, threads);
  if (!onlyDyn) toy3d(quick ? 24 : 32, threads);
}
