// Python: the domain objects — Trap, Species, PairInteraction (alias PairPotential), Mixture (model/*.hpp).
#include "bindings.hpp"

#include <cbec/manybody/finite_n.hpp>
#include <cbec/model/mixture.hpp>
#include <cbec/soliton/townes_regime.hpp>

#include <fmt/format.h>

#include <pybind11/eigen.h>
#include <pybind11/stl.h>

namespace cbec::python {

void bindModel(py::module_& m) {
  py::class_<Trap>(m, "Trap", R"doc(External potential V_s of one species.

Trap.power(p, center):     V(x) = |x - z|^p          (p > 0)
Trap.harmonic(omega, center): V(x) = sum_i omega_i^2 (x_i - z_i)^2)doc")
      .def_static("power", &Trap::power, py::arg("p"), py::arg("center"), "V(x) = |x - center|^p")
      .def_static("harmonic", &Trap::harmonic, py::arg("omega"), py::arg("center"),
                  "V(x) = sum_i omega_i^2 (x_i - center_i)^2")
      .def("__call__", [](const Trap& t, const std::vector<double>& x) {
        if (static_cast<int>(x.size()) != t.dimension()) throw InputError("Trap: point of the wrong dimension");
        return t(x.data());
      }, py::arg("x"), "V at the point x")
      .def_property_readonly("dimension", &Trap::dimension)
      .def_property_readonly("center", &Trap::centre)
      .def_property_readonly("exponent", &Trap::exponent, "growth exponent p (2 for harmonic)")
      .def_property_readonly("omega", &Trap::omega)
      .def("__repr__", &Trap::describe);

  py::class_<Species>(m, "Species", R"doc(One species s of a mixture: name, fraction c_s = N_s/N, intra-species
coupling a_s (positive = attractive, M 1.9), trap V_s and nu, the prefactor of the one-body operator
nu_s(-Laplacian + V_s) (F 5.11; 1 in the mixture paper).)doc")
      .def(py::init([](std::string name, double fraction, double a, Trap trap, double nu) {
             return Species{std::move(name), fraction, a, std::move(trap), nu};
           }),
           py::arg("name"), py::arg("fraction"), py::arg("a"), py::arg("trap"), py::arg("nu") = 1.0)
      .def_readwrite("name", &Species::name)
      .def_readwrite("fraction", &Species::fraction)
      .def_readwrite("a", &Species::a)
      .def_readwrite("trap", &Species::trap)
      .def_readwrite("nu", &Species::nu)
      .def("__repr__", [](const Species& s) {
        return fmt::format("Species(\"{}\", fraction = {}, a = {}, trap = {}, nu = {})", s.name, s.fraction, s.a,
                           s.trap.describe(), s.nu);
      });

  py::class_<PairInteraction>(m, "PairInteraction", R"doc(A pair interaction V = g u (pair_interaction.hpp), V > 0 repulsive.

contact(g=1):                  V = g delta                         (Gross-Pitaevskii limit, M 1.9)
hartree(N, beta, profile):     w_N(x) = N^{d beta} w(N^beta x),  int w = 1 (g = 1),
                               with the Gaussian w(x) = pi^{-d/2} exp(-|x|^2) (M 1.3-1.4)
gaussian(g, width):            V = g exp(-|x|^2 / (2 width^2))     (F 3.5)
coulomb(g, cutoff):            V = sgn(g) min(|g|/|x|, cutoff)      (F 5.16)
A Mixture holds the shape w_N (g = 1); its interactions are W = -a w_N (a > 0 attractive).
cbec.PairPotential is the same class (the earlier name).)doc")
      .def_static("contact", &PairInteraction::contact, py::arg("g") = 1.0)
      .def_static("hartree", [](double N, double beta, const std::string& profile) {
        return PairInteraction::hartree(PairProfile::byName(profile, "profile"), N, beta);
      }, py::arg("N"), py::arg("beta"), py::arg("profile") = "gaussian")
      .def_static("gaussian", &PairInteraction::gaussian, py::arg("g"), py::arg("width"))
      .def_static("coulomb", &PairInteraction::coulomb, py::arg("g"), py::arg("cutoff"))
      .def_property_readonly("is_contact", &PairInteraction::isContact)
      .def_property_readonly("coupling", &PairInteraction::coupling, "g (V > 0 repulsive)")
      .def_property_readonly("N", &PairInteraction::N)
      .def_property_readonly("beta", &PairInteraction::beta)
      .def_property_readonly("profile", [](const PairInteraction& w) -> py::object {
        if (!w.profile()) return py::none();
        return py::str(w.profile()->name());
      }, "the profile name of a scaled (hartree) interaction (None otherwise)")
      .def_property_readonly("range", &PairInteraction::range, "N^{-beta} (0 for contact); the width, r_c otherwise")
      .def("fourier", &PairInteraction::fourier, py::arg("k2"), py::arg("d"), "hat V(k) at |k|^2 = k2")
      .def("value", &PairInteraction::value, py::arg("s"), py::arg("d") = 3, "V at |x| = s")
      .def("spherical_average", &PairInteraction::sphericalAverage, py::arg("r"), py::arg("rp"),
           "K(r, r') = (F(r + r') - F(|r - r'|)) / (2 r r') in 3D")
      .def("__repr__", &PairInteraction::describe);
  m.attr("PairPotential") = m.attr("PairInteraction");

  py::class_<Mixture>(m, "Mixture", R"doc(S species in d = 1, 2, 3 dimensions with the mean-field energy per particle

  E(u) = sum_s c_s [ int |grad u_s|^2 + V_s |u_s|^2 - (a~_s/2) int rho_s (w_N * rho_s) ]
         - sum_{s<t} c_s c_t a_st int rho_s (w_N * rho_t),      rho_s = |u_s|^2, ||u_s|| = 1,

(M 1.7 / 1.9; a~_s = a_s for pair scaling "N-1", (N_s - 1)/N a_s for "N").
couplings: the symmetric S x S matrix of a_st (diagonal ignored).)doc")
      .def(py::init([](int d, std::vector<Species> species, Eigen::MatrixXd couplings, PairInteraction pair,
                       const std::string& scaling, std::optional<double> N) {
             if (scaling != "N-1" && scaling != "N") throw InputError("pair_scaling: must be \"N-1\" or \"N\"");
             return Mixture(d, std::move(species), std::move(couplings), std::move(pair),
                            scaling == "N" ? PairScaling::N : PairScaling::NMinusOne, N);
           }),
           py::arg("dimension"), py::arg("species"), py::arg("couplings"),
           py::arg("pair") = PairInteraction::contact(), py::arg("pair_scaling") = "N-1", py::arg("N") = py::none())
      .def_static("single_species", &Mixture::singleSpecies, py::arg("dimension"), py::arg("a"),
                  py::arg("power") = 2.0, "one species, contact, V = |x|^power")
      .def_static("two_species", &Mixture::twoSpecies, py::arg("dimension"), py::arg("c1"), py::arg("a1"),
                  py::arg("a2"), py::arg("a12"), "two species with harmonic traps at the origin")
      .def_property_readonly("dimension", &Mixture::dimension)
      .def_property_readonly("species", &Mixture::allSpecies)
      .def_property_readonly("pair", &Mixture::pair)
      .def_property_readonly("species_count", &Mixture::speciesCount)
      .def_property_readonly("fractions", [](const Mixture& mix) {
        std::vector<double> c;
        for (int s = 0; s < mix.speciesCount(); ++s) c.push_back(mix.fraction(s));
        return c;
      }, "c_s = N_s / N")
      .def_property_readonly("couplings", [](const Mixture& mix) {
        Eigen::MatrixXd a(mix.speciesCount(), mix.speciesCount());
        for (int s = 0; s < mix.speciesCount(); ++s)
          for (int t = 0; t < mix.speciesCount(); ++t) a(s, t) = mix.coupling(s, t);
        return a;
      }, "S x S matrix: a_s on the diagonal, a_st off it")
      .def_property_readonly("pair_scaling", [](const Mixture& mix) {
        return std::string(mix.pairScaling() == PairScaling::N ? "N" : "N-1");
      })
      .def_property_readonly("N", &Mixture::particleNumber, "the particle number N, if given")
      .def("for_particles", &manybodyMixture, py::arg("particles"),
           R"doc(The mixture of a finite-N problem with N_s = particles[s] (as cbec manybody builds it): fractions
N_s/N and w_N rebuilt with N = sum N_s (same profile, beta, pair scaling); needs a Hartree pair potential.)doc")
      .def("coupling", &Mixture::coupling, py::arg("s"), py::arg("t"), "a_s (s = t) or a_st")
      .def("regime", [](const Mixture& mix) {
        const RegimeReport r = classifyRegime(mix);
        return py::make_tuple(r.name(), r.reason);
      }, "(regime, reason): \"exists\", \"unbounded\" or \"undetermined\" (M Theorem 6)")
      .def("__repr__", &Mixture::describe);
}

}  // namespace cbec::python
