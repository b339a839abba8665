// Python: the one-body bases — the FFT grid (discretisation/grid.hpp) and the oscillator modes of a
// harmonic trap (manybody/oscillator_modes.hpp). Coordinates, quantum numbers, energies and mode values
// come back as numpy arrays.
#include "bindings.hpp"

#include <cbec/manybody/oscillator_modes.hpp>

#include <pybind11/eigen.h>
#include <pybind11/stl.h>

#include <fmt/format.h>

namespace cbec::python {

namespace {

using RealArray = py::array_t<double, py::array::c_style | py::array::forcecast>;

/// A numpy array of shape (n,)*d as a Field on `grid` (InputError naming `what` if the shape differs).
Field gridField(const Grid& grid, const RealArray& a, const char* what) {
  const std::vector<py::ssize_t> want(grid.dimension(), grid.points());
  if (a.ndim() != grid.dimension() || !std::equal(want.begin(), want.end(), a.shape()))
    throw InputError(fmt::format("Grid.{}: the array must have shape ({},)*{}", what, grid.points(), grid.dimension()));
  Field f(grid.shape());
  std::copy(a.data(), a.data() + a.size(), f.data());
  return f;
}

/// Points given as an array of shape (..., d) — or, in 1D, any array of coordinates — as a flat list of
/// coordinates and the shape of the leading axes.
std::vector<double> pointList(int d, const RealArray& x, std::vector<py::ssize_t>& lead, const char* what) {
  lead.assign(x.shape(), x.shape() + x.ndim());
  if (d == 1 && (x.ndim() == 0 || x.shape(x.ndim() - 1) != 1)) {
    // 1D: every entry is a point
  } else {
    if (x.ndim() == 0 || x.shape(x.ndim() - 1) != d)
      throw InputError(fmt::format("{}: points must be an array of shape (..., {})", what, d));
    lead.pop_back();
  }
  return std::vector<double>(x.data(), x.data() + x.size());
}

}  // namespace

void bindBases(py::module_& m) {
  py::class_<Grid>(m, "Grid", R"doc(Uniform periodic grid on the cube centre + [-L/2, L/2)^d, n points per direction:

  x_j = centre - L/2 + j h,   h = L/n,   j = 0..n-1,

fields are arrays of shape (n,)*d (the last coordinate fastest), integrals are h^d sum f (spectrally
accurate for smooth periodic integrands). The grid of cbec.groundstate results is this grid.)doc")
      .def(py::init([](int d, int n, double box, std::optional<std::vector<double>> center) {
             return Grid(d, n, box, center.value_or(std::vector<double>{}));
           }),
           py::arg("dimension"), py::arg("points"), py::arg("box"), py::arg("center") = py::none(),
           "d in {1,2,3}; n >= 4 and even; box L > 0; center (d numbers, default the origin)")
      .def_property_readonly("dimension", &Grid::dimension)
      .def_property_readonly("points", &Grid::points, "n per direction")
      .def_property_readonly("box", &Grid::box, "side L")
      .def_property_readonly("center", &Grid::centre)
      .def_property_readonly("spacing", &Grid::spacing, "h = L/n")
      .def_property_readonly("cell_volume", &Grid::cellVolume, "h^d")
      .def_property_readonly("size", &Grid::size, "n^d")
      .def_property_readonly("shape", [](const Grid& g) { return py::tuple(py::cast(std::vector<int>(g.dimension(), g.points()))); },
                             "(n,)*d, the shape of a field")
      .def_property_readonly("axes", &gridAxes, "the d coordinate axes (n values each)")
      .def("coordinates", [](const Grid& g) {
        std::vector<py::ssize_t> shape(g.dimension(), g.points());
        shape.push_back(g.dimension());
        py::array_t<double> a(shape);
        double* out = a.mutable_data();
        for (size_t i = 0; i < g.size(); ++i) g.point(i, out + i * g.dimension());
        return a;
      }, "the grid points as an array of shape (n,)*d + (d,)")
      .def_property_readonly("max_wave_number", &Grid::maxWaveNumber, "pi/h")
      .def("integral", [](const Grid& g, const RealArray& f) { return g.integral(gridField(g, f, "integral")); },
           py::arg("f"), "h^d sum f")
      .def("dot", [](const Grid& g, const RealArray& f, const RealArray& h) {
        return g.dot(gridField(g, f, "dot"), gridField(g, h, "dot"));
      }, py::arg("f"), py::arg("g"), "h^d sum f g")
      .def("__repr__", &Grid::describe);

  py::class_<OscillatorModes>(m, "OscillatorModes", R"doc(Eigenfunctions of h = -Delta + sum_d omega_d^2 (x_d - z_d)^2 (no 1/2), the mode basis
of cbec manybody (MODEL.md §1): products of Hermite functions

  phi_nu(x) = psi_{nu_1}(x_1) ... psi_{nu_d}(x_d),   eps_nu = sum_d omega_d (2 nu_d + 1),

psi_n(t) = (omega/pi)^{1/4} (2^n n!)^{-1/2} H_n(xi) exp(-xi^2/2), xi = sqrt(omega)(t - z), for shells
|nu| <= n_max, ordered by shell, then by descending nu_1, nu_2, ...; mode 0 is the one-body ground state.)doc")
      .def(py::init<std::vector<double>, std::vector<double>, int>(), py::arg("omega"), py::arg("center"),
           py::arg("shells"), "omega_d > 0 and z_d per axis, shells n_max >= 0")
      .def_static("for_trap", [](const Trap& t, int shells) { return OscillatorModes::forTrap(t, shells, "trap"); },
                  py::arg("trap"), py::arg("shells"), "the modes of a harmonic cbec.Trap (power 2 or harmonic)")
      .def_property_readonly("dimension", &OscillatorModes::dimension)
      .def_property_readonly("shells", &OscillatorModes::shells, "n_max")
      .def_property_readonly("count", &OscillatorModes::count, "number of modes M")
      .def("__len__", &OscillatorModes::count)
      .def_property_readonly("omega", &OscillatorModes::omega)
      .def_property_readonly("center", &OscillatorModes::centre)
      .def_property_readonly("quantum_numbers", [](const OscillatorModes& o) {
        py::array_t<std::int64_t> a({static_cast<py::ssize_t>(o.count()), static_cast<py::ssize_t>(o.dimension())});
        auto r = a.mutable_unchecked<2>();
        for (int k = 0; k < o.count(); ++k)
          for (int d = 0; d < o.dimension(); ++d) r(k, d) = o.quantum(k, d);
        return a;
      }, "nu as an int array of shape (M, d)")
      .def_property_readonly("shell_numbers", [](const OscillatorModes& o) {
        py::array_t<std::int64_t> a(o.count());
        for (int k = 0; k < o.count(); ++k) a.mutable_at(k) = o.shell(k);
        return a;
      }, "|nu| per mode, shape (M,)")
      .def_property_readonly("energies", [](const OscillatorModes& o) {
        py::array_t<double> a(o.count());
        for (int k = 0; k < o.count(); ++k) a.mutable_at(k) = o.energy(k);
        return a;
      }, "eps_nu per mode, shape (M,)")
      .def_property_readonly("parity_masks", [](const OscillatorModes& o) {
        py::array_t<std::int64_t> a(o.count());
        for (int k = 0; k < o.count(); ++k) a.mutable_at(k) = o.parityMask(k);
        return a;
      }, "bit d set iff nu_d is odd, shape (M,)")
      .def("one_body_matrix", &OscillatorModes::oneBodyMatrix, "<phi_mu, h phi_nu> = eps_nu delta_mu,nu (M x M)")
      .def("values", [](const OscillatorModes& o, const RealArray& x) {
        std::vector<py::ssize_t> lead;
        const std::vector<double> pts = pointList(o.dimension(), x, lead, "OscillatorModes.values");
        const size_t P = pts.size() / o.dimension();
        std::vector<py::ssize_t> shape{o.count()};
        shape.insert(shape.end(), lead.begin(), lead.end());
        py::array_t<double> a(shape);
        double* out = a.mutable_data();
        for (int k = 0; k < o.count(); ++k)
          for (size_t p = 0; p < P; ++p) out[k * P + p] = o.value(k, pts.data() + p * o.dimension());
        return a;
      }, py::arg("x"), R"doc(phi_m(x) for all modes m at points x of shape (..., d) (in 1D any array of
coordinates): an array of shape (M, ...).)doc")
      .def("on_grid", [](const OscillatorModes& o, const Grid& g) {
        if (g.dimension() != o.dimension()) throw InputError("OscillatorModes.on_grid: grid of the wrong dimension");
        std::vector<py::ssize_t> shape{o.count()};
        for (int d = 0; d < g.dimension(); ++d) shape.push_back(g.points());
        py::array_t<double> a(shape);
        double* out = a.mutable_data();
        std::array<double, 3> x{};
        for (size_t i = 0; i < g.size(); ++i) {
          g.point(i, x.data());
          for (int k = 0; k < o.count(); ++k) out[k * g.size() + i] = o.value(k, x.data());
        }
        return a;
      }, py::arg("grid"), "phi_m on the points of a cbec.Grid: an array of shape (M,) + (n,)*d")
      .def("__repr__", [](const OscillatorModes& o) {
        return fmt::format("OscillatorModes(d = {}, shells = {}, modes = {})", o.dimension(), o.shells(), o.count());
      });
}

}  // namespace cbec::python
