// Reader of the `cbec rates` configuration (rates_config.hpp).
#include <cbec/config/rates_config.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/io/hdf5_array.hpp>
#include <cbec/io/npy_file.hpp>
#include <cbec/manybody/finite_n.hpp>
#include <cbec/manybody/mixture_modes.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace cbec {
namespace {

/// |nu|, |strength|, |gap|, |interaction| above this make the exact flow stiff beyond any Krylov step
/// (the models' energy unit is the level spacing, MODEL.md §6).
constexpr double kMaxEnergy = 1e4;
/// Peak bytes per Fock state of one exact run: the Krylov basis (maxDimension + 1 = 31 complex
/// vectors), the state, H·v and two work vectors: 16 · 35 bytes.
constexpr double kBytesPerState = 16.0 * 35;
/// Largest t·(|gap| + |U|) of the double well (the phase average's bandwidth; see readRatesConfig).
constexpr double kMaxPhaseWork = 500;
/// Largest (top level of h_ν)·t of the toy model.
constexpr double kMaxPhaseAdvance = 1e6;

std::vector<double> readOccupations(ConfigTable& model, std::size_t levels) {
  std::vector<double> n = model.numbers("occupations", std::vector<double>{0.5, 0.5}, Range{0.0, 1.0, true, true});
  if (levels && n.size() != levels) model.fail("occupations", fmt::format("needs {} entries", levels));
  if (n.size() < 2) model.fail("occupations", "needs at least two levels");
  double sum = 0;
  for (double x : n) sum += x;
  if (std::abs(sum - 1) > 1e-12) model.fail("occupations", fmt::format("must sum to 1, got {}", sum));
  return n;
}

PairInteraction readPotential(ConfigTable& p) {
  const std::string kind = p.string("kind", "gaussian", {"gaussian", "coulomb"});
  const double strength = p.number("strength", 1.0, Range{-kMaxEnergy, kMaxEnergy});
  const Range length{1e-3, 1e3};
  if (kind == "gaussian") return PairInteraction::gaussian(strength, p.number("width", 1.0, length));
  return PairInteraction::coulomb(strength, p.number("cutoff", std::nullopt, length));
}

/// h_ij and V_ijkl from .npy files, validated (see rates_config.hpp); the first `modes` modes kept.
void readModeModel(ConfigTable& model, RatesConfig& c) {
  c.one_body_file = model.string("one_body");
  c.two_body_file = model.string("two_body");
  // .h5 / .hdf5: the datasets one_body_dataset (default "h"), two_body_dataset (default "V"); else .npy
  const auto isHdf5 = [](const std::string& f) {
    const std::string e = std::filesystem::path(f).extension().string();
    return e == ".h5" || e == ".hdf5";
  };
  const auto read = [&](const std::string& key, const std::string& file, const std::string& fallback) {
    const std::string dataset = isHdf5(file) ? model.string(key + "_dataset", fallback) : std::string();
    try {
      return isHdf5(file) ? readHdf5Array(file, dataset) : readNpy(file);
    } catch (const InputError& e) {
      model.fail(key, e.what());
    }
  };
  const NpyArray h = read("one_body", c.one_body_file, "h"), V = read("two_body", c.two_body_file, "V");
  const auto failH = [&](const std::string& what) { model.fail("one_body", fmt::format("{}: {}", c.one_body_file, what)); };
  const auto failV = [&](const std::string& what) { model.fail("two_body", fmt::format("{}: {}", c.two_body_file, what)); };
  const auto shapeText = [](const std::vector<std::size_t>& s) { return fmt::format("({})", fmt::join(s, ", ")); };
  if (h.shape.size() != 2 || h.shape[0] != h.shape[1] || h.shape[0] < 2)
    failH(fmt::format("shape {} is not (M, M) with M >= 2", shapeText(h.shape)));
  const std::size_t M = h.shape[0];
  if (M > 40) failH(fmt::format("M = {} modes: at most 40 are supported", M));
  if (V.shape != std::vector<std::size_t>{M, M, M, M})
    failV(fmt::format("shape {} is not (M, M, M, M) with M = {} (the modes of {})", shapeText(V.shape), M, c.one_body_file));
  double hmax = 0, vmax = 0;
  for (std::size_t i = 0; i < h.data.size(); ++i) {
    if (!std::isfinite(h.data[i].real()) || !std::isfinite(h.data[i].imag()))
      failH(fmt::format("entry h[{}, {}] is not finite", i / M, i % M));
    hmax = std::max(hmax, std::abs(h.data[i]));
  }
  const auto index = [M](std::size_t i, std::size_t j, std::size_t k, std::size_t l) { return ((i * M + j) * M + k) * M + l; };
  for (std::size_t i = 0; i < V.data.size(); ++i) {
    if (!std::isfinite(V.data[i].real()) || !std::isfinite(V.data[i].imag()))
      failV(fmt::format("entry V[{}, {}, {}, {}] is not finite", i / (M * M * M), i / (M * M) % M, i / M % M, i % M));
    vmax = std::max(vmax, std::abs(V.data[i]));
  }
  if (hmax > kMaxEnergy) failH(fmt::format("largest |h_ij| = {:.3g} exceeds {:g} (the exact flow would be too stiff)", hmax, kMaxEnergy));
  if (vmax > kMaxEnergy) failV(fmt::format("largest |V_ijkl| = {:.3g} exceeds {:g}", vmax, kMaxEnergy));
  const double th = 1e-12 * std::max(hmax, 1e-300), tv = 1e-12 * std::max(vmax, 1e-300);
  for (std::size_t i = 0; i < M; ++i)
    for (std::size_t j = 0; j < M; ++j) {
      const auto a = h.data[i * M + j], b = h.data[j * M + i];
      if (std::abs(a - std::conj(b)) > th)
        failH(fmt::format("not Hermitian: h[{0}, {1}] = {2:.12g}{3:+.12g}i but conj h[{1}, {0}] = {4:.12g}{5:+.12g}i", i, j,
                          a.real(), a.imag(), b.real(), -b.imag()));
    }
  for (std::size_t i = 0; i < M; ++i)
    for (std::size_t j = 0; j < M; ++j)
      for (std::size_t k = 0; k < M; ++k)
        for (std::size_t l = 0; l < M; ++l) {
          const auto v = V.data[index(i, j, k, l)], swap = V.data[index(j, i, l, k)], herm = V.data[index(k, l, i, j)];
          if (std::abs(v - swap) > tv)
            failV(fmt::format("V_ijkl = V_jilk is violated: V[{},{},{},{}] = {:.12g} but V[{},{},{},{}] = {:.12g}", i, j, k,
                              l, v.real(), j, i, l, k, swap.real()));
          if (std::abs(v - std::conj(herm)) > tv)
            failV(fmt::format("V_ijkl = conj V_klij is violated: V[{},{},{},{}] = {:.12g}{:+.12g}i but V[{},{},{},{}] = "
                              "{:.12g}{:+.12g}i", i, j, k, l, v.real(), v.imag(), k, l, i, j, herm.real(), herm.imag()));
        }
  // The Fock operator and the Galerkin Hartree flow take real h and V (real orbitals).
  for (std::size_t i = 0; i < h.data.size(); ++i)
    if (std::abs(h.data[i].imag()) > th)
      failH(fmt::format("h[{}, {}] has imaginary part {:.3g}: complex one-body matrices are not supported (real "
                        "orbitals make h real symmetric)", i / M, i % M, h.data[i].imag()));
  for (std::size_t i = 0; i < V.data.size(); ++i)
    if (std::abs(V.data[i].imag()) > tv)
      failV(fmt::format("V[{}, {}, {}, {}] has imaginary part {:.3g}: complex interaction tensors are not supported",
                        i / (M * M * M), i / (M * M) % M, i / M % M, i % M, V.data[i].imag()));
  const int use = static_cast<int>(model.integer("modes", static_cast<long long>(M), Range{2.0, double(M)}));
  c.shells = use;
  c.one_body.resize(use, use);
  for (int i = 0; i < use; ++i)
    for (int j = 0; j < use; ++j) c.one_body(i, j) = h.data[i * M + j].real();
  c.two_body.assign(static_cast<std::size_t>(use) * use * use * use, 0.0);
  for (int i = 0; i < use; ++i)
    for (int j = 0; j < use; ++j)
      for (int k = 0; k < use; ++k)
        for (int l = 0; l < use; ++l) c.two_body[((i * use + j) * use + k) * use + l] = V.data[index(i, j, k, l)].real();
}

/// kind = "grid_modes": [model] trap and modes, [grid], [potential] (rates_config.hpp); builds the model.
void readGridModes(ConfigTable& root, ConfigTable& model, RatesConfig& c) {
  RatesConfig::GridModes& g = c.grid_modes;
  g.dimension = static_cast<int>(model.integer("dimension", 1, Range{1.0, 2.0}));
  const std::string trap = model.string("trap", "double_well", {"double_well", "harmonic"});
  g.trap.kind = trap == "harmonic" ? GridTrap::Kind::Harmonic : GridTrap::Kind::DoubleWell;
  if (g.trap.kind == GridTrap::Kind::DoubleWell) {
    g.trap.wellMinimum = model.number("well_minimum", 2.0, Range{0.0, 20.0});
    g.trap.tilt = model.number("tilt", 0.0, Range{-100.0, 100.0});
  }
  if (g.trap.kind == GridTrap::Kind::Harmonic || g.dimension == 2)
    g.trap.frequency = model.number("frequency", 1.0, Range{1e-3, 1e3, true, true});
  const int M = static_cast<int>(model.integer("modes", 4, Range{2.0, 40.0}));
  ConfigTable grid = root.table("grid");
  const int maxPoints = g.dimension == 1 ? 2048 : 48;
  const auto evenPoints = [&](const std::string& key, long long fallback) {
    const int n = static_cast<int>(grid.integer(key, fallback, Range{8.0, double(maxPoints)}));
    if (n % 2) grid.fail(key, fmt::format("must be even, got {}", n));
    return n;
  };
  g.points = evenPoints("points", g.dimension == 1 ? 64 : 32);
  g.box = grid.number("box", 12.0, Range{1e-2, 1e4, true, true});
  g.check = grid.boolean("check", true);
  if (g.check) {
    const long long fallback = std::min<long long>(2 * ((3 * g.points + 3) / 4), maxPoints);
    g.check_points = evenPoints("check_points", fallback);
    g.check_box = grid.number("check_box", 1.25 * g.box, Range{1e-2, 1e4, true, true});
    if (g.check_points == g.points && g.check_box == g.box)
      grid.fail("check_points", "the check grid equals the grid (give more points or another box, or check = false)");
  }
  const long long P = g.dimension == 1 ? g.points : static_cast<long long>(g.points) * g.points;
  if (M >= P) model.fail("modes", fmt::format("{} modes on {} grid points", M, P));
  grid.finish();
  ConfigTable potential = root.table("potential");
  const std::string kind = potential.string("kind", "contact", {"contact", "gaussian"});
  const double strength = potential.number("strength", 1.0, Range{-kMaxEnergy, kMaxEnergy});
  g.interaction = kind == "contact" ? PairInteraction::contact(strength)
                                    : PairInteraction::gaussian(strength, potential.number("width", 1.0, Range{1e-3, 1e3}));
  potential.finish();
  const Grid onGrid(g.dimension, g.points, g.box);
  c.grid_model = gridModeModel(onGrid, g.trap, M, g.interaction);
  if (!(c.grid_model.energies[1] < c.grid_model.energies[2] - 1e-9 * std::max(1.0, std::abs(c.grid_model.energies[2]))))
    model.fail("modes", fmt::format("the fragments' modes 0 and 1 are not separated from mode 2 (E = {:.10g}, {:.10g}, "
                                    "{:.10g}): the pair is not defined", c.grid_model.energies[0],
                                    c.grid_model.energies[1], c.grid_model.energies[2]));
  c.shells = M;
  c.one_body = c.grid_model.h;
  c.two_body = c.grid_model.V;
}

/// kind = "quench": the `cbec manybody` file, [quench], the particles of each N (rates_config.hpp).
void readQuench(ConfigTable& root, ConfigTable& model, ConfigTable& rates, RatesConfig& c) {
  RatesConfig::Quench& q = c.quench;
  q.manybody_file = model.string("manybody");
  try {
    q.manybody = readManybodyConfig(ConfigTable::parseFile(q.manybody_file));
  } catch (const InputError& e) {
    model.fail("manybody", e.what());
  }
  const std::size_t S = q.manybody->particles.size();
  ConfigTable quench = root.table("quench", true);
  q.inter_scale = quench.number("inter_scale", 1.0, Range{-100.0, 100.0});
  q.intra_scale = quench.numbers("intra_scale", std::vector<double>(S, 1.0), Range{-100.0, 100.0});
  if (q.intra_scale.size() != S) quench.fail("intra_scale", fmt::format("needs {} entries (one per species)", S));
  q.trap_scale = quench.numbers("trap_scale", std::vector<double>(S, 1.0), Range{1e-2, 1e2});
  if (q.trap_scale.size() != S) quench.fail("trap_scale", fmt::format("needs {} entries (one per species)", S));
  for (std::size_t s = 0; s < S; ++s)
    if (q.trap_scale[s] != 1.0) {
      const Trap& trap = q.manybody->mixture.species(static_cast<int>(s)).trap;
      if (trap.isPower() && trap.exponent() != 2.0)
        quench.fail("trap_scale", fmt::format("species {}: a trap quench needs a harmonic trap (power 2), got power {}",
                                              s, trap.exponent()));
    }
  quench.finish();
  if (c.k != 1) rates.fail("k", "kind = \"quench\" reports the one-body marginals: k = 1 only");
  if (c.fluctuations) rates.fail("fluctuations", "not available for kind = \"quench\"");
  if (c.regularisation) rates.fail("regularisation", "only for kind = \"fragmented_toy\" with a Coulomb [potential]");
  int N0 = 0;
  for (int n : q.manybody->particles) N0 += n;
  const int shells = q.manybody->sweep_shells;
  for (int N : c.N) {
    std::vector<int> P;
    for (int n : q.manybody->particles) {
      if (static_cast<long long>(n) * N % N0)
        rates.fail("N", fmt::format("N = {} does not split into integers in the ratio of the species' particles of {}", N,
                                    q.manybody_file));
      P.push_back(static_cast<int>(static_cast<long long>(n) * N / N0));
    }
    const ModeFootprint f = mixtureModeFootprint(manybodyMixture(q.manybody->mixture, P), P, shells, q.manybody->max_quanta);
    if (f.states > c.max_dimension)
      rates.fail("N", fmt::format("N = {} needs a Fock sector of {:.3g} states with {} shells (max_dimension = {:.3g})", N,
                                  f.states, shells, c.max_dimension));
    c.memory.push_back({kBytesPerState * f.states + 2 * TwoBodyTensor::kBytesPerEntry * f.entries,
                        fmt::format("{} = {} (Fock sector of {:.3g} states, {} B/state)", rates.path("N"), N, f.states,
                                    kBytesPerState)});
    q.particles.push_back(P);
  }
  c.shells = shells;
  c.nu = {0.0};
}

void readRates(ConfigTable& r, RatesConfig& c) {
  for (double n : r.numbers("N", std::nullopt, Range{1.0, 1e6})) {
    if (n != std::floor(n)) r.fail("N", fmt::format("must be integers, got {}", n));
    c.N.push_back(static_cast<int>(n));
  }
  if (c.N.empty()) r.fail("N", "must not be empty");
  c.times = r.numbers("times", std::nullopt, Range{0.0, 1e4});
  if (c.times.empty()) r.fail("times", "must not be empty");
  for (std::size_t i = 1; i < c.times.size(); ++i)
    if (c.times[i] < c.times[i - 1]) r.fail("times", "must be ascending");
  c.k = static_cast<int>(r.integer("k", 1, Range{1.0, 8.0}));
  for (int N : c.N)
    if (N < c.k) r.fail("N", fmt::format("every N must be at least k = {}, got {}", c.k, N));
  c.phases = static_cast<int>(r.integer("phases", 0, Range{0.0, 65536.0}));
  if (c.phases == 1 || c.phases % 2) r.fail("phases", "must be even (or 0: adaptive)");
  c.phase_tolerance = r.number("phase_tolerance", 0.01, Range{1e-6, 0.5});
  // Default cap: about 5e5 unit-time Hartree flows in all (≈ 8 min here at 1e-10 per unit time).
  const double tEnd = std::max(1.0, c.times.back());
  c.max_phases = r.integer("max_phases", std::clamp<long long>(std::llround(5e5 / tEnd), 2000, 30000), Range{120.0, 1e7});
  c.tolerance = r.number("tolerance", 1e-10, Range{1e-15, 1e-2});
  c.max_dimension = r.number("max_dimension", 3e6, Range{1.0, 1e9});
  c.fluctuations = r.boolean("fluctuations", false);
  std::vector<double> defaultN(c.N.begin(), c.N.end());
  c.fluctuation_N = r.numbers("fluctuation_N", defaultN, Range{1.0, 1e12});
  if (c.fluctuation_N.empty()) r.fail("fluctuation_N", "must not be empty");
  c.fluctuation_cutoff = static_cast<int>(r.integer("fluctuation_cutoff", 16, Range{1.0, 400.0}));
  c.fluctuation_phases = static_cast<int>(r.integer("fluctuation_phases", 4, Range{1.0, 64.0}));
  c.regularisation = r.boolean("regularisation", false);
}

}  // namespace

