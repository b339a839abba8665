#include <cbec/drivers/demo.hpp>
#include <cbec/mpi/communicator.hpp>

#include "demo_sections.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <optional>

namespace cbec::drivers {

std::vector<DemoSection> demoSections() {
  return {townesSection(),        blowupSection(BlowupPath::Kind::Theorem1),
          blowupSection(BlowupPath::Kind::Theorem2), blowupSection(BlowupPath::Kind::Theorem3),
          manybodySection(),      qmcSection(),        marginalsSection(),  evolveSection(),
          ratesSection()};
}

namespace {
DemoRow row(std::string name, std::string source, double paper, double cbec, double deviation, double tolerance,
            std::string agreement) {
  DemoRow r;
  r.name = std::move(name);
  r.source = std::move(source);
  r.paper = paper;
  r.cbec = cbec;
  r.deviation = deviation;
  r.tolerance = tolerance;
  r.agrees = std::isfinite(deviation) && deviation <= tolerance;
  r.agreement = std::move(agreement);
  return r;
}
}  // namespace

DemoRow relativeRow(std::string name, std::string source, double paper, double cbec, double tolerance) {
  const double dev = std::abs(cbec - paper) / std::abs(paper);
  return row(std::move(name), std::move(source), paper, cbec, dev, tolerance, fmt::format("{:.1e} relative", dev));
}

DemoRow absoluteRow(std::string name, std::string source, double paper, double cbec, double tolerance) {
  const double dev = std::abs(cbec - paper);
  return row(std::move(name), std::move(source), paper, cbec, dev, tolerance, fmt::format("{:.1e} absolute", dev));
}

DemoRow roundedRow(std::string name, std::string source, double paper, int digits, double cbec) {
  const double half = 0.5 * std::pow(10.0, -digits);
  const double dev = std::abs(cbec - paper);
  return row(std::move(name), std::move(source), paper, cbec, dev, half,
             fmt::format("all {} decimals of the reference", digits));
}

DemoResult demo(const DemoParameters& p, const RunOptions& run) {
  const auto start = std::chrono::steady_clock::now();
  std::optional<OutputSet> out;   // made now: an unwritable DIR fails before the sections run
  if (!run.out_dir.empty()) out.emplace(run.out_dir);
  DemoResult result;
  result.quick = p.quick;
  for (const DemoSection& s : demoSections()) {
    if (!p.sections.empty() && std::find(p.sections.begin(), p.sections.end(), s.id) == p.sections.end()) continue;
    const auto t0 = std::chrono::steady_clock::now();
    DemoSectionReport report;
    report.id = s.id;
    report.title = s.title;
    run.info(fmt::format("demo: {} ...", s.title));
    s.run(p, run, report);
    for (DemoRow& r : report.rows)
      if (r.level.empty()) r.level = s.level;
    report.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    run.info(fmt::format("demo: {} done in {:.1f} s", s.title, report.wall_seconds));
    result.sections.push_back(std::move(report));
  }
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (out) {   // report.md, summary.json, demo-data.json and the figures replace an earlier set together
    const std::filesystem::path& stage = out->stagingDirectory();
    Json data = Json::object();
    for (const auto& s : result.sections) data[s.id] = s.data;
    writeJsonFile(out->staged("demo-data.json"), data);
    drawFigures(run.figures, "plot_demo.py", stage, run);
    std::vector<std::string> drawn;
    for (const auto& s : result.sections)
      for (const auto& f : s.figures)
        if (std::filesystem::exists(stage / f.file)) drawn.push_back(f.file);
    writeJsonFile(out->staged("summary.json"), toJson(result));
    writeTextFile(out->staged("report.md"), reportMarkdown(result, drawn));
    out->commit();
  }
  return result;
}

namespace {
Json rowJson(const DemoRow& r, const std::string& section) {
  return {{"name", r.name},       {"paper", r.paper},         {"cbec", r.cbec},
          {"agreement", r.agreement}, {"deviation", r.deviation}, {"tolerance", r.tolerance},
          {"agrees", r.agrees},   {"source", r.source},       {"section", section},
          {"level", r.level},     {"reference", r.literature ? "literature" : "paper"}};
}
}  // namespace

Json toJson(const DemoResult& result) {
  Json results = Json::array(), sections = Json::array();
  for (const auto& s : result.sections) {
    for (const auto& r : s.rows) results.push_back(rowJson(r, s.id));
    sections.push_back({{"id", s.id}, {"title", s.title}, {"wall_seconds", s.wall_seconds}});
  }
  Json j;
  j["results"] = results;
  j["quick"] = result.quick;
  j["sections"] = sections;
  j["wall_seconds"] = result.wall_seconds;
  j["ranks"] = mpi::Communicator::world().size();   // INTERFACE.md "MPI"
  return j;
}

namespace {
std::string cell(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return fmt::format("{}", v.get<long long>());
  if (v.is_number()) return fmt::format("{:.10g}", v.get<double>());
  return v.dump();
}
}  // namespace

std::string reportMarkdown(const DemoResult& result, const std::vector<std::string>& drawn) {
  std::string md = fmt::format("# cbec demo: the papers' headline results{}\n\n", result.quick ? " (quick)" : "");
  md += "(M x.y) = `mixture-blowup-2d` (two-component blow-up), (F x.y) = `fragmented-bec-dynamics`.\n"
        "Each row sets the paper's value (a number it prints, or the value of its formula) against cbec's.\n\n";
  size_t agree = 0, total = 0;
  for (const auto& s : result.sections)
    for (const auto& r : s.rows) { ++total; agree += r.agrees; }
  md += fmt::format("**{} of {} results agree** within their stated tolerance; total wall time {:.1f} s.\n\n", agree,
                    total, result.wall_seconds);
  md += "The level says which theory gives the cbec number (GP, Hartree, exact many-body); a reference marked "
        "(literature) is a published value the papers do not print.\n\n";
  md += "| result | source | level | reference | cbec | agreement | |\n|---|---|---|---|---|---|---|\n";
  for (const auto& s : result.sections)
    for (const auto& r : s.rows)
      md += fmt::format("| {} | {} | {} | {}{} | {} | {} | {} |\n", r.name, r.source, r.level, cell(r.paper),
                        r.literature ? " (literature)" : "", cell(r.cbec), r.agreement, r.agrees ? "✓" : "✗");
  for (const auto& s : result.sections) {
    md += fmt::format("\n## {}\n\n{}\n\n", s.title, s.text);
    for (const auto& f : s.figures)
      if (std::find(drawn.begin(), drawn.end(), f.file) != drawn.end())
        md += fmt::format("![{}]({})\n\n*{}*\n\n", f.caption, f.file, f.caption);
    md += fmt::format("({:.1f} s)\n", s.wall_seconds);
  }
  return md;
}

}  // namespace cbec::drivers
