#!/usr/bin/env bash
# Make a base image IMAGE locally, for machines that reach Debian's packages but no registry of images (make container-base): Debian 12
# from its packages (debootstrap) with the CPython of PYTHON_PREFIX (this machine's own, built on Debian 12) in /usr/local, as the
# public python:3.11-slim-bookworm image has one built from source there. Debian 12's own Python (3.11.2) is older than the pins
# need (soupsieve 4.1.2 requires 3.11.5).
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: local-base.sh IMAGE PYTHON_PREFIX WORKDIR" >&2; exit 2; }
image=$1; prefix=$2; root=$3/rootfs
[ "$(id -u)" = 0 ] || { echo "local-base.sh: debootstrap and chroot need root" >&2; exit 1; }
[ -e "$prefix/lib/libpython3.11.so.1.0" ] || { echo "local-base.sh: $prefix has no libpython3.11.so.1.0 (a Python built with --enable-shared is needed)" >&2; exit 1; }
"$prefix/bin/python3.11" -c 'import sys; assert sys.version_info >= (3, 11, 5), sys.version' \
  || { echo "local-base.sh: $prefix/bin/python3.11 is not a Python 3.11.5 or newer" >&2; exit 1; }
rm -rf "$root" && mkdir -p "$root"
# the libraries CPython's modules link to (ssl, ctypes, sqlite3, compression, readline, uuid) and the certificates pip needs
debootstrap --variant=minbase --include=ca-certificates,libssl3,libffi8,libsqlite3-0,zlib1g,libbz2-1.0,liblzma5,libreadline8,libncursesw6,libuuid1,libexpat1,libgdbm6 \
  bookworm "$root" http://deb.debian.org/debian >"$3/debootstrap.log"
# the interpreter and its standard library, without its installed packages, tests, Tk and static library
tar -C "$prefix" -c --exclude='lib/python3.11/site-packages/*' --exclude=lib/python3.11/test --exclude=lib/python3.11/idlelib \
    --exclude=lib/python3.11/tkinter --exclude=lib/python3.11/turtledemo --exclude='lib/python3.11/config-3.11-*' \
    bin/python3.11 lib/libpython3.11.so.1.0 lib/python3.11 | tar -C "$root/usr/local" -x
ln -sf python3.11 "$root/usr/local/bin/python3" && ln -sf python3.11 "$root/usr/local/bin/python"
chroot "$root" ldconfig
chroot "$root" python3 -c 'import ssl, ctypes, sqlite3, bz2, lzma, venv, ensurepip'
tar -C "$root" -c . | podman import --change 'CMD ["python3"]' - "$image"
rm -rf "$root"
