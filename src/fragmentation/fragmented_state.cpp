// Populations of an ℓ-level fragmented condensate (fragmented_state.hpp).
#include <cbec/fragmentation/fragmented_state.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {

std::string modelKey(FragmentationModel m) {
  switch (m) {
    case FragmentationModel::Fragmented: return "fragmented";
    case FragmentationModel::PhaseAveragedProduct: return "phase_averaged";
    case FragmentationModel::CondensateMixture: return "mixture";
  }
  return "?";
}

FragmentedState::FragmentedState(std::vector<std::int64_t> occupations, const std::string& what)
    : N_(std::move(occupations)) {
  if (N_.size() < 2)
    throw InputError(fmt::format("{}: need at least two levels N1 N2 ..., got {}", what, N_.size()));
  for (std::size_t j = 0; j < N_.size(); ++j) {
    if (N_[j] < 1)
      throw InputError(fmt::format("{}: N{} = {} must be a positive integer", what, j + 1, N_[j]));
    if (N_[j] > 1'000'000'000'000'000 || total_ > 1'000'000'000'000'000 - N_[j])
      throw InputError(fmt::format("{}: total number of particles exceeds 10^15", what));
    total_ += N_[j];
  }
}

FragmentedState FragmentedState::fromFractions(std::int64_t N, const std::vector<double>& fractions,
                                               const std::string& what) {
  if (fractions.size() < 2)
    throw InputError(fmt::format("{}: need at least two fractions n1 n2 ..., got {}", what, fractions.size()));
  double sum = 0;
  for (double f : fractions) {
    if (!(f > 0 && f < 1)) throw InputError(fmt::format("{}: each fraction must lie in (0, 1), got {}", what, f));
    sum += f;
  }
  if (std::abs(sum - 1) > 1e-12) throw InputError(fmt::format("{}: fractions must sum to 1, got {}", what, sum));
  if (N < 2) throw InputError(fmt::format("{}: N = {} is too small", what, N));
  std::vector<std::int64_t> occ(fractions.size());
  std::int64_t assigned = 0;
  for (std::size_t j = 0; j + 1 < fractions.size(); ++j) {
    occ[j] = std::llround(fractions[j] * double(N));
    assigned += occ[j];
  }
  occ.back() = N - assigned;
  for (std::size_t j = 0; j < occ.size(); ++j)
    if (occ[j] < 1)
      throw InputError(fmt::format("{}: N = {} gives N{} = {} particles; every level needs at least one", what, N,
                                   j + 1, occ[j]));
  return FragmentedState(std::move(occ), what);
}

}  // namespace cbec
