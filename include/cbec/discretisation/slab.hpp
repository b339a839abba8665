#pragma once
/// @file slab.hpp
/// Grids split over the ranks of a run (`mpirun -np P cbec groundstate ...`, docs/scaling.md): the planes of the
/// first axis in contiguous blocks, FFTW-MPI's slab decomposition (⌈n/P⌉ planes per rank, the last ranks
/// fewer or none, e.g. 22 + 22 + 20 of 64 planes on 3 ranks). A rank holds its planes of every field
/// (grid.hpp: Grid::slab, GridShape::planes); the Fourier transforms of a slab grid are FFTW-MPI's
/// (fourier.hpp, slab_transform.hpp), its sums parallel::sum's global blocks (parallel.hpp) — so the
/// Hamiltonian's terms and the solvers run unchanged on their slab, each pass over the rank's points, each
/// sum combined in the one global order: the same bits for every P.
///
///   slab of rank r:  planes [p_r, p_r + m_r) of axis 0,  global index of local point i:  p_r·n^{d-1} + i
#include <cbec/discretisation/field.hpp>
#include <cbec/discretisation/grid.hpp>

namespace cbec {

/// Whether grids are split in this process: a build with FFTW-MPI, started by a launcher (even on one rank).
bool slabsAvailable();
/// This rank's slab of `grid` (2D or 3D) over the world's ranks; collective.
Grid slabOf(const Grid& grid);
/// The whole field on every rank from each rank's slab of it (rank order is plane order); collective.
Field gatherSlabs(const Grid& slab, const Field& local);
State gatherSlabs(const Grid& slab, const State& local);
/// The same for complex fields (the real-time flow's, evolve); collective.
ComplexField gatherSlabs(const Grid& slab, const ComplexField& local);
/// This rank's planes of whole fields.
State slabPart(const Grid& slab, const State& whole);
ComplexState slabPart(const Grid& slab, const ComplexState& whole);
/// The largest number of planes a rank holds (for the memory per rank); collective.
int largestSlab(const Grid& slab);

}  // namespace cbec
