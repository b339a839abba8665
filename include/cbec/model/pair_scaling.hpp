#pragma once
/// @file pair_scaling.hpp
/// The pair scaling of the many-body Hamiltonian, stated once:
///
///   H_N = Σ_s Σ_{i∈s} h_s(x_i) + Σ_s λ_s Σ_{i<j∈s} W_s(x_i−x_j) + Σ_{s<t} (1/N) Σ_{i∈s,r∈t} W_st    (M 1.1)
///
///   λ_s = 1/(N_s − 1)   ("N-1", the mixture paper; no pairs and λ_s = 0 when N_s < 2)
///   λ_s = 1/N           ("N", the fragmentation paper, F 3.5)
///
/// In the mean-field energy per particle of ⊗_s u_s^{⊗N_s} the intra term of species s carries
/// λ_s N_s(N_s−1)/(2N) = (c_s/2) κ_s with
///
///   κ_s = λ_s (N_s − 1)   (1 for "N-1"; (N_s − 1)/N = c_s − 1/N for "N")
///
/// so the functional holds the effective strength κ_s a_s (mixture.hpp). Every solver — mean-field on the
/// grid, Fock space, Monte Carlo — takes λ_s, 1/N and κ_s from here.
#include <optional>

namespace cbec {

enum class PairScaling { NMinusOne, N };

/// λ_s for N_s particles of species s among N in total.
double intraPairFactor(PairScaling scaling, double Ns, double N);
/// The inter-species factor 1/N of (M 1.1).
double interPairFactor(double N);
/// κ_s = λ_s (N_s − 1); 1 for "N-1" also when N is not given (the mean-field functional, M 1.9).
double intraScale(PairScaling scaling, double Ns, std::optional<double> N);

}  // namespace cbec
