"""cbec: composite Bose-Einstein condensates from Python.

The Townes profile and the critical coupling, mean-field ground states of mixtures, blow-up scans
along the paths of Theorems 1-3 of the mixture paper, exact marginals of fragmented states, real-time
mean-field dynamics (evolve), finite-N ground states (manybody) and the 1/N rates of the mean-field
limit (rates).
Below the drivers: the model objects (Trap, Species, PairInteraction (alias PairPotential), Mixture), the one-body bases (Grid,
OscillatorModes), Fock states (FockBasis) with their reduced density matrices, natural orbitals and trace
norms, and the finite-N Hamiltonian (FockHamiltonian) applied to numpy vectors.
Every driver function returns the dictionary that the matching `cbec` command writes as summary.json
(fields as numpy arrays); errors are raised as cbec.InputError / cbec.UnboundedEnergyError /
cbec.NumericalError with the command's messages. See docs/python.md.

>>> import cbec
>>> round(cbec.townes().a_star, 6)
11.700897
"""
try:
    import numpy as _numpy  # noqa: F401  (the compiled module needs it)
except ImportError as _e:  # another interpreter than the build's (pyenv, conda): name both
    import sys as _sys
    try:
        from ._interpreter import INTERPRETER as _built
    except ImportError:
        _built = "the interpreter CMake found (CBEC_PYTHON_EXECUTABLE in build/CMakeCache.txt)"
    raise ImportError(
        f"cbec needs numpy, which {_sys.executable} does not have ({_e}); cbec was built for {_built}: run "
        f"that interpreter (build/python/python does, with the package on PYTHONPATH) or install numpy for "
        f"{_sys.executable}") from _e

from ._core import (  # noqa: F401
    EigenPairs,
    FockBasis,
    FockHamiltonian,
    Grid,
    InputError,
    Mixture,
    NaturalOrbitals,
    NumericalError,
    OscillatorModes,
    PairInteraction,
    PairPotential,
    Species,
    TownesProfile,
    Trap,
    UnboundedEnergyError,
    __version__,
    blowup,
    bogoliubov,
    condensation_bounds,
    evolve,
    groundstate,
    keep_freed_memory_in_heap,
    manybody,
    marginals,
    natural_orbitals,
    rates,
    reduced_density_matrix,
    set_fftw_wisdom_file,
    soliton,
    symmetric_power,
    townes,
    trace_norm,
)

__all__ = [
    "EigenPairs", "FockBasis", "FockHamiltonian", "Grid", "InputError", "Mixture", "NaturalOrbitals",
    "NumericalError", "OscillatorModes", "PairInteraction", "PairPotential", "Species", "TownesProfile", "Trap",
    "UnboundedEnergyError", "blowup", "bogoliubov", "condensation_bounds", "evolve", "groundstate",
    "keep_freed_memory_in_heap", "manybody", "marginals", "natural_orbitals", "rates",
    "reduced_density_matrix", "set_fftw_wisdom_file", "soliton", "symmetric_power", "townes", "trace_norm",
]
