// The review site in a real browser: Debian's chromium driven by
// playwright-core. Opens SITE over file://, checks that doubtful values
// and their crops show, filters the index, corrects a value and accepts
// another with the keyboard, undoes, exports corrections.json to OUT,
// and checks that the hostile document's text shows literally and that
// nothing of it runs (no dialog, no network request, no title change).
// Usage: node review_browser_test.js PLAYWRIGHT_CORE_DIR SITE OUT_DIR SCREENSHOT_DIR
"use strict";
const path = require("path");
const fs = require("fs");
const { chromium } = require(process.argv[2]);
const site = path.resolve(process.argv[3]);
const outDir = path.resolve(process.argv[4]);
const shots = path.resolve(process.argv[5]);

let pass = 0, fail = 0;
function check(name, ok, detail) {
  if (ok) pass++;
  else { fail++; console.log("FAIL: " + name + (detail !== undefined ? ": " + JSON.stringify(detail) : "")); }
}
const url = (rel) => "file://" + path.join(site, rel);

// relative luminance and contrast ratio (WCAG 2.x) of "rgb(r, g, b)" colours
function lum(c) {
  const [r, g, b] = c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a, b) {
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--allow-file-access-from-files"],
  });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const dialogs = [], foreign = [], cspErrors = [];
  page.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  // every request must be for a file of the site that exists (an
  // injected <img src=x> would ask for file://…/x)
  page.on("request", (r) => {
    const u = r.url();
    if (u.startsWith("blob:")) return;
    const f = u.startsWith("file://") ? decodeURIComponent(u.slice(7).split(/[?#]/)[0]) : null;
    if (!f || !f.startsWith(site + "/") || !fs.existsSync(f)) foreign.push(u);
  });
  page.on("console", (m) => { if (/Content.Security.Policy/i.test(m.text())) cspErrors.push(m.text()); });
  page.on("pageerror", (e) => cspErrors.push("page error: " + e.message));

  // ---- the index ---------------------------------------------------------
  await page.goto(url("index.html"));
  const rows = await page.locator("#docs tbody tr").count();
  check("index rows", rows >= 3, rows);
  check("index title", (await page.title()) === "declx review");
  const files = await page.locator("#docs tbody td a").allTextContents();
  const hostileName = files.find((f) => f.includes("<img"));
  check("hostile file name shown literally", !!hostileName, files);
  await page.screenshot({ path: path.join(shots, "review-index.png"), fullPage: true });
  // filter by form, then by confidence band, then by unit text
  const forms = await page.locator("#f-form option").allTextContents();
  await page.selectOption("#f-form", forms[1]);
  const byForm = await page.locator("#docs tbody tr").count();
  check("form filter", byForm > 0 && byForm <= rows, [byForm, rows]);
  await page.selectOption("#f-form", "");
  await page.selectOption("#f-band", "hi");
  const hi = await page.locator("#docs tbody tr").count();
  await page.selectOption("#f-band", "");
  await page.fill("#f-unit", "no such unit at all");
  check("unit filter empties the table", (await page.locator("#docs tbody tr").count()) === 0);
  await page.fill("#f-unit", "");
  check("band filter", hi < rows, [hi, rows]);
  // sorting by the number of doubtful values, descending on the second click
  await page.click("th button[data-sort=low]");
  await page.click("th button[data-sort=low]");
  const lows = (await page.locator("#docs tbody tr td:nth-child(7)").allTextContents()).map(Number).filter((n) => !isNaN(n));
  check("sorted by values below 0.9", lows.every((v, i) => i === 0 || lows[i - 1] >= v), lows);
  // confidence colours: WCAG AA (4.5:1) measured on the page
  const bands = await page.$$eval(".band", (els) => els.map((e) => {
    const s = getComputedStyle(e);
    return [e.className, s.color, s.backgroundColor];
  }));
  const seen = {};
  bands.forEach(([cls, fg, bg]) => { seen[cls] = contrast(fg, bg); });
  check("confidence colours contrast >= 4.5", Object.keys(seen).length >= 2 &&
        Object.values(seen).every((c) => c >= 4.5), seen);
  check("labels on the filters", (await page.$$eval("#filters select, #filters input",
        (els) => els.every((e) => e.closest("label") !== null))));

  // ---- a PDF document: doubtful values and their crops --------------------
  const pdfRow = page.locator("#docs tbody tr", { hasText: "county-multi" }).first();
  await pdfRow.locator("a").click();
  await page.waitForLoadState("load");
  const doubtful = page.locator(".item.doubtful");
  const nd = await doubtful.count();
  check("doubtful values shown", nd > 0, nd);
  const crops = await page.$$eval(".item.doubtful .source img", (imgs) => imgs.map((i) => {
    i.loading = "eager";
    return i.getAttribute("src");
  }));
  check("every doubtful PDF value has a crop", crops.length === nd, [crops.length, nd]);
  await page.evaluate(() => Promise.all([...document.querySelectorAll(".item.doubtful .source img")]
    .map((i) => i.decode().catch(() => null))));
  const loaded = await page.$$eval(".item.doubtful .source img", (imgs) => imgs.filter((i) => i.naturalWidth > 0).length);
  check("crops load", loaded === nd, [loaded, nd]);
  // keyboard: j to the first doubtful value, Enter, type, Enter
  await page.keyboard.press("j");
  const first = await page.evaluate(() => document.activeElement.classList.contains("doubtful"));
  check("j focuses a doubtful value", first);
  await page.keyboard.press("Enter");
  const input = page.locator(".item .edit input");
  check("Enter opens a labelled editor", (await input.count()) === 1 &&
        (await input.evaluate((e) => e.closest("label") !== null)));
  await input.fill("≥95%");
  // the live preview: what declx apply will make of the text
  const pv = await page.locator(".item .edit output.preview").textContent();
  check("preview of an indicator value", /op >=/.test(pv) && /number 95/.test(pv) && /unit %/.test(pv), pv);
  await input.fill("不超过 3 天");
  const pv2 = await page.locator(".item .edit output.preview").textContent();
  check("preview follows the typing", /op <=/.test(pv2) && /number 3/.test(pv2) && /unit 天/.test(pv2), pv2);
  check("preview described to the input", (await input.getAttribute("aria-describedby")) ===
        (await page.locator(".item .edit output.preview").getAttribute("id")));
  await input.fill("≥95%");
  await input.press("Enter");
  const state1 = await page.locator(".item.fixed .state").first().textContent();
  check("the edit shows", /corrected to: ≥95%/.test(state1), state1);
  // an amount that does not parse: shown as such, and Enter keeps it open
  const amount = page.locator('.item[data-parse="amount"]').first();
  check("an amount to edit", (await amount.count()) === 1);
  await amount.focus();
  await page.keyboard.press("Enter");
  const ain = page.locator(".item .edit input");
  await ain.fill("十二万");
  await ain.press("Enter");
  const bad = page.locator(".item .edit output.preview.bad");
  check("an amount that does not parse is refused", (await bad.count()) === 1 && (await ain.count()) === 1 &&
        /not an amount/.test(await bad.textContent()), await page.locator(".item .edit output").allTextContents());
  await ain.fill("125000元");
  const pv3 = await page.locator(".item .edit output.preview").textContent();
  check("preview of an amount in 元", /amount 12\.5 万元/.test(pv3), pv3);
  await ain.press("Escape");
  check("Escape closes the editor", (await page.locator(".item .edit").count()) === 0);
  check("no correction from a refused edit", (await page.locator(".item.fixed").count()) === 1);
  await page.locator(".item.fixed").first().focus();
  // j past the row's texts (level1 to level3 and standard, doubtful with their
  // indicator), a accepts the next row's value; j, a, u: accepted then undone
  for (let n = 0; n < 5; n++) await page.keyboard.press("j");
  await page.keyboard.press("a");
  await page.keyboard.press("j");
  await page.keyboard.press("a");
  await page.keyboard.press("u");
  check("two corrections kept", (await page.locator(".item.fixed").count()) === 2);
  // a reload loses nothing
  await page.reload();
  check("kept over a reload", (await page.locator(".item.fixed").count()) === 2);
  await page.keyboard.press("d");
  const hidden = await page.locator(".item.hidden").count();
  check("d: doubtful values only", hidden > 0);
  await page.screenshot({ path: path.join(shots, "review-document.png"), fullPage: false });
  await page.keyboard.press("d");

  // ---- the hostile document ------------------------------------------------
  await page.goto(url("index.html"));
  await page.locator("#docs tbody tr", { hasText: "<img" }).first().locator("a").click();
  await page.waitForLoadState("load");
  const title = await page.title();
  check("title literal", title === "declx review: " + hostileName, [title, hostileName]);
  const texts = (await page.locator(".item .value").allTextContents()).join("\n");
  for (const s of ["<script>", "<img src=x onerror=", "javascript:", "</textarea>"])
    check("shows literally: " + s, texts.includes(s), texts.slice(0, 300));
  check("no element made from the document", (await page.locator("main script, main img:not(.source img), main textarea, main iframe").count()) === 0);
  // edit a hostile value (the correction carries it back as text)
  await page.locator(".item").filter({ has: page.locator(".value", { hasText: "<script>" }) }).first().focus();
  await page.keyboard.press("Enter");
  await page.locator(".item .edit input").fill("驻京联络组");
  await page.locator(".item .edit input").press("Enter");
  await page.screenshot({ path: path.join(shots, "review-hostile.png"), fullPage: false });
  await page.waitForTimeout(300);
  check("no dialog", dialogs.length === 0, dialogs);
  check("no request but for the site's own files", foreign.length === 0, foreign);
  check("title unchanged", (await page.title()) === title);

  // ---- export ---------------------------------------------------------------
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  const saved = path.join(outDir, "corrections.json");
  await download.saveAs(saved);
  const corr = JSON.parse(fs.readFileSync(saved, "utf8"));
  check("three corrections exported", corr.length === 3, corr.length);
  check("no CSP violation or page error", cspErrors.length === 0, cspErrors);
  await browser.close();
  console.log("review browser: " + pass + " passed, " + fail + " failed");
  process.exit(fail ? 1 : 0);
})().catch((e) => { console.log("FAIL: " + (e && e.stack || e)); process.exit(1); });
