// cbec soliton: the Townes profile Q, a_* and the blow-up constants (MODEL.md §3, INTERFACE.md).
#include "commands.hpp"

#include <cbec/io/output.hpp>
#include <cbec/soliton/blowup_constants.hpp>
#include <cbec/soliton/townes_profile.hpp>

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

Json solitonSummary(const SolitonOptions& o) {
  const TownesProfile& Q = TownesProfile::standard();
  Json j;
  j["a_star"] = Q.aStar();
  j["Q0"] = Q.centralValue();
  j["grad_Q_sq"] = Q.gradNormSq();
  j["Q_L4_4"] = Q.l4Pow4();
  j["tail_constant"] = Q.tailConstant();
  j["pohozaev_defect"] = std::max(std::abs(Q.gradNormSq() / Q.aStar() - 1),
                                  std::abs(0.5 * Q.l4Pow4() / Q.aStar() - 1));
  std::optional<std::pair<double, double>> fr;
  if (!o.fractions.empty()) {
    fr = std::make_pair(o.fractions[0], o.fractions[1]);
    if (!(fr->first > 0 && fr->second > 0) || std::abs(fr->first + fr->second - 1) > 1e-12)
      throw InputError(fmt::format("--fractions {} {}: need c1, c2 > 0 with c1 + c2 = 1",
                                   fr->first, fr->second));
  }
  Json moments = Json::object(), constants = Json::object();
  for (double p : o.powers) {
    const std::string key = fmt::format("{}", p);
    BlowupConstants k = blowupConstants(Q, p, o.nu, fr);
    moments[key] = k.moment;
    Json c;
    c["Lambda"] = k.Lambda;
    if (k.Theta) c["Theta"] = *k.Theta;
    c["limit_single"] = k.limit_single;
    if (k.limit_theorem2) c["limit_theorem2"] = *k.limit_theorem2;
    constants[key] = c;
  }
  j["nu"] = o.nu;
  if (fr) j["fractions"] = {fr->first, fr->second};
  j["moments"] = moments;
  j["constants"] = constants;
  if (!o.radii.empty()) {
    Json prof = Json::array();
    for (double r : o.radii) prof.push_back({{"r", r}, {"Q", Q(r)}, {"Q_0", Q.normalised(r)}});
    j["profile"] = prof;
  }
  return j;
}

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
  if (j.contains("profile"))
    for (const auto& row : j["profile"])
      fmt::print("  Q({}) = {:.17g}\n", row["r"].get<double>(), row["Q"].get<double>());
}

}  // namespace

void addSolitonCommand(CLI::App& app) {
  auto o = std::make_shared<SolitonOptions>();
  CLI::App* sub = app.add_subcommand("soliton", "Townes profile Q, a_* = ‖Q‖² and blow-up constants");
  sub->add_option("--power", o->powers, "trap powers p for the moments M_p and constants Λ, Θ")
      ->check(CLI::Range(1e-12, 60.0));
  sub->add_option("--nu", o->nu, "ν = lim (c1V1+c2V2)/|x|^p0 (default 1)")->check(CLI::PositiveNumber);
  sub->add_option("--fractions", o->fractions, "species fractions c1 c2 (enables Θ)")
      ->expected(2)->check(CLI::Range(0.0, 1.0));
  sub->add_option("--radii", o->radii, "evaluate Q and Q_0 at these radii")->check(CLI::NonNegativeNumber);
  sub->add_flag("--json", o->output.json, "print one JSON object on stdout");
  sub->add_option("--out", o->output.out_dir, "also write DIR/summary.json");
  sub->callback([o] {
    Json j = solitonSummary(*o);
    if (!o->output.out_dir.empty()) {
      ensureOutputDirectory(o->output.out_dir);
      writeJsonFile(std::filesystem::path(o->output.out_dir) / "summary.json", j);
    }
    if (o->output.json) std::cout << dumpJson(j) << "\n";
    else printTable(j);
  });
}

}  // namespace cbec::cli
