// summary.json and rates.csv of `cbec rates` (drivers/rates.hpp).
#include <cbec/drivers/rates.hpp>
#include <cbec/mpi/communicator.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec::drivers {
namespace {

/// A number, or null where it is undefined (an exponent of distances that vanish).
Json number(double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); }

Json numbers(const std::vector<double>& v) {
  Json a = Json::array();
  for (double x : v) a.push_back(number(x));
  return a;
}

Json table(const std::vector<std::vector<double>>& rows) {
  Json a = Json::array();
  for (const auto& r : rows) a.push_back(numbers(r));
  return a;
}

Json sweepJson(const RatesSweep& s, bool toy) {
  Json j;
  if (toy) j["nu"] = s.nu;
  j["trace_distance"] = table(s.distance);
  j["fitted_exponent_N"] = numbers(s.fitted_exponent_N);
  j["A"] = numbers(s.A);
  j["growth_rate"] = number(s.growth_rate);
  if (toy) {
    j["spatial_distance"] = table(s.spatial);
    j["spin_distance"] = table(s.spin);
    j["infinite_gap_distance"] = table(s.infinite_gap);
    j["mean_field_infinite_gap_distance"] = numbers(s.mean_field_infinite_gap);
    j["mode_truncation_error"] = numbers(s.mode_error);
    j["bogoliubov"] = {{"block_gap", table(s.bogoliubov_gap)},
                       {"depletion_exact", table(s.depletion)},
                       {"depletion_bogoliubov", numbers(s.bogoliubov_depletion)},
                       {"off_diagonal_exact", table(s.off_diagonal)},
                       {"off_diagonal_gap", table(s.off_diagonal_gap)}};
  } else {
    j["phase_quadrature_error"] = s.phase_quadrature_error;
    j["phase_quadrature_errors"] = table(s.phase_errors);
    j["phases"] = s.phases;
    if (!s.mode_error.empty()) j["mode_truncation_error"] = numbers(s.mode_error);   // [t], modes: M against M − 1
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
  j["fitted_exponent_N"] = numbers(first.fitted_exponent_N);
  j["model"] = r.model;
  j["k"] = r.k;
  j["occupations"] = r.occupations;
  j["modes"] = r.shells;
  if (toy) {
    j["nu"] = first.nu;
    j["fitted_exponent_nu"] = numbers(r.fitted_exponent_nu);
    j["fitted_exponent_nu_combined"] = numbers(r.fitted_exponent_nu_combined);
    j["fitted_exponent_nu_sup"] = number(r.fitted_exponent_nu_sup);
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
  std::string out = toy ? "nu,N,t,trace_distance,spatial,spin,infinite_gap,bogoliubov_gap,depletion_exact,"
                          "depletion_bogoliubov\n"
                        : "N,t,trace_distance,phase_quadrature_error\n";
  for (const RatesSweep& s : r.sweeps)
    for (std::size_t n = 0; n < r.N.size(); ++n)
      for (std::size_t q = 0; q < r.times.size(); ++q) {
        if (toy)
          out += fmt::format("{},{},{},{:.12e},{:.12e},{:.12e},{:.12e},{:.12e},{:.12e},{:.12e}\n", s.nu, r.N[n],
                             r.times[q], s.distance[n][q], s.spatial[n][q], s.spin[n][q], s.infinite_gap[n][q],
                             s.bogoliubov_gap[n][q], s.depletion[n][q], s.bogoliubov_depletion[q]);
        else
          out += fmt::format("{},{},{:.12e},{:.3e}\n", r.N[n], r.times[q], s.distance[n][q], s.phase_errors[n][q]);
      }
  return out;
}

}  // namespace cbec::drivers
