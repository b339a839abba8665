#pragma once
/// @file hdf5_array.hpp
/// Reading one floating-point dataset of an HDF5 file (any rank, row-major as HDF5 stores it) into the array
/// type of npy_file.hpp: the shape from the dataspace, the values converted to double by HDF5. A missing file
/// or dataset, a non-float type (integers, strings, compound types such as complex pairs) is an InputError
/// "FILE: what is wrong". For the mode models of `cbec rates` (h_ij, V_ijkl; issue 23 item 2).
#include <cbec/io/npy_file.hpp>

#include <filesystem>
#include <string>

namespace cbec {

NpyArray readHdf5Array(const std::filesystem::path& path, const std::string& dataset);

}  // namespace cbec
