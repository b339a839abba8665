"""pytest: the objects below the drivers (run by ctest: python.pytest).

Bases (cbec.Grid, cbec.OscillatorModes), Fock states (cbec.FockBasis) and their reduced density
matrices, natural orbitals and trace norms, and the finite-N Hamiltonian cbec.FockHamiltonian. Each is
checked against an exact result (orthonormality, the eigenvalue equation, the combinatorial weights of
F 2.8, the marginals of a condensate), an identity (symmetry of H, traces) or a driver's output for the
same configuration (cbec.marginals, cbec.manybody).
"""
import math

import numpy as np
import pytest

import cbec

HARMONIC_2D = cbec.Trap.power(2.0, [0.0, 0.0])


# ---------------------------------------------------------------------------------------------- model

def two_species(N_A=2, N_B=2, a_A=3.0, a_B=2.0, a12=1.5, beta=0.0):
    """The mixture of test_dynamics.MANYBODY built from objects."""
    N = N_A + N_B
    return cbec.Mixture(2, [cbec.Species("A", N_A / N, a_A, HARMONIC_2D), cbec.Species("B", N_B / N, a_B, HARMONIC_2D)],
                        [[0.0, a12], [a12, 0.0]], pair=cbec.PairPotential.hartree(N, beta), N=N)


def test_mixture_properties_and_for_particles():
    m = two_species()
    assert m.species_count == 2 and m.dimension == 2
    assert m.fractions == [0.5, 0.5]
    np.testing.assert_array_equal(m.couplings, [[3.0, 1.5], [1.5, 2.0]])
    assert m.pair_scaling == "N-1" and m.N == 4.0
    assert m.pair.profile == "gaussian" and m.pair.range == 1.0
    assert cbec.PairPotential.contact().profile is None
    f = m.for_particles([1, 3])
    assert f.fractions == [0.25, 0.75] and f.N == 4.0 and f.pair.N == 4.0
    f = m.for_particles([5, 5])
    assert f.fractions == [0.5, 0.5] and f.pair.N == 10.0
    with pytest.raises(cbec.InputError, match="hartree"):
        cbec.Mixture.single_species(2, 1.0).for_particles([3])
    assert "A" in repr(m.species[0])


# ---------------------------------------------------------------------------------------------- bases

def test_grid_points_axes_and_quadrature():
    g = cbec.Grid(2, 32, 12.0, center=[0.5, -1.0])
    assert g.shape == (32, 32) and g.size == 1024 and g.spacing == pytest.approx(12.0 / 32)
    assert g.cell_volume == pytest.approx(g.spacing ** 2)
    x, y = g.axes
    assert x[0] == pytest.approx(0.5 - 6.0) and y[0] == pytest.approx(-1.0 - 6.0)
    X = g.coordinates()
    assert X.shape == (32, 32, 2)
    np.testing.assert_array_equal(X[:, 3, 0], x)       # row-major, the last coordinate fastest
    np.testing.assert_array_equal(X[7, :, 1], y)
    # int exp(-|x - c|^2) = pi, spectrally accurate
    f = np.exp(-((X[..., 0] - 0.5) ** 2 + (X[..., 1] + 1.0) ** 2))
    assert g.integral(f) == pytest.approx(math.pi, rel=1e-12)
    assert g.dot(f, f) == pytest.approx(math.pi / 2, rel=1e-12)
    with pytest.raises(cbec.InputError, match="shape"):
        g.integral(np.ones(32))


def test_oscillator_modes_numbers_and_energies():
    o = cbec.OscillatorModes([1.0, 2.0], [0.0, 0.0], 3)
    assert o.count == len(o) == 10 and o.dimension == 2 and o.shells == 3
    nu = o.quantum_numbers
    assert nu.shape == (10, 2)
    np.testing.assert_array_equal(nu[0], [0, 0])
    np.testing.assert_array_equal(o.shell_numbers, nu.sum(axis=1))
    assert np.all(np.diff(o.shell_numbers) >= 0)                     # ordered by shell
    np.testing.assert_allclose(o.energies, 1.0 * (2 * nu[:, 0] + 1) + 2.0 * (2 * nu[:, 1] + 1))
    np.testing.assert_array_equal(o.parity_masks, (nu[:, 0] % 2) + 2 * (nu[:, 1] % 2))
    np.testing.assert_allclose(o.one_body_matrix(), np.diag(o.energies))
    t = cbec.OscillatorModes.for_trap(HARMONIC_2D, 2)
    assert t.omega == [1.0, 1.0] and t.count == 6
    with pytest.raises(cbec.InputError):
        cbec.OscillatorModes.for_trap(cbec.Trap.power(4.0, [0.0, 0.0]), 2)


