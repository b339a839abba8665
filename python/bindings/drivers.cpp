// Python: the drivers — ground states, blow-up scans, marginals. Configuration from a dict (the TOML
// tables), a TOML path, or objects; results are the summary.json dictionaries, fields as numpy
// arrays. The GIL is released while a driver runs.
#include "bindings.hpp"

#include <cbec/drivers/blowup.hpp>
#include <cbec/drivers/bogoliubov.hpp>
#include <cbec/drivers/groundstate.hpp>
#include <cbec/drivers/marginals.hpp>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

namespace cbec::python {

/// A dict (the TOML tables) or a path of a TOML file, as a ConfigTable.
ConfigTable configTable(py::handle config) {
  if (py::isinstance<py::dict>(config)) return ConfigTable::fromJson(toJson(config), "<dict>");
  if (py::isinstance<py::str>(config) || py::hasattr(config, "__fspath__"))
    return ConfigTable::parseFile(py::str(py::module_::import("os").attr("fspath")(config)).cast<std::string>());
  throw InputError("config: give a dict (the TOML tables) or the path of a TOML file");
}

drivers::RunOptions runOptions(const std::optional<std::filesystem::path>& out, int threads, bool progress) {
  drivers::RunOptions run;
  if (out) run.out_dir = *out;
  run.threads = threads;
  run.progress = progress;
  return run;
}

void emitWarnings(const std::vector<std::string>& warnings) {
  py::object warn = py::module_::import("warnings").attr("warn");
  for (const auto& w : warnings) warn(w, py::module_::import("builtins").attr("RuntimeWarning"), 2);
}

namespace {

py::dict groundstateResult(const drivers::GroundStateRun& r) {
  py::dict d = toPython(drivers::toJson(r));
  py::dict fields;
  for (int s = 0; s < r.mixture.speciesCount(); ++s)
    fields[py::str(r.mixture.species(s).name)] = fieldArray(r.grid, r.solution.u[s]);
  d["fields"] = fields;
  d["x"] = gridAxes(r.grid);
  d["warnings"] = r.warnings;
  return d;
}

py::dict groundstate(py::handle config, std::optional<std::filesystem::path> out, int threads, bool progress) {
  GroundStateConfig cfg = py::isinstance<Mixture>(config)
                              ? GroundStateConfig{config.cast<Mixture>(), std::nullopt, {}, {}, ""}
                              : readGroundStateConfig(configTable(config));
  const drivers::RunOptions run = runOptions(out, threads, progress);
  std::optional<drivers::GroundStateRun> r;
  {
    py::gil_scoped_release release;
    r.emplace(drivers::groundstate(cfg, run));
  }
  emitWarnings(r->warnings);
  return groundstateResult(*r);
}

py::object blowup(py::handle config, std::optional<std::filesystem::path> out, bool figures, int threads,
                  bool progress) {
  const BlowupConfig cfg = readBlowupConfig(configTable(config));
  drivers::RunOptions run = runOptions(out, threads, progress);
  run.figures.enabled = figures;
  run.figures.scripts_dir = CBEC_PYTHON_DIR;
  std::optional<BlowupScan> scan;
  {
    py::gil_scoped_release release;
    scan.emplace(drivers::blowup(cfg, run));
  }
  return toPython(drivers::toJson(*scan));
}

py::dict bogoliubov(py::handle config, std::optional<std::filesystem::path> out, int threads, bool progress) {
  const BogoliubovConfig cfg = readBogoliubovConfig(configTable(config));
  const drivers::RunOptions run = runOptions(out, threads, progress);
  std::optional<drivers::BogoliubovRun> r;
  {
    py::gil_scoped_release release;
    r.emplace(drivers::bogoliubov(cfg, run));
  }
  emitWarnings(r->warnings);
  py::dict d = toPython(drivers::toJson(*r));
  d["warnings"] = r->warnings;
  return d;
}

template <class T>
std::vector<T> oneOrMany(py::handle o) {
  if (o.is_none()) return {};
  if (py::isinstance<py::sequence>(o) || py::hasattr(o, "__iter__")) return o.cast<std::vector<T>>();
  return {o.cast<T>()};
}

py::object marginals(py::handle N, py::handle occupations, py::handle fractions, py::handle k,
                     std::optional<std::filesystem::path> out) {
  drivers::MarginalsParameters p;
  p.N = oneOrMany<std::int64_t>(N);
  p.occupations = oneOrMany<std::int64_t>(occupations);
  p.fractions = oneOrMany<double>(fractions);
  p.k = oneOrMany<int>(k);
  const bool many = [](py::handle o) { return !o.is_none() && !py::isinstance<py::int_>(o); }(N) ||
                    !py::isinstance<py::int_>(k);
  p.table = many;
  const drivers::RunOptions run = runOptions(out, 0, false);
  std::optional<drivers::MarginalsResult> r;
  {
    py::gil_scoped_release release;
    r.emplace(drivers::marginals(p, run));
  }
  return toPython(drivers::toJson(*r));
}

}  // namespace

void bindDrivers(py::module_& m) {
  m.def("groundstate", &groundstate, py::arg("config"), py::kw_only(), py::arg("out") = py::none(),
        py::arg("threads") = 0, py::arg("progress") = false,
        R"doc(Mean-field ground state of a mixture (`cbec groundstate`, MODEL.md §2):

  E = inf { E(u) : ||u_s||_2 = 1 },   H_s u_s = mu_s u_s,

config: a dict with the TOML tables ({"model": {...}, "species": [{...}, ...], "coupling": {...},
"grid": {...}, "solver": {...}}), the path of a TOML file, or a cbec.Mixture (automatic grid).
Returns the summary.json dictionary (energy, mu, residual, iterations, converged, regime, terms,
grid, error_estimate, wall_seconds, ...) plus "fields" ({species name: numpy array of shape
(n,)*d}), "x" (the grid axes) and "warnings". out=DIR also writes DIR/summary.json and DIR/state.h5.
Raises cbec.InputError (bad configuration, the message names the key), cbec.UnboundedEnergyError
(supercritical: the energy is unbounded below, M Theorem 6).)doc");
  m.def("blowup", &blowup, py::arg("config"), py::kw_only(), py::arg("out") = py::none(),
        py::arg("figures") = false, py::arg("threads") = 0, py::arg("progress") = false,
        R"doc(Ground states along a path to criticality (`cbec blowup`, M Theorems 1-3): for each distance d
the energy E against its predicted leading term C d^{p/(p+2)}, the rescaled profile errors
||l^{-1} u_i(l^{-1} x + z_i) - Q_0||, the scales l; the fitted exponent of E against d.
config: dict or TOML path with a [scan] table (path = "theorem1"|"theorem2"|"theorem3", distances).
Returns the summary.json dictionary (path, points, fitted_exponent, expected_exponent, ...).)doc");
  m.def("bogoliubov", &bogoliubov, py::arg("config"), py::kw_only(), py::arg("out") = py::none(),
        py::arg("threads") = 0, py::arg("progress") = false,
        R"doc(Bogoliubov theory on the grid around the Hartree minimiser (`cbec bogoliubov`, docs/bogoliubov.md):

  N E_N^Q = N E^H + e_B + o(1),

with the depletion per species and the lowest excitation energies, converged in the mode cutoff (Aitken
over M/4, M/2, M) and the grid (halving), with an uncertainty. config: dict or TOML path with the tables of
`cbec bogoliubov` ([model], [[species]] with particles, [coupling], [grid], [bogoliubov]). Returns the
summary.json dictionary (e_B, uncertainty, converged, depletion, excitations, ...; arrays over N for a sweep)
plus "warnings"; out=DIR also writes DIR/summary.json and DIR/sweep.csv.)doc");
  m.def("marginals", &marginals, py::kw_only(), py::arg("N") = py::none(), py::arg("occupations") = py::none(),
        py::arg("fractions") = py::none(), py::arg("k") = 1, py::arg("out") = py::none(),
        R"doc(Exact k-body marginals of the fragmented state phi_1^{(x)N_1} v ... v phi_l^{(x)N_l} (F 1.15),
of the phase-averaged product state (F 2.5) and of the mixture of condensates (F 2.6): ranks, trace
distances Tr|gamma - gamma~| (N Tr|gamma - gamma~| -> c_k, F 2.15) and weights on occupation patterns.
Give occupations=[N_1, ..., N_l] (N optional), or N with fractions=[n_1, ..., n_l]. A list for N or
k gives a list of rows (no weights); scalars give one dictionary (`cbec marginals --json`).)doc");
}

}  // namespace cbec::python
