// Python: Fock states and their reduced density matrices — FockBasis (fragmentation/fock_basis.hpp),
// a user's state as a numpy vector over it, the k-body marginals (reduced_density_matrix.hpp), natural
// orbitals (natural_orbitals.hpp), trace norms (trace_norm.hpp) and the condensation bounds
// (condensation_bounds.hpp). States and matrices are numpy arrays, real or complex.
#include "bindings.hpp"

#include <cbec/fragmentation/condensation_bounds.hpp>
#include <cbec/fragmentation/fock_basis.hpp>
#include <cbec/fragmentation/natural_orbitals.hpp>
#include <cbec/fragmentation/reduced_density_matrix.hpp>
#include <cbec/fragmentation/trace_norm.hpp>

#include <pybind11/eigen.h>
#include <pybind11/stl.h>

#include <fmt/format.h>

#include <map>

namespace cbec::python {

namespace {

/// Largest array (entries) handed out whole: a listing of a basis of this size is already 800 MB.
constexpr double kMaxEntries = 1e8;

bool isComplex(py::handle a) { return py::module_::import("numpy").attr("iscomplexobj")(a).cast<bool>(); }

/// psi as a vector of basis.dimension() entries (InputError naming `what` otherwise).
template <class V>
V stateVector(const FockBasis& basis, py::handle psi, const char* what) {
  V v = psi.cast<V>();
  if (static_cast<std::size_t>(v.size()) != basis.dimension())
    throw InputError(fmt::format("{}: the state has {} entries, the Fock basis dimension is {}", what, v.size(),
                                 basis.dimension()));
  return v;
}

/// The k-body marginal of psi (real or complex numpy vector), over FockBasis(M, k).
py::object rdm(const FockBasis& basis, py::handle psi, int k) {
  if (isComplex(psi)) {
    const Eigen::VectorXcd v = stateVector<Eigen::VectorXcd>(basis, psi, "reduced_density_matrix");
    Eigen::MatrixXcd g;
    {
      py::gil_scoped_release release;
      g = reducedDensityMatrix(basis, v, k);
    }
    return py::cast(g);
  }
  const Eigen::VectorXd v = stateVector<Eigen::VectorXd>(basis, psi, "reduced_density_matrix");
  Eigen::MatrixXd g;
  {
    py::gil_scoped_release release;
    g = reducedDensityMatrix(basis, v, k);
  }
  return py::cast(g);
}

/// sum_n c_n |n> from {occupations: amplitude} or [(occupations, amplitude), ...]; repeated
/// occupations add up. Complex when any amplitude is.
py::object fockVector(const FockBasis& basis, py::handle terms, bool normalise) {
  std::vector<std::pair<py::object, py::object>> items;
  if (py::isinstance<py::dict>(terms)) {
    for (auto [k, v] : terms.cast<py::dict>()) items.emplace_back(py::reinterpret_borrow<py::object>(k),
                                                                  py::reinterpret_borrow<py::object>(v));
  } else {
    for (py::handle t : terms) {
      const py::sequence pair = t.cast<py::sequence>();
      if (pair.size() != 2) throw InputError("FockBasis.vector: give {occupations: amplitude} or [(occupations, amplitude), ...]");
      items.emplace_back(pair[0], pair[1]);
    }
  }
  if (items.empty()) throw InputError("FockBasis.vector: no terms");
  if (basis.dimension() > kMaxEntries) throw InputError(fmt::format("FockBasis.vector: dimension {} is too large", basis.dimension()));
  bool complex = false;
  std::map<std::size_t, std::complex<double>> c;
  for (const auto& [occ, amp] : items) {
    complex = complex || isComplex(amp);
    c[basis.index(occ.cast<Occupations>())] += amp.cast<std::complex<double>>();
  }
  double norm2 = 0;
  for (const auto& [i, z] : c) norm2 += std::norm(z);
  if (normalise && !(norm2 > 0)) throw InputError("FockBasis.vector: the state is zero");
  const double s = normalise ? 1.0 / std::sqrt(norm2) : 1.0;
  const auto D = static_cast<py::ssize_t>(basis.dimension());
  if (complex) {
    py::array_t<std::complex<double>> a(D);
    std::fill(a.mutable_data(), a.mutable_data() + D, 0.0);
    for (const auto& [i, z] : c) a.mutable_at(i) = s * z;
    return a;
  }
  py::array_t<double> a(D);
  std::fill(a.mutable_data(), a.mutable_data() + D, 0.0);
  for (const auto& [i, z] : c) a.mutable_at(i) = s * z.real();
  return a;
}

Eigen::MatrixXcd complexMatrix(py::handle a) {
  return isComplex(a) ? a.cast<Eigen::MatrixXcd>() : Eigen::MatrixXcd(a.cast<Eigen::MatrixXd>().cast<std::complex<double>>());
}

Eigen::VectorXcd complexVector(py::handle a) {
  return isComplex(a) ? a.cast<Eigen::VectorXcd>() : Eigen::VectorXcd(a.cast<Eigen::VectorXd>().cast<std::complex<double>>());
}

}  // namespace

void bindFock(py::module_& m) {
  py::class_<FockBasis>(m, "FockBasis", R"doc(Occupation-number basis of N bosons in M orbitals phi_0, ..., phi_{M-1} (F 1.15):

  |n> = |n_0, ..., n_{M-1}> = phi_0^{(x)n_0} v ... v phi_{M-1}^{(x)n_{M-1}},   n_0 + ... + n_{M-1} = N,

dimension C(N+M-1, M-1), numbered in descending lexicographic order (the first orbital most occupied
first): for M = 2 the index of (N-j, j) is j. A state is a numpy vector of `dimension` coefficients.)doc")
      .def(py::init<int, int>(), py::arg("orbitals"), py::arg("particles"))
      .def_property_readonly("orbitals", &FockBasis::orbitals, "M")
      .def_property_readonly("particles", &FockBasis::particles, "N")
      .def_property_readonly("dimension", &FockBasis::dimension)
      .def("__len__", &FockBasis::dimension)
      .def("index", &FockBasis::index, py::arg("occupations"), "the index of (n_0, ..., n_{M-1})")
      .def("occupations", [](const FockBasis& b, std::size_t i) {
        if (i >= b.dimension()) throw py::index_error(fmt::format("FockBasis.occupations: index {} out of range", i));
        return b.occupations(i);
      }, py::arg("index"), "(n_0, ..., n_{M-1}) of an index")
      .def("states", [](const FockBasis& b) {
        if (double(b.dimension()) * b.orbitals() > kMaxEntries)
          throw InputError(fmt::format("FockBasis.states: {} states x {} orbitals is too large to list", b.dimension(), b.orbitals()));
        py::array_t<std::int64_t> a({static_cast<py::ssize_t>(b.dimension()), static_cast<py::ssize_t>(b.orbitals())});
        std::int64_t* out = a.mutable_data();
        Occupations n = b.first();
        do {
          for (int v : n) *out++ = v;
        } while (b.next(n));
        return a;
      }, "all occupation vectors in index order, an int array of shape (dimension, M)")
      .def("state", [](const FockBasis& b, const Occupations& n) {
        py::array_t<double> a(static_cast<py::ssize_t>(b.dimension()));
        std::fill(a.mutable_data(), a.mutable_data() + a.size(), 0.0);
        a.mutable_at(b.index(n)) = 1.0;
        return a;
      }, py::arg("occupations"), "the basis vector |n_0, ..., n_{M-1}> as a numpy vector")
      .def("vector", &fockVector, py::arg("terms"), py::arg("normalise") = true,
           R"doc(sum_n c_n |n> as a numpy vector: terms {(n_0, ..., n_{M-1}): c_n} or [(occupations, c_n), ...]
(repeated occupations add up; complex128 when any c_n is complex), normalised to 1 unless normalise=False.)doc")
      .def("product_state", [](const FockBasis& b, py::handle phi) -> py::object {
        const Eigen::VectorXcd p = complexVector(phi);
        if (p.size() != b.orbitals())
          throw InputError(fmt::format("FockBasis.product_state: phi has {} entries, the basis {} orbitals", p.size(), b.orbitals()));
        const Eigen::VectorXcd v = symmetricPower(p, b.particles());
        if (isComplex(phi)) return py::cast(v);
        return py::cast(Eigen::VectorXd(v.real()));
      }, py::arg("phi"), R"doc(The condensate phi^{(x)N} of a one-body state phi = sum_i phi_i phi_i (M coefficients) in this
basis: <n|phi^{(x)N}> = sqrt(N!/prod n_i!) prod phi_i^{n_i} (real when phi is).)doc")
      .def("reduced_density_matrix", &rdm, py::arg("psi"), py::arg("k") = 1,
           "the k-body marginal of psi (see cbec.reduced_density_matrix)")
      .def("__repr__", [](const FockBasis& b) {
        return fmt::format("FockBasis(orbitals = {}, particles = {}, dimension = {})", b.orbitals(), b.particles(), b.dimension());
      });

  m.def("reduced_density_matrix", &rdm, py::arg("basis"), py::arg("psi"), py::arg("k") = 1,
        R"doc(The k-body reduced density matrix gamma^(k) = Tr_{N-k} |Psi><Psi| / <Psi, Psi> of a state Psi given by
its coefficients over a cbec.FockBasis (F 1.1-1.5), Tr gamma^(k) = 1, in the occupation basis
cbec.FockBasis(M, k) of the symmetric k-particle space:
  k = 1: gamma_ij = <a_j^+ a_i> / N (M x M);
  k = 2: pairs |ii> = phi_i (x) phi_i, |ij> = (phi_i (x) phi_j + phi_j (x) phi_i)/sqrt(2), in FockBasis(M, 2) order.
psi: real or complex numpy vector (the result has its type).)doc");
  m.def("symmetric_power", [](py::handle phi, int k) -> py::object {
    const Eigen::VectorXcd v = symmetricPower(complexVector(phi), k);
    if (isComplex(phi)) return py::cast(v);
    return py::cast(Eigen::VectorXd(v.real()));
  }, py::arg("phi"), py::arg("k"), "phi^{(x)k} over cbec.FockBasis(len(phi), k): sqrt(k!/prod a_i!) prod phi_i^{a_i}");

  py::class_<NaturalOrbitals>(m, "NaturalOrbitals", R"doc(gamma^(1) = sum_j n_j |phi_j><phi_j| (F 1.6): occupations n_0 >= n_1 >= ... (sum 1) and
natural orbitals (columns, coordinates over the M orbitals). Unpacks as (occupations, orbitals).)doc")
      .def_readonly("occupations", &NaturalOrbitals::occupations)
      .def_readonly("orbitals", &NaturalOrbitals::orbitals)
      .def_property_readonly("condensate_fraction", &NaturalOrbitals::condensateFraction, "n_0")
      .def("__iter__", [](const NaturalOrbitals& n) {
        return py::iter(py::make_tuple(py::cast(n.occupations), py::cast(n.orbitals)));
      });
  m.def("natural_orbitals", [](py::handle gamma1) { return naturalOrbitals(complexMatrix(gamma1)); }, py::arg("gamma1"),
        "the spectral decomposition of a one-body density matrix (real or complex, self-adjoint)");
  m.def("trace_norm", [](py::handle A) { return traceNorm(complexMatrix(A)); }, py::arg("A"),
        "Tr|A| = sum_j |lambda_j(A)| of a self-adjoint matrix (only the lower triangle is read; F 1.10)");
  m.def("condensation_bounds", [](const FockBasis& basis, py::handle psi, int k) {
    const Eigen::VectorXcd v = stateVector<Eigen::VectorXcd>(basis, psi, "condensation_bounds");
    const CondensationBounds b = condensationBounds(basis, v, k);
    py::dict d;
    d["k"] = b.k;
    d["one_body_depletion"] = b.oneBodyDepletion;
    d["one_body_trace_distance"] = b.oneBodyTraceDistance;
    d["trace_upper_bound"] = b.traceUpperBound();
    d["k_body_depletion"] = b.kBodyDepletion;
    d["k_body_trace_distance"] = b.kBodyTraceDistance;
    d["k_body_upper_bound"] = b.kBodyUpperBound();
    d["holds"] = b.holds();
    return d;
  }, py::arg("basis"), py::arg("psi"), py::arg("k"),
        R"doc(How close psi is to complete BEC on its leading natural orbital phi (F 1.10, 1.11):
1 - <phi, g1 phi> <= Tr|g1 - |phi><phi|| <= 2 sqrt(1 - <phi, g1 phi>) and
1 - <phi, g1 phi> <= 1 - <phi^k, gk phi^k> <= k (1 - <phi, g1 phi>); a dict of each side and "holds".)doc");
}

}  // namespace cbec::python
