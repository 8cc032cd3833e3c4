#!/usr/bin/env bash
# Prints the path of Django 4.2's upstream source tree (django/ + tests/: 2,761 .py files, 16.8 MB),
# a real corpus for benchmarks, taken from Debian's source package with apt (no root needed: apt
# runs on private lists/cache dirs). usage: django-source-tree.sh [CACHE_DIR]  (default .cache/django-source)
set -u
root=${1:-$(cd "$(dirname "$0")/.." && pwd)/.cache/django-source}
dest=$root/django-4.2
if [ ! -d "$dest/django" ]; then
  w=$root/apt; mkdir -p "$w"/{lists/partial,cache/archives/partial,src}
  # deb-src entries for the same mirror as the machine's binary sources.
  sed -n 's/^URIs: //p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1 | while read -r u; do
    printf 'deb-src %s bookworm main\ndeb-src %s trixie main\n' "$u" "$u"; done >"$w/sources.list"
  [ -s "$w/sources.list" ] || { echo "no Debian apt source to fetch python-django from" >&2; exit 1; }
  o=(-o Dir::Etc::sourcelist="$w/sources.list" -o Dir::Etc::sourceparts=/nonexistent -o Dir::State::Lists="$w/lists" -o Dir::Cache="$w/cache")
  apt-get "${o[@]}" update -qq >/dev/null 2>&1
  ver=$(apt-cache "${o[@]}" showsrc python-django 2>/dev/null | sed -n 's/^Version: \(3:4\.2\.[0-9]*.*\)/\1/p' | head -1)
  [ -n "$ver" ] || { echo "apt knows no python-django 4.2 source package" >&2; exit 1; }
  (cd "$w/src" && apt-get "${o[@]}" source --download-only "python-django=$ver" >/dev/null 2>&1)
  tgz=$(ls "$w"/src/python-django_4.2.*.orig.tar.gz 2>/dev/null | head -1)
  [ -n "$tgz" ] || { echo "could not get Django's source package" >&2; exit 1; }
  rm -rf "$dest.tmp" && mkdir -p "$dest.tmp" && tar xzf "$tgz" -C "$dest.tmp" && mv "$dest.tmp"/django-4.2* "$dest" && rmdir "$dest.tmp"
fi
echo "$dest"
