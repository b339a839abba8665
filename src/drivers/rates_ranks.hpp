#pragma once
// (internal to drivers/rates.cpp) `cbec rates` on P ranks (docs/scaling.md, issue 21 item 4): the points N of a
// sweep are split in contiguous blocks over the ranks (mpi::Communicator::block), each point run on one rank
// exactly as on one process, and every point's results gathered in N order on every rank as raw doubles (no
// decimal round trip: NaN and every bit survive). So the merged sweep, its fits and summary.json are the serial
// run's bit for bit.
#include <cbec/drivers/rates.hpp>
#include <cbec/mpi/communicator.hpp>

#include <Eigen/Dense>

#include <vector>

namespace cbec::drivers {

/// The per-point fields of `s` ([N] and [N][t]: distance, the toy model's distances, occupation spectra and
/// weights, the exact run's dimension, Krylov bound, products and drifts), which hold this rank's block of
/// points, replaced by every rank's points in rank (= N) order. Fields not filled by the model stay empty.
/// Collective.
void gatherSweepPoints(const mpi::Communicator& ranks, RatesSweep& s);

/// Every rank's matrices (per point: one per time), concatenated in rank order on every rank. Collective.
std::vector<std::vector<Eigen::MatrixXcd>> gatherPointMatrices(const mpi::Communicator& ranks,
                                                                const std::vector<std::vector<Eigen::MatrixXcd>>& mine);

}  // namespace cbec::drivers