def test_oscillator_modes_orthonormal_by_quadrature():
    # anisotropic, off-centre: the Gram matrix h^d sum phi_m phi_n on a grid is the identity
    o = cbec.OscillatorModes([1.0, 1.7], [0.3, -0.2], 4)
    g = cbec.Grid(2, 64, 16.0)
    phi = o.on_grid(g)
    assert phi.shape == (o.count, 64, 64)
    F = phi.reshape(o.count, -1)
    gram = F @ F.T * g.cell_volume
    assert np.abs(gram - np.eye(o.count)).max() < 1e-12
    # values() at points of shape (..., d) agrees with on_grid
    X = g.coordinates()
    np.testing.assert_allclose(o.values(X[10:12, 20:23]), phi[:, 10:12, 20:23], rtol=0, atol=1e-14)
    # psi_0 in closed form
    w, z = np.array([1.0, 1.7]), np.array([0.3, -0.2])
    p = np.array([0.1, 0.4])
    exact = np.prod((w / math.pi) ** 0.25 * np.exp(-w * (p - z) ** 2 / 2))
    assert o.values(p)[0] == pytest.approx(exact, rel=1e-14)


def test_oscillator_modes_solve_the_eigenvalue_equation_1d():
    # -phi'' + omega^2 (x - z)^2 phi = eps phi, the Laplacian by FFT on a periodic grid
    o = cbec.OscillatorModes([1.5], [0.25], 6)
    g = cbec.Grid(1, 128, 20.0)
    (x,) = g.axes
    k = 2 * np.pi * np.fft.fftfreq(128, d=g.spacing)
    phi = o.values(x)
    assert phi.shape == (7, 128)
    for m in range(o.count):
        hphi = np.fft.ifft(k ** 2 * np.fft.fft(phi[m])).real + 1.5 ** 2 * (x - 0.25) ** 2 * phi[m]
        assert np.abs(hphi - o.energies[m] * phi[m]).max() < 1e-9
        assert o.energies[m] == pytest.approx(1.5 * (2 * m + 1))


# ---------------------------------------------------------------------------------------------- Fock states

def test_fock_basis_order_and_ranks():
    b = cbec.FockBasis(3, 2)
    assert b.dimension == len(b) == 6 and b.orbitals == 3 and b.particles == 2
    assert b.index([1, 0, 1]) == 2 and b.occupations(4) == [0, 1, 1]
    np.testing.assert_array_equal(b.states(), [[2, 0, 0], [1, 1, 0], [1, 0, 1], [0, 2, 0], [0, 1, 1], [0, 0, 2]])
    big = cbec.FockBasis(5, 7)
    assert big.dimension == math.comb(7 + 4, 4)
    S = big.states()
    assert np.all(S.sum(axis=1) == 7)
    assert all(big.index(S[i]) == i for i in range(0, big.dimension, 7))
    assert all(big.occupations(i) == list(S[i]) for i in range(0, big.dimension, 11))
    with pytest.raises(ValueError):
        b.index([1, 1, 1])
    with pytest.raises(IndexError):
        b.occupations(6)


def test_fock_state_one_body_marginal():
    # |n> = phi_0^{n_0} v ... : gamma^(1) = diag(n) / N, N Tr gamma^(1) = N
    b = cbec.FockBasis(4, 9)
    n = [4, 0, 2, 3]
    g1 = cbec.reduced_density_matrix(b, b.state(n), 1)
    assert g1.shape == (4, 4) and g1.dtype == np.float64
    np.testing.assert_allclose(g1, np.diag(n) / 9, atol=1e-15)
    assert 9 * np.trace(g1) == pytest.approx(9.0, rel=1e-15)
    # an unnormalised state is normalised on the fly
    np.testing.assert_allclose(b.reduced_density_matrix(3.0 * b.state(n)), g1, atol=1e-15)


