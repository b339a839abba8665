#pragma once
/// @file gather.hpp
/// Results of independent work merged over the ranks: every rank's items, in rank order, on every rank.
/// With contiguous blocks (Communicator::block) rank order is the items' order. Items travel as JSON
/// (T needs nlohmann to_json/from_json); doubles are written with 17 significant digits, so they arrive
/// bit for bit.
#include <cbec/mpi/communicator.hpp>

#include <nlohmann/json.hpp>

#include <vector>

namespace cbec::mpi {

template <class T>
std::vector<T> allGatherInOrder(const Communicator& ranks, const std::vector<T>& mine) {
  if (!ranks.distributed()) return mine;
  std::vector<T> all;
  for (const std::string& s : ranks.allGather(nlohmann::json(mine).dump()))
    for (const auto& item : nlohmann::json::parse(s)) all.push_back(item.template get<T>());
  return all;
}

}  // namespace cbec::mpi
