// cbec blowup: ground states along a path to criticality (M Theorems 1–3, MODEL.md §3, INTERFACE.md).
// config → Mixture + [scan] → BlowupPath → runBlowupScan → summary.json, scan.csv, PNG figures.
#include "commands.hpp"

#include <cbec/blowup/blowup_scan.hpp>
#include <cbec/io/config.hpp>
#include <cbec/io/output.hpp>
#include <cbec/solver/ground_state_config.hpp>

#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <sstream>

#ifndef CBEC_PYTHON_DIR
#define CBEC_PYTHON_DIR "python"
#endif

namespace cbec::cli {
namespace {

struct BlowupCliOptions {
  std::string config;
  OutputOptions output;
  int threads = 0;   ///< --threads: FFTW threads, overrides [solver] threads
  bool figures = true;
};

Json summaryJson(const BlowupScan& scan) {
  Json pts = Json::array();
  for (const BlowupPoint& p : scan.points) {
    Json j;
    j["distance"] = p.distance;
    j["energy"] = p.energy;
    j["predicted"] = p.predicted;
    j["ratio"] = p.ratio;
    j["profile_error_L2"] = p.error_L2;
    j["profile_error_H1"] = p.error_H1;
    j["ell"] = p.ell;
    j["ell_measured"] = p.ell_measured;
    j["peak"] = p.peak;
    j["a"] = p.a;
    j["a12"] = p.a12;
    j["residual"] = p.residual;
    j["iterations"] = p.iterations;
    j["converged"] = p.converged;
    j["grid"] = {{"points", p.grid_points}, {"box", p.grid_box}};
    j["boundary_fraction"] = p.boundary;
    j["high_mode_fraction"] = p.high_modes;
    j["wall_seconds"] = p.wall_seconds;
    j["cut"] = p.cut;
    pts.push_back(j);
  }
  Json s;
  s["path"] = scan.path;
  s["points"] = pts;
  s["fitted_exponent"] = scan.fitted_exponent;
  s["expected_exponent"] = scan.expected_exponent;
  s["limit_constant"] = scan.limit_constant;
  s["cut_abscissae"] = scan.cut_abscissae;
  s["Q0_cut"] = scan.Q0_cut;
  return s;
}

std::string scanCsv(const BlowupScan& scan) {
  std::ostringstream out;
  const size_t S = scan.points.empty() ? 0 : scan.points[0].ell.size();
  out << "distance,energy,predicted,ratio";
  for (size_t s = 1; s <= S; ++s)
    out << fmt::format(",a_{0},ell_{0},ell_measured_{0},profile_error_L2_{0},profile_error_H1_{0},peak_x_{0},peak_y_{0}", s);
  out << ",a12,residual,iterations,converged,grid_points,grid_box,wall_seconds\n";
  for (const BlowupPoint& p : scan.points) {
    out << fmt::format("{:.17g},{:.17g},{:.17g},{:.17g}", p.distance, p.energy, p.predicted, p.ratio);
    for (size_t s = 0; s < S; ++s)
      out << fmt::format(",{:.17g},{:.17g},{:.17g},{:.17g},{:.17g},{:.17g},{:.17g}", p.a[s], p.ell[s],
                         p.ell_measured[s], p.error_L2[s], p.error_H1[s], p.peak[s][0], p.peak[s][1]);
    out << fmt::format(",{:.17g},{:.6g},{},{},{},{:.17g},{:.3f}\n", p.a12, p.residual, p.iterations,
                       p.converged ? 1 : 0, p.grid_points, p.grid_box, p.wall_seconds);
  }
  return out.str();
}

BlowupScanOptions readScanOptions(ConfigTable& scanTable, const SolverOptions& solver) {
  BlowupScanOptions o;
  o.solver = solver;
  o.distances = scanTable.numbers("distances", o.distances, Range::positive());
  if (o.distances.empty()) scanTable.fail("distances", "must not be empty");
  o.box_factor = scanTable.number("box_factor", o.box_factor, Range{8.0, 400.0});
  o.points_per_length = scanTable.number("points_per_length", o.points_per_length, Range{2.0, 64.0});
  o.max_points = static_cast<int>(scanTable.integer("max_points", o.max_points, Range{16, 8192}));
  return o;
}

void makeFigures(const std::filesystem::path& dir) {
  const std::string script = std::string(CBEC_PYTHON_DIR) + "/plot_blowup.py";
  // Debian's interpreter (python3-matplotlib lives there), unless CBEC_PYTHON names another.
  const char* env = std::getenv("CBEC_PYTHON");
  const std::string python = env && *env ? env : (std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
  const std::string cmd = fmt::format("'{}' '{}' '{}'", python, script, dir.string());
  if (std::system(cmd.c_str()) != 0)
    std::cerr << "cbec: warning: figures not produced (needs python3-matplotlib; ran: " << cmd << ")\n";
}

void run(const BlowupCliOptions& o) {
  ConfigTable root = ConfigTable::parseFile(o.config);
  ConfigTable scanTable = root.table("scan", true);
  const BlowupPath::Kind kind = BlowupPath::kindByName(scanTable.string("path"));
  if (root.has("grid")) root.fail("grid", "cbec blowup chooses its grids from the predicted scale ℓ; "
                                          "use [scan] box_factor / points_per_length instead");
  GroundStateConfig cfg = readGroundStateConfig(root);
  if (o.threads > 0) cfg.solver.threads = o.threads;
  BlowupScanOptions options = readScanOptions(scanTable, cfg.solver);
  scanTable.finish();
  root.finish();
  if (o.output.out_dir.empty() && !o.output.json)
    throw InputError("--out DIR (or --json) is required");
  const BlowupPath path(kind, cfg.mixture);
  if (!o.output.out_dir.empty()) ensureOutputDirectory(o.output.out_dir);

  options.solver.progress = false;
  options.log = [](const std::string& line) { std::cerr << line << "\n"; };
  const BlowupScan scan = runBlowupScan(path, options);

  const Json summary = summaryJson(scan);
  if (!o.output.out_dir.empty()) {
    const std::filesystem::path dir(o.output.out_dir);
    writeTextFile(dir / "scan.csv", scanCsv(scan));
    writeJsonFile(dir / "summary.json", summary);
    if (o.figures) makeFigures(dir);
  }
  if (o.output.json) {
    std::cout << dumpJson(summary) << "\n";
    return;
  }
  fmt::print("{}: E ~ d^{:.6f} fitted (expected {:.6f}), limit constant {:.12g}\n", scan.path,
             scan.fitted_exponent, scan.expected_exponent, scan.limit_constant);
  fmt::print("  {:>10} {:>20} {:>20} {:>14} {:>12} {:>12}\n", "d", "E", "predicted", "ratio", "L2 error", "H1 error");
  for (const BlowupPoint& p : scan.points)
    fmt::print("  {:>10.3e} {:>20.12g} {:>20.12g} {:>14.10f} {:>12.3e} {:>12.3e}\n", p.distance, p.energy,
               p.predicted, p.ratio, p.error_L2[0], p.error_H1[0]);
}

}  // namespace

void addBlowupCommand(CLI::App& app) {
  auto o = std::make_shared<BlowupCliOptions>();
  CLI::App* sub = app.add_subcommand("blowup", "scan ground states towards the critical coupling (Theorems 1-3)");
  sub->add_option("config", o->config, "configuration file (TOML with [scan], see INTERFACE.md)")->required();
  sub->add_option("--out", o->output.out_dir, "write DIR/summary.json, DIR/scan.csv and PNG figures");
  sub->add_option("--threads", o->threads, "FFTW threads (overrides [solver] threads)")->check(CLI::Range(1, 256));
  sub->add_flag("--json", o->output.json, "print the summary as one JSON object on stdout");
  sub->add_flag("!--no-figures", o->figures, "skip the PNG figures");
  sub->callback([o] { run(*o); });
}

}  // namespace cbec::cli
