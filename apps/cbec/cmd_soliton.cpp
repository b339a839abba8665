// cbec soliton: the Townes profile Q, a_* and the blow-up constants (MODEL.md §3, INTERFACE.md).
// Parses the options, calls drivers::soliton, prints.
#include "commands.hpp"
#include "validators.hpp"

#include <cbec/drivers/soliton.hpp>

#include <fmt/format.h>

#include <iostream>

namespace cbec::cli {
namespace {

struct SolitonOptions {
  std::vector<double> powers;
  double nu = 1.0;
  std::vector<double> fractions;
  std::vector<double> radii;
  OutputOptions output;
};

void printTable(const Json& j) {
  fmt::print("Townes profile Q: -ΔQ + Q - Q³ = 0 in R² (M 1.12)\n");
  fmt::print("  Q(0)        = {:.17g}\n", j["Q0"].get<double>());
  fmt::print("  a_* = ‖Q‖²  = {:.17g}\n", j["a_star"].get<double>());
  fmt::print("  ‖∇Q‖²       = {:.17g}\n", j["grad_Q_sq"].get<double>());
  fmt::print("  ‖Q‖₄⁴       = {:.17g}\n", j["Q_L4_4"].get<double>());
  fmt::print("  Pohozaev defect max(|‖∇Q‖²/a_*-1|, |½‖Q‖₄⁴/a_*-1|) = {:.2e}\n",
             j["pohozaev_defect"].get<double>());
  for (auto it = j["constants"].begin(); it != j["constants"].end(); ++it) {
    const Json& c = it.value();
    fmt::print("  p = {:<5} M_p = {:.15g}  Λ = {:.15g}  (p+2)/p Λ²/a_* = {:.15g}\n", it.key(),
               j["moments"][it.key()].get<double>(), c["Lambda"].get<double>(),
               c["limit_single"].get<double>());
    if (c.contains("Theta"))
      fmt::print("  {:<9} Θ = {:.15g}  2c1c2 (p+2)/p Θ²/a_* = {:.15g}\n", "",
                 c["Theta"].get<double>(), c["limit_theorem2"].get<double>());
  }
  if (j.contains("profile")) {
    for (const auto& row : j["profile"]) {
      if (row["Q"].get<double>() > 0)
        fmt::print("  Q({}) = {:.17g}\n", row["r"].get<double>(), row["Q"].get<double>());
      else   // beyond r ≈ 745: C K₀(r) below the smallest double
        fmt::print("  Q({}) = 0 in double precision; log Q = {:.17g}  (tail C K₀(r) ~ C sqrt(π/2r) e^-r)\n",
                   row["r"].get<double>(), row["log_Q"].get<double>());
    }
  }
}

}  // namespace

void addSolitonCommand(CLI::App& app) {
  auto o = std::make_shared<SolitonOptions>();
  CLI::App* sub = app.add_subcommand("soliton", "Townes profile Q, a_* = ‖Q‖² and blow-up constants");
  sub->add_option("--power", o->powers, "trap powers p for the moments M_p and constants Λ, Θ")
      ->check(finiteIn(0.0, 60.0, true));
  sub->add_option("--nu", o->nu, "ν = lim (c1V1+c2V2)/|x|^p0 (default 1)")->check(positiveFinite());
  sub->add_option("--fractions", o->fractions, "species fractions c1 c2 (enables Θ)")
      ->expected(2)->check(finiteIn(0.0, 1.0, true, true));
  sub->add_option("--radii", o->radii, "evaluate Q and Q_0 at these radii")->check(nonNegativeFinite());
  sub->add_flag("--json", o->output.json, "print one JSON object on stdout");
  sub->add_option("--out", o->output.out_dir, "also write DIR/summary.json")->check(nonEmptyPath());
  sub->callback([o] {
    drivers::SolitonParameters p{o->powers, o->nu, std::nullopt, o->radii};
    if (!o->fractions.empty()) p.fractions = std::make_pair(o->fractions[0], o->fractions[1]);
    const drivers::RunOptions run = cliRunOptions(o->output);
    const Json j = drivers::toJson(drivers::soliton(p, run));
    if (o->output.json) std::cout << dumpJson(j) << "\n";
    else printTable(j);
  });
}

}  // namespace cbec::cli
