#pragma once
/// @file field.hpp
/// Values of a function on a Grid: GridField<T> holds the n^d samples u_j = u(x_j) (row-major, the
/// last coordinate fastest, as in grid.hpp) together with the grid shape (d, n) they belong to.
///   Field        = GridField<double>                 real fields (ground states, densities ρ = |u|², U_s)
///   ComplexField = GridField<std::complex<double>>   wave functions of the real-time flow
/// Storage is a std::vector<T>; the vector-like interface (size, [], data, begin/end, resize) keeps
/// pointwise passes plain loops. A field made from a Grid (Grid::sample, GridField(grid), the
/// FourierTransform outputs) carries that grid's shape; one made from a bare vector has an empty shape
/// (dimension 0) until reshape() is called.
#include <complex>
#include <cstddef>
#include <vector>

namespace cbec {

/// Shape of a field: dimension d and n points per direction (size n^d). dimension 0 = unknown. A field on a
/// slab of the grid (discretisation/slab.hpp) holds `planes` of the n planes of the first axis (size
/// planes·n^{d-1}); planes < 0: all of them.
struct GridShape {
  int dimension = 0;
  int points = 0;
  int planes = -1;
  size_t size() const {
    size_t s = dimension > 0 ? static_cast<size_t>(planes < 0 ? points : planes) : 0;
    for (int i = 1; i < dimension; ++i) s *= static_cast<size_t>(points);
    return s;
  }
  bool known() const { return dimension > 0; }
  friend bool operator==(const GridShape&, const GridShape&) = default;
};

template <class T>
class GridField {
 public:
  using value_type = T;
  using iterator = typename std::vector<T>::iterator;
  using const_iterator = typename std::vector<T>::const_iterator;

  GridField() = default;
  /// n^d values equal to `value`, with the given shape.
  explicit GridField(const GridShape& shape, T value = T{}) : v_(shape.size(), value), shape_(shape) {}
  /// Unshaped, `n` values (legacy vector-like construction).
  explicit GridField(size_t n, T value = T{}) : v_(n, value) {}
  /// Unshaped, from plain values (e.g. read from a file): call reshape() to attach the grid.
  explicit GridField(std::vector<T> values) : v_(std::move(values)) {}

  const GridShape& shape() const { return shape_; }
  /// Attach a shape (its size must equal size(); it is the caller's promise, not checked here).
  void reshape(const GridShape& shape) { shape_ = shape; }
  /// Resize to a shape (new values are T{}), keeping existing values where the size is unchanged.
  void resize(const GridShape& shape) { v_.resize(shape.size()); shape_ = shape; }

  size_t size() const { return v_.size(); }
  bool empty() const { return v_.empty(); }
  void resize(size_t n) { v_.resize(n); }
  void resize(size_t n, T value) { v_.resize(n, value); }
  void assign(size_t n, T value) { v_.assign(n, value); }
  T& operator[](size_t i) { return v_[i]; }
  const T& operator[](size_t i) const { return v_[i]; }
  T* data() { return v_.data(); }
  const T* data() const { return v_.data(); }
  iterator begin() { return v_.begin(); }
  iterator end() { return v_.end(); }
  const_iterator begin() const { return v_.begin(); }
  const_iterator end() const { return v_.end(); }
  /// The underlying storage.
  const std::vector<T>& values() const { return v_; }
  std::vector<T>& values() { return v_; }

 private:
  std::vector<T> v_;
  GridShape shape_;
};

using Field = GridField<double>;
using ComplexField = GridField<std::complex<double>>;
/// One field per species.
using State = std::vector<Field>;
using ComplexState = std::vector<ComplexField>;

}  // namespace cbec
