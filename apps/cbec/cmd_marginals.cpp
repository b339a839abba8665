// cbec marginals: exact k-body marginals of an ℓ-level fragmented state, the phase-averaged product
// state and the mixture of condensates on the same populations (MODEL.md §5, INTERFACE.md).
// One (N, k) or a table over lists of N and ranges of k. Parses the options, calls
// drivers::marginals, prints.
#include "commands.hpp"
#include "validators.hpp"

#include <cbec/drivers/marginals.hpp>
#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <optional>

namespace cbec::cli {
namespace {

struct MarginalsOptions {
  std::string N;
  std::vector<std::string> N_list;
  std::vector<std::string> occupations;
  std::vector<double> fractions;
  std::string k;
  std::vector<std::string> k_range;
  std::vector<std::string> k_list;
  bool csv = false;
  OutputOptions output;
};

/// A positive integer written as 1000000, 1e6 or 2.5e3 (an integral value); InputError naming `option`.
std::int64_t parseCount(const std::string& text, const std::string& option) {
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || !std::isfinite(v))
    throw InputError(fmt::format("{}: '{}' is not a number", option, text));
  if (v < 1 || v != std::floor(v) || v > 1e15)
    throw InputError(fmt::format("{}: '{}' must be a positive integer (at most 1e15)", option, text));
  return static_cast<std::int64_t>(v);
}

int parseK(const std::string& text, const std::string& option) {
  const std::int64_t k = parseCount(text, option);
  if (k > 100000) throw InputError(fmt::format("{}: k = {} is too large", option, k));
  return static_cast<int>(k);
}

std::string joinOccupations(const Json& occ) {
  std::string s;
  for (const auto& v : occ) s += (s.empty() ? "" : " ") + std::to_string(v.get<std::int64_t>());
  return s;
}

void printOne(const Json& j) {
  fmt::print("k-body marginals of the {}-level fragmented state φ1^⊗N1 ∨ … (F 1.15), N = {}, (N_j) = ({}), k = {}\n",
             j["levels"].get<int>(), j["N"].get<std::int64_t>(), joinOccupations(j["occupations"]),
             j["k"].get<int>());
  fmt::print("  Dicke basis dimension C(k+ℓ-1, ℓ-1) = {}\n", j["dicke_dimension"].get<std::size_t>());
  fmt::print("  ranks: fragmented {}  phase-averaged {}  mixture {}   (F 2.12-2.14)\n",
             j["ranks"]["fragmented"].get<std::size_t>(), j["ranks"]["phase_averaged"].get<std::size_t>(),
             j["ranks"]["mixture"].get<std::size_t>());
  const Json& t = j["trace_distance"];
  fmt::print("  Tr|γ - γ̃|   = {}   N·Tr|γ - γ̃| = {}   (F 2.15)\n",
             t["fragmented_vs_phase_averaged"].get<double>(),
             j["N_times_trace_distance"]["fragmented_vs_phase_averaged"].get<double>());
  fmt::print("  Tr|γ - ρ|   = {}\n", t["fragmented_vs_mixture"].get<double>());
  fmt::print("  Tr|γ̃ - ρ|   = {}\n", t["phase_averaged_vs_mixture"].get<double>());
  if (!j.contains("weights")) return;
  fmt::print("  {:<24} {:>24} {:>24} {:>24}\n", "pattern a", "fragmented c_a", "phase-averaged c̃_a",
             "mixture ρ_a");
  for (std::size_t p = 0; p < j["patterns"].size(); ++p) {
    std::string a = "(";
    for (const auto& v : j["patterns"][p]) a += (a.size() > 1 ? "," : "") + std::to_string(v.get<int>());
    a += ")";
    fmt::print("  {:<24} {:>24} {:>24} {:>24}\n", a, j["weights"]["fragmented"][p].get<double>(),
               j["weights"]["phase_averaged"][p].get<double>(), j["weights"]["mixture"][p].get<double>());
  }
}

void printTable(const Json& rows, bool csv) {
  if (csv) {
    fmt::print("N,occupations,k,rank_fragmented,rank_phase_averaged,rank_mixture,"
               "trace_fragmented_vs_phase_averaged,N_times_trace_fragmented_vs_phase_averaged,"
               "trace_fragmented_vs_mixture,trace_phase_averaged_vs_mixture\n");
  } else {
    fmt::print("{:>14} {:>4} {:>8} {:>8} {:>8} {:>24} {:>24} {:>24}\n", "N", "k", "rk frag", "rk phase",
               "rk mix", "Tr|γ - γ̃|", "N·Tr|γ - γ̃|", "Tr|γ - ρ|");
  }
  for (const Json& j : rows) {
    const Json& t = j["trace_distance"];
    if (csv)
      fmt::print("{},{},{},{},{},{},{},{},{},{}\n", j["N"].get<std::int64_t>(),
                 joinOccupations(j["occupations"]), j["k"].get<int>(), j["ranks"]["fragmented"].get<std::size_t>(),
                 j["ranks"]["phase_averaged"].get<std::size_t>(), j["ranks"]["mixture"].get<std::size_t>(),
                 t["fragmented_vs_phase_averaged"].get<double>(),
                 j["N_times_trace_distance"]["fragmented_vs_phase_averaged"].get<double>(),
                 t["fragmented_vs_mixture"].get<double>(), t["phase_averaged_vs_mixture"].get<double>());
    else
      fmt::print("{:>14} {:>4} {:>8} {:>8} {:>8} {:>24} {:>24} {:>24}\n", j["N"].get<std::int64_t>(),
                 j["k"].get<int>(), j["ranks"]["fragmented"].get<std::size_t>(),
                 j["ranks"]["phase_averaged"].get<std::size_t>(), j["ranks"]["mixture"].get<std::size_t>(),
                 t["fragmented_vs_phase_averaged"].get<double>(),
                 j["N_times_trace_distance"]["fragmented_vs_phase_averaged"].get<double>(),
                 t["fragmented_vs_mixture"].get<double>());
  }
}

std::vector<int> kValues(const MarginalsOptions& o) {
  const int given = !o.k.empty() + !o.k_range.empty() + !o.k_list.empty();
  if (given == 0) throw InputError("--k: give the marginal order k (or --k-range KMIN KMAX, or --k-list)");
  if (given > 1) throw InputError("--k, --k-range, --k-list: give only one of them");
  if (!o.k.empty()) return {parseK(o.k, "--k")};
  std::vector<int> ks;
  if (!o.k_list.empty()) {
    for (const std::string& t : o.k_list) ks.push_back(parseK(t, "--k-list"));
    return ks;
  }
  const int lo = parseK(o.k_range[0], "--k-range"), hi = parseK(o.k_range[1], "--k-range");
  if (lo > hi) throw InputError(fmt::format("--k-range: KMIN = {} exceeds KMAX = {}", lo, hi));
  for (int k = lo; k <= hi; ++k) ks.push_back(k);
  return ks;
}

drivers::MarginalsResult run(const MarginalsOptions& o) {
  if (!o.N.empty() && !o.N_list.empty()) throw InputError("--N and --N-list: give only one of them");
  drivers::MarginalsParameters p;
  p.names = {"--N", "--occupations", "--fractions", "--k"};
  if (!o.N_list.empty()) {
    if (!o.occupations.empty()) throw InputError("--N-list: use --fractions n1 n2 ... (not --occupations)");
    for (const std::string& t : o.N_list) p.N.push_back(parseCount(t, "--N-list"));
    p.names.N = "--N-list";
  } else if (!o.N.empty()) {
    p.N.push_back(parseCount(o.N, "--N"));
  }
  for (const std::string& t : o.occupations) p.occupations.push_back(parseCount(t, "--occupations"));
  p.fractions = o.fractions;
  p.k = kValues(o);
  p.names.k = o.k.empty() ? (o.k_list.empty() ? "--k-range" : "--k-list") : "--k";
  p.table = !o.N_list.empty() || !o.k_range.empty() || !o.k_list.empty();
  const drivers::RunOptions runOptions = cliRunOptions(o.output);   // progress line on a terminal
  return drivers::marginals(p, runOptions);
}

}  // namespace

