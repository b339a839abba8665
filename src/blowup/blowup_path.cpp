#include <cbec/blowup/blowup_path.hpp>

#include <cbec/io/errors.hpp>
#include <cbec/soliton/blowup_constants.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace cbec {

BlowupPath::Kind BlowupPath::kindByName(const std::string& name) {
  if (name == "theorem1") return Kind::Theorem1;
  if (name == "theorem2") return Kind::Theorem2;
  if (name == "theorem3") return Kind::Theorem3;
  if (name == "direction") return Kind::Direction;
  throw InputError(fmt::format(
      "blow-up path: must be \"theorem1\", \"theorem2\", \"theorem3\" or \"direction\", got \"{}\"", name));
}

std::string BlowupPath::name(Kind k) {
  switch (k) {
    case Kind::Theorem1: return "theorem1";
    case Kind::Theorem2: return "theorem2";
    case Kind::Theorem3: return "theorem3";
    default: return "direction";
  }
}

namespace {
double distanceBetween(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += (a[i] - b[i]) * (a[i] - b[i]);
  return std::sqrt(s);
}
}  // namespace

void BlowupPath::checkPowerTraps(const std::string& where) {
  const Mixture& m = base_;
  if (m.dimension() != 2) throw InputError(where + " needs dimension 2");
  if (!m.pair().isContact()) throw InputError(where + " needs a contact interaction");
  const int S = m.speciesCount();
  if (kind_ != Kind::Theorem1 && S != 2) throw InputError(where + " needs exactly two species");
  if (S > 2) throw InputError(where + " needs one or two species");
  for (int s = 0; s < S; ++s) {
    if (!m.species(s).trap.isPower())
      throw InputError(fmt::format("{} needs a power trap |x - z|^p for species {}", where, s + 1));
    power_.push_back(m.species(s).trap.exponent());
  }
  aStar_ = TownesProfile::standard().aStar();
  p0_ = *std::min_element(power_.begin(), power_.end());
  nu_ = 0;
  for (int s = 0; s < S; ++s)
    if (power_[s] == p0_) nu_ += m.fraction(s);
  const auto origin = std::vector<double>{0.0, 0.0};
  if (kind_ != Kind::Theorem3)
    for (int s = 0; s < S; ++s)
      if (distanceBetween(m.species(s).trap.centre(), origin) > 0)
        throw InputError(fmt::format("{} needs traps centred at the origin (species {})", where, s + 1));
}

BlowupPath::BlowupPath(Mixture base, Line line) : kind_(Kind::Direction), base_(std::move(base)) {
  checkPowerTraps("the direction path");
  const Mixture& m = base_;
  const double c1 = m.fraction(0), c2 = m.fraction(1), A = line.end_a12;
  if (!(A > 0 && A < aStar_ * std::min(1 / c1, 1 / c2)))
    throw InputError(fmt::format("the direction path needs an end point with 0 < a12 = {} < a_* min(1/c1, 1/c2) = {:.15g} "
                                 "(so that its a1 = a_* - c2 a12 and a2 = a_* - c1 a12 are > 0)",
                                 A, aStar_ * std::min(1 / c1, 1 / c2)));
  if (line.direction.size() != 3 || !std::all_of(line.direction.begin(), line.direction.end(),
                                                   [](double e) { return std::isfinite(e); }))
    throw InputError("the direction path needs a direction (e1, e2, e12) of three finite numbers");
  const double e1 = line.direction[0], e2 = line.direction[1], e12 = line.direction[2];
  const double k1 = e1 + c2 * e12, k2 = e2 + c1 * e12;
  if (!(k1 >= 0 && k2 >= 0) || !(c1 * k1 + c2 * k2 > 0))
    throw InputError(fmt::format(
        "the direction path needs e1 + c2 e12 >= 0 and e2 + c1 e12 >= 0, not both 0 (so that a_i + c_j a12 approach "
        "a_* from below, M 4.3); got {:.6g} and {:.6g}", k1, k2));
  const double s = c1 * k1 + c2 * k2;   // = c1e1 + c2e2 + 2c1c2e12
  dir_ = {e1 / s, e2 / s, e12 / s};
  endA12_ = A;
  lambda_.assign(2, blowupConstants(TownesProfile::standard(), p0_, nu_).Lambda);
}

