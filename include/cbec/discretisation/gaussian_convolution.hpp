#pragma once
/// @file gaussian_convolution.hpp
/// (G_κ * f)(x) = ∫ e^{−κ|x − y|²} f(y) dy on a grid (row-major, spacing h, no periodic images: the box is
/// taken large against 1/√κ and the support of f), by the separable product e^{−κ|x−y|²} = Π_a e^{−κ(x_a−y_a)²}:
/// d passes of a dense n×n kernel along one axis each (n^{d+1} d operations; 128² in 2D: 4·10⁶), with the
/// rectangle rule h per axis. Used for the one-body compensation of the QMC pair factor (docs/qmc.md).
#include <cbec/discretisation/field.hpp>
#include <cbec/discretisation/grid.hpp>

namespace cbec {

Field gaussianConvolution(const Grid& grid, const Field& f, double kappa);

}  // namespace cbec
