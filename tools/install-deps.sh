#!/usr/bin/env bash
# Installs what declx needs to build and test on Debian 12 (run as root,
# or with sudo available). Safe to run again.
set -euo pipefail
pkgs=(build-essential cmake pkg-config
      libzip-dev libxml2-dev libpcre2-dev libjansson-dev libglib2.0-dev
      libpoppler-glib-dev libcairo2-dev poppler-utils libsqlite3-dev sqlite3 libarchive-dev libarchive-tools zip libpq-dev postgresql libtesseract-dev tesseract-ocr tesseract-ocr-chi-sim libcmocka-dev
      valgrind python3 python3-jsonschema unzip bc parallel
      cppcheck clang-tidy clang-format clang libclang-rt-14-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
