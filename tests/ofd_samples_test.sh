#!/usr/bin/env bash
# OFDs from other producers (tests/ofd/, see its README): none is a
# declaration, but each must give the document model its pages show
# through `declx dump` (texts, the invoice's table), dump as JSON, and be
# answered by `declx extract` (no declaration found, no failure).
# Usage: ofd_samples_test.sh DECLX SAMPLES_DIR
set -u
declx=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # name, condition (as a command)
  if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi
}
has() { grep -qF -- "$2" "$tmp/$1.dump"; }
for f in "$dir"/*.ofd; do
  b=$(basename "$f" .ofd)
  "$declx" dump "$f" > "$tmp/$b.dump" 2> "$tmp/$b.err"; rc=$?
  check "$b: dump exits 0 without a message" '[ $rc -eq 0 ] && [ ! -s "$tmp/$b.err" ]'
  check "$b: format ofd" 'head -1 "$tmp/$b.dump" | grep -q " format=ofd "'
  "$declx" dump --json "$f" > "$tmp/$b.json"; rc=$?
  check "$b: dump --json is JSON" '[ $rc -eq 0 ] && python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$tmp/$b.json"'
  "$declx" extract "$f" > "$tmp/$b.out" 2> /dev/null; rc=$?
  check "$b: extract reads it, no declaration" '[ $rc -eq 0 ] && grep -q "\"no_declaration\"" "$tmp/$b.out"'
done

# the smallest document: one line
check "helloworld: its line" 'has helloworld "PARA 0 p1: \"你好呀，OFD Reader&Writer！\""'
check "helloworld: nothing else" '[ "$(grep -c "^PARA\|^TABLE" "$tmp/helloworld.dump")" -eq 1 ]'

# two pages of flowing text: title, author, paragraphs joined across lines
check "article: two pages" 'head -1 "$tmp/article-page.dump" | grep -q " pages=2$"'
check "article: title" 'has article-page "PARA 0 p1: \"拿来主义\""'
check "article: author" 'has article-page "PARA 1 p1: \"鲁迅\""'
check "article: first paragraph whole" \
  'has article-page "中国一向是所谓“闭关主义”，自己不去，别人也不许来。自从给枪炮打破了大门之后"'
check "article: a paragraph of page 2" 'has article-page "p2: \"怕给他的东西染污了，徘徊不敢走进门，是孱头；"'
check "article: the last words" 'has article-page "没有拿来的，文艺不能自成为新文艺。\""'
check "article: no table" '! grep -q "^TABLE" "$tmp/article-page.dump"'

# characters set sideways (one object each), reading down, up and across
check "suwell: digits read down" 'has horizontal-text-suwell "121212"'
check "suwell: 一二三四 read down, up and across" \
  '[ "$(grep -o "一二三四" "$tmp/horizontal-text-suwell.dump" | wc -l)" -eq 3 ]'
check "suwell: no reversed run" '! has horizontal-text-suwell "四三二一"'
check "suwell: outlines of letters make no table" '! grep -q "^TABLE" "$tmp/horizontal-text-suwell.dump"'

# the invoice: its table comes from the template page's lines, its labels
# from the template, its values from the page
inv=invoice-template-signed
check "invoice: title" 'has $inv "重庆增值税电子普通发票"'
check "invoice: code, number, date above the table" \
  'has $inv "发票代码：050001700111" && has $inv "发票号码：99999951" && has $inv "开票日期：2020年10月10日"'
check "invoice: check code with its spaces" 'has $inv "校 验 码：14754 82292 98567 72523"'
check "invoice: one table of 4 rows" 'grep -q "^TABLE 0: 4 rows x " "$tmp/$inv.dump" && [ "$(grep -c "^TABLE" "$tmp/$inv.dump")" -eq 1 ]'
check "invoice: buyer's cell" 'grep -F "[0,0]" "$tmp/$inv.dump" | grep -qF "\"购买方\""'
check "invoice: buyer's name and number" 'has $inv "名 称：科游迈利有限公司" && has $inv "纳税人识别号：9150010807MGZHI002"'
check "invoice: cipher area" 'has $inv "\"密码区\"" && has $inv "00664<120+*+2-984159/29<+>17+8*-62/3/73869<1*43--427<530"'
check "invoice: item lines" 'has $inv "*餐饮服务*餐费" && has $inv "税率\n6%\n6%\n6%"'
check "invoice: amounts, one a line" 'has $inv "金额\n100.00\n100.00\n100.00\n¥300.00" && has $inv "税额\n6.00\n6.00\n6.00\n¥18.00" && has $inv "数量\n4\n4\n4"'
check "invoice: total in words and figures" 'has $inv "\"价税合计（大写）\"" && has $inv "叁佰壹拾捌圆整 （小写）¥318.00"'
check "invoice: seller" 'has $inv "\"销售方\"" && has $inv "杭州融易算企业管理咨询有限公司" && has $inv "开户行及账号：建设银行625555888900998711"'
check "invoice: remarks cell" 'has $inv "\"备注\""'
check "invoice: signatures line" 'has $inv "收 款 人：张一诺 复 核：张嘉诺 开 票 人：任盈盈"'
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
