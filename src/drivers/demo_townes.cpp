// Demo section: the Townes profile Q and the critical coupling a_* (M 1.11-1.13).
#include "demo_sections.hpp"

#include <cbec/drivers/soliton.hpp>

#include <fmt/format.h>

namespace cbec::drivers {

DemoSection townesSection() {
  return {"townes", "Townes profile Q and the critical coupling a_*",
          [](const DemoParameters&, const RunOptions&, DemoSectionReport& r) {
            SolitonParameters p;
            p.powers = {2.0};
            for (int i = 0; i <= 80; ++i) p.radii.push_back(0.1 * i);
            const SolitonResult s = soliton(p);
            r.text = fmt::format(
                "Q is the positive radial solution of −ΔQ + Q − Q³ = 0 in R² (M 1.12), computed by Taylor series "
                "matched to the exact tail C K₀(r); a_* = ‖Q‖₂² is the optimal Gagliardo–Nirenberg constant and the "
                "critical coupling of the focusing GP functional. The Pohozaev identities (M 1.13) "
                "‖∇Q‖² = ½‖Q‖₄⁴ = a_* hold to {:.1e}. For the harmonic trap (p = 2) M_2 = ∫|x|²Q² = {:.12g} and "
                "Λ = (M_2)^{{1/4}} = {:.12g} fix the blow-up scale and the energy constant 2Λ²/a_* = {:.12g} used below.",
                s.pohozaev_defect, s.constants[0].moment, s.constants[0].Lambda, s.constants[0].limit_single);
            r.rows.push_back(roundedRow("a_* = ‖Q‖₂²", "M 1.11; GN constant (Weinstein 1983)", 11.70, 2, s.a_star));
            r.rows.push_back(roundedRow("Q(0)", "Townes profile (Weinstein 1983)", 2.206, 3, s.Q0));
            r.rows.push_back(relativeRow("‖∇Q‖² / a_*", "Pohozaev, M 1.13", 1.0, s.grad_Q_sq / s.a_star, 1e-10));
            r.rows.push_back(relativeRow("½‖Q‖₄⁴ / a_*", "Pohozaev, M 1.13", 1.0, 0.5 * s.Q_L4_4 / s.a_star, 1e-10));
            Json rs = Json::array(), qs = Json::array();
            for (const auto& v : s.profile) { rs.push_back(v.r); qs.push_back(v.Q); }
            r.data = {{"r", rs}, {"Q", qs}, {"a_star", s.a_star}};
            r.figures.push_back({"townes.png", "The Townes profile Q(r) and the exponential tail."});
            for (int k : {0, 1}) r.rows[k].literature = true;   // not printed by the papers
          },
          "GP (Townes soliton)"};
}

}  // namespace cbec::drivers
