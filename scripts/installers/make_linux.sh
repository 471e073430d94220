#!/usr/bin/env bash
# Linux: a tar.gz of the one-folder bundle, and an AppImage when appimagetool is on PATH.
#   scripts/installers/make_linux.sh   → dist/Transkript-<version>-linux-x86_64.tar.gz [+ .AppImage]
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=$(python3 -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])")
[ -x dist/Transkript/Transkript ] || { echo "no dist/Transkript: run scripts/build_bundle first" >&2; exit 2; }
tar -C dist -czf "dist/Transkript-$VERSION-linux-x86_64.tar.gz" Transkript
echo "dist/Transkript-$VERSION-linux-x86_64.tar.gz"
if command -v appimagetool >/dev/null; then
    APPDIR=$(mktemp -d)/Transkript.AppDir
    mkdir -p "$APPDIR/usr/lib"
    cp -r dist/Transkript "$APPDIR/usr/lib/transkript"
    cp scripts/installers/transkript.desktop "$APPDIR/transkript.desktop"
    cp resources/icons/transkript.png "$APPDIR/transkript.png" 2>/dev/null || true
    printf '#!/bin/sh\nexec "$(dirname "$(readlink -f "$0")")/usr/lib/transkript/Transkript" "$@"\n' > "$APPDIR/AppRun"
    chmod +x "$APPDIR/AppRun"
    ARCH=x86_64 appimagetool "$APPDIR" "dist/Transkript-$VERSION-x86_64.AppImage"
fi
