// Python: the finite-N Hamiltonian H_N of a mixture (M 1.1) in oscillator modes, as cbec manybody builds
// it: mixtureModeHamiltonian (manybody/mixture_modes.hpp) -> FockHamiltonian (fock_hamiltonian.hpp),
// applied to numpy vectors and diagonalised by lowestEigenpairs (lanczos.hpp).
// Kept thin on purpose: the library's calls are the four in PyFockHamiltonian's constructor, apply() and
// eigenpairs() below, so a change of their signatures is a one-line change here.
#include "bindings.hpp"

#include <cbec/manybody/double_marginals.hpp>
#include <cbec/manybody/finite_n.hpp>
#include <cbec/manybody/fock_hamiltonian.hpp>
#include <cbec/manybody/lanczos.hpp>
#include <cbec/manybody/mixture_modes.hpp>

#include <pybind11/eigen.h>
#include <pybind11/stl.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <memory>

namespace cbec::python {

namespace {

using RealArray = py::array_t<double, py::array::c_style | py::array::forcecast>;

struct PyFockHamiltonian {
  Mixture mixture;
  std::vector<int> particles;
  int shells;
  std::optional<int> max_quanta;
  std::vector<OscillatorModes> modes;
  std::unique_ptr<FockHamiltonian> H;

  PyFockHamiltonian(const Mixture& base, std::vector<int> P, int n, std::optional<int> maxQuanta)
      : mixture(checkedMixture(base, P)), particles(std::move(P)), shells(n), max_quanta(maxQuanta) {
    MixtureModes mm = mixtureModeHamiltonian(mixture, particles, shells, max_quanta);
    modes = std::move(mm.modes);
    H = std::make_unique<FockHamiltonian>(std::move(mm.model));
  }

  /// fractions N_s/N and w_N built with N = sum N_s, as `cbec manybody` does (finite_n.hpp).
  static Mixture checkedMixture(const Mixture& base, const std::vector<int>& P) {
    if (static_cast<int>(P.size()) != base.speciesCount())
      throw InputError(fmt::format("FockHamiltonian: particles has {} entries for {} species", P.size(), base.speciesCount()));
    return manybodyMixture(base, P);
  }

  std::size_t dimension() const { return H->dimension(); }

  Eigen::VectorXd vector(const RealArray& x, const char* what) const {
    if (x.ndim() != 1 || static_cast<std::size_t>(x.shape(0)) != dimension())
      throw InputError(fmt::format("FockHamiltonian.{}: give a vector of {} entries (the sector dimension)", what, dimension()));
    return Eigen::Map<const Eigen::VectorXd>(x.data(), x.shape(0));
  }

  py::array_t<double> apply(const RealArray& x, int threads) const {
    const Eigen::VectorXd v = vector(x, "apply");
    py::array_t<double> y(static_cast<py::ssize_t>(dimension()));
    double* out = y.mutable_data();
    {
      py::gil_scoped_release release;
      applyParallel(*H, v.data(), out, threads);
    }
    return y;
  }

