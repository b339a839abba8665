#pragma once
/// @file fragmented_doublet.hpp
/// The infinite-gap limit of F Theorem 3.2 where it is not trivial: a degenerate doublet of spatially
/// different orbitals (issue 23 item 3). On a 1D Fourier grid, h_0 = −d²/dx² + (x² − a²)²/4 (a symmetric
/// double well, minima at ±a) has eigenpairs (E_n, ψ_n), n = 1, 2, …, with ψ_1 even and ψ_2 odd. The
/// one-body operator
///
///   h_ν = ν Σ_{n≥3} g_n |ψ_n⟩⟨ψ_n|,   g_n = (E_n − E_1)/(E_3 − E_1) ("scaled")  or  g_n = 1 ("flat"),
///
/// is h = diag(0, 0, ν g_3, ν g_4, …) in that eigenbasis: ground energy 0 with the ν-independent
/// eigenspace span{ψ_1, ψ_2} (the tunnel splitting E_2 − E_1 is removed: an exact doublet) and gap ν —
/// the features of Remark 3.3 (F). The Hartree flow (F 3.12) with datum √n_1 ψ_1 + √n_2 e^{−iθ}ψ_2,
///
///   i∂_t φ^θ = h_ν φ^θ + (V∗|φ^θ|²)φ^θ,                                                  (F 3.12)
///
/// is solved with a splitting of exact sub-flows: e^{−iτh_ν} is diagonal in the eigenbasis (any ν, any τ),
/// e^{−iτV∗|φ|²} is a pointwise phase (|φ| does not change under it). V∗f is the periodic convolution
/// F^{−1}[V̂(k) F f] — the same as KappaFlow::fromOrbitals uses for the tensor of the κ ODE, so both sides
/// of the distance carry one V. The phase average (F 3.15) uses the U(1) symmetry (θ_1 = 0) and a nested
/// trapezoidal rule in θ (P = 8, 16, …, doubled until Tr|γ_P − γ_{P/2}| ≤ phase_tolerance × the distance).
///
///   γ^(1)_{∞,ν,t} = (1/P) Σ_θ |φ_t^θ⟩⟨φ_t^θ|,   γ^(1)_{∞,∞,t} = Σ_{jl} K_jl(t)|ψ_j⟩⟨ψ_l|   (F 3.15, 3.17)
///
/// with K from the κ ODE (F 3.18) for the grid orbitals ψ_1, ψ_2 (KappaFlow::fromOrbitals). Here K moves
/// (pair tunnelling T_{12,12}), unlike the toy model. The distance Tr|γ^(1)_{∞,ν,t} − γ^(1)_{∞,∞,t}|
/// (F 3.16) is the trace norm of an n×n Hermitian matrix in the eigenbasis.
///
/// First-order prediction in 1/ν (interaction picture / averaging). Split φ = a + δ, a = Pφ ∈ span{ψ_1, ψ_2},
/// δ = Qφ, N(φ) = (V∗|φ|²)φ, f(t) = QN(Φ_t) with Φ_t = κ_1ψ_1 + κ_2ψ_2 the κ flow. Then
///   i∂_t δ = h_ν δ + QN(a + δ)  ⇒  δ(t) = −h_ν^{−1}[f(t) − e^{−ih_ν t} f(0)] + O(ν^{−2})
/// (Duhamel and one integration by parts: h_ν ≥ ν on ran Q), and, in i∂_t a = PN(a + δ), the slowly
/// varying part of δ shifts the doublet amplitudes: a = Φ + α with
///   i∂_t α = P DN(Φ_t)[α] + P DN(Φ_t)[−h_ν^{−1} f(t)],   α(0) = 0,   DN(Φ)[w] = (V∗|Φ|²)w + (V∗2Re(Φ̄w))Φ
/// (the part of δ oscillating like e^{−iνg_n t} contributes O(ν^{−2}) after integration). α = O(t/ν). The
/// fast part e^{−ih_ν t}h_ν^{−1}f(0) is carried by h_ν + M(t), M the resonant part of Q DN(Φ_t) Q (an O(1)
/// shift of its frequencies, an O(t) shift of its phase; without it the prediction holds in size only). Hence
///   Tr|γ^(1)_{∞,ν,t} − γ^(1)_{∞,∞,t}| = Tr|avg_θ (|Φ⟩⟨A| + |A⟩⟨Φ|)| + O(ν^{−2}),   A = α + δ,
/// of order 1/ν at fixed t, below the 1/√ν of the bound (F 3.16). Computed by RK4 for (κ, να) (ν-free) on
/// the same phases; the ν-dependence enters only through 1/ν and the phases e^{−iνg_n t}.
#include <cbec/discretisation/grid.hpp>
#include <cbec/dynamics/adaptive_stepper.hpp>
#include <cbec/dynamics/splitting.hpp>
#include <cbec/model/pair_interaction.hpp>

#include <Eigen/Dense>

#include <string>
#include <vector>

