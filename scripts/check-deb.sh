#!/usr/bin/env bash
# Installs the workbench's .deb into a clean Debian 12 root and checks it there, as a user's
# machine would see it (issue 18): `apt-get install ./megatoken-workbench_*.deb` pulls every
# dependency the package declares, `megatoken --version` runs, desktop-file-validate accepts the
# desktop entry, and the entry's Exec line opens the workbench under Xvfb (a screenshot is written).
#
# Usage (as root, with network for apt):
#   debootstrap --variant=minbase bookworm /tmp/cleanroot http://deb.debian.org/debian
#   (cd build && cpack)
#   scripts/check-deb.sh build/megatoken-workbench_0.1.0_amd64.deb /tmp/cleanroot [screenshot.png]
set -euo pipefail
deb=$(realpath "$1")
root=$(realpath "$2")
shot=${3:-deb-launch.png}
[ -f "$deb" ] || { echo "check-deb: no package $deb" >&2; exit 1; }
[ -x "$root/usr/bin/apt-get" ] || { echo "check-deb: $root is not a Debian root (debootstrap it first)" >&2; exit 1; }

cp "$deb" "$root/tmp/"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
trap 'umount "$root/proc" 2>/dev/null || true' EXIT
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

in_root apt-get update -q
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "/tmp/$(basename "$deb")" \
  desktop-file-utils xvfb xauth x11-apps
echo "--- installed files"
in_root dpkg -L megatoken-workbench | grep -E 'bin/|\.desktop|\.svg|\.qm|presets/tiny.json|libmegatoken_spm'
echo "--- megatoken --version"
in_root megatoken --version
echo "--- desktop-file-validate"
in_root desktop-file-validate /usr/share/applications/megatoken-workbench.desktop && echo "valid"
exec_line=$(grep '^Exec=' "$root/usr/share/applications/megatoken-workbench.desktop" | cut -d= -f2-)
echo "--- Exec=$exec_line under Xvfb"
in_root xvfb-run -a -s '-screen 0 1600x1000x24' sh -c "cd /root && $exec_line --fresh & sleep 25; xwd -root -silent > /tmp/launch.xwd; kill \$!"
convert "$root/tmp/launch.xwd" "$shot"
echo "screenshot: $shot"
