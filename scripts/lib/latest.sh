#!/usr/bin/env bash
# `scripts/test --latest [pytest args...]`: the pytest suite on the newest pin
# (requirements/latest.txt) under Python 3.14.
# `latest.sh --develop-check` (what `scripts/develop --check --newest` runs): the newest
# `homeassistant` release on the registry, installed in a venv of its own, started as a
# real process by `scripts/develop --check` against the simulator.
# With a python3.14 on PATH it uses a venv at .venv-latest; otherwise a Debian forky
# chroot cached under .cache/forky, with the repo bind-mounted at /repo. Every mount made
# here is undone on exit, failure or signal, because `rm -rf .cache` with the repo still
# bind-mounted would delete the repo.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

LATEST_REQUIREMENTS=(requirements/latest.txt requirements/latest-develop.txt requirements/dev.txt
    requirements/simulator.txt)
STAMP_NAME=.plexgeo-requirements.sha256
NEWEST_STAMP_NAME=.plexgeo-newest-ha
develop_check=0
if [[ "${1:-}" == "--develop-check" ]]; then
    develop_check=1
    shift
fi

# newest_ha_check PYTHON3.14 VENV REPO HOST_VENV [RUN...]: asks the registry for the newest
# homeassistant release, installs it (once per release) with what config/ and PlexGeo need,
# and runs `scripts/develop --check` with it. VENV and REPO are paths as RUN sees them
# (RUN is empty natively, in_chroot in the chroot); HOST_VENV is VENV as seen from here.
newest_ha_check() {
    local python="$1" venv="$2" repo="$3" host_venv="$4"
    shift 4
    local run=("$@") version want
    [[ -x "$host_venv/bin/python" ]] || "${run[@]}" "$python" -m venv "$venv"
    version="$("${run[@]}" "$venv/bin/python" -m pip index versions homeassistant 2>/dev/null |
        sed -n 's/^homeassistant (\([^)]*\))$/\1/p')"
    [[ -n "$version" ]] || die "pip found no homeassistant release for Python 3.14"
    want="$version $(requirements_digest config/configuration.yaml \
        custom_components/plexgeo/manifest.json scripts/lib/ha_requirements.py \
        requirements/simulator.txt)"
    if [[ "$(cat "$host_venv/$NEWEST_STAMP_NAME" 2>/dev/null)" != "$want" ]]; then
        local start=$SECONDS site
        log "Installing homeassistant $version, the newest release, in $venv"
        "${run[@]}" "$venv/bin/python" -m pip install --quiet "homeassistant==$version"
        site="$("${run[@]}" "$venv/bin/python" -c 'import homeassistant, os; print(os.path.dirname(homeassistant.__file__))')"
        "${run[@]}" "$venv/bin/python" "$repo/scripts/lib/ha_requirements.py" \
            "$repo/config/configuration.yaml" "$repo/custom_components/plexgeo/manifest.json" \
            >"$REPO_ROOT/.cache/newest-ha-requirements.txt"
        "${run[@]}" "$venv/bin/python" -m pip install --quiet \
            -c "$site/package_constraints.txt" -r "$repo/.cache/newest-ha-requirements.txt" \
            -r "$repo/requirements/simulator.txt"
        printf '%s\n' "$want" >"$host_venv/$NEWEST_STAMP_NAME"
        log "homeassistant $version ready in $((SECONDS - start)) s"
    fi
    log "scripts/develop --check on Home Assistant $version ($("${run[@]}" "$venv/bin/python" --version))"
    # A config dir of its own, fresh each run: a newer release must not migrate config/.
    rm -rf "$REPO_ROOT/.cache/newest-ha"
    "${run[@]}" env PLEXGEO_DEV_PYTHON="$venv/bin/python" \
        PLEXGEO_DEV_CONFIG="$repo/.cache/newest-ha/config" PLEXGEO_CHECK_SECONDS=300 \
        "$repo/scripts/develop" --check
}

report_pytest() { # report_pytest EXIT_CODE
    if (($1 == 5)); then
        printf '\nscripts/test --latest FAILED: pytest collected no tests (exit 5)\n' >&2
    elif (($1 != 0)); then
        printf '\nscripts/test --latest FAILED: pytest exit %s\n' "$1" >&2
    else
        log "scripts/test --latest: pytest passed"
    fi
}