  EigenPairs eigenpairs(int count, double tolerance, int threads) const {
    LanczosOptions o;
    o.count = count;
    o.tolerance = tolerance;
    o.threads = threads;
    py::gil_scoped_release release;
    return lowestEigenpairs(*H, o);
  }
};

}  // namespace

void bindFockHamiltonian(py::module_& m) {
  py::class_<EigenPairs>(m, "EigenPairs", R"doc(Lowest eigenpairs H v_k = lambda_k v_k: values (ascending), vectors (columns, unit norm),
residuals ||H v - lambda v||, converged, operator_applications. Unpacks as (values, vectors).)doc")
      .def_readonly("values", &EigenPairs::values)
      .def_readonly("vectors", &EigenPairs::vectors)
      .def_readonly("residuals", &EigenPairs::residuals)
      .def_readonly("converged", &EigenPairs::converged)
      .def_readonly("operator_applications", &EigenPairs::operator_applications)
      .def("__iter__", [](const EigenPairs& p) { return py::iter(py::make_tuple(py::cast(p.values), py::cast(p.vectors))); });

  py::class_<PyFockHamiltonian>(m, "FockHamiltonian", R"doc(The many-body Hamiltonian H_N of a mixture (M 1.1) with N_s particles of species s, projected on
the oscillator modes of each species' harmonic trap up to `shells` (cbec.OscillatorModes), on the even
symmetry sector (the one holding the ground state), matrix-free — the operator of `cbec manybody`:

  H = sum_s [ sum_ij h^s_ij a+_i a_j + (lambda_s/2) sum V^s_ijkl a+_i a+_j a_l a_k ] + lambda_AB sum V^AB ...

The mixture's fractions and w_N are set from `particles` (N = sum N_s) as `cbec manybody` does; the pair
potential must be cbec.PairInteraction.hartree(..., profile="gaussian"). One or two species.
inf spec H = the lowest eigenvalue = energy_total of `cbec manybody` (E_N^Q = energy_total / N).
Vectors are numpy arrays of `dimension` entries over the sector (see occupations(row)).)doc")
      .def(py::init<const Mixture&, std::vector<int>, int, std::optional<int>>(), py::arg("mixture"),
           py::arg("particles"), py::arg("shells"), py::arg("max_quanta") = py::none(),
           "particles: N_s per species; shells: n_max of the oscillator modes; max_quanta: optional "
           "many-body truncation (sum of the shells of all particles <= max_quanta)")
      .def_property_readonly("dimension", &PyFockHamiltonian::dimension, "of the symmetry sector")
      .def_property_readonly("mixture", [](const PyFockHamiltonian& h) { return h.mixture; }, "the mixture used")
      .def_property_readonly("particles", [](const PyFockHamiltonian& h) { return h.particles; })
      .def_property_readonly("shells", [](const PyFockHamiltonian& h) { return h.shells; })
      .def_property_readonly("max_quanta", [](const PyFockHamiltonian& h) { return h.max_quanta; })
      .def_property_readonly("modes", [](const PyFockHamiltonian& h) { return h.modes; },
                             "the cbec.OscillatorModes of each species")
      .def("apply", &PyFockHamiltonian::apply, py::arg("x"), py::arg("threads") = 1,
           "H x for a numpy vector x (row blocks on `threads` threads)")
      .def("__matmul__", [](const PyFockHamiltonian& h, const RealArray& x) { return h.apply(x, 1); })
      .def("lowest_eigenpairs", &PyFockHamiltonian::eigenpairs, py::arg("count") = 1, py::arg("tolerance") = 1e-12,
           py::arg("threads") = 1,
           "the `count` lowest eigenpairs (implicitly restarted Lanczos; dense at dimension <= 64): cbec.EigenPairs")
      .def("dense", [](const PyFockHamiltonian& h) {
        if (h.dimension() > 5000)
          throw InputError(fmt::format("FockHamiltonian.dense: dimension {} > 5000; use apply()", h.dimension()));
        return denseMatrix(*h.H);
      }, "the matrix of H (dimension <= 5000)")
      .def("occupations", [](const PyFockHamiltonian& h, std::size_t row) {
        if (row >= h.dimension()) throw py::index_error(fmt::format("FockHamiltonian.occupations: row {} out of range", row));
        py::list l;
        for (std::size_t s = 0; s < h.particles.size(); ++s) l.append(py::cast(h.H->occupations(row, static_cast<int>(s))));
        return l;
      }, py::arg("row"), "the occupations [n_A] or [n_A, n_B] (over each species' modes) of a sector index")
      .def("fock_basis", [](const PyFockHamiltonian& h, int s) {
        if (s < 0 || s >= static_cast<int>(h.particles.size())) throw py::index_error("FockHamiltonian.fock_basis: no such species");
        return h.H->states(s).basis();
      }, py::arg("species") = 0, "the cbec.FockBasis(modes, N_s) of species s")
      .def("fock_vector", [](const PyFockHamiltonian& h, const RealArray& x) -> py::object {
        const Eigen::VectorXd v = h.vector(x, "fock_vector");
        const FockBasis& A = h.H->states(0).basis();
        const FockBasis& B = h.H->states(1).basis();
        if (double(A.dimension()) * double(B.dimension()) > 1e8)
          throw InputError("FockHamiltonian.fock_vector: the full Fock space is too large");
        Eigen::MatrixXd psi = Eigen::MatrixXd::Zero(A.dimension(), B.dimension());
        for (std::size_t row = 0; row < h.dimension(); ++row) {
          std::int64_t a, b;
          h.H->sector().decode(row, a, b);
          psi(h.H->states(0).rank(a), h.H->states(1).rank(b)) = v[row];
        }
        if (h.particles.size() == 1) return py::cast(Eigen::VectorXd(psi.col(0)));
        return py::cast(psi);
      }, py::arg("x"), R"doc(A sector vector over the full Fock space: one species, a vector over fock_basis(0) (zero outside
the sector) for cbec.reduced_density_matrix; two species, the matrix Psi[rank of n_A, rank of n_B].)doc")
      .def("double_marginals", [](const PyFockHamiltonian& h, const RealArray& x) {
        Eigen::VectorXd v = h.vector(x, "double_marginals");
        if (!(v.norm() > 0)) throw InputError("FockHamiltonian.double_marginals: the state is zero");
        v.normalize();
        const DoubleMarginals g = doubleMarginals(*h.H, v);
        py::dict d;
        d["g10"] = g.g10, d["g01"] = g.g01, d["g11"] = g.g11, d["g20"] = g.g20;
        return d;
      }, py::arg("x"), R"doc(The double marginals of a sector state (M §2.1), unit trace, over the modes:
g10 = <a+_k a_i>/N_A, g01 = <b+_l b_j>/N_B, g11 = <a+_k b+_l b_j a_i>/(N_A N_B) (pairs (i,j) -> i M_B + j),
g20 = <a+_k a+_l a_j a_i>/(N_A (N_A-1)) (pairs -> i M_A + j); empty when a species has too few particles.)doc")
      .def("__repr__", [](const PyFockHamiltonian& h) {
        return fmt::format("FockHamiltonian(particles = {}, shells = {}, dimension = {})",
                           fmt::join(h.particles, "+"), h.shells, h.dimension());
      });
}

}  // namespace cbec::python
