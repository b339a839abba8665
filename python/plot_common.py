"""Helpers shared by the plot_*.py figure scripts (matplotlib, Agg backend)."""
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def colour(n, total):
    """The n-th of `total` colours along viridis (one colour per distance, time or N)."""
    return plt.cm.viridis(n / max(1, total - 1) * 0.9)


def save(fig, path):
    """Write a figure atomically (temporary file renamed into place) and close it."""
    tmp = path + ".tmp.png"
    fig.savefig(tmp, dpi=110, bbox_inches="tight")
    os.replace(tmp, path)
    plt.close(fig)