RatesConfig readRatesConfig(ConfigTable&& root) {
  RatesConfig c;
  ConfigTable model = root.table("model", true);
  const std::string kind = model.string("kind", std::nullopt, {"fragmented_toy", "double_well", "modes", "grid_modes", "quench"});
  ConfigTable rates = root.table("rates", true);
  readRates(rates, c);
  if (kind == "fragmented_toy") {
    c.model = RatesConfig::Model::FragmentedToy;
    const Range nuRange{0.0, kMaxEnergy, true, false};
    const double nu = model.number("nu", 10.0, nuRange);
    c.occupations = readOccupations(model, 0);
    ConfigTable potential = root.table("potential");
    c.potential = readPotential(potential);
    potential.finish();
    ConfigTable basis = root.table("basis");
    c.shells = static_cast<int>(basis.integer("shells", 3, Range{1.0, 12.0}));
    basis.finish();
    c.nu = rates.numbers("nu", std::vector<double>{nu}, nuRange);
    if (c.nu.empty()) rates.fail("nu", "must not be empty");
    if (c.regularisation && c.potential.kind() != PairInteraction::Kind::Coulomb)
      rates.fail("regularisation", "needs a Coulomb [potential] (the cutoff N^3 of F 5.16 changes nothing for a bounded V "
                                   "with |V| < N^3)");
  } else if (kind == "quench") {
    c.model = RatesConfig::Model::Quench;
    readQuench(root, model, rates, c);
  } else if (kind == "modes" || kind == "grid_modes") {
    c.model = kind == "modes" ? RatesConfig::Model::Modes : RatesConfig::Model::GridModes;
    if (kind == "modes") readModeModel(model, c);
    else readGridModes(root, model, c);
    c.occupations = readOccupations(model, 2);
    c.nu = {0.0};
    if (c.regularisation) rates.fail("regularisation", "only for kind = \"fragmented_toy\" with a Coulomb [potential]");
  } else {
    c.model = RatesConfig::Model::DoubleWell;
    c.gap = model.number("gap", 1.0, Range{-kMaxEnergy, kMaxEnergy});
    c.interaction = model.number("interaction", 1.0, Range{-kMaxEnergy, kMaxEnergy});
    c.occupations = readOccupations(model, 2);
    c.shells = 2;
    c.nu = {0.0};
    if (c.regularisation) rates.fail("regularisation", "only for kind = \"fragmented_toy\" with a Coulomb [potential]");
  }
  if (c.fluctuations) {   // the fluctuation Fock space: shells 𝒩 ≤ cutoff + 2 of the model's modes
    const double states = std::exp(std::lgamma(c.fluctuation_cutoff + 3.0 + c.shells) -
                                   std::lgamma(c.fluctuation_cutoff + 3.0) - std::lgamma(c.shells + 1.0));
    if (states > 2e6)
      rates.fail("fluctuation_cutoff", fmt::format("{} with {} modes gives {:.3g} Fock states (at most 2e6)",
                                                   c.fluctuation_cutoff, c.shells, states));
  }
  // Long times: refused where the work grows beyond reach, with the reason (INTERFACE `cbec rates`).
  const double tEnd = c.times.back();
  if (c.model == RatesConfig::Model::Modes || c.model == RatesConfig::Model::GridModes) {
    // as for the double well, with S the spread of the flow's frequencies: max|h_ij| + max|V_ijkl|
    const double S = c.one_body.cwiseAbs().maxCoeff() +
                     std::abs(*std::max_element(c.two_body.begin(), c.two_body.end(), [](double a, double b) { return std::abs(a) < std::abs(b); }));
    if (tEnd * S > kMaxPhaseWork)
      rates.fail("times", fmt::format("t = {:g} with max|h| + max|V| = {:g} is refused: the phase average of the "
                                      "mean-field limit needs at least 30 t S / pi = {:.3g} Hartree flows of length t; "
                                      "t S must stay below {:g}", tEnd, S, 30 * tEnd * S / M_PI, kMaxPhaseWork));
  } else if (c.model == RatesConfig::Model::Quench) {
    // no phase average; the Krylov steps adapt to the spectrum (the sector is bounded by max_dimension)
  } else if (c.model == RatesConfig::Model::DoubleWell) {
    // The phase integrand's bandwidth grows like t·S (S = |gap| + |U|, the spread of the flow's
    // frequencies; near the separatrix the phases separate exponentially): the start of the adaptive
    // average alone needs 30 t S / π Hartree flows of length t.
    const double S = std::abs(c.gap) + std::abs(c.interaction);
    if (tEnd * S > kMaxPhaseWork)
      rates.fail("times", fmt::format("t = {:g} with |gap| + |interaction| = {:g} is refused: the phase average of "
                                      "the mean-field limit needs at least 30 t S / pi = {:.3g} Hartree flows of "
                                      "length t (its integrand oscillates ~t S times over the phases); t S must "
                                      "stay below {:g}", tEnd, S, 30 * tEnd * S / M_PI, kMaxPhaseWork));
  } else {
    // h_ν has levels 2ν n (n < shells): the flows and the Krylov steps grow like ν t.
    for (double nu : c.nu) {
      const double E = 2 * nu * (c.shells - 1) + std::abs(c.potential.coupling());
      if (tEnd * E > kMaxPhaseAdvance)
        rates.fail("times", fmt::format("t = {:g} with nu = {:g} is refused: the largest level times t is {:.3g} "
                                        "radians (> {:g}); the Hartree/Bogoliubov flows and the Krylov steps grow "
                                        "like nu t and would not finish", tEnd, nu, tEnd * E, kMaxPhaseAdvance));
    }
  }
  for (int N : c.N) {
    if (c.model == RatesConfig::Model::Quench) break;   // counted by readQuench (the symmetry sector)
    const double dim = std::exp(std::lgamma(N + c.shells) -
                       std::lgamma(N + 1.0) - std::lgamma(double(c.shells)));
    if (dim > c.max_dimension)
      rates.fail("N", fmt::format("N = {} needs a Fock space of {:.3g} states with {} modes (max_dimension = {:.3g})",
                                  N, dim, c.shells, c.max_dimension));
    c.memory.push_back({kBytesPerState * dim, fmt::format("{} = {} (Fock space of {:.3g} states with {} modes, {} B/state)",
                                                          rates.path("N"), N, dim, c.shells, kBytesPerState)});
  }
  model.finish();
  rates.finish();
  root.finish();
  return c;
}

}  // namespace cbec
