#!/usr/bin/env bash
# The install test (`make dist-check`, after `make dist`): installs the .deb as a user
# would, drives the installed app through WebDriver on a fresh data folder, checks what
# the desktop needs, removes the package and checks the data folder is untouched; then
# reads the .rpm's metadata and file list. Runs as root (or with sudo), and can run again.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
bundle=$target/release/bundle
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n1)
deb=$bundle/deb/Pathwise_${version}_amd64.deb
rpm_file=$bundle/rpm/Pathwise-${version}-1.x86_64.rpm
sudo=$([ "$(id -u)" = 0 ] || echo sudo)
max_deb_bytes=$((8 * 1024 * 1024))

fail() { echo "dist-check: $*" >&2; exit 1; }
step() { echo "== $*"; }

[ -f "$deb" ] || fail "no $deb: run 'make dist' first"
[ -f "$rpm_file" ] || fail "no $rpm_file: run 'make dist' first"

step "package: $(basename "$deb"), $(stat -c %s "$deb") bytes"
[ "$(stat -c %s "$deb")" -le "$max_deb_bytes" ] || fail ".deb is over 8 MB"
[ "$(dpkg-deb -f "$deb" Package)" = pathwise ] || fail "package name"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "version is not the workspace's $version"
for field in Maintainer Homepage Description Depends Section; do
  [ -n "$(dpkg-deb -f "$deb" "$field")" ] || fail "control field $field is empty"
done

# A run that stopped half-way may have left the package installed.
if dpkg-query -W -f='${Status}' pathwise 2>/dev/null | grep -q "install ok installed"; then
  $sudo apt-get remove -y -qq pathwise
fi

step "apt-get install ./$(basename "$deb")"
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$deb"
[ "$(command -v pathwise)" = /usr/bin/pathwise ] || fail "pathwise is not /usr/bin/pathwise"

step "every library the binary links comes with the declared dependencies"
# The .deb's dependency closure, as apt resolves it: a library from outside it would be
# missing on a clean machine even though this one (with the -dev packages) has it.
mapfile -t declared < <(dpkg-query -W -f='${Depends}\n' pathwise | tr ',' '\n' | sed 's/([^)]*)//; s/^ *//; s/ *$//' | grep -v '^$')
closure=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
  --no-breaks --no-replaces --no-enhances "${declared[@]}" | sed -n 's/^\([^ <][^ ]*\)$/\1/p; s/^ *Depends: \([^<][^ ]*\)$/\1/p' \
  | sed 's/:amd64$//' | sort -u)
for lib in $(readelf -d /usr/bin/pathwise | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
  owners=$(dpkg -S "*x86_64-linux-gnu/$lib" 2>/dev/null | cut -d: -f1 | tr ',' '\n' | sed 's/^ *//' | sort -u) \
    || fail "no package on this machine has $lib"
  owner=$(grep -Fxf <(echo "$owners") <<<"$closure" | head -n1) \
    || fail "$lib (from $(echo $owners)) is not pulled in by Depends: ${declared[*]}"
  echo "   $lib <- $owner"
done

step "desktop entry and icons"
desktop=/usr/share/applications/Pathwise.desktop
[ -f "$desktop" ] || fail "no $desktop"
desktop-file-validate "$desktop" || fail "$desktop does not validate"
for line in "Exec=pathwise" "Icon=pathwise" "Name=Pathwise" "Type=Application"; do
  grep -qx "$line" "$desktop" || fail "$desktop lacks '$line'"
done
for key in 'Name\[zh_CN\]' 'Comment' 'Comment\[zh_CN\]' 'Categories'; do
  grep -q "^$key=." "$desktop" || fail "$desktop lacks $key"
done
grep -q '^Categories=.*Education;' "$desktop" || fail "$desktop is not in Education"
for size in 16 24 32 48 64 128 256 512; do
  png=/usr/share/icons/hicolor/${size}x${size}/apps/pathwise.png
  [ -f "$png" ] || fail "no $png"
  file "$png" | grep -q "PNG image data, $size x $size" || fail "$png is not ${size}x${size}"
done
[ -f /usr/share/icons/hicolor/scalable/apps/pathwise.svg ] || fail "no scalable icon"

step "the installed app through WebDriver: first screen, a rating, a restart"
data=$(mktemp -d -t pathwise-dist-data.XXXXXX)
trap 'rm -rf "$data"' EXIT
(cd "$root" && PATHWISE_E2E_APP=/usr/bin/pathwise PATHWISE_DIST_DATA="$data" \
  xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test -p pathwise-e2e --locked --test installed -- --ignored --nocapture)
[ -s "$data/pathwise.sqlite3" ] || fail "the app left no database in $data"

step "apt-get remove leaves the user's data folder alone"
hash_data() { (cd "$data" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
before=$(hash_data)
$sudo apt-get remove -y -qq pathwise
[ ! -e /usr/bin/pathwise ] || fail "/usr/bin/pathwise is still there"
[ ! -e "$desktop" ] || fail "$desktop is still there"
after=$(hash_data)
[ "$before" = "$after" ] || fail "removing the package changed $data"
echo "   $(wc -l <<<"$after") files, same hashes"

step "the .rpm: metadata and file list"
info=$(rpm -qip "$rpm_file" 2>/dev/null)
echo "$info" | sed 's/^/   /'
for want in "Name *: pathwise" "Version *: $version" "License *: MIT" "URL *: https://" "Summary *: ."; do
  grep -Eq "^$want" <<<"$info" || fail "rpm -qip lacks '$want'"
done
files=$(rpm -qlp "$rpm_file" 2>/dev/null)
for want in /usr/bin/pathwise /usr/share/applications/Pathwise.desktop \
  /usr/share/icons/hicolor/16x16/apps/pathwise.png /usr/share/icons/hicolor/512x512/apps/pathwise.png \
  /usr/share/icons/hicolor/scalable/apps/pathwise.svg; do
  grep -qx "$want" <<<"$files" || fail "the .rpm lacks $want"
done
requires=$(rpm -qp --requires "$rpm_file" 2>/dev/null)
grep -q '^libwebkit2gtk-4.1.so.0()(64bit)' <<<"$requires" || fail "the .rpm does not require WebKitGTK"

echo "dist-check: all good ($(basename "$deb"), $(basename "$rpm_file"))"
