#!/usr/bin/env bash
# Debian packages the project needs beside its Python ones: a CJK font (fonts-wqy-zenhei: PDF pages with
# Chinese are drawn with it when rendered for OCR) and the GL/GLib libraries OpenCV loads (OCR).
# Installed with apt-get when run as root and missing; otherwise named on stderr.
set -euo pipefail
need=()
fc-list 2>/dev/null | grep -qi "wqy-zenhei" || [ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || need+=(fonts-wqy-zenhei)
ldconfig -p | grep -q "libGL.so.1" || need+=(libgl1)
ldconfig -p | grep -q "libglib-2.0.so.0" || need+=(libglib2.0-0)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "missing Debian packages: ${need[*]} (as root: apt-get install ${need[*]})" >&2
fi
