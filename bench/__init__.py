"""PlexGeo's benchmark: a seeded synthetic history and the measurements issue 8 asks for.

Run it with `scripts/bench`; see BENCHMARKS.md for the method and the latest figures.
"""

from .core import load_core_only

# Before any submodule imports the core: see bench/core.py for why.
load_core_only()
