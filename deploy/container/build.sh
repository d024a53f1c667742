#!/usr/bin/env bash
# Builds the Sturdy role image offline: a Debian bookworm base with the JRE made by debootstrap from
# Debian's packages (no registry needed), then the role image from deploy/container/Containerfile
# with the jar and its libraries built here. No key, certificate or share goes into the image.
# Prints the image id and size. Needs root, podman, runc and debootstrap (apt-get install podman
# runc debootstrap). Usage: deploy/container/build.sh [--tag localhost/sturdy-role:latest]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tag=localhost/sturdy-role:latest
base=localhost/sturdy-base:bookworm
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) tag="$2"; shift 2 ;;
    *) echo "usage: $0 [--tag NAME]" >&2; exit 2 ;;
  esac
done
for tool in podman runc debootstrap; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool is missing (apt-get install podman runc debootstrap)" >&2; exit 1; }
done
. "$root/deploy/container/podman.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"; rm -f "$STURDY_CONTAINERS_CONF"' EXIT

if ! pm image exists "$base"; then
  mirror="$(grep -h '^URIs:' /etc/apt/sources.list.d/* 2>/dev/null | head -1 | awk '{print $2}')"
  mirror="${mirror:-http://deb.debian.org/debian}"
  echo "build.sh: debootstrap bookworm with openjdk-17-jre-headless from $mirror (about a minute)..." >&2
  debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  rm -rf "$work"/rootfs/var/cache/apt/archives/*.deb "$work"/rootfs/var/lib/apt/lists/*
  tar -C "$work/rootfs" -c . | pm import - "$base" >/dev/null
fi

echo "build.sh: building the jar..." >&2
(cd "$root" && mvn -q -B -Dmaven.test.skip=true package) >&2
mkdir -p "$work/context"
cp -r "$root/deploy/target/sturdy.jar" "$root/deploy/target/lib" "$work/context/"
pm build --quiet --build-arg BASE="$base" -f "$root/deploy/container/Containerfile" -t "$tag" "$work/context" >/dev/null
id="$(pm image inspect --format '{{.Id}}' "$tag")"
size="$(pm image inspect --format '{{.Size}}' "$tag")"
echo "$tag id ${id:0:12} size $((size / 1024 / 1024)) MB"
