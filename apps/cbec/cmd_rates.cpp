// cbec rates: exact finite-N dynamics of fragmented condensates next to the mean-field limit, and the
// 1/N and 1/√ν rates (F Theorem 3.1, Corollary 3.4; MODEL.md §6, INTERFACE.md).
// Reads the configuration, calls drivers::rates (summary.json, rates.csv, PNG figures), prints.
#include "commands.hpp"
#include "validators.hpp"

#include <cbec/drivers/rates.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>

namespace cbec::cli {
namespace {

struct RatesCliOptions {
  std::string config;
  OutputOptions output;
  bool figures = true;
};

void print(const drivers::RatesResult& r) {
  for (const drivers::RatesSweep& s : r.sweeps) {
    fmt::print("{} (k = {}{}): Tr|γ_N^(k)(t) − γ_∞^(k)(t)|\n", r.model, r.k,
               r.model == "fragmented_toy" ? fmt::format(", ν = {}", s.nu) : "");
    fmt::print("  {:>8}", "N \\ t");
    for (double t : r.times) fmt::print(" {:>12.4g}", t);
    fmt::print("\n");
    for (std::size_t n = 0; n < r.N.size(); ++n) {
      fmt::print("  {:>8}", r.N[n]);
      for (double d : s.distance[n]) fmt::print(" {:>12.4e}", d);
      fmt::print("\n");
    }
    fmt::print("  {:>8}", "exponent");
    for (double p : s.fitted_exponent_N)   // undefined where the distances vanish (k = 1 at t = 0)
      if (std::isfinite(p)) fmt::print(" {:>12.4f}", p);
      else fmt::print(" {:>12}", "-");
    fmt::print("\n  {:>8}", "A_k(t)");
    for (double a : s.A) fmt::print(" {:>12.4e}", a);
    fmt::print("\n");
    if (!s.phase_errors.empty()) {
      fmt::print("  {:>8}", "phase err");
      for (std::size_t q = 0; q < r.times.size(); ++q) {
        double e = 0;
        for (const auto& row : s.phase_errors) e = std::max(e, row[q]);
        fmt::print(" {:>12.2e}", e);
      }
      fmt::print("\n");
    }
    const auto row = [&](const char* name, const std::vector<double>& v, const char* format) {
      fmt::print("  {:>8}", name);
      for (double x : v)
        if (std::isfinite(x)) fmt::print(fmt::runtime(format), x);
        else fmt::print(" {:>12}", "-");
      fmt::print("\n");
    };
    if (!s.extra_weight.empty()) {   // issue 23 item 4: weight beyond the fragments' orbitals at the largest N
      row("extra wt", s.extra_weight.back(), " {:>12.4e}");
      row("  exp(N)", s.extra_weight_exponent_N, " {:>12.4f}");
    }
    if (s.fluctuations) {
      const auto& f = *s.fluctuations;
      fmt::print("  ‖(U − U₂)Ω‖ (F 5.36), N = {}:\n", fmt::join(f.N, ", "));
      row("  N max", f.difference.back(), " {:>12.4e}");
      row("  exp(N)", f.fittedExponent, " {:>12.4f}");
    }
    if (s.form_norm)
      fmt::print("  form norm (F 5.6): sup ‖φ_t‖²_Q/‖φ⁰‖²_Q = {:.6f}, bound C_0 = {} (ν_0 = {:g})\n",
                 s.form_norm->observedC0(), std::isfinite(s.form_norm->bound) ? fmt::format("{:.6f}", s.form_norm->C0())
                                                                            : std::string("none (ν ≤ ν_0)"),
                 s.form_norm->nu0);
    if (s.regularisation) {
      fmt::print("  regularisation V against min(|V|, N³) (F 5.16–5.24), exponents in N:\n");
      row("  state", s.regularisation->exponent_state, " {:>12.4f}");
      row("  γ^(1)", s.regularisation->exponent_marginal, " {:>12.4f}");
      row("  orbital", s.regularisation->exponent_orbital, " {:>12.4f}");
    }
  }
  if (r.model == "fragmented_toy" && r.sweeps.size() > 1)
    fmt::print("extra weight against ν (max over t, largest N): exponent {:.4f}\n", r.extra_weight_exponent_nu_sup);
  fmt::print("converged: {}{}\n", r.converged ? "true" : "false",
             r.converged ? "" : " (the warnings name the quantity)");
}

void run(const RatesCliOptions& o) {
  const RatesConfig cfg = readRatesConfig(ConfigTable::parseFile(o.config));
  if (o.output.out_dir.empty() && !o.output.json) throw InputError("--out DIR (or --json) is required");
  drivers::RunOptions runOptions = cliRunOptions(o.output);
  runOptions.figures.enabled = o.figures;
  const drivers::RatesResult r = drivers::rates(cfg, runOptions);
  if (o.output.json) std::cout << dumpJson(drivers::toJson(r)) << "\n";
  else print(r);
}

}  // namespace

void addRatesCommand(CLI::App& app) {
  auto o = std::make_shared<RatesCliOptions>();
  CLI::App* sub = app.add_subcommand("rates", "exact finite-N dynamics vs the mean-field limit: 1/N and 1/sqrt(nu) rates");
  sub->add_option("config", o->config, "configuration file (TOML with [model] and [rates], see INTERFACE.md)")->required();
  sub->add_option("--out", o->output.out_dir, "write DIR/summary.json, DIR/rates.csv and PNG figures")
      ->check(nonEmptyPath());
  sub->add_flag("--json", o->output.json, "print the summary as one JSON object on stdout");
  sub->add_flag("!--no-figures", o->figures, "skip the PNG figures");
  sub->callback([o] { run(*o); });
}

}  // namespace cbec::cli
