#pragma once
/// @file fftw_planner.hpp (internal)
/// FFTW's planner as the discretisation layer uses it: one process-wide mutex around every planner call
/// (FFTW's planner is not thread-safe), fftw_init_threads once, and measured plans made from the wisdom
/// of the transform alone (fftw_wisdom.hpp: the wisdom file holds one block per transform).
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace cbec::fftw {

/// Held around every FFTW planner call (plan creation and destruction, wisdom import and export).
std::mutex& plannerMutex();
/// fftw_init_threads(), once per process, before any other FFTW call.
void initThreadsOnce();

/// A transform as the wisdom file names it: kind ("r2c": the in-place r2c/c2r pair; "c2c": the in-place
/// forward/backward pair), dimensions, and the thread count it is planned for.
struct Transform {
  std::string kind;
  std::vector<int> dims;
  int threads = 1;
  /// "r2c 256x256 threads 1 measure": the block's signature line in the wisdom file (without "== ").
  std::string signature() const;
};

/// Makes the measured plans of `t` by calling `plan(flags)`, which plans with these FFTW flags and returns
/// whether every plan was made (destroying any it made otherwise). In order: the pinned wisdom alone
/// (FFTW_WISDOM_ONLY: false when it lacks the transform); the wisdom the process holds; the transform's
/// block of the wisdom file (imported alone, no parse of the other blocks; a block that does not yield the
/// plans is taken out of the process's wisdom again); else measured with FFTW_MEASURE on top of the
/// process's wisdom, whose export (this transform's wisdom with that of the transforms planned before it in
/// this process: one consistent table, so that a checkpoint's export reproduces every plan) replaces the
/// transform's block in the file (written atomically). Returns whether the plans were made. Callers hold
/// plannerMutex().
bool planMeasured(const Transform& t, const std::function<bool(unsigned flags)>& plan);

/// Whether a pinned wisdom (pinFftwWisdom) governs the plans.
bool wisdomPinned();

}  // namespace cbec::fftw
