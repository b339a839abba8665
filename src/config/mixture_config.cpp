#include <cbec/config/mixture_config.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace cbec {
namespace {
/// |a_s|, |a_st| ≤ 1e6 (a_* ≈ 11.7): beyond it the quartic term of a state of unit mass on any grid that resolves
/// it overflows the energy sums (a = -1e300 ended in "non-finite energy" instead of a refusal naming the key).
constexpr double kMaxStrength = 1e6;
}  // namespace

Mixture readMixture(ConfigTable& root, const MixtureKeys& keys) {
  const std::string& hartree_N_from = keys.hartree_N_from;
  ConfigTable model = root.table("model");
  const int d = static_cast<int>(model.integer("dimension", 2, Range{1.0, 3.0}));
  const std::string interaction = model.string("interaction", "contact", {"contact", "hartree"});
  const std::string scalingName = model.string("pair_scaling", "N-1", {"N-1", "N"});
  const PairScaling scaling = scalingName == "N" ? PairScaling::N : PairScaling::NMinusOne;
  std::optional<double> N;
  if (model.has("N")) N = model.number("N", std::nullopt, Range{1.0, std::nullopt});
  PairInteraction pair = PairInteraction::contact();
  if (interaction == "hartree") {
    auto profile = PairProfile::byName(model.string("profile", "gaussian"), model.path("profile"));
    // β = 0: the fixed profile w (as in `cbec manybody`); w_N = N^{dβ}w(N^β x) needs N^{dβ} finite
    const double beta = model.number("beta", std::nullopt, Range{0.0, 10.0});
    if (!hartree_N_from.empty()) {   // N is given point by point elsewhere (cbec blowup: scan.N)
      if (N) model.fail("N", fmt::format("not given here: with interaction = \"hartree\" N comes from {}", hartree_N_from));
      if (scaling == PairScaling::N)
        model.fail("pair_scaling", fmt::format("must be \"N-1\" (the mixture paper's 1/(N_s-1)) where N comes from {}",
                                               hartree_N_from));
      N = 1.0;   // a placeholder: the caller builds w_N for each of its N
    }
    if (!N) model.fail("N", "required with interaction = \"hartree\" (w_N = N^{dβ} w(N^β x))");
    pair = PairInteraction::hartree(profile, *N, beta);
  } else {
    for (const char* key : {"beta", "profile"})
      if (model.has(key)) model.fail(key, "only used with interaction = \"hartree\"");
  }
  if (scaling == PairScaling::N && !N) model.fail("N", "required with pair_scaling = \"N\"");
  const bool total = keys.total_mass && model.string("mass_constraint", "per_species", {"per_species", "total"}) == "total";
  if (total && scaling == PairScaling::N)
    model.fail("pair_scaling", "\"N\" needs N_s = c_s N, which mass_constraint = \"total\" leaves to the minimisation");
  model.finish();

  std::vector<ConfigTable> tables = root.tables("species", true);
  if (tables.empty()) root.fail("species", "at least one [[species]] is required");
  const int S = static_cast<int>(tables.size());
  if (S > 9) root.fail("species", "at most 9 species are supported");
  std::vector<Species> species;
  for (int s = 0; s < S; ++s) {
    ConfigTable& t = tables[s];
    Species sp;
    sp.name = t.string("name", fmt::format("s{}", s + 1));
    // the name becomes the HDF5 dataset species/<name> in state.h5
    const bool printable = std::all_of(sp.name.begin(), sp.name.end(),
                                       [](unsigned char c) { return c >= 0x20 && c != 0x7f; });
    if (sp.name.empty() || sp.name.size() > 64 || sp.name.find('/') != std::string::npos || sp.name == "." ||
        sp.name == ".." || !printable)
      t.fail("name", fmt::format("\"{}\" is not usable as a dataset name (1-64 printable characters, no '/', "
                                 "not \".\" or \"..\")", printable ? sp.name : std::string("<control characters>")));
    for (int r = 0; r < s; ++r)
      if (species[r].name == sp.name) t.fail("name", fmt::format("duplicate species name \"{}\"", sp.name));
    if (total) {
      if (t.has("fraction"))
        t.fail("fraction", "not given with model.mass_constraint = \"total\": the fractions ‖v_s‖² are outputs "
                           "of the minimisation (summary.json `fractions`)");
      sp.fraction = 1.0;   // the weight of the total-mass functional (mixture.hpp)
    } else {
      sp.fraction = S == 1 ? t.number("fraction", 1.0, Range{0.0, 1.0, true, false})
                           : t.number("fraction", std::nullopt, Range{0.0, 1.0, true, false});
    }
    sp.a = t.number("a", 0.0, Range{-kMaxStrength, kMaxStrength});
    if (keys.nu) sp.nu = t.number("nu", 1.0, Range{0.0, 1e4, true, false});   // ν_s of cbec evolve
    ConfigTable trap = t.table("trap");
    const std::vector<double> centre = trap.numbers("center", std::vector<double>(d, 0.0));
    if (static_cast<int>(centre.size()) != d)
      trap.fail("center", fmt::format("must have {} entries (model.dimension), got {}", d, centre.size()));
    if (trap.has("omega")) {
      const std::vector<double> omega = trap.numbers("omega", std::nullopt, Range::positive());
      if (static_cast<int>(omega.size()) != d)
        trap.fail("omega", fmt::format("must have {} entries (model.dimension), got {}", d, omega.size()));
      if (trap.has("power") && trap.number("power") != 2.0)
        trap.fail("power", "must be 2 (or omitted) for an anisotropic harmonic trap with omega");
      sp.trap = Trap::harmonic(omega, centre);
    } else {
      sp.trap = Trap::power(trap.number("power", 2.0, Range{0.0, 60.0, true, false}), centre);
    }
    trap.finish();
    t.finish();
    species.push_back(std::move(sp));
  }
  double sum = 0;
  for (const auto& sp : species) sum += sp.fraction;
  if (!total && std::abs(sum - 1.0) > 1e-12)
    root.fail("species", fmt::format("the fractions must sum to 1, got {:.15g}", sum));

  if (scaling == PairScaling::N)
    for (int s = 0; s < S; ++s)
      if (species[s].fraction * *N < 1 - 1e-9)
        model.fail("N", fmt::format("species[{}] has N_s = c_s N = {} < 1", s, species[s].fraction * *N));

  ConfigTable coupling = root.table("coupling");
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(S, S);
  for (int s = 0; s < S; ++s)
    for (int r = s + 1; r < S; ++r) {
      const double v = coupling.number(fmt::format("a{}{}", s + 1, r + 1), 0.0, Range{-kMaxStrength, kMaxStrength});
      a(s, r) = a(r, s) = v;
    }
  coupling.finish();
  return Mixture(d, std::move(species), a, pair, scaling, N,
                 total ? MassConstraint::Total : MassConstraint::PerSpecies);
}

}  // namespace cbec
