#include <cbec/blowup/coincident_centres.hpp>

#include <cbec/blowup/rescaled_profile.hpp>
#include <cbec/hamiltonian/hamiltonian.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/soliton/blowup_constants.hpp>
#include <cbec/soliton/townes_profile.hpp>
#include <cbec/solver/auto_grid.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>

namespace cbec {
namespace {

/// A Townes profile ℓQ0(ℓ|x - c|) on the grid.
Field townes(const Grid& g, double ell, const std::vector<double>& c) {
  const auto& Q = TownesProfile::standard();
  return g.sample([&](const double* x) { return ell * Q.normalised(ell * std::hypot(x[0] - c[0], x[1] - c[1])); });
}

}  // namespace

CoincidentStudy runCoincidentStudy(const Mixture& base, const CoincidentOptions& o) {
  if (base.dimension() != 2 || base.speciesCount() != 2 || !base.pair().isContact())
    throw InputError("the coincident-centre study needs two species, contact interaction, dimension 2");
  const auto& z = base.species(0).trap.centre();
  const auto& z2 = base.species(1).trap.centre();
  if (std::hypot(z[0] - z2[0], z[1] - z2[1]) != 0)
    throw InputError("the coincident-centre study needs one trap centre (z1 = z2)");
  if (!(base.coupling(0, 1) < 0)) throw InputError("the coincident-centre study needs a12 < 0");
  for (int s = 0; s < 2; ++s)
    if (!base.species(s).trap.isPower()) throw InputError("the coincident-centre study needs power traps");
  for (double d : o.distances)
    if (!(d > 0 && d < 1)) throw InputError(fmt::format("distances must lie in (0, 1), got {}", d));
  const auto& Q = TownesProfile::standard();
  const double aStar = Q.aStar();
  const double p1 = base.species(0).trap.exponent(), p2 = base.species(1).trap.exponent();
  const std::vector<double> p{p1, p2};
  std::vector<double> Lambda, limit;
  for (double pi : p) {
    const BlowupConstants bc = blowupConstants(Q, pi, 1.0);
    Lambda.push_back(bc.Lambda);
    limit.push_back(bc.limit_single);
  }
  CoincidentStudy study;
  study.a12 = base.coupling(0, 1);
  std::vector<double> ds = o.distances;
  std::sort(ds.begin(), ds.end(), std::greater<>());
  std::optional<Grid> prevGrid;
  State prevBest;
  double ellGrid = 0, prevPredicted = 0;
  const std::vector<double> e{1.0, 0.0};

  for (double d : ds) {
    const auto t0 = std::chrono::steady_clock::now();
    CoincidentPoint pt;
    pt.distance = d;
    const std::vector<double> di{d, std::pow(d, (p2 + 2) / (p1 + 2))};
    pt.a = {aStar - di[0], aStar - di[1]};
    pt.predicted_single = 0;
    for (int s = 0; s < 2; ++s) {
      pt.predicted_ell.push_back(Lambda[s] * std::pow(di[s], -1 / (p[s] + 2)));
      pt.predicted_single += base.fraction(s) * limit[s] * std::pow(di[s], p[s] / (p[s] + 2));
    }
    const double predicted = std::max(pt.predicted_ell[0], pt.predicted_ell[1]);
    ellGrid = prevGrid ? ellGrid * predicted / prevPredicted : predicted;
    prevPredicted = predicted;
    const Mixture m = base.withCouplings(pt.a, base.interCouplings());

    SolverOptions so = o.solver;
    so.keep_history = false;
    for (int attempt = 0;; ++attempt) {
      const double box = o.box_factor / ellGrid;
      const int n = fftFriendlySize(static_cast<int>(std::ceil(o.box_factor * o.points_per_length)));
      const Grid g(2, n, box, z);
      so.tolerance = o.solver.tolerance * std::max(1.0, ellGrid);
      so.energy_tolerance = o.solver.energy_tolerance * std::max(1.0, ellGrid * ellGrid);
      Hamiltonian h(m, g, so.threads, so.measure);
      // the single-species energies on this grid
      pt.single_energy.clear();
      for (int s = 0; s < 2; ++s) {
        Species sp = m.species(s);
        sp.fraction = 1.0;
        const Mixture one(2, {sp}, Eigen::MatrixXd::Zero(1, 1));
        State init{townes(g, pt.predicted_ell[s] * ellGrid / predicted, z)};
        normalise(g, init);
        pt.single_energy.push_back(solveInGridFrame(one, g, so, &init).energy);
      }
      const double single = base.fraction(0) * pt.single_energy[0] + base.fraction(1) * pt.single_energy[1];
      std::vector<std::pair<std::string, State>> starts;
      const double l = ellGrid;
      starts.push_back({"together", {townes(g, l, z), townes(g, l, z)}});
      for (double k : o.split_widths) {
        const std::vector<double> a{z[0] - 0.5 * k / l * e[0], z[1]}, b{z[0] + 0.5 * k / l * e[0], z[1]};
        starts.push_back({fmt::format("split {:g}", k), {townes(g, l, a), townes(g, l, b)}});
      }
      if (o.one_centred_width > 0)
        starts.push_back({fmt::format("one-centred {:g}", o.one_centred_width),
                          {townes(g, l, z), townes(g, l, {z[0] + o.one_centred_width / l, z[1]})}});
      if (prevGrid) {
        // the previous lowest state dilated about the centre by s = ℓ_new/ℓ_old, then transferred
        State st;
        const double dil = prevGrid->box() / box;
        const Grid dilated(2, prevGrid->points(), prevGrid->box() / dil, z);
        for (const Field& u : prevBest) {
          Field f = u;
          for (double& v : f) v *= dil;
          st.push_back(std::move(transferState(dilated, State{std::move(f)}, g)[0]));
        }
        starts.push_back({"continuation", std::move(st)});
      }
      pt.starts.clear();
      double best = 1e300;
      State bestState;
      double highModes = 0, ellMax = 0;
      // "together" is radial and PCG keeps it so; that state does not concentrate (‖∇u_i‖ stays at the trap
      // scale), so it is solved on a trap-scale grid (box 16, spacing 1/16) from Townes profiles at scale 2.
      const Grid gT(2, 256, 16.0, z);
      Hamiltonian hT(m, gT, so.threads, so.measure);
      State togetherInit{townes(gT, 2.0, z), townes(gT, 2.0, z)};
      for (auto& [name, init] : starts) {
        const bool together = name == "together";
        Hamiltonian& hs = together ? hT : h;
        const Grid& gs = together ? gT : g;
        if (together) init = togetherInit;
        normalise(gs, init);
        so.label = name;
        const GroundStateResult r = groundState(hs, so, &init);
        CoincidentStart cs;
        cs.start = name;
        cs.energy = r.energy;
        cs.residual = r.residual;
        cs.converged = r.converged;
        cs.iterations = r.iterations;
        double lsum = 0;
        for (int s = 0; s < 2; ++s) {
          const ProfileComparison c = compareWithBlowupProfile(hs.fourier(), r.u[s], pt.predicted_ell[s], z);
          cs.peak.push_back(c.peak);
          cs.ell_measured.push_back(c.ell_measured);
          lsum += 0.5 * c.ell_measured;
        }
        cs.separation = std::hypot(cs.peak[0][0] - cs.peak[1][0], cs.peak[0][1] - cs.peak[1][1]);
        cs.separation_scaled = cs.separation * lsum;
        Field rho(gs.shape());
        for (size_t i = 0; i < rho.size(); ++i) rho[i] = r.u[0][i] * r.u[0][i];
        Field rho2(gs.shape());
        for (size_t i = 0; i < rho2.size(); ++i) rho2[i] = r.u[1][i] * r.u[1][i];
        cs.overlap = gs.dot(rho, rho2);
        cs.ratio = r.energy / single;
        if (!r.converged)
          study.warnings.push_back(fmt::format("d = {:.1e}, start \"{}\": not converged (residual {:.1e})", d, name, r.residual));
        if (r.energy < best && !together) {
          best = r.energy;
          bestState = r.u;
          highModes = 0;
          ellMax = 0;
          for (int s = 0; s < 2; ++s) {
            highModes = std::max(highModes, h.fourier().highModeFraction(r.u[s]));
            ellMax = std::max(ellMax, cs.ell_measured[s]);
          }
        }
        if (o.log)
          o.log(fmt::format("d = {:.1e}  {:<14} E = {:.12g}  E/(c1E1+c2E2) = {:.6f}  separation ℓ|x1-x2| = {:.4f}  "
                            "‖∇u‖ = {:.5g}, {:.5g}  overlap {:.3e}  {} it{}",
                            d, name, r.energy, cs.ratio, cs.separation_scaled, cs.ell_measured[0], cs.ell_measured[1],
                            cs.overlap, r.iterations, r.converged ? "" : " (not converged)"));
        pt.starts.push_back(std::move(cs));
      }
      pt.lowest = static_cast<int>(std::min_element(pt.starts.begin(), pt.starts.end(), [](const auto& a, const auto& b) {
                                     return a.energy < b.energy;
                                   }) - pt.starts.begin());
      pt.grid_points = n;
      pt.grid_box = box;
      prevGrid = g;
      prevBest = bestState;
      const bool off = ellMax > 1.25 * ellGrid || ellMax < 0.8 * ellGrid;
      if (attempt >= 1 || (!off && highModes <= 1e-8)) break;
      if (o.log) o.log(fmt::format("  d = {:.1e}: measured scale {:.5g} against the grid's {:.5g}: re-gridding", d, ellMax, ellGrid));
      ellGrid = ellMax;
    }
    pt.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    study.points.push_back(std::move(pt));
  }
  return study;
}

}  // namespace cbec