BlowupPath::BlowupPath(Kind kind, Mixture base) : kind_(kind), base_(std::move(base)) {
  if (kind == Kind::Direction)
    throw InputError("the direction path needs an end point and a direction (BlowupPath(Mixture, Line))");
  const Mixture& m = base_;
  const int S = m.speciesCount();
  checkPowerTraps("the " + name(kind) + " path");
  const TownesProfile& Q = TownesProfile::standard();
  switch (kind) {
    case Kind::Theorem1: {
      if (S == 2 && !(m.coupling(0, 1) > 0)) throw InputError("the theorem1 path needs a12 > 0");
      if (S == 2 && !(m.coupling(0, 1) < aStar_ * std::min(1 / m.fraction(0), 1 / m.fraction(1))))
        throw InputError("the theorem1 path needs a12 < a_* min(1/c1, 1/c2)");
      lambda_.assign(S, blowupConstants(Q, p0_, nu_).Lambda);
      if (S == 2) dir_ = {1.0, 1.0, 0.0};
      break;
    }
    case Kind::Theorem2: {
      const double c1 = m.fraction(0), c2 = m.fraction(1), a1 = m.coupling(0, 0), a2 = m.coupling(1, 1);
      if (!(a1 > 0 && a1 < aStar_ && a2 > 0 && a2 < aStar_))
        throw InputError("the theorem2 path needs 0 < a1, a2 < a_*");
      if (std::abs(c1 * (aStar_ - a1) - c2 * (aStar_ - a2)) > 1e-9 * aStar_)
        throw InputError(fmt::format(
            "the theorem2 path needs c1(a_*-a1) = c2(a_*-a2); got {:.12g} vs {:.12g} (a_* = {:.15g})",
            c1 * (aStar_ - a1), c2 * (aStar_ - a2), aStar_));
      alphaStar_ = (aStar_ - a1) / c2;
      lambda_.assign(2, *blowupConstants(Q, p0_, nu_, {{c1, c2}}).Theta);
      break;
    }
    case Kind::Theorem3: {
      if (!(m.coupling(0, 1) < 0)) throw InputError("the theorem3 path needs a12 < 0");
      if (distanceBetween(m.species(0).trap.centre(), m.species(1).trap.centre()) == 0)
        throw InputError("the theorem3 path needs distinct trap centres z1 != z2");
      for (int s = 0; s < 2; ++s) lambda_.push_back(blowupConstants(Q, power_[s], 1.0).Lambda);
      break;
    }
    case Kind::Direction: break;   // the other constructor
  }
}

bool BlowupPath::symmetric() const {
  if (!commonProfile() || power_[0] != power_[1]) return false;
  const double c1 = base_.fraction(0), c2 = base_.fraction(1);
  switch (kind_) {
    case Kind::Theorem1: return true;                    // ã1 = ã2 = a_* - d
    case Kind::Theorem2: return c1 == c2;                // ã_i = a_* - c_j d
    case Kind::Direction: return dir_[0] + c2 * dir_[2] == dir_[1] + c1 * dir_[2];
    default: return false;
  }
}

void BlowupPath::requireDistance(double d) const {
  if (!(d > 0) || !std::isfinite(d))
    throw InputError(fmt::format("blow-up path: the distance d = {} is not a finite positive number", d));
  switch (kind_) {
    case Kind::Theorem1:
      if (!(d < aStar_))
        throw InputError(fmt::format("the theorem1 path needs d = a_* - a_N < a_* = {:.15g} (a_N > 0), got {}",
                                     aStar_, d));
      break;
    case Kind::Theorem2:
      if (!(d < alphaStar_))
        throw InputError(fmt::format("the theorem2 path needs d = α_* - a12 < α_* = {:.15g} (a12 > 0), got {}",
                                     alphaStar_, d));
      break;
    case Kind::Theorem3: {
      const double d2 = std::pow(d, (power_[1] + 2) / (power_[0] + 2));
      if (!(d < aStar_) || !(d2 < aStar_))
        throw InputError(fmt::format("the theorem3 path needs d < a_* and d^((p2+2)/(p1+2)) < a_* = {:.15g} "
                                     "(a1, a2 > 0), got d = {}", aStar_, d));
      break;
    }
    case Kind::Direction: {
      const double c1 = base_.fraction(0), c2 = base_.fraction(1);
      const double a1 = aStar_ - c2 * endA12_ - d * dir_[0], a2 = aStar_ - c1 * endA12_ - d * dir_[1];
      const double a12 = endA12_ - d * dir_[2];
      if (!(a1 > 0 && a2 > 0 && a12 > 0))
        throw InputError(fmt::format("the direction path needs a1, a2, a12 > 0; at d = {} they are {:.6g}, {:.6g}, {:.6g}",
                                     d, a1, a2, a12));
      break;
    }
  }
}

