// summary.json and rates.csv of `cbec rates` (drivers/rates.hpp).
#include <cbec/drivers/rates.hpp>
#include <cbec/io/json_numbers.hpp>
#include <cbec/mpi/communicator.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec::drivers {
namespace {

Json table(const std::vector<std::vector<double>>& rows) {
  Json a = Json::array();
  for (const auto& r : rows) a.push_back(numbersOrNull(r));
  return a;
}

Json formNormJson(const FormNormBound& f) {
  return {{"kappa", f.kappa}, {"nu0", f.nu0}, {"initial", f.initial}, {"norm", numbersOrNull(f.norm)},
          {"supremum", f.supremum}, {"bound", numberOrNull(f.bound)}, {"C0_bound", numberOrNull(f.C0())},
          {"C0_observed", f.observedC0()},
          {"ratio", std::isfinite(f.bound) ? Json(f.supremum / f.bound) : Json(nullptr)}};
}

Json fluctuationsJson(const FluctuationComparison& f, double seconds) {
  Json scaled = Json::array();   // √N ‖(𝒰 − 𝒰₂)Ω‖
  for (std::size_t n = 0; n < f.N.size(); ++n) {
    std::vector<double> row;
    for (double d : f.difference[n]) row.push_back(std::sqrt(f.N[n]) * d);
    scaled.push_back(numbersOrNull(row));
  }
  return {{"N", f.N}, {"cutoff", f.cutoff}, {"difference", table(f.difference)}, {"sqrtN_difference", scaled},
          {"number_difference", table(f.numberDifference)}, {"truncation_bound", table(f.truncationBound)},
          {"excitations_full", table(f.excitations)}, {"excitations_quadratic", numbersOrNull(f.quadraticExcitations)},
          {"fitted_exponent_N", numbersOrNull(f.fittedExponent)}, {"steps", f.steps}, {"seconds", seconds}};
}

Json sweepJson(const RatesSweep& s, bool toy) {
  Json j;
  if (toy) j["nu"] = s.nu;
  j["trace_distance"] = table(s.distance);
  j["fitted_exponent_N"] = numbersOrNull(s.fitted_exponent_N);
  j["A"] = numbersOrNull(s.A);
  j["growth_rate"] = numberOrNull(s.growth_rate);
  if (toy) {
    j["spatial_distance"] = table(s.spatial);
    j["spin_distance"] = table(s.spin);
    j["infinite_gap_distance"] = table(s.infinite_gap);
    j["mean_field_infinite_gap_distance"] = numbersOrNull(s.mean_field_infinite_gap);
    j["mode_truncation_error"] = numbersOrNull(s.mode_error);
    j["bogoliubov"] = {{"block_gap", table(s.bogoliubov_gap)},
                       {"depletion_exact", table(s.depletion)},
                       {"depletion_bogoliubov", numbersOrNull(s.bogoliubov_depletion)},
                       {"off_diagonal_exact", table(s.off_diagonal)},
                       {"off_diagonal_gap", table(s.off_diagonal_gap)}};
  } else if (!s.phase_errors.empty()) {   // the phase average (not for the quench)
    j["phase_quadrature_error"] = s.phase_quadrature_error;
    j["phase_quadrature_errors"] = table(s.phase_errors);
    j["phases"] = s.phases;
    if (!s.mode_error.empty()) j["mode_truncation_error"] = numbersOrNull(s.mode_error);   // [t], modes: M against M − 1
    if (!s.grid_error.empty()) j["grid_truncation_error"] = numbersOrNull(s.grid_error);   // [t], grid against check grid
  }
  Json spectrum = Json::array();
  for (const auto& row : s.occupation_spectrum) spectrum.push_back(table(row));
  j["occupation_spectrum"] = spectrum;
  j["extra_mode_weight"] = table(s.extra_weight);
  j["occupation_rank"] = s.rank;
  j["outside_fragment_weight"] = table(s.outside_weight);
  j["extra_mode_weight_exponent_N"] = numbersOrNull(s.extra_weight_exponent_N);
  if (s.form_norm) j["form_norm"] = formNormJson(*s.form_norm);
  if (s.fluctuations) {
    j["fluctuations"] = fluctuationsJson(*s.fluctuations, s.fluctuation_seconds);
    if (s.fluctuation_phases > 0) j["fluctuations"]["phases"] = s.fluctuation_phases;   // max over θ = 2πp/P
  }
  if (s.regularisation) {
    const auto& g = *s.regularisation;
    j["regularisation"] = {{"interaction_shift", g.shift}, {"state_difference", table(g.state)},
                           {"marginal_difference", table(g.marginal)}, {"orbital_difference", table(g.orbital)},
                           {"krylov_error_bound", g.krylov_error_bound},
                           {"fitted_exponent_N_state", numbersOrNull(g.exponent_state)},
                           {"fitted_exponent_N_marginal", numbersOrNull(g.exponent_marginal)},
                           {"fitted_exponent_N_orbital", numbersOrNull(g.exponent_orbital)}};
  }
  j["dimension"] = s.dimension;
  j["krylov_error_bound"] = s.krylov_error_bound;
  j["hamiltonian_products"] = s.products;
  j["drift"] = {{"norm", s.norm_drift}, {"energy", s.energy_drift}};
  return j;
}

}  // namespace

