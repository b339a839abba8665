#pragma once
/// @file resample.hpp
/// Exact transfers of a field between periodic grids that share a centre:
///
///  * same box, other resolution — Fourier resampling: the trigonometric interpolant
///      u(x) = Σ_k c_k e^{ik·x}  (|k_i| < π/h)
///    is sampled on the new points (coarsening drops the modes the new grid cannot hold, and the
///    Nyquist modes). Exact for fields band-limited to the coarser grid.
///  * same spacing, other box — restriction to / zero extension from the common points
///    (the grids x_j = c - L/2 + jh coincide on an index offset (n - n')/2 when n - n' is even).
///
/// transferState (solver/ground_state.hpp) uses these when they apply, and multilinear interpolation
/// otherwise.
#include <cbec/discretisation/grid.hpp>

namespace cbec {

/// True when `from` and `to` have the same dimension, centre and box (resolution may differ).
bool sameBox(const Grid& from, const Grid& to);
/// True when `from` and `to` have the same dimension, centre and spacing, and n - n' is even.
bool sameLattice(const Grid& from, const Grid& to);

/// Fourier resampling (requires sameBox).
Field resampleSpectral(const Grid& from, const Field& f, const Grid& to);
/// Restriction / zero extension (requires sameLattice).
Field resampleLattice(const Grid& from, const Field& f, const Grid& to);

}  // namespace cbec
