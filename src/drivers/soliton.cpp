#include <cbec/drivers/soliton.hpp>
#include <cbec/mpi/communicator.hpp>

#include <cbec/soliton/townes_profile.hpp>

#include <fmt/format.h>

#include <cmath>
#include <optional>

namespace cbec::drivers {

SolitonResult soliton(const SolitonParameters& p, const RunOptions& run) {
  // every number is checked, even one this run does not use (ν without a power)
  if (!(p.nu > 0) || !std::isfinite(p.nu)) throw InputError(fmt::format("nu = {}: must be a finite positive number", p.nu));
  for (double power : p.powers)
    if (!(power > 0 && power <= 60)) throw InputError(fmt::format("power p = {}: must lie in (0, 60]", power));
  for (double x : p.radii)
    if (!(x >= 0) || !std::isfinite(x)) throw InputError(fmt::format("radius r = {}: must be finite and >= 0", x));
  std::optional<OutputSet> out;
  if (!run.out_dir.empty()) out.emplace(run.out_dir);
  if (p.fractions) {
    const auto [c1, c2] = *p.fractions;
    if (!(c1 > 0 && c2 > 0) || std::abs(c1 + c2 - 1) > 1e-12)
      throw InputError(fmt::format("fractions {} {}: need c1, c2 > 0 with c1 + c2 = 1", c1, c2));
  }
  const TownesProfile& Q = TownesProfile::standard();
  SolitonResult r;
  r.parameters = p;
  r.a_star = Q.aStar();
  r.Q0 = Q.centralValue();
  r.grad_Q_sq = Q.gradNormSq();
  r.Q_L4_4 = Q.l4Pow4();
  r.tail_constant = Q.tailConstant();
  r.pohozaev_defect = std::max(std::abs(r.grad_Q_sq / r.a_star - 1), std::abs(0.5 * r.Q_L4_4 / r.a_star - 1));
  for (double power : p.powers) r.constants.push_back(blowupConstants(Q, power, p.nu, p.fractions));
  // beyond r ≈ 745 Q = C K₀(r) underflows to 0; log Q (asymptotic series of K₀) stays exact
  for (double x : p.radii) r.profile.push_back({x, Q(x), Q.normalised(x), Q.logValue(x)});
  if (out) {
    writeJsonFile(out->staged("summary.json"), toJson(r));
    out->commit();
  }
  return r;
}

Json toJson(const SolitonResult& r) {
  Json j;
  j["a_star"] = r.a_star;
  j["Q0"] = r.Q0;
  j["grad_Q_sq"] = r.grad_Q_sq;
  j["Q_L4_4"] = r.Q_L4_4;
  j["tail_constant"] = r.tail_constant;
  j["pohozaev_defect"] = r.pohozaev_defect;
  j["ranks"] = mpi::Communicator::world().size();   // INTERFACE.md "MPI"
  Json moments = Json::object(), constants = Json::object();
  for (const BlowupConstants& k : r.constants) {
    const std::string key = fmt::format("{}", k.p);
    moments[key] = k.moment;
    Json c;
    c["Lambda"] = k.Lambda;
    if (k.Theta) c["Theta"] = *k.Theta;
    c["limit_single"] = k.limit_single;
    if (k.limit_theorem2) c["limit_theorem2"] = *k.limit_theorem2;
    constants[key] = c;
  }
  j["nu"] = r.parameters.nu;
  if (r.parameters.fractions) j["fractions"] = {r.parameters.fractions->first, r.parameters.fractions->second};
  j["moments"] = moments;
  j["constants"] = constants;
  if (!r.profile.empty()) {
    Json prof = Json::array();
    for (const auto& v : r.profile) prof.push_back({{"r", v.r}, {"Q", v.Q}, {"Q_0", v.Q_0}, {"log_Q", v.log_Q}});
    j["profile"] = prof;
  }
  return j;
}

}  // namespace cbec::drivers
