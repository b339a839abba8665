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

SplittingScheme SplittingScheme::palindromic5() {
  // "PP 5/6 A", Auzinger, Hofstätter, Ketcheson & Koch, BIT 57 (2017) 55: a₁ b₁ … a₄ b₄, then the mirror image
  const double c[8] = {0.201651044312324230, 0.578800656272664932, 0.562615975356569200, 0.273128836056524479,
                       0.253874038247554845, -0.102733803148432142, -0.835351693190370636, 0.068014946093165092};
  double list[16];
  for (int j = 0; j < 8; ++j) list[j] = list[15 - j] = c[j];
  SplittingScheme s{"palindromic5", 5, {}, {}};
  for (int j = 0; j < 8; ++j) {
    s.a.push_back(list[2 * j]);
    s.b.push_back(list[2 * j + 1]);
  }
  s.a.push_back(0.0);
  return s;
}

SplittingScheme SplittingScheme::exchanged() const {
  // e^{a₀A} e^{b₀B} … e^{b_{m−1}B} e^{a_mA} with A ↔ B: e^{a₀B} e^{b₀A} … e^{a_mB}, i.e. A coefficients
  // (0, b₀, …, b_{m−1}) and B coefficients (a₀, …, a_m), merged where a zero leaves two B flows adjacent
  SplittingScheme s{name + "*", order, {0.0}, {}};
  for (size_t j = 0; j < b.size(); ++j) {
    s.b.push_back(a[j]);
    s.a.push_back(b[j]);
  }
  if (a.back() != 0) {
    s.b.push_back(a.back());
    s.a.push_back(0.0);
  }
  return s;
}

SplittingScheme SplittingScheme::byName(const std::string& name, const std::string& key) {
  if (name == "strang") return strang();
  if (name == "yoshida4") return yoshida4();
  if (name == "blanes_moan") return blanesMoan();
  if (name == "yoshida6") return yoshida6();
  if (name == "blanes_moan6") return blanesMoan6();
  if (name == "palindromic5") return palindromic5();
  throw InputError(fmt::format(
      "{}: unknown integrator '{}' (strang, yoshida4, blanes_moan, yoshida6, blanes_moan6, palindromic5)", key, name));
}

SplittingPair SplittingPair::blanesMoan() {
  // "Emb 4/3 BM PRK/A" (Auzinger et al. 2017): the order-3 member shares S6's a₁, b₁, a₂ and continues with
  // b₂' a₃' b₃' a₄' b₄' (coefficients of their table; the last A and B ones from Σa = Σb = 1)
  SplittingPair p;
  p.name = "blanes_moan+emb3";
  p.first = SplittingScheme::blanesMoan();
  const auto& a = p.first.a;
  const auto& b = p.first.b;
  const double b2 = 0.634279607840446390, a3 = -0.351497633364616918, b3 = -0.0576123055740887430;
  p.second = {"blanes_moan_emb3", 3, {a[0], a[1], a3, 1 - (a[0] + a[1] + a3), 0.0}, {b[0], b2, b3, 1 - (b[0] + b2 + b3)}};
  p.estimateOrder = 3;
  p.scale = 1;
  return p;
}

SplittingPair SplittingPair::palindromic5() {
  SplittingPair p;
  p.name = "palindromic5+adjoint";
  p.first = SplittingScheme::palindromic5();
  p.second = p.first.exchanged();
  p.estimateOrder = 5;
  p.scale = 0.5;
  return p;
}

bool SplittingPair::exists(const SplittingScheme& s) { return s.name == "blanes_moan" || s.name == "palindromic5"; }

SplittingPair SplittingPair::of(const SplittingScheme& s) {
  if (s.name == "blanes_moan") return blanesMoan();
  if (s.name == "palindromic5") return palindromic5();
  throw InputError(fmt::format("no embedded error estimate for integrator '{}' (blanes_moan, palindromic5)", s.name));
}

std::vector<SplittingPair::Flow> SplittingPair::flows(const SplittingScheme& s) {
  std::vector<Flow> f;
  for (size_t j = 0; j < s.b.size(); ++j) {
    if (s.a[j] != 0) f.push_back({true, s.a[j]});
    if (s.b[j] != 0) f.push_back({false, s.b[j]});
  }
  if (s.a.back() != 0) f.push_back({true, s.a.back()});
  return f;
}

size_t SplittingPair::sharedFlows() const {
  const auto f1 = flows(first), f2 = flows(second);
  size_t k = 0;
  while (k < f1.size() && k < f2.size() && f1[k].a == f2[k].a && f1[k].c == f2[k].c) ++k;
  return k;
}

}  // namespace cbec
