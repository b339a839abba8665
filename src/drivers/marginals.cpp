#include <cbec/drivers/marginals.hpp>

#include <cbec/fragmentation/fragmentation_marginals.hpp>
#include <cbec/io/progress.hpp>

#include <fmt/format.h>

#include <optional>

namespace cbec::drivers {
namespace {

using FM = FragmentationModel;

/// The populations for one N: occupations (checked against N) or fractions.
FragmentedState populations(const MarginalsParameters& p, std::optional<std::int64_t> N) {
  const auto& n = p.names;
  if (!p.occupations.empty() && !p.fractions.empty())
    throw InputError(fmt::format("{} and {}: give one of them, not both", n.occupations, n.fractions));
  if (!p.occupations.empty()) {
    FragmentedState s(p.occupations, n.occupations);
    if (N && *N != s.particles())
      throw InputError(fmt::format("{}: N1 + N2 + ... = {} but {} is {}", n.occupations, s.particles(), n.N, *N));
    return s;
  }
  if (!p.fractions.empty()) {
    if (!N) throw InputError(fmt::format("{}: needs {}", n.fractions, n.N));
    return FragmentedState::fromFractions(*N, p.fractions, n.fractions);
  }
  throw InputError(fmt::format("{}: give the populations N1 N2 [N3 ...] (or {} n1 n2 ... with {})", n.occupations,
                               n.fractions, n.N));
}

MarginalsRow row(const FragmentationMarginals& g, bool listWeights) {
  const FragmentedState& s = g.state();
  MarginalsRow r;
  r.N = s.particles();
  r.occupations = s.occupations();
  for (int l = 0; l < s.levels(); ++l) r.fractions.push_back(s.fraction(l));
  r.k = g.k();
  r.levels = s.levels();
  r.dicke_dimension = g.dimension();
  r.rank_fragmented = g.rank(FM::Fragmented);
  r.rank_phase_averaged = g.rank(FM::PhaseAveragedProduct);
  r.rank_mixture = g.rank(FM::CondensateMixture);
  r.fragmented_vs_phase_averaged = g.traceDistance(FM::Fragmented, FM::PhaseAveragedProduct);
  r.fragmented_vs_mixture = g.traceDistance(FM::Fragmented, FM::CondensateMixture);
  r.phase_averaged_vs_mixture = g.traceDistance(FM::PhaseAveragedProduct, FM::CondensateMixture);
  if (listWeights && g.dimension() <= kListedPatterns) {
    for (std::size_t q = 0; q < g.dimension(); ++q) r.patterns.push_back(g.pattern(q));
    r.weights_fragmented = g.weights(FM::Fragmented);
    r.weights_phase_averaged = g.weights(FM::PhaseAveragedProduct);
    r.weights_mixture = g.weights(FM::CondensateMixture);
  }
  return r;
}

}  // namespace

MarginalsResult marginals(const MarginalsParameters& p, const RunOptions& run) {
  if (p.k.empty()) throw InputError(fmt::format("{}: give the marginal order k", p.names.k));
  if (p.N.size() > 1 && !p.occupations.empty())
    throw InputError(fmt::format("{}: use {} n1 n2 ... (not {})", p.names.N, p.names.fractions, p.names.occupations));
  std::vector<std::optional<std::int64_t>> Ns(p.N.begin(), p.N.end());
  if (Ns.empty()) Ns.push_back(std::nullopt);   // N = N1 + N2 + ...
  std::optional<OutputSet> out;   // made now: an unwritable DIR fails before the computation
  if (!run.out_dir.empty()) out.emplace(run.out_dir);
  MarginalsResult result;
  result.table = p.table;
  std::optional<Progress> bar;
  if (run.progress) bar.emplace("marginals", static_cast<long>(Ns.size() * p.k.size()), true);
  for (const auto& N : Ns) {
    const FragmentedState s = populations(p, N);
    for (int k : p.k) {
      const long done = static_cast<long>(result.rows.size());
      auto patterns = [&](std::size_t i, std::size_t total) {   // the O(k) per pattern enumeration
        if (bar) bar->update(done, fmt::format("k = {}: {} of {} patterns", k, i, total));
      };
      result.rows.push_back(row(FragmentationMarginals(s, k, p.names.k, patterns), !p.table));
      if (bar) bar->update(done + 1, fmt::format("k = {} done", k));
    }
  }
  if (bar) bar->finish();
  if (out) {
    writeJsonFile(out->staged("marginals.json"), toJson(result));
    out->commit();
  }
  return result;
}

Json toJson(const MarginalsRow& r) {
  Json j;
  j["N"] = r.N;
  j["occupations"] = r.occupations;
  j["fractions"] = r.fractions;
  j["k"] = r.k;
  j["levels"] = r.levels;
  j["dicke_dimension"] = r.dicke_dimension;
  j["ranks"] = {{"fragmented", r.rank_fragmented}, {"phase_averaged", r.rank_phase_averaged},
                {"mixture", r.rank_mixture}};
  j["trace_distance"] = {{"fragmented_vs_phase_averaged", r.fragmented_vs_phase_averaged},
                         {"fragmented_vs_mixture", r.fragmented_vs_mixture},
                         {"phase_averaged_vs_mixture", r.phase_averaged_vs_mixture}};
  j["N_times_trace_distance"] = {{"fragmented_vs_phase_averaged", double(r.N) * r.fragmented_vs_phase_averaged}};
  if (!r.patterns.empty()) {
    j["patterns"] = r.patterns;
    j["weights"] = {{"fragmented", r.weights_fragmented}, {"phase_averaged", r.weights_phase_averaged},
                    {"mixture", r.weights_mixture}};
  }
  return j;
}

Json toJson(const MarginalsResult& r) {
  if (!r.table) return toJson(r.rows.at(0));
  Json rows = Json::array();
  for (const MarginalsRow& row : r.rows) rows.push_back(toJson(row));
  return rows;
}

}  // namespace cbec::drivers