@pytest.mark.parametrize("N1,N2,k", [(3, 1, 2), (6, 4, 3), (7, 5, 4)])
def test_fragmented_state_weights_F28(N1, N2, k):
    # Psi = phi1^{N1} v phi2^{N2}: gamma^(k) = diag_j C(N1,k-j) C(N2,j) / C(N,k) over (k-j, j) (F 2.8),
    # rank k+1 when k <= N1, N2
    N = N1 + N2
    b = cbec.FockBasis(2, N)
    psi = b.state([N1, N2])
    assert psi[N2] == 1.0                              # the index of (N - j, j) is j
    gk = cbec.reduced_density_matrix(b, psi, k)
    c = np.array([math.comb(N1, k - j) * math.comb(N2, j) / math.comb(N, k) for j in range(k + 1)])
    np.testing.assert_allclose(gk, np.diag(c), atol=1e-14)
    assert np.linalg.matrix_rank(gk) == min(k, N2) - max(0, k - N1) + 1 == np.count_nonzero(c)
    # the same weights from the marginals driver, pattern by pattern, and its trace distance to the
    # phase-averaged product state (whose marginal is diagonal in the same basis, F 2.9)
    r = cbec.marginals(occupations=[N1, N2], k=k)
    kb = cbec.FockBasis(2, k)
    for pattern, w, wt in zip(r["patterns"], r["weights"]["fragmented"], r["weights"]["phase_averaged"]):
        i = kb.index(pattern)
        assert gk[i, i] == pytest.approx(w, abs=1e-13)
        assert wt == pytest.approx(math.comb(k, pattern[1]) * (N1 / N) ** pattern[0] * (N2 / N) ** pattern[1], rel=1e-12)
    tilde = np.zeros_like(gk)
    for pattern, wt in zip(r["patterns"], r["weights"]["phase_averaged"]):
        tilde[kb.index(pattern), kb.index(pattern)] = wt
    assert cbec.trace_norm(gk - tilde) == pytest.approx(r["trace_distance"]["fragmented_vs_phase_averaged"], abs=1e-13)
    occ, orbitals = cbec.natural_orbitals(cbec.reduced_density_matrix(b, psi, 1))
    np.testing.assert_allclose(occ, sorted([N1 / N, N2 / N], reverse=True), atol=1e-15)


def test_cat_state_marginals_are_the_mixture_of_condensates():
    # (|N,0> + e^{i theta}|0,N>)/sqrt2: for k < N the k-marginal is (|phi1^k><phi1^k| + |phi2^k><phi2^k|)/2 (F 2.6, 2.10)
    N = 6
    b = cbec.FockBasis(2, N)
    psi = b.vector({(N, 0): 1.0, (0, N): 1.0})
    assert psi.dtype == np.float64 and np.linalg.norm(psi) == pytest.approx(1.0)
    psi_c = b.vector([((N, 0), 1.0), ((0, N), np.exp(0.7j))])
    assert psi_c.dtype == np.complex128
    for state in (psi, psi_c):
        for k in (1, 2, 5):
            gk = cbec.reduced_density_matrix(b, state, k)
            want = np.zeros((k + 1, k + 1))
            want[0, 0] = want[k, k] = 0.5
            np.testing.assert_allclose(gk, want, atol=1e-14)
    # k = N sees the coherence
    gN = cbec.reduced_density_matrix(b, psi_c, N)
    assert abs(gN[N, 0]) == pytest.approx(0.5)
    # repeated terms add up; normalise=False keeps the amplitudes
    v = b.vector([((N, 0), 1.0), ((N, 0), 2.0), ((1, N - 1), -1.0)], normalise=False)
    assert v[0] == 3.0 and v[N - 1] == -1.0 and np.count_nonzero(v) == 2
    with pytest.raises(ValueError):
        b.vector({(N, 1): 1.0})


