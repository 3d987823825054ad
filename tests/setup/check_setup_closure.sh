#!/usr/bin/env bash
# Setup closure: every Debian package that owns a file the build used must be installed by the
# launcher on a fresh machine, i.e. lie in the Depends closure of `./studio packages`.
#   - the CMake package configs the build found (`<Name>_DIR` entries of CMakeCache.txt that
#     point into system paths and hold <Name>Config.cmake / <name>-config.cmake);
#   - the shared libraries the built executables load (`ldd build/bin/*`), except the CUDA
#     toolkit's (/usr/local/cuda, optional) and our own build's.
# A package only recommended by the list (apt installs with --no-install-recommends) is missing
# on a fresh machine even when this machine has it: that is what this test catches.
# Usage: check_setup_closure.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=${1:?usage: check_setup_closure.sh SOURCE_DIR BUILD_DIR}
build=${2:?usage: check_setup_closure.sh SOURCE_DIR BUILD_DIR}
cache=$build/CMakeCache.txt
[ -f "$cache" ] || { echo "FAIL: no $cache (configure the build first)"; exit 1; }

mapfile -t packages < <("$src/studio" packages)
[ ${#packages[@]} -gt 0 ] || { echo "FAIL: './studio packages' printed no packages"; exit 1; }

# The closure as apt sees it: every package a Depends/Pre-Depends chain can reach, with every
# alternative and every provider of a virtual package (an over-approximation, never an under-).
# Header lines name the packages themselves; indented lines under a dependency name providers.
declare -A closure=()
while read -r name; do
  name=${name#<}
  name=${name%>}
  closure[${name%%:*}]=1
done < <(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances "${packages[@]}" | awk '/^[^ ]/ || /^    [^ ]/ { print $1 }')

# Files the build used, with where each came from.
declare -A origin=()
while IFS='=' read -r key value; do
  var=${key%%:*}
  name=${var%_DIR}
  case "$value" in /usr/local/* | "$build"* | "$src"*) continue ;; /usr/* | /lib*) ;; *) continue ;; esac
  lower=$(printf '%s' "$name" | tr '[:upper:]' '[:lower:]')
  for f in "$value/${name}Config.cmake" "$value/${lower}-config.cmake"; do
    [ -f "$f" ] && origin[$f]="CMakeCache.txt $var"
  done
done < <(grep -E '^[A-Za-z0-9_]+_DIR:PATH=' "$cache")

shopt -s nullglob
for bin in "$build"/bin/*; do
  if [ ! -f "$bin" ] || [ ! -x "$bin" ]; then continue; fi
  while read -r lib; do
    case "$lib" in /usr/local/cuda* | "$build"*) continue ;; esac
    [ -n "${origin[$lib]:-}" ] || origin[$lib]="ldd bin/${bin##*/}"
  done < <(ldd "$bin" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }')
done
[ ${#origin[@]} -gt 0 ] || { echo "FAIL: found no CMake configs and no libraries to check"; exit 1; }

# dpkg records a file under the path its package shipped it at: with merged /usr, /lib/x.so
# may be recorded as /usr/lib/x.so or the other way round, and a library name may be a symlink.
candidates() {
  local f=$1 real
  real=$(readlink -f "$f")
  for p in "$f" "$real"; do
    printf '%s\n' "$p"
    case "$p" in /usr/lib/*) printf '%s\n' "${p#/usr}" ;; /lib*) printf '%s\n' "/usr$p" ;; esac
  done
}

# One dpkg-query for every candidate path (a call per file would take a minute).
declare -A owner_of=()
mapfile -t all < <(for f in "${!origin[@]}"; do candidates "$f"; done | sort -u)
while IFS= read -r line; do
  case "$line" in diversion*) continue ;; esac
  owner_of[${line#*: }]=${line%%: *}
done < <(dpkg-query -S "${all[@]}" 2>/dev/null || true)

missing=0
checked=0
for f in "${!origin[@]}"; do
  owners=""
  while read -r c; do
    owners=${owner_of[$c]:-}
    [ -n "$owners" ] && break
  done < <(candidates "$f")
  if [ -z "$owners" ]; then
    echo "FAIL: $f (${origin[$f]}) belongs to no Debian package: it cannot come from the launcher"
    missing=$((missing + 1))
    continue
  fi
  checked=$((checked + 1))
  ok=0
  IFS=', ' read -r -a list <<<"$owners"
  for p in "${list[@]}"; do
    [ -n "${closure[${p%%:*}]:-}" ] && ok=1
  done
  if [ $ok -eq 0 ]; then
    echo "FAIL: package ${owners} owns $f (${origin[$f]}) but is not in the Depends closure of" \
      "the launcher's PACKAGES: add it to PACKAGES in studio"
    missing=$((missing + 1))
  fi
done

if [ $missing -gt 0 ]; then
  echo "$missing file(s) come from packages a fresh machine would not get from ./studio"
  exit 1
fi
echo "ok: $checked files (CMake configs and libraries) all come from the ${#closure[@]} packages" \
  "of the launcher's Depends closure"
