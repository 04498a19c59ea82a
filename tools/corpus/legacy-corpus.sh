#!/usr/bin/env bash
# The legacy corpus (corpus/legacy/): corpus forms saved by LibreOffice in
# the formats declx reads through LibreOffice: corpus DOCX as Word 97
# (.doc), RTF and ODT, corpus XLSX as Excel 97 (.xls) and ODS. Each file
# has its original's expected JSON (expected-copy.py: only the source's
# name and format change), named FORMAT-ORIGINAL (doc-seed000-xiangyin.doc,
# xls-seed000-xiangyin.xls), so that corpus_test counts facts per format.
# Small on purpose: each file is one LibreOffice run (seconds) when the
# corpus is tested. Needs libreoffice-writer-nogui and
# libreoffice-calc-nogui; the files are committed and the tests do not run
# this.
# Usage: tools/corpus/legacy-corpus.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/corpus/legacy
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
docs_doc="seed000-xiangyin seed001-hengyang seed002-hengdong seed003-shifeng seed004-yongning
          variant-county-template variant-dept-national variant-province-b"
docs_rtf="seed000-xiangyin seed003-shifeng variant-county-template variant-two-horizons"
docs_odt="seed004-yongning variant-summary-b"
books_xls="seed000-xiangyin seed002-hengdong seed004-yongning variant-county-template
           variant-dept-national variant-province-b variant-summary-b variant-two-horizons"
books_ods="seed000-xiangyin variant-county-template"

# convert FORMAT FILTER EXT SRC_DIR SRC_PREFIX SRC_EXT NAMES: one LibreOffice
# run for all the names (its own profile), then each file renamed and its
# expected JSON copied.
convert() {
  local fmt=$1 filter=$2 ext=$3 dir=$4 prefix=$5 sext=$6 names=$7 n
  local in=$work/in-$fmt res=$work/out-$fmt
  mkdir -p "$in" "$res"
  for n in $names; do cp "$root/corpus/$dir/$prefix$n.$sext" "$in/$n.$sext"; done
  (cd "$in" && soffice -env:UserInstallation="file://$work/profile" --headless \
     --convert-to "$ext:$filter" --outdir "$res" ./*."$sext" >/dev/null)
  for n in $names; do
    [[ -s "$res/$n.$ext" ]] || { echo "legacy-corpus.sh: no $fmt for $n" >&2; exit 1; }
    cp "$res/$n.$ext" "$out/$fmt-$n.$ext"
    /usr/bin/python3 "$root/tools/corpus/expected-copy.py" "$root/corpus/expected/$prefix$n.json" \
      "$root/corpus/expected/$fmt-$n.json" "$fmt-$n.$ext"
    echo "wrote $fmt-$n.$ext"
  done
}
convert doc "MS Word 97" doc docx "" docx "$docs_doc"
convert rtf "Rich Text Format" rtf docx "" docx "$docs_rtf"
convert odt "writer8" odt docx "" docx "$docs_odt"
convert xls "MS Excel 97" xls xlsx xlsx- xlsx "$books_xls"
convert ods "calc8" ods xlsx xlsx- xlsx "$books_ods"
