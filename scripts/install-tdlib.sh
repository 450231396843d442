#!/usr/bin/env bash
# Installs TDLib's libtdjson.so (TDLib 1.8.65) into <installation>/lib/, from the prebuilt npm package.
# Idempotent: does nothing when the pinned version is already there and its dependencies resolve.
# Usage: scripts/install-tdlib.sh [INSTALL_DIR]   (default: the directory holding scripts/, bin/ and lib/)
set -euo pipefail

readonly PACKAGE="@prebuilt-tdlib/linux-x64-glibc@0.1008065.0"

install_dir="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
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
    echo "install-tdlib: npm is needed to fetch $PACKAGE (apt-get install npm), or set TDJSON_PATH to an existing libtdjson.so" >&2
    exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "$PACKAGE" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" package/libtdjson.so
check_loads "$work/package/libtdjson.so"

mkdir -p "$lib_dir"
# Replace atomically so a running process never maps a half-written file.
install -m 0755 "$work/package/libtdjson.so" "$target.tmp"
mv -f "$target.tmp" "$target"
echo "$PACKAGE" >"$marker"
echo "install-tdlib: installed $PACKAGE into $target"
