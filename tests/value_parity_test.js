// The review page's value parser (tools/declx/review/parse.js) against
// extraction's (normalize/value.c, through tests/value_dump.c): every
// string of every expected JSON in corpus/expected/ and the list below
// must come out the same as an indicator value, an amount and a period.
// Usage: node value_parity_test.js VALUE_DUMP SOURCE_DIR
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const [dump, src] = process.argv.slice(2);
const P = require(path.resolve(src, "tools/declx/review/parse.js"));

// texts the corpus may not hold: every branch of the parser
const OWN = [
  "", " ", "——", "≥95%", "≧ 95 %", ">=95%", "不低于95%", "95%以上", "≤ 20万元", "<5", "约100人",
  "100余次", "50公斤左右", "15万-20万元", "15-20万元", "10~20%", "10至20", "≥10-20%", "高于10-20%",
  "3个百分点", "2.5万元/人·年", "100次/年", "1,520.67万元", "1,52", "12,345,678", "0x1A万元",
  "1e3万元", "1.万元", "（120万元）", "120（万元）", "￥120万元整", "约 12.5 万元", "125000元",
  "人民币125,000元", "12.5万", "abc", "满意度≥90%", "根据2020年工作情况确定", "2020年", "2023年12月",
  "2023年1月-12月", "2023.01-2023.12", "2023.01--2023.12", "2023-01-01至2023-12-31", "20230101-20231231",
  "202301-202312", "2024-2026年", "2024年", "12月底前", "6月30日前", "11月", "13月", "2023年13月",
  "2024.1-12", "2023年1-12月", "全年", "2023年度", "1990", "1989年", "2101年", "$\\geq 95\\%$",
  "$\\le 5$", "９５％", "≥９５％", "３０天", "30个工作日", "≤30天以内", "100% ", "100%。", "【100%】",
  "1.5倍", "1:1", "3/4", "第1季度", "1-2", "2.5-3.5万元", "两年", "零", "5A级", "A+", "ISO9001",
  "95%（含）以上", "≥95%\n≥90%", "不超过 3 天", "控制在5%以内", "5 千瓦时", "5万亩", "3亿元", "4千瓦",
  "100平方公里", "5㎡", "5m2", "1年一遇", "50年一遇", "\u3000100\u3000万元", "100\ufeff万元",
  "99.99999999999999%", "123456789012345678", "0.1万元", "0.30", "007", "１,０００元",
  "5平方尺", "10立方分米", "5公斤以上", "2023-01--2023-12", "2023-1-5", "2023/01/05-2023/12/31",
  "2023年1月1日至12月31日", "2023年6月-2024年6月", "1-12月", "2023-01", "２０２３年",
];

function strings(v, out) {
  if (typeof v === "string") out.add(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === "object") Object.values(v).forEach((x) => strings(x, out));
}
const all = new Set(OWN);
const dir = path.join(src, "corpus/expected");
for (const f of fs.readdirSync(dir).sort())
  if (f.endsWith(".json")) strings(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")), all);
const texts = [...all].filter((s) => !s.includes("\0"));

const r = spawnSync(dump, [], { input: texts.map((s) => JSON.stringify(s)).join("\n") + "\n",
                                maxBuffer: 1 << 30, encoding: "utf8" });
if (r.status !== 0) { console.log("FAIL: value_dump: " + r.stderr); process.exit(1); }
const lines = r.stdout.split("\n").filter((l) => l !== "");
const lx = new P.Lexicon(JSON.parse(lines[0]));
if (lines.length - 1 !== texts.length) { console.log("FAIL: value_dump gave " + (lines.length - 1) + " of " + texts.length); process.exit(1); }
const num = (v) => (v === null ? null : Number(v.toPrecision(15)));
let fail = 0;
texts.forEach((s, i) => {
  const c = JSON.parse(lines[i + 1]);
  const p = P.periodParse(lx, s, true);
  const js = { indicator: P.indicatorValue(lx, s), amount: num(P.amountParse(lx, s)),
               period: p.n ? { start: p.start || null, end: p.end || null } : null };
  for (const k of ["indicator", "amount", "period"]) {
    if (JSON.stringify(c[k]) !== JSON.stringify(js[k])) {
      if (++fail <= 20) console.log("FAIL: " + JSON.stringify(s) + " " + k + ": C " + JSON.stringify(c[k]) + ", page " + JSON.stringify(js[k]));
    }
  }
});
// the test can fail: a parser that reads nothing would not agree
const sample = P.indicatorValue(lx, "≥95%");
if (sample.op !== ">=" || sample.number !== 95 || sample.unit !== "%") { fail++; console.log("FAIL: ≥95% read as " + JSON.stringify(sample)); }
console.log("value parity: " + texts.length + " texts, " + fail + " differences");
process.exit(fail ? 1 : 0);
