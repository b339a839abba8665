#include <cbec/model/pair_scaling.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {

double intraPairFactor(PairScaling scaling, double Ns, double N) {
  if (!(N >= 1) || !(Ns >= 0) || Ns > N * (1 + 1e-12))
    throw InputError(fmt::format("pair scaling: need 0 ≤ N_s ≤ N and N ≥ 1, got N_s = {}, N = {}", Ns, N));
  if (scaling == PairScaling::N) return 1.0 / N;
  return Ns >= 2 ? 1.0 / (Ns - 1) : 0.0;
}

double interPairFactor(double N) {
  if (!(N >= 1)) throw InputError(fmt::format("pair scaling: need N ≥ 1, got {}", N));
  return 1.0 / N;
}

double intraScale(PairScaling scaling, double Ns, std::optional<double> N) {
  if (scaling == PairScaling::NMinusOne) return 1.0;
  if (!N) throw InputError("pair scaling \"N\" needs the particle number N");
  intraPairFactor(scaling, Ns, *N);   // validates N_s and N
  return (Ns - 1.0) / *N;             // = λ_s (N_s − 1) with λ_s = 1/N
}

}  // namespace cbec
