// The review's "done when" (issue 15) in a real browser: one scanned
// corpus form, its site open over file://; with the keyboard only (j to
// each value below 0.9, Enter, typing, Enter; a to accept) every
// doubtful value is set to what the form's expected JSON says, or
// accepted where it already is; the corrections are exported to OUT.
// The expected JSON is the test's knowledge, not the page's.
// Usage: node review_scan_test.js PLAYWRIGHT_CORE_DIR SITE EXPECTED.json OUT_DIR REVIEWER
"use strict";
const path = require("path");
const fs = require("fs");
const { chromium } = require(process.argv[2]);
const site = path.resolve(process.argv[3]);
const expected = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
const outDir = path.resolve(process.argv[5]);
const reviewer = process.argv[6];

// RFC 6901 inside one expected declaration
function at(decl, ptr) {
  let v = decl;
  for (const t of ptr.split("/").slice(1)) {
    const k = t.replace(/~1/g, "/").replace(/~0/g, "~");
    if (v === null || typeof v !== "object" || !(k in v)) return undefined;
    v = v[k];
  }
  return v;
}
const isIndicatorValue = (v) => v !== null && typeof v === "object" && "kind" in v && "raw" in v;
const isPeriod = (v) => v !== null && typeof v === "object" && ("start" in v || "end" in v);
function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

// What a reviewer types for the expected value at ptr: the text the
// page shows (an indicator's or a period's as written), or the value.
function typed(decl, ptr, want) {
  if (isIndicatorValue(want)) return want.raw;
  if (isPeriod(want)) {
    const holder = at(decl, ptr.replace(/\/value$/, ""));
    return holder && typeof holder.raw === "string" ? holder.raw : null;
  }
  if (want === null) return null;
  return String(want);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--allow-file-access-from-files"],
  });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (/Content.Security.Policy/i.test(m.text())) errors.push(m.text()); });
  await page.goto("file://" + path.join(site, "index.html"));
  // the reviewer's name, typed once on the index, kept for the documents
  await page.focus("#who");
  await page.keyboard.type(reviewer);
  await page.locator("#docs tbody tr a").first().click();
  await page.waitForLoadState("load");
  const whoShown = await page.inputValue("#who");
  const doc = await page.evaluate(() => window.DX_DOC);
  const flat = [];
  doc.declarations.forEach((d, k) => d.items.forEach((it) => flat.push({ decl: k, it })));
  const nd = await page.locator(".item.doubtful").count();
  let edits = 0, accepts = 0, unfixable = [];
  const done = new Set();
  for (let n = 0; n < nd; n++) {
    await page.keyboard.press("j");
    const i = await page.evaluate(() => [...document.querySelectorAll(".item")].indexOf(document.activeElement));
    if (i < 0) throw new Error("j focused no value");
    if (done.has(i)) throw new Error("j came back to value " + i + " before the last");
    done.add(i);
    const { decl, it } = flat[i];
    const want = at(expected.declarations[decl], it.ptr);
    if (want === undefined) { unfixable.push([decl, it.ptr, "not in the expected JSON"]); continue; }
    if (same(it.value, want)) {
      await page.keyboard.press("a");
      accepts++;
      continue;
    }
    const text = typed(expected.declarations[decl], it.ptr, want);
    if (text === null) { unfixable.push([decl, it.ptr, JSON.stringify(want)]); continue; }
    await page.keyboard.press("Enter");
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Delete");
    await page.keyboard.type(text);
    await page.keyboard.press("Enter");
    edits++;
  }
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  const saved = path.join(outDir, "corrections.json");
  await download.saveAs(saved);
  const corr = JSON.parse(fs.readFileSync(saved, "utf8"));
  let fail = 0;
  const check = (name, ok, detail) => { if (!ok) { fail++; console.log("FAIL: " + name + ": " + JSON.stringify(detail)); } };
  check("the reviewer's name kept", whoShown === reviewer, whoShown);
  check("one correction per doubtful value", corr.length === edits + accepts, [corr.length, edits, accepts]);
  check("who on every correction", corr.every((c) => c.who === reviewer), corr.map((c) => c.who));
  check("when on every correction, ISO 8601", corr.every((c) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(c.when)), corr.map((c) => c.when));
  check("no value the page cannot correct", unfixable.length === 0, unfixable);
  check("no page error", errors.length === 0, errors);
  console.log("review scan: " + nd + " values below 0.9: " + edits + " corrected, " + accepts + " accepted");
  await browser.close();
  process.exit(fail ? 1 : 0);
})().catch((e) => { console.log("FAIL: " + (e && e.stack || e)); process.exit(1); });
