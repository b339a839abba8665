#include <cbec/dynamics/splitting.hpp>
#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {

SplittingScheme SplittingScheme::strang() { return {"strang", 2, {0.5, 0.5}, {1.0}}; }

SplittingScheme SplittingScheme::tripleJump(const SplittingScheme& base) {
  double w1 = 1.0 / (2.0 - std::pow(2.0, 1.0 / (base.order + 1))), w0 = 1.0 - 2.0 * w1;
  SplittingScheme s{"", base.order + 2, {}, {}};
  for (double w : {w1, w0, w1}) {
    for (size_t j = 0; j < base.b.size(); ++j) {
      double aj = base.a[j] * w;
      if (j == 0 && !s.a.empty()) s.a.back() += aj;   // merge e^{aA}e^{a'A}
      else s.a.push_back(aj);
      s.b.push_back(base.b[j] * w);
    }
    s.a.push_back(base.a.back() * w);
  }
  return s;
}

SplittingScheme SplittingScheme::yoshida4() {
  SplittingScheme s = tripleJump(strang());
  s.name = "yoshida4";
  return s;
}

SplittingScheme SplittingScheme::yoshida6() {
  SplittingScheme s = tripleJump(tripleJump(strang()));
  s.name = "yoshida6";
  return s;
}

SplittingScheme SplittingScheme::blanesMoan() {
  const double a1 = 0.0792036964311957, a2 = 0.353172906049774, a3 = -0.0420650803577195;
  const double a4 = 1 - 2 * (a1 + a2 + a3);
  const double b1 = 0.209515106613362, b2 = -0.143851773179818, b3 = 0.5 - (b1 + b2);
  return {"blanes_moan", 4, {a1, a2, a3, a4, a3, a2, a1}, {b1, b2, b3, b3, b2, b1}};
}

SplittingScheme SplittingScheme::blanesMoan6() {
  const double a[5] = {0.0502627644003922, 0.413514300428344, 0.0450798897943977, -0.188054853819569,
                       0.541960678450780};
  const double b[4] = {0.148816447901042, -0.132385865767784, 0.067307604692185, 0.432666402578175};
  SplittingScheme s{"blanes_moan6", 6, {a, a + 5}, {b, b + 4}};
  s.b.push_back(0.5 - (b[0] + b[1] + b[2] + b[3]));
  s.a.push_back(1 - 2 * (a[0] + a[1] + a[2] + a[3] + a[4]));
  for (int j = 4; j >= 0; --j) s.a.push_back(a[j]);
  for (int j = 4; j >= 0; --j) s.b.push_back(s.b[j]);
  return s;
}

SplittingScheme SplittingScheme::byName(const std::string& name, const std::string& key) {
  if (name == "strang") return strang();
  if (name == "yoshida4") return yoshida4();
  if (name == "blanes_moan") return blanesMoan();
  if (name == "yoshida6") return yoshida6();
  if (name == "blanes_moan6") return blanesMoan6();
  throw InputError(
      fmt::format("{}: unknown integrator '{}' (strang, yoshida4, blanes_moan, yoshida6, blanes_moan6)", key, name));
}

}  // namespace cbec
