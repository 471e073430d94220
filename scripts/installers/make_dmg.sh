#!/usr/bin/env bash
# macOS: wrap the bundle as Transkript.app and put it in a DMG (run on a Mac after
# `pyinstaller build.spec`, which makes dist/Transkript.app there).
#   scripts/installers/make_dmg.sh            → dist/Transkript-<version>.dmg
# Unsigned; sign and notarise with your Developer ID before sharing it outside your institution:
#   codesign --deep --force --options runtime --sign "Developer ID Application: …" dist/Transkript.app
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=$(python3 -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])")
APP=dist/Transkript.app
[ -d "$APP" ] || { echo "no $APP: run pyinstaller build.spec on macOS first" >&2; exit 2; }
STAGE=$(mktemp -d)
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "Transkript $VERSION" -srcfolder "$STAGE" -ov -format UDZO "dist/Transkript-$VERSION.dmg"
rm -rf "$STAGE"
echo "dist/Transkript-$VERSION.dmg"
