// Reader of the `cbec bogoliubov` configuration (bogoliubov_config.hpp).
#include <cbec/config/bogoliubov_config.hpp>

#include <fmt/format.h>

namespace cbec {

BogoliubovConfig readBogoliubovConfig(ConfigTable&& root) {
  ConfigTable b = root.table("bogoliubov");   // taken before the manybody reader finishes the root
  std::vector<double> Ns = b.numbers("N", std::vector<double>{}, Range{2.0, 1e12});
  BogoliubovConfig c{readManybodyConfig(std::move(root)), std::move(Ns), 64, 3, 1e-6, 8, std::nullopt};
  c.modes = static_cast<int>(b.integer("modes", 64, Range{4.0, 4096.0}));
  c.rungs = static_cast<int>(b.integer("rungs", 3, Range{1.0, 8.0}));
  if ((c.modes >> (c.rungs - 1)) < 1)
    b.fail("rungs", fmt::format("{} halvings of modes = {} leave no mode", c.rungs - 1, c.modes));
  c.tolerance = b.number("tolerance", 1e-6, Range{0.0, 1.0, true, false});
  c.excitations = static_cast<int>(b.integer("excitations", 8, Range{1.0, 1000.0}));
  if (b.has("max_points")) c.max_points = static_cast<int>(b.integer("max_points", std::nullopt, Range{8.0, 65536.0}));
  b.finish();
  if (c.max_points && (*c.max_points % 2 != 0)) throw InputError(fmt::format("bogoliubov.max_points must be even, got {}", *c.max_points));
  return c;
}

}  // namespace cbec
