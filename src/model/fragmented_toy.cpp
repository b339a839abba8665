#include <cbec/model/fragmented_toy.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {

void FragmentedToyModel::validate() const {
  if (!(nu > 0) || !std::isfinite(nu)) throw InputError(fmt::format("toy model: the gap ν must be positive and finite, got {}", nu));
  if (occupations.empty()) throw InputError("toy model: at least one occupation is needed");
  double sum = 0;
  for (size_t j = 0; j < occupations.size(); ++j) {
    if (!(occupations[j] > 0) || !std::isfinite(occupations[j]))
      throw InputError(fmt::format("toy model: occupation n_{} must be positive, got {}", j, occupations[j]));
    sum += occupations[j];
  }
  if (std::abs(sum - 1) > 1e-12) throw InputError(fmt::format("toy model: the occupations must sum to 1, got {}", sum));
}

}  // namespace cbec
