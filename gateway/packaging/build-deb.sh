#!/usr/bin/env bash
# Builds the gateway's Debian package with dpkg-deb: a self-contained .NET publish for the target
# (linux-arm64 for a Raspberry Pi, linux-x64 for tests), the systemd unit, the default configuration
# (a conffile, kept on upgrade) and the maintainer scripts (service user, enable and start; purge removes
# everything). Usage: gateway/packaging/build-deb.sh [--rid linux-arm64|linux-x64] [--version X.Y.Z] [--output DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."

rid=linux-arm64
version=0.4.0
output=artifacts/deb
while (($#)); do
  case "$1" in
    --rid) rid="$2"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    --output) output="$2"; shift 2 ;;
    *) echo "build-deb.sh: unknown option $1 (--rid, --version, --output)" >&2; exit 2 ;;
  esac
done

case "$rid" in
  linux-arm64) arch=arm64 ;;
  linux-x64) arch=amd64 ;;
  *) echo "build-deb.sh: --rid must be linux-arm64 or linux-x64" >&2; exit 2 ;;
esac
[[ "$version" =~ ^[0-9]+(\.[0-9]+)*([~+.-][A-Za-z0-9.~+-]+)?$ ]] || { echo "build-deb.sh: '$version' is not a Debian version" >&2; exit 2; }
command -v dpkg-deb >/dev/null || { echo "build-deb.sh: dpkg-deb not found (apt-get install dpkg)" >&2; exit 1; }

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
root="$stage/root"
install -d "$root/opt/edgedevices/gateway" "$root/lib/systemd/system" "$root/etc/edgedevices" "$root/DEBIAN"

dotnet publish gateway/EdgeDevices.Gateway/EdgeDevices.Gateway.csproj -c Release -r "$rid" --self-contained \
  -p:Version="${version%%[~+-]*}" -o "$root/opt/edgedevices/gateway" --nologo -v quiet
install -m 0644 gateway/deploy/edgedevices-gateway.service "$root/lib/systemd/system/edgedevices-gateway.service"
install -m 0640 gateway/deploy/gateway.json "$root/etc/edgedevices/gateway.json"

size=$(du -sk "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" gateway/packaging/debian/control > "$root/DEBIAN/control"
install -m 0644 gateway/packaging/debian/conffiles "$root/DEBIAN/conffiles"
for script in postinst prerm postrm; do
  install -m 0755 "gateway/packaging/debian/$script" "$root/DEBIAN/$script"
done

mkdir -p "$output"
package="$output/edgedevices-gateway_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$package" >/dev/null
echo "$package"
