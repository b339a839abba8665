// Python: the drivers of real-time dynamics and finite N — evolve, manybody, rates. Configuration from
// a dict (the TOML tables) or a TOML path; results are the summary.json dictionaries with numeric
// arrays as numpy arrays. The GIL is released while a driver runs.
#include "bindings.hpp"

#include <cbec/drivers/evolve.hpp>
#include <cbec/drivers/manybody.hpp>
#include <cbec/drivers/rates.hpp>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

namespace cbec::python {
namespace {

using OptionalPath = std::optional<std::filesystem::path>;

/// Runs `driver()` with the GIL released; its result is returned with the GIL held again.
template <class Driver>
auto withoutGil(Driver&& driver) {
  std::optional<decltype(driver())> r;
  {
    py::gil_scoped_release release;
    r.emplace(driver());
  }
  return std::move(*r);
}

drivers::RunOptions optionsWithFigures(const OptionalPath& out, int threads, bool progress, bool figures) {
  drivers::RunOptions run = runOptions(out, threads, progress);
  run.figures.enabled = figures && out.has_value();
  run.figures.scripts_dir = CBEC_PYTHON_DIR;
  return run;
}

py::dict evolve(py::handle config, OptionalPath out, bool figures, int threads, bool progress, OptionalPath resume) {
  const EvolveConfig cfg = readEvolveConfig(configTable(config));
  const drivers::RunOptions run = optionsWithFigures(out, threads, progress, figures);
  const drivers::EvolveResult r =
      withoutGil([&] { return drivers::evolve(cfg, run, resume.value_or(std::filesystem::path{})); });
  py::dict d = toPythonArrays(drivers::toJson(r));
  if (r.final_grid) {
    py::dict fields;
    for (size_t s = 0; s < r.final_state.size(); ++s)
      fields[py::str(cfg.meanField->mixture.species(static_cast<int>(s)).name)] =
          complexFieldArray(*r.final_grid, r.final_state[s]);
    d["fields"] = fields;
    d["x"] = gridAxes(*r.final_grid);
  }
  return d;
}

py::dict manybody(py::handle config, OptionalPath out, bool figures, int threads) {
  const ManybodyConfig cfg = readManybodyConfig(configTable(config));
  const drivers::RunOptions run = optionsWithFigures(out, threads, false, figures);
  const drivers::ManybodyRun r = withoutGil([&] { return drivers::manybody(cfg, run); });
  emitWarnings(r.warnings);
  return toPythonArrays(drivers::toJson(r));
}

py::dict rates(py::handle config, OptionalPath out, bool figures) {
  const RatesConfig cfg = readRatesConfig(configTable(config));
  const drivers::RunOptions run = optionsWithFigures(out, 0, false, figures);
  const drivers::RatesResult r = withoutGil([&] { return drivers::rates(cfg, run); });
  return toPythonArrays(drivers::toJson(r));
}

constexpr const char* kEvolveDoc = R"doc(Real-time mean-field dynamics (`cbec evolve`, MODEL.md §2 and §6).

Mean-field flow of a mixture on a grid ([model], [[species]] with optional `nu`, [coupling], [grid],
[initial], [evolution]):

  i d_t u_s = H_s u_s = nu_s (-Delta + V_s) u_s + U_s[rho] u_s,   U_s = (1/c_s) dE/drho_s,

E(u) the energy per particle of MODEL.md §2 (conserved, reported as observables["energy"]). With
harmonic traps the linear part is propagated exactly (oscillator splitting); else by the kinetic split.
The toy model of F §3 ([model] kind = "fragmented_toy", [potential], [evolution], optional [sweep]):

