#pragma once
/// @file json_numbers.hpp
/// Numbers for summary.json: the value, or null where it is not finite (not computed, undefined) — JSON has no
/// NaN or infinity, and a summary never carries one in disguise.
#include <cbec/io/output.hpp>

#include <cmath>
#include <vector>

namespace cbec {

inline Json numberOrNull(double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); }

inline Json numbersOrNull(const std::vector<double>& v) {
  Json a = Json::array();
  for (double x : v) a.push_back(numberOrNull(x));
  return a;
}

}  // namespace cbec