def test_condensate_marginals_and_bounds():
    # phi^{(x)N}: gamma^(1) = |phi><phi|, gamma^(2) = |phi^{(x)2}><phi^{(x)2}|, complete BEC
    rng = np.random.default_rng(7)
    phi = rng.normal(size=3) + 1j * rng.normal(size=3)
    phi /= np.linalg.norm(phi)
    b = cbec.FockBasis(3, 5)
    psi = b.product_state(phi)
    assert psi.dtype == np.complex128 and np.linalg.norm(psi) == pytest.approx(1.0, rel=1e-14)
    g1 = cbec.reduced_density_matrix(b, psi, 1)
    np.testing.assert_allclose(g1, np.outer(phi, phi.conj()), atol=1e-14)   # gamma_ij = <a_j^+ a_i>/N
    phi2 = cbec.symmetric_power(phi, 2)
    np.testing.assert_allclose(cbec.reduced_density_matrix(b, psi, 2), np.outer(phi2, phi2.conj()), atol=1e-14)
    no = cbec.natural_orbitals(g1)
    assert no.condensate_fraction == pytest.approx(1.0, abs=1e-14)
    assert abs(np.vdot(no.orbitals[:, 0], phi)) == pytest.approx(1.0, abs=1e-14)
    assert cbec.trace_norm(g1 - np.outer(phi, phi.conj())) < 1e-13
    cb = cbec.condensation_bounds(b, psi, 2)
    assert cb["holds"] and cb["one_body_depletion"] < 1e-14 and cb["k_body_trace_distance"] < 1e-12
    # real phi gives a real state
    assert b.product_state(np.array([0.6, 0.8, 0.0])).dtype == np.float64


def test_depleted_state_satisfies_F110_F111():
    b = cbec.FockBasis(3, 4)
    rng = np.random.default_rng(3)
    psi = 5 * b.state([4, 0, 0]) + rng.normal(size=b.dimension)
    cb = cbec.condensation_bounds(b, psi, 3)
    assert cb["holds"] and cb["one_body_depletion"] > 1e-3
    assert cb["one_body_depletion"] <= cb["one_body_trace_distance"] <= cb["trace_upper_bound"]
    assert cb["one_body_depletion"] <= cb["k_body_depletion"] <= cb["k_body_upper_bound"]


# ---------------------------------------------------------------------------------------------- Hamiltonian

# The Python operator is built in Cartesian modes (parity sectors); the driver is asked for the same sector
# (its default for this isotropic model is the smaller L_z = 0 sector, same energy, 65 states instead of 129).
MANYBODY = {"model": {"dimension": 2, "interaction": "hartree", "profile": "gaussian", "beta": 0.0},
            "species": [{"name": "A", "particles": 2, "a": 3.0}, {"name": "B", "particles": 2, "a": 2.0}],
            "coupling": {"a12": 1.5}, "basis": {"shells": 2, "symmetry": "parity"}, "grid": {"hartree": False}}


@pytest.fixture(scope="module")
def two_species_H():
    return cbec.FockHamiltonian(two_species(), particles=[2, 2], shells=2)


def test_hamiltonian_is_symmetric(two_species_H):
    H = two_species_H
    D = H.dimension
    assert D > 10 and [m.count for m in H.modes] == [6, 6]
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=D), rng.normal(size=D)
    Hx, Hy = H.apply(x), H @ y
    assert np.dot(x, Hy) == pytest.approx(np.dot(Hx, y), rel=1e-13)
    np.testing.assert_array_equal(H.apply(x, threads=2), Hx)
    A = H.dense()
    assert np.abs(A - A.T).max() < 1e-13 * np.abs(A).max()
    np.testing.assert_allclose(A @ x, Hx, rtol=0, atol=1e-12 * np.abs(Hx).max())
    with pytest.raises(cbec.InputError, match="entries"):
        H.apply(np.ones(D + 1))


def test_lowest_eigenvalue_matches_manybody_driver(two_species_H):
    H = two_species_H
    vals, vecs = H.lowest_eigenpairs(count=2)
    p = H.lowest_eigenpairs(count=2)
    assert p.converged and max(p.residuals) < 1e-9
    assert vals[0] <= vals[1] and vecs.shape == (H.dimension, 2)
    v = vecs[:, 0]
    assert np.linalg.norm(H @ v - vals[0] * v) < 1e-9
    assert np.dot(v, H @ v) == pytest.approx(vals[0], rel=1e-12)
    assert vals[0] == pytest.approx(np.linalg.eigvalsh(H.dense())[0], rel=1e-12)
    mb = cbec.manybody(MANYBODY)
    assert vals[0] == pytest.approx(mb["energy_total"], rel=1e-10)
    assert vals[0] / 4 == pytest.approx(mb["energy"], rel=1e-10)
    assert mb["basis"]["dimension"] == H.dimension
    g = H.double_marginals(v)
    for s, gs in enumerate((g["g10"], g["g01"])):
        assert np.trace(gs) == pytest.approx(1.0, rel=1e-12)
        assert np.linalg.eigvalsh(gs)[-1] == pytest.approx(mb["condensate_fraction"][s], rel=1e-8)
    assert g["g11"].shape == (36, 36) and np.trace(g["g11"]) == pytest.approx(1.0, rel=1e-12)
    occ = H.occupations(0)
    assert len(occ) == 2 and sum(occ[0]) == 2 and sum(occ[1]) == 2
    Psi = H.fock_vector(v)
    assert Psi.shape == (H.fock_basis(0).dimension, H.fock_basis(1).dimension)
    assert np.linalg.norm(Psi) == pytest.approx(1.0, rel=1e-12)