Mixture BlowupPath::mixtureAt(double d) const {
  requireDistance(d);
  const Mixture& m = base_;
  const int S = m.speciesCount();
  std::vector<double> a(S);
  Eigen::MatrixXd inter = m.interCouplings();
  switch (kind_) {
    case Kind::Theorem1:
      if (S == 1) a[0] = aStar_ - d;
      else {
        a[0] = aStar_ - m.fraction(1) * m.coupling(0, 1) - d;
        a[1] = aStar_ - m.fraction(0) * m.coupling(0, 1) - d;
      }
      break;
    case Kind::Theorem2:
      a = {m.coupling(0, 0), m.coupling(1, 1)};
      inter(0, 1) = inter(1, 0) = alphaStar_ - d;
      break;
    case Kind::Theorem3:
      a = {aStar_ - d, aStar_ - std::pow(d, (power_[1] + 2) / (power_[0] + 2))};
      break;
    case Kind::Direction:
      a = {aStar_ - m.fraction(1) * endA12_ - d * dir_[0], aStar_ - m.fraction(0) * endA12_ - d * dir_[1]};
      inter(0, 1) = inter(1, 0) = endA12_ - d * dir_[2];
      break;
  }
  return m.withCouplings(a, inter);
}

std::vector<double> BlowupPath::predictedScale(double d) const {
  std::vector<double> ell(lambda_.size());
  for (size_t s = 0; s < ell.size(); ++s) {
    if (kind_ == Kind::Theorem3) {
      const double ds = s == 0 ? d : std::pow(d, (power_[1] + 2) / (power_[0] + 2));
      ell[s] = lambda_[s] * std::pow(ds, -1.0 / (power_[s] + 2));
    } else {
      ell[s] = lambda_[s] * std::pow(d, -1.0 / (p0_ + 2));
    }
  }
  return ell;
}

std::vector<double> BlowupPath::criticalGaps(double d) const {
  const size_t S = lambda_.size();
  switch (kind_) {
    case Kind::Theorem2: return std::vector<double>(S, 2 * base_.fraction(0) * base_.fraction(1) * d);
    case Kind::Theorem3: return {d, std::pow(d, (power_[1] + 2) / (power_[0] + 2))};
    default: return std::vector<double>(S, d);
  }
}

std::vector<double> BlowupPath::scalePowers() const {
  if (kind_ == Kind::Theorem3) return power_;
  return std::vector<double>(lambda_.size(), p0_);
}

double BlowupPath::predictedEnergy(double d) const {
  if (kind_ != Kind::Theorem3) return std::pow(d, p0_ / (p0_ + 2)) * limitConstant();
  double e = 0;
  for (int s = 0; s < 2; ++s) {
    const double ds = s == 0 ? d : std::pow(d, (power_[1] + 2) / (power_[0] + 2));
    const double p = power_[s];
    e += base_.fraction(s) * std::pow(ds, p / (p + 2)) * (p + 2) / p * lambda_[s] * lambda_[s] / aStar_;
  }
  return e;
}

double BlowupPath::limitConstant() const {
  const double single = (p0_ + 2) / p0_ * lambda_[0] * lambda_[0] / aStar_;
  switch (kind_) {
    case Kind::Theorem1:
    case Kind::Direction: return single;
    case Kind::Theorem2: return 2 * base_.fraction(0) * base_.fraction(1) * single;
    default: {
      double c = 0;
      for (int s = 0; s < 2; ++s)
        if (power_[s] == p0_) c += base_.fraction(s) * (p0_ + 2) / p0_ * lambda_[s] * lambda_[s] / aStar_;
      return c;
    }
  }
}

double BlowupPath::expectedExponent() const {
  if (kind_ == Kind::Theorem3) return p0_ / (power_[0] + 2);
  return p0_ / (p0_ + 2);
}

std::vector<std::vector<double>> BlowupPath::blowupPoints() const {
  std::vector<std::vector<double>> z;
  for (const auto& sp : base_.allSpecies()) z.push_back(sp.trap.centre());
  return z;
}

}  // namespace cbec
