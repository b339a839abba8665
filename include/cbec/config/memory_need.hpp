#pragma once
/// @file memory_need.hpp
/// An allocation that a configuration asks for: the estimate in bytes and the item it is charged to, named
/// by its key path ("grid.points = 512 (in 3D, 2 species, complex fields)"). The readers only record it (the
/// config layer reads, it does not look at the machine); the driver of the command compares each need with
/// the memory available (requireMemory, io/memory_limit.hpp) first thing, before anything is allocated.
#include <string>
#include <vector>

namespace cbec {

struct MemoryNeed {
  double bytes = 0;
  std::string item;
};
using MemoryNeeds = std::vector<MemoryNeed>;

}  // namespace cbec
