"""cbec: composite Bose-Einstein condensates from Python.

The Townes profile and the critical coupling, mean-field ground states of mixtures, blow-up scans
along the paths of Theorems 1-3 of the mixture paper, exact marginals of fragmented states, real-time
mean-field dynamics (evolve), finite-N ground states (manybody) and the 1/N rates of the mean-field
limit (rates).
Every function returns the dictionary that the matching `cbec` command writes as summary.json
(fields as numpy arrays); errors are raised as cbec.InputError / cbec.UnboundedEnergyError /
cbec.NumericalError with the command's messages. See docs/python.md.

>>> import cbec
>>> round(cbec.townes().a_star, 6)
11.700897
"""
from ._core import (  # noqa: F401
    InputError,
    Mixture,
    NumericalError,
    PairPotential,
    Species,
    TownesProfile,
    Trap,
    UnboundedEnergyError,
    __version__,
    blowup,
    evolve,
    groundstate,
    keep_freed_memory_in_heap,
    manybody,
    marginals,
    rates,
    set_fftw_wisdom_file,
    soliton,
    townes,
)

__all__ = [
    "InputError", "Mixture", "NumericalError", "PairPotential", "Species", "TownesProfile", "Trap",
    "UnboundedEnergyError", "blowup", "evolve", "groundstate", "keep_freed_memory_in_heap", "manybody",
    "marginals", "rates", "set_fftw_wisdom_file", "soliton", "townes",
]
