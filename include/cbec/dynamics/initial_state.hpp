#pragma once
/// @file initial_state.hpp
/// Initial data of a mean-field run (one field per species, each normalised, ‖u_s‖ = 1 on the grid):
///   harmonic   π^{−d/4} e^{−|x − z_s|²/2} at each species' trap centre z_s (the ground state of −Δ + |x − z|²)
///   gaussian   (πw²)^{−d/4} e^{−|x − c|²/(2w²)} e^{ik·x}: displaced (c) and kicked (k) Gaussian of width w
///   state      the fields of a `cbec groundstate` state.h5 (real), on the same grid; evolving them with a
///              configuration that differs from the one they were computed for is a quench of that parameter
#include <cbec/discretisation/field.hpp>
#include <cbec/discretisation/grid.hpp>
#include <cbec/model/mixture.hpp>

#include <filesystem>
#include <vector>

namespace cbec {

ComplexState harmonicInitialState(const Mixture& mixture, const Grid& grid);
ComplexState gaussianInitialState(int species, const Grid& grid, const std::vector<double>& centre, double width,
                                  const std::vector<double>& momentum);
/// Reads `path` (the species names of `mixture`); InputError if its grid differs from `grid`.
ComplexState stateFileInitialState(const std::filesystem::path& path, const Mixture& mixture, const Grid& grid);
/// Each component scaled to norm 1 (NumericalError for a zero or non-finite field).
void normaliseEach(ComplexState& u, const Grid& grid);

}  // namespace cbec
