// cbec demo: the papers' headline results in one run (drivers/demo.hpp, INTERFACE.md).
// Parses the options, calls drivers::demo (report.md, summary.json, PNG figures), prints the table.
#include "commands.hpp"
#include "validators.hpp"

#include <cbec/drivers/demo.hpp>

#include <fmt/format.h>

#include <iostream>

namespace cbec::cli {
namespace {

struct DemoCliOptions {
  OutputOptions output;
  bool quick = false;
  bool figures = true;
  int threads = 0;
  std::vector<std::string> sections;
};

void run(const DemoCliOptions& o) {
  drivers::DemoParameters p;
  p.quick = o.quick;
  p.sections = o.sections;
  for (const std::string& id : p.sections) {
    bool known = false;
    for (const auto& s : drivers::demoSections()) known = known || s.id == id;
    if (!known) throw InputError(fmt::format("--sections: unknown section '{}'", id));
  }
  drivers::RunOptions runOptions = cliRunOptions(o.output);
  runOptions.threads = o.threads;
  runOptions.figures.enabled = o.figures;
  const drivers::DemoResult r = drivers::demo(p, runOptions);
  if (o.output.json) {
    std::cout << dumpJson(drivers::toJson(r)) << "\n";
    return;
  }
  size_t agree = 0, total = 0;
  for (const auto& s : r.sections)
    for (const auto& row : s.rows) {
      ++total;
      agree += row.agrees;
      const auto show = [](const Json& v) { return v.is_string() ? v.get<std::string>() : fmt::format("{:.10g}", v.get<double>()); };
      fmt::print("{} {:<62} {:<10} {:<28} cbec {:<24} [{}] {}\n", row.agrees ? "ok " : "NO ", row.name,
                 row.literature ? "literature" : "paper", show(row.paper), show(row.cbec), row.level, row.agreement);
    }
  fmt::print("{} of {} results agree; {:.1f} s; report: {}/report.md\n", agree, total, r.wall_seconds,
             o.output.out_dir);
}

}  // namespace

void addDemoCommand(CLI::App& app) {
  auto o = std::make_shared<DemoCliOptions>();
  CLI::App* sub = app.add_subcommand("demo", "reproduce the papers' headline results (report.md, figures, summary.json)");
  sub->add_option("--out", o->output.out_dir, "write DIR/report.md, DIR/summary.json and DIR/*.png")
      ->required()
      ->check(nonEmptyPath());
  sub->add_flag("--quick", o->quick, "small cases only (within 3 minutes on 2 cores)");
  sub->add_option("--sections", o->sections,
                  "run only these sections (townes theorem1 theorem2 theorem3 manybody marginals evolve rates qmc)");
  sub->add_option("--threads", o->threads, "FFTW threads")->check(integerIn(1, 256));
  sub->add_flag("--json", o->output.json, "print summary.json on stdout");
  sub->add_flag("!--no-figures", o->figures, "skip the PNG figures");
  sub->callback([o] { run(*o); });
}

}  // namespace cbec::cli
