"""Print the Python requirements a Home Assistant start with config/ and PlexGeo needs.

Run with the Python of a venv that has `homeassistant` installed (scripts/lib/latest.sh
does, for the newest release): it reads that release's own manifests, so its pins are
used, and `scripts/develop --check` can then start Home Assistant with --skip-pip.
  ha_requirements.py CONFIGURATION_YAML PLEXGEO_MANIFEST
"""

from __future__ import annotations

import json
from pathlib import Path
import re
import sys

import homeassistant
from homeassistant import bootstrap

# The integrations every start sets up, whatever the configuration says.
_ALWAYS = (
    "CORE_INTEGRATIONS",
    "LOGGING_AND_HTTP_DEPS_INTEGRATIONS",
    "FRONTEND_INTEGRATIONS",
    "DEFAULT_INTEGRATIONS",
)
_TOP_LEVEL_KEY = re.compile(r"^([a-z_][a-z0-9_]*):", re.MULTILINE)


def requirements(configuration: Path, plexgeo_manifest: Path) -> list[str]:
    """Requirements of the configured and always-loaded integrations, with dependencies."""
    components = Path(homeassistant.__file__).parent / "components"
    manifest = json.loads(plexgeo_manifest.read_text(encoding="utf-8"))
    todo = set(_TOP_LEVEL_KEY.findall(configuration.read_text(encoding="utf-8")))
    todo |= set(manifest.get("dependencies", ())) | set(manifest.get("after_dependencies", ()))
    for name in _ALWAYS:
        todo |= set(getattr(bootstrap, name, ()))
    found: list[str] = list(manifest.get("requirements", ()))
    seen: set[str] = set()
    while todo:
        domain = todo.pop()
        seen.add(domain)
        path = components / domain / "manifest.json"
        if not path.exists():  # `homeassistant:` and other non-integration keys
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        found.extend(data.get("requirements", ()))
        # HA installs after_dependencies' requirements too (they may be imported).
        todo |= set(data.get("dependencies", ())) - seen
        todo |= set(data.get("after_dependencies", ())) - seen
    return sorted(set(found))


def main() -> int:
    """Print one requirement per line."""
    configuration, manifest = (Path(arg) for arg in sys.argv[1:3])
    print("\n".join(requirements(configuration, manifest)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
