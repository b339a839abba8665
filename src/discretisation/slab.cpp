#include <cbec/discretisation/slab.hpp>

#include "slab_transform.hpp"

#include <cbec/io/errors.hpp>
#include <cbec/mpi/communicator.hpp>

#include <fmt/format.h>

namespace cbec {

bool slabsAvailable() { return fftw::slabsAvailable(); }

Grid slabOf(const Grid& grid) {
  if (!slabsAvailable()) throw InputError("grid slabs need a run started by mpirun on a build with FFTW-MPI");
  const fftw::SlabLayout l = fftw::slabLayout(grid.dimension(), grid.points());
  return grid.whole().slab(l.firstPlane, l.planes, mpi::Communicator::world());
}

Field gatherSlabs(const Grid& slab, const Field& local) {
  if (!slab.distributed()) return local;
  Field out(slab.ranks()->allGather(local.values()));
  if (out.size() != slab.globalSize())
    throw NumericalError(fmt::format("gatherSlabs: {} values for a grid of {}", out.size(), slab.globalSize()));
  out.reshape(slab.whole().shape());
  return out;
}

State gatherSlabs(const Grid& slab, const State& local) {
  State out;
  for (const Field& f : local) out.push_back(gatherSlabs(slab, f));
  return out;
}

State slabPart(const Grid& slab, const State& whole) {
  State out;
  for (const Field& f : whole) {
    if (f.size() != slab.globalSize()) throw InputError("slabPart: field size does not match the grid");
    const auto b = f.begin() + static_cast<std::ptrdiff_t>(slab.globalOffset());
    Field g(std::vector<double>(b, b + static_cast<std::ptrdiff_t>(slab.size())));
    g.reshape(slab.shape());
    out.push_back(std::move(g));
  }
  return out;
}

int largestSlab(const Grid& slab) {
  return slab.distributed() ? static_cast<int>(slab.ranks()->max(static_cast<double>(slab.planes()))) : slab.planes();
}

}  // namespace cbec
