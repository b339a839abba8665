#include <cbec/discretisation/slab.hpp>

#include "slab_transform.hpp"

#include <cbec/io/errors.hpp>
#include <cbec/mpi/communicator.hpp>

#include <fmt/format.h>

#include <algorithm>

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

ComplexField gatherSlabs(const Grid& slab, const ComplexField& local) {
  if (!slab.distributed()) return local;
  std::vector<double> mine(2 * local.size());   // (re, im) pairs: the raw doubles travel bit for bit
  for (size_t i = 0; i < local.size(); ++i) mine[2 * i] = local[i].real(), mine[2 * i + 1] = local[i].imag();
  const std::vector<double> all = slab.ranks()->allGather(mine);
  if (all.size() != 2 * slab.globalSize())
    throw NumericalError(fmt::format("gatherSlabs: {} values for a complex grid of {}", all.size() / 2, slab.globalSize()));
  ComplexField out(slab.whole().shape());
  for (size_t i = 0; i < out.size(); ++i) out[i] = {all[2 * i], all[2 * i + 1]};
  return out;
}

ComplexState slabPart(const Grid& slab, const ComplexState& whole) {
  ComplexState out;
  for (const ComplexField& f : whole) {
    if (f.size() != slab.globalSize()) throw InputError("slabPart: field size does not match the grid");
    ComplexField g(slab.shape());
    std::copy_n(f.data() + slab.globalOffset(), slab.size(), g.data());
    out.push_back(std::move(g));
  }
  return out;
}

int largestSlab(const Grid& slab) {
  return slab.distributed() ? static_cast<int>(slab.ranks()->max(static_cast<double>(slab.planes()))) : slab.planes();
}

}  // namespace cbec