run_native() { # run_native PYTHON3.14 [pytest args...]
    local python="$1"
    shift
    local venv="$REPO_ROOT/.venv-latest"
    local want
    want="$(requirements_digest "${LATEST_REQUIREMENTS[@]}" "$venv" "$python")"
    if [[ ! -f "$venv/$STAMP_NAME" || "$(cat "$venv/$STAMP_NAME")" != "$want" ]]; then
        log "Creating .venv-latest with $python"
        rm -rf "$venv"
        "$python" -m venv "$venv"
        quiet_pip "$venv/bin/python" install --quiet \
            -r requirements/latest.txt -r requirements/latest-develop.txt
        printf '%s\n' "$want" >"$venv/$STAMP_NAME"
    fi
    log "pytest (latest pin, $("$venv/bin/python" --version))"
    local rc=0
    "$venv/bin/python" -m pytest "$@" || rc=$?
    report_pytest "$rc"
    exit "$rc"
}

if python314="$(find_python 3.14)"; then
    if ((develop_check)); then
        mkdir -p "$REPO_ROOT/.cache"
        newest_ha_check "$python314" "$REPO_ROOT/.venv-newest-ha" "$REPO_ROOT" \
            "$REPO_ROOT/.venv-newest-ha"
        exit 0
    fi
    run_native "$python314" "$@"
fi

# ---- No Python 3.14 here: a Debian forky chroot provides it. ----

((EUID == 0)) || die "the forky chroot needs root (or put a python3.14 on PATH)"

ROOT="$REPO_ROOT/.cache/forky"
MARKER="$ROOT/.plexgeo-complete"
PACKAGES_MARKER="$ROOT/.plexgeo-packages"
# Installed with apt inside the finished chroot (debootstrap's base step cannot configure
# Chromium's desktop dependencies): a compiler for the two HA packages with no 3.14
# wheels, Chromium with a font for the panel's browser test, chattr (e2fsprogs) for the
# read-only database tests and node for the wire-contract test: no test skips here. The
# marker records the list, so a changed list installs again.
CHROOT_PACKAGES=(python3.14-dev g++ chromium fonts-dejavu-core e2fsprogs nodejs)
CA_IN_CHROOT=/etc/ssl/certs/host-ca-certificates.crt
CHROOT_VENV=/opt/venv-latest
CHROOT_ENV=(
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
    HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" CI="${CI:-}"
    SSL_CERT_FILE="$CA_IN_CHROOT" PIP_CERT="$CA_IN_CHROOT"
    PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_DEFAULT_TIMEOUT=180
)

mkdir -p "$REPO_ROOT/.cache"
exec 8>"$REPO_ROOT/.cache/forky.lock"
flock 8

mounts_under_root() { # deepest first
    findmnt -rn -o TARGET | awk -v root="$ROOT" '$0 == root || index($0, root "/") == 1' | sort -r
}

unmount_all() {
    local target
    while read -r target; do
        [[ -n "$target" ]] || continue
        umount "$target" 2>/dev/null || umount -l "$target" ||
            printf 'warning: could not unmount %s\n' "$target" >&2
    done < <(mounts_under_root)
    if [[ -n "$(mounts_under_root)" ]]; then
        printf 'error: mounts left under %s:\n%s\n' "$ROOT" "$(mounts_under_root)" >&2
        return 1
    fi
}

child=""
on_exit() {
    local rc=$?
    unmount_all || rc=1
    exit "$rc"
}
on_signal() { # on_signal SIGNAL_NUMBER
    trap - INT TERM HUP
    if [[ -n "$child" ]]; then
        kill -TERM "$child" 2>/dev/null || true
        wait "$child" 2>/dev/null || true
    fi
    exit $((128 + $1)) # runs on_exit, which unmounts
}
trap on_exit EXIT
trap 'on_signal 2' INT
trap 'on_signal 15' TERM
trap 'on_signal 1' HUP

# Long steps run in the background so a signal reaches the trap at once rather than
# after they finish; the trap then stops them before unmounting.
run_child() {
    "$@" &
    child=$!
    local rc=0
    wait "$child" || rc=$?
    child=""
    return "$rc"
}

in_chroot() { run_child chroot "$ROOT" /usr/bin/env -i "${CHROOT_ENV[@]}" "$@"; }

