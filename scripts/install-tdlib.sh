#!/usr/bin/env bash
# Installs TDLib's libtdjson.so (TDLib 1.8.65) into <installation>/lib/, from the prebuilt npm package.
# Idempotent: does nothing when the pinned version is already there and its dependencies resolve.
# Usage: scripts/install-tdlib.sh [--if-possible] [INSTALL_DIR]   (default: the directory holding scripts/, bin/, lib/)
# --if-possible (the build's use): when npm is missing or the download fails, say so and exit 0; the tests that need
# libtdjson then report themselves skipped (and fail on CI).
set -euo pipefail

readonly PACKAGE="@prebuilt-tdlib/linux-x64-glibc@0.1008065.0"

if_possible=false
if [[ "${1:-}" == "--if-possible" ]]; then
    if_possible=true
    shift
fi
install_dir="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"

# Gives up: an error, or with --if-possible a note and success.
give_up() {
    echo "install-tdlib: $*" >&2
    if $if_possible; then
        echo "install-tdlib: going on without libtdjson; the tests that need it are skipped (and fail on CI)" >&2
        exit 0
    fi
    exit 1
}
lib_dir="$install_dir/lib"
target="$lib_dir/libtdjson.so"
marker="$lib_dir/libtdjson.package"

# The library must resolve every shared object it needs on this machine; ldd says "not found" otherwise.
check_loads() {
    local deps
    if ! deps="$(ldd "$1" 2>&1)"; then
        echo "install-tdlib: $1 is not a loadable shared library: $deps" >&2
        return 1
    fi
    if grep -q "not found" <<<"$deps"; then
        echo "install-tdlib: $1 needs libraries this machine lacks:" >&2
        grep "not found" <<<"$deps" >&2
        return 1
    fi
}

if [[ -f "$target" && -f "$marker" && "$(cat "$marker")" == "$PACKAGE" ]] && check_loads "$target"; then
    echo "install-tdlib: $target is already $PACKAGE"
    exit 0
fi

if ! command -v npm >/dev/null; then
    give_up "npm is needed to fetch $PACKAGE (apt-get install npm), or set TDJSON_PATH to an existing libtdjson.so"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "$PACKAGE" >/dev/null) || give_up "npm pack $PACKAGE failed (no network?)"
tar -xzf "$work"/*.tgz -C "$work" package/libtdjson.so
check_loads "$work/package/libtdjson.so" || give_up "the downloaded libtdjson.so does not load on this machine"

mkdir -p "$lib_dir"
# Replace atomically so a running process never maps a half-written file.
install -m 0755 "$work/package/libtdjson.so" "$target.tmp"
mv -f "$target.tmp" "$target"
echo "$PACKAGE" >"$marker"
echo "install-tdlib: installed $PACKAGE into $target"
