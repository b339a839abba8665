#include <cbec/dynamics/infinite_gap.hpp>
#include <cbec/dynamics/toy_grid.hpp>
#include <cbec/fragmentation/multinomial_weights.hpp>
#include <cbec/hamiltonian/convolution_term.hpp>
#include <cbec/io/errors.hpp>

#include <cmath>

namespace cbec {

std::unique_ptr<Hamiltonian> toyHamiltonian(const FragmentedToyModel& model, const Grid& grid, bool measure) {
  model.validate();
  if (grid.dimension() != 3) throw InputError("toy model: the grid must be three-dimensional");
  // one species with h = (ν/2)(−Δ + |x|²) (F 3.9), the toy potential added as its own term below
  const Species orbital{"phi", 1.0, 0.0, Trap::power(2.0, {0.0, 0.0, 0.0}), model.nu / 2};
  auto H = std::make_unique<Hamiltonian>(Mixture(3, {orbital}, Eigen::MatrixXd::Zero(1, 1)), grid, 1, measure);
  const PairInteraction V = model.potential;
  ConvolutionKernel kernel =
      V.kind() == PairInteraction::Kind::Gaussian
          ? ConvolutionKernel::fromFourier(H->fourier(), [V](double k2) { return V.fourier(k2, 3); })
          : ConvolutionKernel::fromSamples(H->fourier(), [V](const double* x) {
              return V.value(std::sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]));
            });
  H->addTerm(std::make_unique<ConvolutionTerm>(H->fourier(), std::move(kernel), std::vector<double>{1.0},
                                               Eigen::MatrixXd::Ones(1, 1), "toy_potential"));
  return H;
}

}  // namespace cbec

namespace cbec {

ToyEvolution evolveFragmentedToyOnGrid(const FragmentedToyModel& model, const Grid& grid,
                                       const std::vector<double>& times, const GridEvolutionOptions& options) {
  auto H = toyHamiltonian(model, grid);
  MeanFieldFlow flow(*H, LinearPart::ExactHarmonic);
  ComplexField phi0(grid.shape());
  std::array<double, 3> x{};
  for (size_t i = 0; i < grid.size(); ++i) {
    grid.point(i, x.data());
    phi0[i] = std::pow(M_PI, -0.75) * std::exp(-(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]) / 2);
  }
  const double shift = 1.5 * model.nu;   // h_ν = (ν/2)(−Δ + |x|²) − 3ν/2
  ToyEvolution out;
  out.occupations1 = multinomialWeights(model.occupations, 1);
  out.occupations2 = multinomialWeights(model.occupations, 2);
  for (double w : out.occupations2) out.rank2 += w > 0;
  out.c = 2 * (flow.energy(ComplexState{phi0}) - shift);
  const int l = model.levels();
  auto K = KappaFlow::sharedOrbital(l, out.c).phaseAveraged(model.occupations, times).K;
  Eigen::MatrixXcd D = Eigen::VectorXd::Map(model.occupations.data(), l).cast<std::complex<double>>().asDiagonal();
  RadialHartreeFlow radial(model.nu, model.potential, 40);   // for the first-order prediction only
  GridEvolution ev(flow, GridRunState{ComplexState{phi0}, ComplexState{phi0}}, options);
  for (size_t m = 0; m < times.size(); ++m) {
    ev.advanceTo(times[m]);
    const ComplexField& u = ev.state().u[0];
    ToySnapshot s;
    s.t = times[m];
    s.norm = flow.norms(ev.state().u)[0];
    s.energy = flow.energy(ev.state().u) - shift * s.norm * s.norm;
    s.x2 = flow.secondMoments(ev.state().u)[0];
    std::complex<double> alpha = flow.overlaps(ComplexState{phi0}, ev.state().u)[0];
    double perp = 0;
    for (size_t i = 0; i < u.size(); ++i) perp += std::norm(u[i] - alpha * phi0[i]);
    alpha /= s.norm;
    s.overlap = std::norm(alpha);
    s.orthogonalNorm = std::sqrt(perp * grid.cellVolume()) / s.norm;
    s.K = K[m];
    s.distance = infiniteGapDistance(alpha, s.orthogonalNorm, D, K[m]);
    s.rank = numericalRank(Eigen::MatrixXcd(D));
    s.rankInfiniteGap = numericalRank(K[m]);
    s.predictedDistance = firstOrderDistance(radial, times[m]);
    out.snapshots.push_back(s);
  }
  out.steps = ev.state().counts;
  return out;
}

}  // namespace cbec
