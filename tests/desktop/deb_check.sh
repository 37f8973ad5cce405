#!/usr/bin/env bash
# The Debian package: `cpack -G DEB` builds it from the build tree; it installs into a scratch root
# (dpkg --root, so the machine's own packages are untouched), puts the binary, the desktop entry (valid),
# the metainfo (valid), the icon and the sessions in place, the installed binary runs, and removing the
# package leaves none of its files behind.
# Usage: deb_check.sh BUILD_DIR WORK_DIR
set -euo pipefail
build="$1"
work="$2"
fail() {
  echo "deb check: $*" >&2
  exit 1
}
rm -rf "$work"
mkdir -p "$work/out" "$work/root/var/lib/dpkg/info" "$work/root/var/lib/dpkg/updates"
(cd "$work/out" && cpack -G DEB --config "$build/CPackConfig.cmake" >"$work/cpack.log" 2>&1) ||
  fail "cpack failed: $(tail -n 20 "$work/cpack.log")"
deb=$(ls "$work"/out/attune_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || fail "cpack made no .deb ($(ls "$work/out"))"
dpkg-deb --info "$deb" >"$work/info.txt"
grep -q "^ Package: attune$" "$work/info.txt" || fail "the package is not named attune"
grep -q "^ Depends: .*libsdl2" "$work/info.txt" || fail "the package does not depend on SDL2: $(cat "$work/info.txt")"
dpkg-deb --contents "$deb" | awk '{print $6}' >"$work/contents.txt"
for f in ./usr/bin/attune ./usr/share/applications/io.github.attune.attune.desktop \
  ./usr/share/metainfo/io.github.attune.attune.metainfo.xml ./usr/share/icons/hicolor/scalable/apps/attune.svg \
  ./usr/share/attune/sessions/breathing-together.yaml; do
  grep -qx "$f" "$work/contents.txt" || fail "the package lacks $f"
done

root="$work/root"
touch "$root/var/lib/dpkg/status"
dpkg --root="$root" --force-not-root --force-depends --force-script-chrootless -i "$deb" >"$work/install.log" 2>&1 ||
  fail "dpkg -i failed: $(cat "$work/install.log")"
status=$(dpkg --root="$root" -s attune)
grep -q "^Status: install ok installed" <<<"$status" || fail "dpkg does not list attune as installed"
test -x "$root/usr/bin/attune" || fail "no /usr/bin/attune after installing"
desktop-file-validate "$root/usr/share/applications/io.github.attune.attune.desktop" ||
  fail "the installed desktop entry is not valid"
appstreamcli validate-tree --no-net "$root" >"$work/appstream.log" 2>&1 ||
  fail "the installed metainfo is not valid: $(cat "$work/appstream.log")"
"$root/usr/bin/attune" --version >"$work/version.txt" 2>&1 || fail "the installed binary does not run"
grep -q "[0-9]\.[0-9]" "$work/version.txt" || fail "the installed binary printed no version: $(cat "$work/version.txt")"

dpkg --root="$root" --force-not-root --force-script-chrootless -r attune >"$work/remove.log" 2>&1 ||
  fail "dpkg -r failed: $(cat "$work/remove.log")"
# Everything outside dpkg's own database (var/lib/dpkg) must be gone.
left=$(find "$root" -path "$root/var/lib/dpkg" -prune -o -type f -print)
[ -z "$left" ] || fail "removing the package left files behind: $(head -n 5 <<<"$left")"
echo "deb check: $(basename "$deb") ($(stat -c %s "$deb") bytes) installs, validates, runs and uninstalls cleanly"