# The machine's own Debian mirror, so no host is hard-coded here.
debian_mirror() {
    if [[ -n "${PLEXGEO_DEBIAN_MIRROR:-}" ]]; then
        printf '%s\n' "$PLEXGEO_DEBIAN_MIRROR"
        return 0
    fi
    local mirror=""
    local sources=(/etc/apt/sources.list.d/*.sources)
    if [[ -e "${sources[0]}" ]]; then
        mirror="$(awk 'BEGIN { RS = "" }
            /(^|\n)Suites:[^\n]*security/ { next }
            match($0, /(^|\n)URIs:[ \t]*[^ \t\n]+/) {
                line = substr($0, RSTART, RLENGTH); sub(/^\n?URIs:[ \t]*/, "", line)
                print line; exit
            }' "${sources[@]}")"
    fi
    if [[ -z "$mirror" && -f /etc/apt/sources.list ]]; then
        mirror="$(awk '$1 == "deb" {
                i = 2; if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
                if ($(i + 1) !~ /security/) { print $i; exit }
            }' /etc/apt/sources.list)"
    fi
    [[ -n "$mirror" ]] || die "no Debian mirror in the apt sources; set PLEXGEO_DEBIAN_MIRROR"
    printf '%s\n' "$mirror"
}

ensure_debootstrap() {
    command -v debootstrap >/dev/null 2>&1 && return 0
    log "Installing debootstrap"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap </dev/null; then
        apt-get update -q </dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap </dev/null
    fi
}

ensure_chroot() {
    [[ -f "$MARKER" ]] && return 0
    ensure_debootstrap
    unmount_all
    rm -rf "$ROOT"
    local mirror start=$SECONDS
    mirror="$(debian_mirror)"
    log "Bootstrapping Debian forky into .cache/forky from $mirror"
    # debootstrap ships no script for forky; sid's fits any unstable/testing suite.
    run_child debootstrap --variant=minbase \
        --include=python3.14,python3.14-venv,ca-certificates \
        forky "$ROOT" "$mirror" /usr/share/debootstrap/scripts/sid
    # Written last: a chroot without it is incomplete and is rebuilt.
    date -u +%FT%TZ >"$MARKER"
    log "forky chroot ready in $((SECONDS - start)) s"
}

prepare_chroot() {
    cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
    cp /etc/hosts "$ROOT/etc/hosts"
    cp /etc/ssl/certs/ca-certificates.crt "$ROOT$CA_IN_CHROOT"
    mkdir -p "$ROOT/repo"
    mount -t proc proc "$ROOT/proc"
    mount --bind "$REPO_ROOT" "$ROOT/repo"
    # minbase may leave /dev without nodes where mknod is not allowed.
    if [[ ! -c "$ROOT/dev/null" ]]; then
        mount --bind /dev "$ROOT/dev"
    fi
}

ensure_chroot_packages() {
    [[ "$(cat "$PACKAGES_MARKER" 2>/dev/null)" == "${CHROOT_PACKAGES[*]}" ]] && return 0
    local start=$SECONDS
    log "Installing ${CHROOT_PACKAGES[*]} in the chroot"
    # A testing suite's Release file may look expired to a machine whose clock lags.
    in_chroot apt-get -q -o Acquire::Check-Valid-Until=false update
    in_chroot env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends "${CHROOT_PACKAGES[@]}"
    printf '%s\n' "${CHROOT_PACKAGES[*]}" >"$PACKAGES_MARKER"
    log "chroot packages ready in $((SECONDS - start)) s"
}

ensure_chroot_venv() {
    local want
    want="$(requirements_digest "${LATEST_REQUIREMENTS[@]}")"
    if [[ "$(cat "$ROOT$CHROOT_VENV/$STAMP_NAME" 2>/dev/null)" == "$want" ]]; then
        return 0
    fi
    local start=$SECONDS
    log "Creating $CHROOT_VENV in the chroot (requirements/latest.txt)"
    rm -rf "${ROOT:?}$CHROOT_VENV"
    in_chroot python3.14 -m venv "$CHROOT_VENV"
    in_chroot "$CHROOT_VENV/bin/python" -m pip install --quiet \
        -r /repo/requirements/latest.txt -r /repo/requirements/latest-develop.txt
    printf '%s\n' "$want" >"$ROOT$CHROOT_VENV/$STAMP_NAME"
    log "$CHROOT_VENV ready in $((SECONDS - start)) s"
}

ensure_chroot
prepare_chroot
ensure_chroot_packages
if ((develop_check)); then
    newest_ha_check python3.14 /opt/venv-newest-ha /repo "$ROOT/opt/venv-newest-ha" in_chroot
    exit 0
fi
ensure_chroot_venv
log "pytest (latest pin, $(chroot "$ROOT" "$CHROOT_VENV/bin/python" --version), forky chroot)"
rc=0
in_chroot /bin/sh -c 'cd /repo && exec '"$CHROOT_VENV"'/bin/python -m pytest "$@"' sh "$@" ||
    rc=$?
report_pytest "$rc"
exit "$rc"