Json toJson(const RatesResult& r) {
  const bool toy = r.model == "fragmented_toy";
  const RatesSweep& first = r.sweeps.front();
  Json j;
  j["N"] = r.N;
  j["times"] = r.times;
  j["trace_distance"] = table(first.distance);
  j["fitted_exponent_N"] = numbersOrNull(first.fitted_exponent_N);
  j["model"] = r.model;
  j["k"] = r.k;
  j["occupations"] = r.occupations;
  j["modes"] = r.shells;
  if (r.grid_modes) {
    const GridModesReport& g = *r.grid_modes;
    Json gm = {{"dimension", g.dimension}, {"points", g.points}, {"box", g.box}, {"energies", g.energies},
               {"one_body_defect", g.one_body_defect}, {"exchange_defect", g.exchange_defect},
               {"hermiticity_defect", g.hermiticity_defect}, {"edge_ratio", g.edge_ratio}};
    if (g.checked)
      gm["check"] = {{"points", g.check_points}, {"box", g.check_box}, {"energies", g.check_energies},
                     {"energy_change", g.energy_change}, {"interaction_change", g.interaction_change},
                     {"edge_ratio", g.check_edge_ratio}, {"build_seconds", g.build_seconds}};
    j["grid_modes"] = gm;
  }
  if (r.quench) {
    const QuenchReport& q = *r.quench;
    Json sd = Json::array(), he = Json::array(), ex = Json::array();
    for (std::size_t s = 0; s < q.species_distance.size(); ++s) {
      sd.push_back(table(q.species_distance[s]));
      he.push_back(table(q.hartree_error[s]));
      ex.push_back(numbersOrNull(q.species_exponent_N[s]));
    }
    j["quench"] = {{"manybody", q.manybody_file}, {"inter_scale", q.inter_scale}, {"intra_scale", q.intra_scale}, {"trap_scale", q.trap_scale},
                   {"particles", q.particles}, {"ground_energy", q.ground_energy}, {"hartree_energy", q.hartree_energy},
                   {"lanczos_residual", q.lanczos_residual}, {"lanczos_converged", q.lanczos_converged},
                   {"quenched_energy", q.quenched_energy}, {"hartree_energy_drift", q.hartree_energy_drift},
                   {"species_distance", sd}, {"hartree_error", he}, {"species_fitted_exponent_N", ex}};
  }
  if (toy) {
    j["nu"] = first.nu;
    j["fitted_exponent_nu"] = numbersOrNull(r.fitted_exponent_nu);
    j["fitted_exponent_nu_combined"] = numbersOrNull(r.fitted_exponent_nu_combined);
    j["fitted_exponent_nu_sup"] = numberOrNull(r.fitted_exponent_nu_sup);
    j["extra_mode_weight_exponent_nu"] = numbersOrNull(r.extra_weight_exponent_nu);
    j["extra_mode_weight_exponent_nu_sup"] = numberOrNull(r.extra_weight_exponent_nu_sup);
  }
  Json sweeps = Json::array();
  for (const RatesSweep& s : r.sweeps) sweeps.push_back(sweepJson(s, toy));
  j["sweeps"] = sweeps;
  if (!toy) {   // the double well's phase average (the toy model's spin factor is exact)
    j["phase_quadrature_error"] = first.phase_quadrature_error;
    j["phase_tolerance"] = r.phase_tolerance;
  }
  j["converged"] = r.converged;
  j["warnings"] = r.warnings;
  j["wall_seconds"] = r.wall_seconds;
  j["ranks"] = mpi::Communicator::world().size();   // INTERFACE.md "MPI"
  return j;
}

