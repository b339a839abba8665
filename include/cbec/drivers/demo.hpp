#pragma once
/// @file demo.hpp
/// Driver of `cbec demo`: one run that reproduces the headline results of both papers and writes
/// DIR/report.md (paper value against cbec value, with figures), DIR/*.png and DIR/summary.json
/// (`results`: array of {name, paper, cbec, agreement}; INTERFACE.md).
///
/// The demo is a list of sections (demoSections()); each computes with the library's drivers and
/// fills a DemoSectionReport: prose, result rows, plot data and the figures drawn from it
/// (python/plot_demo.py). A new capability adds one section: a function returning a DemoSection,
/// listed in demoSections() (src/drivers/demo.cpp). `quick` asks every section for its small case
/// (the whole quick run stays within 3 minutes on 2 cores).
#include <cbec/drivers/session.hpp>
#include <cbec/io/output.hpp>

#include <functional>
#include <string>
#include <vector>

namespace cbec::drivers {

/// One line of the table: a paper value against the cbec value. `paper` and `cbec` are numbers
/// (or, for a printed formula, a string); `agreement` says how they compare in words,
/// `deviation` in numbers, and `agrees` whether the deviation is within `tolerance`.
struct DemoRow {
  std::string name;
  Json paper, cbec;
  std::string agreement;
  double deviation = 0, tolerance = 0;
  bool agrees = false;
  std::string source;   ///< equation or theorem, e.g. "M Thm 1, (2.4)"
  /// The theory the cbec number comes from ("GP", "Hartree", "many-body", ...); empty: the section's level.
  std::string level;
  bool literature = false;   ///< the reference value is from the literature, not printed by the papers
};

/// |cbec − paper| / |paper| ≤ tolerance.
DemoRow relativeRow(std::string name, std::string source, double paper, double cbec, double tolerance);
/// |cbec − paper| ≤ tolerance.
DemoRow absoluteRow(std::string name, std::string source, double paper, double cbec, double tolerance);
/// A value the paper gives to `digits` decimals: agrees when cbec rounds to it.
DemoRow roundedRow(std::string name, std::string source, double paper, int digits, double cbec);

struct DemoFigure {
  std::string file;      ///< PNG in DIR, drawn by python/plot_demo.py from the section's data
  std::string caption;
};

struct DemoSectionReport {
  std::string id, title;
  std::string text;                 ///< Markdown: what is computed and how to read it
  std::vector<DemoRow> rows;
  std::vector<DemoFigure> figures;
  Json data = Json::object();       ///< plot data, written to DIR/demo-data.json
  double wall_seconds = 0;
};

struct DemoParameters {
  bool quick = false;
  std::vector<std::string> sections;   ///< ids to run; empty: all
};

/// A section: `run(parameters, run options, report)` computes and fills the report.
struct DemoSection {
  std::string id, title;
  std::function<void(const DemoParameters&, const RunOptions&, DemoSectionReport&)> run;
  std::string level;   ///< the level of the section's rows (DemoRow::level)
};
/// Every section in report order.
std::vector<DemoSection> demoSections();

struct DemoResult {
  bool quick = false;
  std::vector<DemoSectionReport> sections;
  double wall_seconds = 0;
};

/// Runs the sections; with run.out_dir writes report.md, summary.json, demo-data.json and (with
/// run.figures) the PNG figures.
DemoResult demo(const DemoParameters& parameters, const RunOptions& run = {});
/// summary.json: `results` (every row, in order), `sections`, `quick`, `wall_seconds`.
Json toJson(const DemoResult& result);
/// report.md; `figuresDrawn` lists the PNG files that exist.
std::string reportMarkdown(const DemoResult& result, const std::vector<std::string>& figuresDrawn = {});

}  // namespace cbec::drivers
