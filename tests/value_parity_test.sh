#!/usr/bin/env bash
# value_parity_test.js under node; exit 77 (skipped) without node.
# Usage: value_parity_test.sh VALUE_DUMP SOURCE_DIR
command -v node >/dev/null || { echo "value_parity: skipped: needs node"; exit 77; }
exec node "$2/tests/value_parity_test.js" "$1" "$2"