std::string ratesCsv(const RatesResult& r) {
  const bool toy = r.model == "fragmented_toy";
  if (r.quench) {   // per species: distance and the Hartree flow's estimated error
    const QuenchReport& q = *r.quench;
    std::string out = "N,t,trace_distance";
    for (std::size_t s = 0; s < q.species_distance.size(); ++s) out += fmt::format(",distance_{0},hartree_error_{0}", s);
    out += "\n";
    for (std::size_t n = 0; n < r.N.size(); ++n)
      for (std::size_t t = 0; t < r.times.size(); ++t) {
        out += fmt::format("{},{},{:.12e}", r.N[n], r.times[t], r.sweeps.front().distance[n][t]);
        for (std::size_t s = 0; s < q.species_distance.size(); ++s)
          out += fmt::format(",{:.12e},{:.3e}", q.species_distance[s][n][t], q.hartree_error[s][n][t]);
        out += "\n";
      }
    return out;
  }
  std::string out = toy ? "nu,N,t,trace_distance,spatial,spin,infinite_gap,bogoliubov_gap,depletion_exact,"
                          "depletion_bogoliubov,extra_mode_weight,occupation_rank,outside_fragment_weight,form_norm\n"
                        : "N,t,trace_distance,phase_quadrature_error,extra_mode_weight,occupation_rank,"
                          "outside_fragment_weight\n";
  for (const RatesSweep& s : r.sweeps)
    for (std::size_t n = 0; n < r.N.size(); ++n)
      for (std::size_t q = 0; q < r.times.size(); ++q) {
        if (toy)
          out += fmt::format("{},{},{},{:.12e},{:.12e},{:.12e},{:.12e},{:.12e},{:.12e},{:.12e},{:.12e},{},{:.12e},{:.12e}\n",
                             s.nu, r.N[n], r.times[q], s.distance[n][q], s.spatial[n][q], s.spin[n][q],
                             s.infinite_gap[n][q], s.bogoliubov_gap[n][q], s.depletion[n][q], s.bogoliubov_depletion[q],
                             s.extra_weight[n][q], s.rank[n][q], s.outside_weight[n][q], s.form_norm->norm[q]);
        else
          out += fmt::format("{},{},{:.12e},{:.3e},{:.12e},{},{:.12e}\n", r.N[n], r.times[q], s.distance[n][q],
                             s.phase_errors[n][q], s.extra_weight[n][q], s.rank[n][q], s.outside_weight[n][q]);
      }
  return out;
}

std::string fluctuationsCsv(const RatesResult& r) {
  std::string out = "nu,N,t,difference,sqrtN_difference,number_difference,truncation_bound,excitations_full,"
                    "excitations_quadratic\n";
  for (const RatesSweep& s : r.sweeps) {
    if (!s.fluctuations) continue;
    const FluctuationComparison& f = *s.fluctuations;
    for (std::size_t n = 0; n < f.N.size(); ++n)
      for (std::size_t q = 0; q < f.times.size(); ++q)
        out += fmt::format("{},{:g},{},{:.12e},{:.12e},{:.12e},{:.3e},{:.12e},{:.12e}\n", s.nu, f.N[n], f.times[q],
                           f.difference[n][q], std::sqrt(f.N[n]) * f.difference[n][q], f.numberDifference[n][q],
                           f.truncationBound[n][q], f.excitations[n][q], f.quadraticExcitations[q]);
  }
  return out;
}

}  // namespace cbec::drivers
