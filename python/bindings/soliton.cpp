// Python: the Townes profile Q and the blow-up constants (soliton/*.hpp, drivers/soliton.hpp).
#include "bindings.hpp"

#include <cbec/drivers/soliton.hpp>
#include <cbec/soliton/townes_profile.hpp>

#include <pybind11/stl.h>

namespace cbec::python {
namespace {

/// f applied to a number (returns a float) or to each entry of an array (same shape).
template <class F>
py::object elementwise(py::handle r, F&& f) {
  if (py::isinstance<py::float_>(r) || py::isinstance<py::int_>(r)) return py::float_(f(r.cast<double>()));
  auto in = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(r);
  if (!in) throw InputError("r: must be a number or an array of numbers");
  py::array_t<double> out(std::vector<py::ssize_t>(in.shape(), in.shape() + in.ndim()));
  const double* x = in.data();
  double* y = out.mutable_data();
  for (py::ssize_t i = 0; i < in.size(); ++i) y[i] = f(x[i]);
  return out;
}

}  // namespace

void bindSoliton(py::module_& m) {
  py::class_<TownesProfile>(m, "TownesProfile", R"doc(The Townes profile Q: the positive radial solution of

  -Delta Q + Q - Q^3 = 0  in R^2                                   (M 1.12)

a_star = ||Q||_2^2 = 11.7008965... is the critical coupling; Pohozaev: ||grad Q||^2 = ||Q||_4^4 / 2 = a_star.
Q_0 = Q / sqrt(a_star) is the normalised blow-up profile (M 2.2).)doc")
      .def_property_readonly("a_star", &TownesProfile::aStar, "a_* = ||Q||_2^2")
      .def_property_readonly("Q0", &TownesProfile::centralValue, "Q(0)")
      .def_property_readonly("grad_Q_sq", &TownesProfile::gradNormSq, "||grad Q||_2^2")
      .def_property_readonly("Q_L4_4", &TownesProfile::l4Pow4, "||Q||_4^4")
      .def_property_readonly("tail_constant", &TownesProfile::tailConstant, "C in Q(r) ~ C K_0(r), r -> oo")
      .def("__call__", [](const TownesProfile& Q, py::handle r) {
        return elementwise(r, [&](double x) { return Q(std::abs(x)); });
      }, py::arg("r"), "Q(|r|) for a number or a numpy array")
      .def("normalised", [](const TownesProfile& Q, py::handle r) {
        return elementwise(r, [&](double x) { return Q.normalised(std::abs(x)); });
      }, py::arg("r"), "Q_0(|r|) = Q(|r|)/sqrt(a_*) for a number or a numpy array")
      .def("moment", &TownesProfile::moment, py::arg("p"), "M_p = int |x|^p Q(x)^2 dx");

  m.def("townes", &TownesProfile::standard, py::return_value_policy::reference,
        "The Townes profile Q (computed once per process): .a_star, .Q0, Q(r), .moment(p).");

  m.def("soliton", [](std::vector<double> powers, double nu, std::optional<std::pair<double, double>> fractions,
                      std::vector<double> radii) {
    drivers::SolitonParameters p{std::move(powers), nu, fractions, std::move(radii)};
    return toPython(drivers::toJson(drivers::soliton(p)));
  }, py::arg("powers") = std::vector<double>{}, py::arg("nu") = 1.0, py::arg("fractions") = py::none(),
        py::arg("radii") = std::vector<double>{},
        R"doc(The `cbec soliton --json` dictionary: a_star, Q0, grad_Q_sq, Q_L4_4, moments {"p": M_p} and
constants {"p": {Lambda, Theta, limit_single}} for each trap power p, with
  Lambda = (p nu M_p / (2 a_*))^{1/(p+2)},  limit_single = (p+2)/p Lambda^2 / a_*   (M 2.4-2.6).)doc");
}

}  // namespace cbec::python