  i d_t phi = h_nu phi + (V * |phi|^2) phi,   h_nu = (nu/2)(-Delta + |x|^2 - 3) (x) 1 on L^2(R^3) (x) C^l,

with Tr|gamma^(1)_{inf,nu,t} - gamma^(1)_{inf,inf,t}| <= C/sqrt(nu) (F 3.16) as "infinite_gap_distance".

config: a dict of the TOML tables or the path of a TOML file. Returns the summary.json dictionary
(times, observables {norm, energy, x2, overlap}, drift {norm, energy}, steps, wall_seconds, ...), numeric
arrays as numpy arrays; for the mean-field flow also "fields" ({species: complex array (n,)*d}, the state
at the last time) and "x" (the grid axes). out=DIR writes DIR/summary.json, observables.csv, snapshots and
the checkpoint (figures=True adds the PNGs); resume=DIR continues a checkpointed run. Raises cbec.InputError
naming the key of a bad configuration.)doc";

constexpr const char* kManybodyDoc = R"doc(Finite-N many-body ground state (`cbec manybody`, M 1.1, 1.6, 3.17).

  H_N = sum_j h_{s_j}(x_j) - sum_{i<j} lambda_{st} a_{st} w_N(x_i - x_j),   h_s = -Delta + V_s,
  w_N(x) = N^{d beta} w(N^beta x),  w = pi^{-d/2} e^{-|x|^2},  lambda_ss = 1/(N_s - 1) (or 1/N), lambda_12 = 1/N,

projected onto the oscillator modes of each trap up to `shells` (automatic: the shell ladder until the
relative change of the total energy is <= basis.tolerance, with Aitken extrapolation), lowest
eigenvalue by Lanczos: E_N^Q = N^{-1} inf spec H_N. Next to it the Hartree energy E^H in the same modes
(E_N^Q <= E^H) and Bogoliubov's e_B, with N(E^H - E_N^Q) -> -e_B; a [sweep] over N fits
E^H - E_N^Q = C N^p (M 3.17: p = 2 beta - 1).

config: a dict of the TOML tables ([model], [[species]] with `particles`, [coupling], [basis], [grid],
[sweep], [solver]) or the path of a TOML file. Returns the summary.json dictionary (energy, energy_total,
hartree_energy, basis {shells, modes, dimension}, condensate_fraction, converged, wall_seconds, bogoliubov,
ladder, sweep, ...), numeric arrays as numpy arrays. threads: row blocks applied concurrently (overrides
[solver] threads). out=DIR writes summary.json, ladder.csv, sweep.csv (figures=True: gap.png).)doc";

constexpr const char* kRatesDoc = R"doc(Exact finite-N dynamics against the mean-field limit (`cbec rates`, F Theorem 3.1).

  Psi_{N,t} = exp(-i t H_N) Psi_N  (Krylov, in the Galerkin mode space),
  trace_distance[N][t] = Tr|gamma_N^(k)(t) - gamma_inf^(k)(t)| <= A e^{A t} / N   (F 3.14),

gamma_inf^(k)(t) from the (phase-averaged, F 3.15) Hartree flow in the same space; fitted_exponent_N[t]
is the slope of log distance against log N (-1 for the rate 1/N; NaN where every distance is <= 1e-12).
The toy model also sweeps nu (F 3.16, 3.20).

config: a dict of the TOML tables ([model] kind = "fragmented_toy" | "double_well", [potential], [basis],
[rates] N, times, k) or the path of a TOML file. Returns the summary.json dictionary (N, times,
trace_distance, fitted_exponent_N, sweeps, ...), numeric arrays as numpy arrays. out=DIR writes
summary.json and rates.csv (figures=True: the PNGs).)doc";

}  // namespace

void bindDynamics(py::module_& m) {
  m.def("evolve", &evolve, py::arg("config"), py::kw_only(), py::arg("out") = py::none(), py::arg("figures") = false,
        py::arg("threads") = 0, py::arg("progress") = false, py::arg("resume") = py::none(), kEvolveDoc);
  m.def("manybody", &manybody, py::arg("config"), py::kw_only(), py::arg("out") = py::none(),
        py::arg("figures") = false, py::arg("threads") = 0, kManybodyDoc);
  m.def("rates", &rates, py::arg("config"), py::kw_only(), py::arg("out") = py::none(), py::arg("figures") = false,
        kRatesDoc);
}

}  // namespace cbec::python
