"""PlexGeo's domain logic: plain Python, no Home Assistant imports (tests/core checks it)."""
