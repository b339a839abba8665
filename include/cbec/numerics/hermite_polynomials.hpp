#pragma once
/// @file hermite_polynomials.hpp
/// The orthonormal Hermite polynomials of the weight e^{-ξ²}/√π,
///
///   p_n(ξ) = (2^n n!)^{-1/2} H_n(ξ),   ∫ p_m(ξ) p_n(ξ) e^{-ξ²} dξ = √π δ_mn,
///
/// by the stable three-term recurrence
///
///   p_0 = 1,   p_1 = √2 ξ,   p_{n+1} = √(2/(n+1)) ξ p_n - √(n/(n+1)) p_{n-1}.
///
/// (No physics here: the oscillator eigenfunctions built from them are manybody/oscillator_modes.hpp.)

namespace cbec {

/// p_0(ξ)..p_nmax(ξ) into out[0..nmax].
void hermitePolynomials(int nmax, double xi, double* out);

}  // namespace cbec