namespace cbec {

struct DoubletModel {
  double nu = 10;                            ///< gap ν
  std::vector<double> occupations{0.5, 0.5}; ///< n_1, n_2
  double wellMinimum = 2;                    ///< a: h_0 = −d²/dx² + (x² − a²)²/4
  bool flatExcited = false;                  ///< g_n = 1 for n ≥ 3 (else g_n = (E_n − E_1)/(E_3 − E_1))
  PairInteraction potential = PairInteraction::gaussian(1.0, 1.0);   ///< V (1D Fourier transform used)
};

struct DoubletOptions {
  SplittingScheme scheme = SplittingScheme::blanesMoan();
  double tolerance = 1e-11;        ///< local error of the splitting (step doubling); 0: fixed `step`
  double step = 0.01;              ///< fixed step, or the first trial step
  double phaseTolerance = 1e-3;    ///< phase-average error allowed, as a fraction of the distance
  int maxPhases = 512;             ///< cap on P
  bool prediction = true;          ///< compute the first-order prediction
  double kappaStep = 1e-3;         ///< RK4 step of the κ ODE (K(t)) and of the prediction's (κ, να) system
};

/// The grid, h_0's eigenbasis and the convolution by V, shared by all ν.
class DoubletSpectrum {
 public:
  DoubletSpectrum(const Grid& grid, const DoubletModel& model);
  const Grid& grid() const { return grid_; }
  int size() const { return n_; }
  /// Columns: ψ_n on the grid points, normalised so that h Σ_i ψ_m(x_i)ψ_n(x_i) = δ_mn (ψ_1 even, ψ_2 odd).
  const Eigen::MatrixXd& orbitals() const { return S_; }
  const Eigen::VectorXd& energies() const { return E_; }   ///< E_n of h_0
  const Eigen::VectorXd& g() const { return g_; }           ///< g_n (0 for n = 1, 2)
  /// V∗f (periodic, the multiplier V̂ of KappaFlow::fromOrbitals) as a dense n×n matrix.
  const Eigen::MatrixXd& convolution() const { return W_; }
  /// grid vector → eigenbasis coordinates c_n = h Σ_i ψ_n(x_i) f_i, and back.
  Eigen::VectorXcd toModes(const Eigen::VectorXcd& f) const;
  Eigen::VectorXcd toGrid(const Eigen::VectorXcd& c) const;
  /// N(φ) = (V∗|φ|²)φ on the grid.
  Eigen::VectorXcd nonlinearity(const Eigen::VectorXcd& phi) const;
  /// DN(Φ)[w] = (V∗|Φ|²)w + (V∗2Re(Φ̄w))Φ.
  Eigen::VectorXcd linearisedNonlinearity(const Eigen::VectorXcd& Phi, const Eigen::VectorXcd& w) const;

 private:
  Grid grid_;
  int n_;
  Eigen::MatrixXd S_, W_;
  Eigen::VectorXd E_, g_;
};

struct DoubletSnapshot {
  double t = 0;
  double distance = 0;            ///< Tr|γ^(1)_{∞,ν,t} − γ^(1)_{∞,∞,t}|
  double phaseError = 0;          ///< Tr|γ_P − γ_{P/2}| at the final P
  double predicted = 0;           ///< first-order prediction (0 if not computed)
  double excitedWeight = 0;       ///< Tr Qγ^(1)_{∞,ν,t}: the weight outside the doublet
  double norm = 0, energy = 0, x2 = 0;   ///< phase averages of ‖φ‖², the Hamiltonian functional, ⟨x²⟩
  double overlap = 0;             ///< phase average of |⟨φ^θ_0, φ^θ_t⟩|²
  double normDrift = 0;           ///< max over the phases of |‖φ^θ_t‖ − 1|
  int rankInfiniteGap = 0;        ///< rank of K(t)
  Eigen::MatrixXcd K;             ///< K(t)
};

struct DoubletEvolution {
  double nu = 0;
  std::vector<DoubletSnapshot> snapshots;
  int phases = 0;                 ///< P used
  StepCounts steps;               ///< summed over the phases
  int kappaPoints = 0;            ///< points per angle of K's phase average
};

/// K(t) and the first-order data, ν-independent (computed once for a sweep).
struct DoubletLimit {
  std::vector<Eigen::MatrixXcd> K;
  int kappaPoints = 0;
  /// per phase (P_pred of them) and time: Φ (2 coordinates), να (2), the slow part −g^{−1}f(t) and the fast
  /// part's amplitude b(t) (n coordinates; νδ_fast = e^{−iνgt} b(t), b(0) = g^{−1}f(0))
  int predictionPhases = 0;
  std::vector<std::vector<Eigen::VectorXcd>> Phi, alpha, slow, fast;
};
DoubletLimit doubletLimit(const DoubletSpectrum& spectrum, const DoubletModel& model, const std::vector<double>& times,
                          const DoubletOptions& options);
/// Tr|avg_θ(|Φ⟩⟨A| + |A⟩⟨Φ|)| at ν for output time index m (see the file comment).
double firstOrderDoubletDistance(const DoubletSpectrum& spectrum, const DoubletLimit& limit, double nu, double t,
                                 size_t m);

/// Evolve at model.nu to each of `times` (increasing, > 0).
DoubletEvolution evolveFragmentedDoublet(const DoubletSpectrum& spectrum, const DoubletModel& model,
                                         const DoubletLimit& limit, const std::vector<double>& times,
                                         const DoubletOptions& options);

/// Distance against ν at fixed times: fitted exponents per time and of sup over the output times.
struct DoubletSweep {
  std::vector<double> nu, times;
  std::vector<std::vector<double>> distance, predicted, phaseError;   ///< [ν][time]
  std::vector<double> fittedExponent;        ///< per time
  std::vector<double> supDistance;           ///< max over the output times, per ν
  double fittedExponentSup = 0;
  std::vector<double> fittedExponentPredicted;   ///< per time, of the prediction
  std::vector<long> steps;                   ///< per ν (all phases)
  std::vector<int> phases;                   ///< per ν
  std::vector<double> seconds;               ///< per ν
};
DoubletSweep sweepDoubletNu(const DoubletSpectrum& spectrum, const DoubletModel& model, const DoubletLimit& limit,
                            const std::vector<double>& nu, const std::vector<double>& times,
                            const DoubletOptions& options);

}  // namespace cbec
