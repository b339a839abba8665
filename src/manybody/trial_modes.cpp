// The trial's mode basis u·P_a (trial_modes.hpp).
#include <cbec/manybody/trial_modes.hpp>

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace cbec {

namespace {
double monomial(const std::array<int, 3>& p, const double* y, int d) {
  double v = 1;
  for (int a = 0; a < d; ++a)
    for (int k = 0; k < p[a]; ++k) v *= y[a];
  return v;
}
}  // namespace

void TrialModes::polynomials(const double* x, double* P) const {
  const int K = size(), d = dimension;
  double y[3] = {0, 0, 0}, m[64];
  for (int a = 0; a < d; ++a) y[a] = (x[a] - centre[a]) / length;
  for (int b = 0; b < K; ++b) m[b] = monomial(powers[b], y, d);
  for (int a = 0; a < K; ++a) {
    double s = 0;
    for (int b = 0; b <= a; ++b) s += C(a, b) * m[b];   // C lower triangular
    P[a] = s;
  }
}

std::vector<std::string> TrialModes::labels() const {
  static const char* axis[3] = {"x", "y", "z"};
  std::vector<std::string> out;
  for (const auto& p : powers) {
    std::string s = "u";
    for (int a = 0; a < dimension; ++a)
      if (p[a] == 1) s += fmt::format("·{}", axis[a]);
      else if (p[a] > 1) s += fmt::format("·{}^{}", axis[a], p[a]);
    out.push_back(s);
  }
  return out;
}

TrialModes trialModes(const Grid& grid, const Field& u, int degree) {
  if (degree < 0 || degree > 4) throw std::invalid_argument("trialModes: degree 0..4");
  TrialModes t;
  const int d = grid.dimension();
  t.dimension = d;
  t.degree = degree;
  for (int total = 0; total <= degree; ++total)   // graded order: the constant, then degree 1, 2, …
    for (int i = total; i >= 0; --i)
      for (int j = (d > 1 ? total - i : 0); j >= 0; --j) {
        const int k = total - i - j;
        if ((d < 2 && j > 0) || (d < 3 && k > 0)) continue;
        t.powers.push_back({i, j, k});
        if (d == 1) break;
      }
  const size_t n = grid.size();
  const double dV = grid.cellVolume();
  double norm = 0;
  t.centre.assign(d, 0.0);
  std::vector<double> x(d);
  for (size_t g = 0; g < n; ++g) {
    grid.point(g, x.data());
    const double w = u[g] * u[g] * dV;
    norm += w;
    for (int a = 0; a < d; ++a) t.centre[a] += w * x[a];
  }
  for (int a = 0; a < d; ++a) t.centre[a] /= norm;
  double r2 = 0;
  for (size_t g = 0; g < n; ++g) {
    grid.point(g, x.data());
    for (int a = 0; a < d; ++a) r2 += u[g] * u[g] * dV * (x[a] - t.centre[a]) * (x[a] - t.centre[a]);
  }
  t.length = std::sqrt(r2 / norm / d);
  const int K = t.size();
  Eigen::MatrixXd S = Eigen::MatrixXd::Zero(K, K);
  std::vector<double> m(K), y(3, 0.0);
  for (size_t g = 0; g < n; ++g) {
    grid.point(g, x.data());
    for (int a = 0; a < d; ++a) y[a] = (x[a] - t.centre[a]) / t.length;
    for (int b = 0; b < K; ++b) m[b] = monomial(t.powers[b], y.data(), d);
    const double w = u[g] * u[g] * dV;
    for (int b = 0; b < K; ++b)
      for (int c = 0; c <= b; ++c) S(b, c) += w * m[b] * m[c];
  }
  S = S.selfadjointView<Eigen::Lower>();
  Eigen::LLT<Eigen::MatrixXd> llt(S);
  if (llt.info() != Eigen::Success) throw std::runtime_error("trialModes: the monomials are not independent on the grid");
  const Eigen::MatrixXd L = llt.matrixL();
  t.C = L.triangularView<Eigen::Lower>().solve(Eigen::MatrixXd::Identity(K, K));
  return t;
}

}  // namespace cbec
