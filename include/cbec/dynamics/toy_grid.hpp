#pragma once
/// @file toy_grid.hpp
/// The toy model of F §3 on a full 3D grid, as a one-species Hamiltonian (hamiltonian.hpp): ν_s = ν/2,
/// trap |x|², no contact term, and the pair potential V as a convolution term with K̂ = V̂ (Gaussian: analytic;
/// regularised Coulomb: sampled on the grid, convolution_term.hpp) and coupling 1, so that
///   H[ρ] = (ν/2)(−Δ + |x|²) + V∗ρ = h_ν + 3ν/2 + V∗ρ,    E_toy = E_H − 3ν/2 (for ‖φ‖ = 1).
/// The constant −3ν/2 of h_ν only turns the phase of φ_t, which no observable of the toy model sees.
/// Used to check the radial reduction (fragmented_toy_evolution.hpp) against the full 3D flow.
#include <cbec/dynamics/fragmented_toy_evolution.hpp>
#include <cbec/dynamics/grid_evolution.hpp>
#include <cbec/hamiltonian/hamiltonian.hpp>
#include <cbec/model/fragmented_toy.hpp>

#include <memory>

namespace cbec {

/// The Hamiltonian of the toy model's spatial Hartree flow (F 4.4) on `grid` (3D).
std::unique_ptr<Hamiltonian> toyHamiltonian(const FragmentedToyModel& model, const Grid& grid, bool measure = false);

/// The toy model evolved on the 3D grid (exact oscillator flow + splitting, grid_evolution.hpp) with the same
/// outputs as the radial evolveFragmentedToy: α = ⟨φ_0, φ_t⟩ and β = ‖φ_t − αφ_0‖ on the grid, K(t) from the
/// κ ODE with c = 2E(φ_0), the first-order prediction from the radial basis. basisTail is 0 (no basis).
ToyEvolution evolveFragmentedToyOnGrid(const FragmentedToyModel& model, const Grid& grid,
                                       const std::vector<double>& times, const GridEvolutionOptions& options);

}  // namespace cbec