def test_one_species_ground_state_rdm_two_ways():
    # the 1-RDM of the ground state from cbec.reduced_density_matrix over the full Fock basis equals
    # the Hamiltonian's own marginal g10 (two independent codes)
    m = cbec.Mixture(2, [cbec.Species("A", 1.0, 4.0, HARMONIC_2D)], [[0.0]], pair=cbec.PairPotential.hartree(3, 0.5))
    H = cbec.FockHamiltonian(m, [3], 3)
    assert H.mixture.pair.N == 3.0
    E, V = H.lowest_eigenpairs()
    psi = H.fock_vector(V[:, 0])
    b = H.fock_basis()
    assert psi.shape == (b.dimension,) and b.orbitals == H.modes[0].count and b.particles == 3
    g1 = cbec.reduced_density_matrix(b, psi, 1)
    np.testing.assert_allclose(g1, H.double_marginals(V[:, 0])["g10"], atol=1e-13)
    no = cbec.natural_orbitals(g1)
    assert 0.5 < no.condensate_fraction < 1.0 and np.sum(no.occupations) == pytest.approx(1.0)
    assert np.linalg.norm(H @ V[:, 0] - E[0] * V[:, 0]) < 1e-9


def test_noninteracting_ground_energy_is_N_eps0():
    m = cbec.Mixture(2, [cbec.Species("A", 1.0, 0.0, HARMONIC_2D)], [[0.0]], pair=cbec.PairPotential.hartree(5, 0.0))
    H = cbec.FockHamiltonian(m, particles=[5], shells=2)
    assert H.lowest_eigenpairs().values[0] == pytest.approx(5 * 2.0, rel=1e-13)   # eps_0 = 2 in V = |x|^2


def test_hamiltonian_input_errors():
    with pytest.raises(cbec.InputError, match="particles"):
        cbec.FockHamiltonian(two_species(), particles=[4], shells=1)
    with pytest.raises(cbec.InputError, match="hartree"):
        cbec.FockHamiltonian(cbec.Mixture.single_species(2, 1.0), particles=[2], shells=1)


def test_max_quanta_truncation_is_variational():
    # a Galerkin subspace: E(max_quanta = 0) >= E(2) >= E(untruncated), dimensions nested
    m = cbec.Mixture(2, [cbec.Species("A", 1.0, 1.0, HARMONIC_2D)], [[0.0]], pair=cbec.PairPotential.hartree(2, 0.0))
    Hs = [cbec.FockHamiltonian(m, [2], 2, max_quanta=q) for q in (0, 2, None)]
    assert [H.dimension for H in Hs] == [1, 5, 9] and Hs[1].max_quanta == 2
    E = [H.lowest_eigenpairs().values[0] for H in Hs]
    assert E[0] > E[1] > E[2]
    assert Hs[0].occupations(0) == [[2, 0, 0, 0, 0, 0]]
    assert E[0] == pytest.approx(Hs[0].dense()[0, 0])      # <phi_0^2|H|phi_0^2>


def test_pair_interaction_one_sign_convention():
    # one type for every pair interaction, V > 0 repulsive; PairPotential is the earlier name of the same class
    assert cbec.PairPotential is cbec.PairInteraction
    g = cbec.PairInteraction.gaussian(-2.0, 0.5)
    assert g.coupling == -2.0 and g.value(0.0) == -2.0
    w = cbec.PairInteraction.hartree(4, 0.5)
    assert w.coupling == 1.0 and w.profile == "gaussian" and abs(w.range - 0.5) < 1e-15
    assert abs(w.fourier(0.0, 2) - 1.0) < 1e-15
    assert cbec.PairInteraction.gaussian(1.0, 1.0).profile is None
