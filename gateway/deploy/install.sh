#!/usr/bin/env bash
# Installs the EdgeDevices gateway as a systemd service: publishes it self-contained for this machine
# (linux-arm64 on a Raspberry Pi, linux-x64 elsewhere), creates the unprivileged user, puts the unit and
# an example configuration in place, and starts it. Run from a checkout, as root.
set -euo pipefail
cd "$(dirname "$0")/.."

[ "$(id -u)" -eq 0 ] || { echo "install.sh: run as root" >&2; exit 1; }
case "$(uname -m)" in
  aarch64|arm64) rid=linux-arm64 ;;
  x86_64) rid=linux-x64 ;;
  *) echo "install.sh: unsupported machine $(uname -m)" >&2; exit 1 ;;
esac

prefix=/opt/edgedevices/gateway
dotnet publish gateway/EdgeDevices.Gateway/EdgeDevices.Gateway.csproj -c Release -r "$rid" --self-contained -o "$prefix"

id edgedevices >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /var/lib/edgedevices --shell /usr/sbin/nologin edgedevices
install -d -m 0750 -o root -g edgedevices /etc/edgedevices
[ -f /etc/edgedevices/gateway.json ] || install -m 0640 -o root -g edgedevices gateway/deploy/gateway.json /etc/edgedevices/gateway.json
install -m 0644 gateway/deploy/edgedevices-gateway.service /etc/systemd/system/edgedevices-gateway.service

"$prefix/edgedevices-gateway" config check --config /etc/edgedevices/gateway.json
systemctl daemon-reload
systemctl enable --now edgedevices-gateway.service
systemctl --no-pager status edgedevices-gateway.service || true
echo "register devices with: sudo -u edgedevices STATE_DIRECTORY=/var/lib/edgedevices $prefix/edgedevices-gateway devices add <id> --password-file -"
