#include <cbec/dynamics/toy_grid.hpp>
#include <cbec/hamiltonian/convolution_term.hpp>
#include <cbec/io/errors.hpp>

#include <cmath>

namespace cbec {

std::unique_ptr<Hamiltonian> toyHamiltonian(const FragmentedToyModel& model, const Grid& grid, bool measure) {
  model.validate();
  if (grid.dimension() != 3) throw InputError("toy model: the grid must be three-dimensional");
  auto H = std::make_unique<Hamiltonian>(Mixture::singleSpecies(3, 0.0, 2.0), grid, 1, measure,
                                         std::vector<double>{model.nu / 2});
  const RadialPotential V = model.potential;
  ConvolutionKernel kernel =
      V.kind() == RadialPotential::Kind::Gaussian
          ? ConvolutionKernel::fromFourier(H->fourier(), [V](double k2) { return V.fourier(k2, 3); })
          : ConvolutionKernel::fromSamples(H->fourier(), [V](const double* x) {
              return V.value(std::sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]));
            });
  H->addTerm(std::make_unique<ConvolutionTerm>(H->fourier(), std::move(kernel), std::vector<double>{1.0},
                                               Eigen::MatrixXd::Ones(1, 1), "toy_potential"));
  return H;
}

}  // namespace cbec