void addMarginalsCommand(CLI::App& app) {
  auto o = std::make_shared<MarginalsOptions>();
  CLI::App* sub = app.add_subcommand(
      "marginals", "exact k-marginals of fragmented, phase-averaged and mixture states (F Prop. 2.1-2.3)");
  sub->add_option("--N", o->N, "total number of particles N (e.g. 1000000 or 1e6)");
  sub->add_option("--occupations", o->occupations, "populations N1 N2 [N3 ...], summing to N");
  sub->add_option("--fractions", o->fractions, "fractions n1 n2 [...] (sum 1): N_j = round(n_j N)")
      ->check(finiteIn(0.0, 1.0, true, true));
  sub->add_option("--k", o->k, "marginal order k, 1 <= k <= N");
  sub->add_option("--N-list", o->N_list, "table mode: several N (with --fractions)");
  sub->add_option("--k-range", o->k_range, "table mode: KMIN KMAX")->expected(2);
  sub->add_option("--k-list", o->k_list, "table mode: several k");
  sub->add_flag("--json", o->output.json, "print JSON on stdout (an array in table mode)");
  sub->add_flag("--csv", o->csv, "table mode: print CSV");
  sub->add_option("--out", o->output.out_dir, "also write DIR/marginals.json")->check(nonEmptyPath());
  sub->callback([o] {
    const drivers::MarginalsResult r = run(*o);
    const Json j = drivers::toJson(r);
    if (o->output.json) std::cout << dumpJson(j) << "\n";
    else if (r.table) printTable(j, o->csv);
    else printOne(j);
  });
}

}  // namespace cbec::cli
