#pragma once
/// @file npy_file.hpp
/// Reading NumPy .npy files (format versions 1.0, 2.0, 3.0; https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
/// the magic "\x93NUMPY", a version, a little-endian header length, then a Python dict literal
/// {'descr': '<f8', 'fortran_order': False, 'shape': (M, M), } and the raw C-order data.
/// Supported element types: float64 ('<f8') and complex128 ('<c16'), little endian, C order; anything else
/// (another dtype, big endian, Fortran order, a truncated file) is an InputError naming the file.
#include <complex>
#include <cstddef>
#include <filesystem>
#include <vector>

namespace cbec {

struct NpyArray {
  std::vector<std::size_t> shape;
  std::vector<std::complex<double>> data;   ///< C order; real files have zero imaginary parts
  bool complex = false;                     ///< the file held complex128
};

/// Reads `path`; errors say "FILE: what is wrong".
NpyArray readNpy(const std::filesystem::path& path);

}  // namespace cbec
