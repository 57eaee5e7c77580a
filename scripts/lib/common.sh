# shellcheck shell=bash
# Helpers sourced by scripts/*: where the repo is, which Python to use, quiet pip.

set -o pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$REPO_ROOT/.venv"
# Everything the .venv is built from; a change to any of them rebuilds it.
VENV_REQUIREMENTS=(requirements/oldest.txt requirements/dev.txt requirements/simulator.txt
    requirements/develop.txt)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# This machine's pip config adds file:// indexes that lack most projects; pip warns
# once per missing project, which buries real errors.
pip_filter() { grep -v -E "^WARNING: Location '.*' is ignored" || true; }

# Runs pip with its output filtered; with pipefail (set in every script) pip's failure
# is the pipeline's.
quiet_pip() {
    local python="$1" rc=0
    shift
    "$python" -m pip "$@" 2>&1 | pip_filter || rc=$?
    return "$rc"
}

python_is() { # python_is EXECUTABLE MAJOR.MINOR
    "$1" -c "import sys; sys.exit(sys.version_info[:2] != tuple(map(int, '$2'.split('.'))))" \
        >/dev/null 2>&1
}

# Finds a Python MAJOR.MINOR: pyenv's builds first (plain python3 is too old on these
# machines), then pythonX.Y and python3 on PATH.
find_python() {
    local want="$1" candidate
    local candidates=()
    if command -v pyenv >/dev/null 2>&1; then
        local root
        root="$(pyenv root)"
        candidates+=("$root/versions/$want".*/bin/python3)
    fi
    candidates+=("$(command -v "python$want" 2>/dev/null || true)")
    candidates+=("$(command -v python3 2>/dev/null || true)")
    for candidate in "${candidates[@]}"; do
        if [[ -n "$candidate" && -x "$candidate" ]] && python_is "$candidate" "$want"; then
            printf '%s\n' "$candidate"
            return 0
        fi
    done
    return 1
}

# A digest of the files (and extra words) a venv is built from.
requirements_digest() {
    local words=("$@")
    (
        cd "$REPO_ROOT"
        for word in "${words[@]}"; do
            if [[ -f "$word" ]]; then sha256sum "$word"; else printf '%s\n' "$word"; fi
        done
    ) | sha256sum | cut -d' ' -f1
}
