/*
 * test-web.mjs: the upload page and the viewer in Debian's Chromium,
 * driven by playwright-core, against a real `ppj serve` that run.py
 * started. One phase per run (PPJ_PHASE):
 *
 *   open    protected mode: pick the deck in the page, follow the job to
 *           completed, download the zip with the page's link, open the
 *           viewer, move through the slides with keys and clicks, check
 *           each slide's text on screen and that its pixels are not blank;
 *           screenshots of page and viewer at desktop and phone sizes.
 *   signed  a key exists: the page asks for it, refuses a wrong secret,
 *           signs the upload (dropped this time) and the polling, and its
 *           download link carries a working signature.
 *   date    a converted slide (PPJ_DATE_SLIDE, opened from file://) whose
 *           date field cached "January 1, 2000" shows today's date in
 *           its format (datetime4, "December 4, 2026" in en-US).
 *
 * Environment: PPJ_URL, PPJ_DECK, PPJ_TEXTS (JSON, the deck's strings per
 * slide), PPJ_HIDDEN (JSON, hidden slide numbers), PPJ_BROKEN (a deck
 * broken inside), PPJ_CHROMIUM,
 * PPJ_SHOTS (screenshot folder), PPJ_TMP,
 * PPJ_KEY ("APPID SECRET" in the signed phase).
 * Prints "N passed, N failed"; exit 0 when nothing failed.
 */
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const env = process.env;
const BASE = env.PPJ_URL;
const DECK = env.PPJ_DECK;
const TEXTS = JSON.parse(env.PPJ_TEXTS || "[]");
const SHOTS = env.PPJ_SHOTS;
const TMP = env.PPJ_TMP;
const PHASE = env.PPJ_PHASE || "open";
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const JOB_TIMEOUT = 120000;

let passed = 0, failed = 0;

function check(name, ok, detail) {
	if (ok) {
		passed++;
		console.log("ok   " + name);
	} else {
		failed++;
		console.log("FAIL " + name + (detail ? ": " + detail : ""));
	}
	return ok;
}

/* Script errors and CSP refusals of the upload page, checked at the end. */
const pageErrors = [];

function watchPage(page) {
	page.on("pageerror", (e) => pageErrors.push(String(e)));
	page.on("console", (m) => {
		if (/Content.Security.Policy/i.test(m.text()))
			pageErrors.push(m.text());
	});
}

async function launch() {
	const profile = mkdtempSync(path.join(TMP, "profile-"));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: env.PPJ_CHROMIUM,
		headless: true,
		viewport: DESKTOP,
		acceptDownloads: true,
		args: ["--no-sandbox", "--disable-gpu", "--disable-quic",
			"--no-first-run", "--disable-background-networking",
			"--disable-component-update", "--disable-sync"],
	});
	context.on("page", watchPage);
	for (const p of context.pages())
		watchPage(p);
	return { context, profile };
}

/* ---- pixels ---- */

/*
 * Counts the pixels of a PNG that differ from its most common colour
 * (the background), decoding it in a blank page of the same browser.
 */
async function inkOf(helper, png) {
	return helper.evaluate(async (b64) => {
		const img = new Image();
		img.src = "data:image/png;base64," + b64;
		await img.decode();
		const c = document.createElement("canvas");
		c.width = img.width;
		c.height = img.height;
		const g = c.getContext("2d");
		g.drawImage(img, 0, 0);
		const d = g.getImageData(0, 0, c.width, c.height).data;
		const freq = new Map();
		for (let i = 0; i < d.length; i += 4) {
			const k = (d[i] >> 3) << 10 | (d[i + 1] >> 3) << 5 |
				d[i + 2] >> 3;
			freq.set(k, (freq.get(k) || 0) + 1);
		}
		let bg = 0, best = -1;
		for (const [k, n] of freq)
			if (n > best) {
				best = n;
				bg = k;
			}
		const br = (bg >> 10) << 3, bgG = ((bg >> 5) & 31) << 3,
			bb = (bg & 31) << 3;
		let ink = 0;
		for (let i = 0; i < d.length; i += 4)
			if (Math.abs(d[i] - br) > 24 ||
			    Math.abs(d[i + 1] - bgG) > 24 ||
			    Math.abs(d[i + 2] - bb) > 24)
				ink++;
		return { w: c.width, h: c.height, ink };
	}, png.toString("base64"));
}

/* ---- the viewer ---- */

/* The slide on screen: the largest visible iframe, or null. */
async function slideFrame(page) {
	let best = null, bestArea = 0;

	for (const f of page.frames()) {
		if (f === page.mainFrame())
			continue;
		const el = await f.frameElement().catch(() => null);
		if (!el || !(await el.isVisible()))
			continue;
		const box = await el.boundingBox();
		if (box && box.width * box.height > bestArea) {
			bestArea = box.width * box.height;
			best = { frame: f, el };
		}
	}
	return best;
}

/*
 * The slide's box when slides are inlined: the nearest ancestor of a
 * visible element with the text that is at least a third of the window.
 */
async function inlineSlide(page, text) {
	const hit = page.getByText(text, { exact: false });
	const n = await hit.count();

	for (let i = 0; i < n; i++) {
		const el = hit.nth(i);
		if (!(await el.isVisible()))
			continue;
		const handle = await el.evaluateHandle((e) => {
			const vw = innerWidth, vh = innerHeight;
			let x = e;
			while (x.parentElement &&
			       x.parentElement !== document.body) {
				const r = x.getBoundingClientRect();
				if (r.width >= vw / 3 && r.height >= vh / 3)
					return x;
				x = x.parentElement;
			}
			return x;
		});
		return handle.asElement();
	}
	return null;
}

/* Visible text of the slide on screen, and its screenshot. */
async function currentSlide(page, want) {
	const sf = await slideFrame(page);

	if (sf) {
		await sf.frame.waitForLoadState("load");
		const text = await sf.frame.evaluate(() =>
			document.body ? document.body.innerText : "");
		return { text, png: await sf.el.screenshot() };
	}
	const el = await inlineSlide(page, want);
	if (!el)
		return { text: "", png: await page.screenshot() };
	return { text: await el.evaluate((e) => e.innerText),
		png: await el.screenshot() };
}

async function hashNumber(page) {
	const h = await page.evaluate(() => location.hash);
	const m = /^#(\d+)$/.exec(h);
	return m ? Number(m[1]) : null;
}

function inkOk(ink) {
	return ink.ink > 200 && ink.ink / Math.max(1, ink.w * ink.h) > 0.002;
}

/*
 * Waits (5 s at most) until the slide on screen shows slide k's strings
 * and its pixels are not blank (a frame that has just navigated may not
 * be painted yet), then checks both and the #k deep link.
 */
async function expectSlide(page, helper, k, how) {
	const want = TEXTS[k - 1] || [];
	let got = null, ink = { w: 0, h: 0, ink: 0 }, textOk = false;

	for (let i = 0; i < 50; i++) {
		/* A frame that navigates under us is read again. */
		got = await currentSlide(page, want[0] || "").catch((e) =>
			({ text: "", png: null, error: e }));
		textOk = got.png && want.every((t) => got.text.includes(t));
		if (textOk) {
			ink = await inkOf(helper, got.png);
			if (inkOk(ink))
				break;
		}
		await page.waitForTimeout(100);
	}
	check(`slide ${k} text on screen (${how})`, textOk,
		`want ${JSON.stringify(want)}, got ` +
		JSON.stringify((got.text || "").slice(0, 200)));
	check(`slide ${k} not blank (${how})`, inkOk(ink),
		`${ink.ink} of ${ink.w}x${ink.h} pixels`);

	const h = await hashNumber(page);
	check(`slide ${k} deep link #${k} (${how})`, h === k, `hash #${h}`);
}

/* A viewer button by its accessible name, title or id ("next", "prev"). */
function button(page, word) {
	return page.getByRole("button", { name: new RegExp(word, "i") })
		.or(page.locator(`button[title*="${word}" i], ` +
			`button[aria-label*="${word}" i], #${word}`)).first();
}

function nextButton(page) {
	return button(page, "next");
}

function prevButton(page) {
	return button(page, "prev");
}

/*
 * The slides the show moves through: all but the hidden ones (PPJ_HIDDEN,
 * slide numbers), which the viewer skips with keys and buttons.
 */
function shown() {
	const hidden = new Set(JSON.parse(env.PPJ_HIDDEN || "[]"));
	const out = [];

	for (let k = 1; k <= TEXTS.length; k++)
		if (!hidden.has(k))
			out.push(k);
	return out;
}

async function walkViewer(page, helper) {
	const order = shown();
	const last = order[order.length - 1];
	const before = order[order.length - 2];

	await page.setViewportSize(DESKTOP);
	await page.waitForLoadState("load");
	await expectSlide(page, helper, order[0], "opened");
	await page.screenshot({ path: path.join(SHOTS, "viewer-desktop.png") });

	await page.locator("body").click({ position: { x: 2, y: 2 } })
		.catch(() => {});
	for (let i = 1; i < order.length; i++) {
		await page.keyboard.press(i % 2 ? "ArrowRight" : "PageDown");
		await expectSlide(page, helper, order[i], "key");
	}
	await page.keyboard.press("Home");
	await expectSlide(page, helper, order[0], "Home");
	await page.keyboard.press("End");
	await expectSlide(page, helper, last, "End");
	await page.keyboard.press("ArrowLeft");
	await expectSlide(page, helper, before, "ArrowLeft");

	const next = nextButton(page), prev = prevButton(page);
	if (check("viewer has a next button", await next.count() > 0)) {
		await next.click();
		await expectSlide(page, helper, last, "next button");
	}
	if (check("viewer has a previous button", await prev.count() > 0)) {
		await prev.click();
		await expectSlide(page, helper, before, "previous button");
	}

	await page.goto(page.url().replace(/#.*$/, "") + "#" + order[1]);
	await page.reload();
	await expectSlide(page, helper, order[1], "deep link");

	await page.setViewportSize(PHONE);
	await page.waitForTimeout(300);
	await expectSlide(page, helper, order[1], "phone size");
	await page.screenshot({ path: path.join(SHOTS, "viewer-phone.png") });
}

/* ---- the upload page ---- */

/* Follows the job card until it stops moving; returns the states seen. */
async function followJob(page) {
	const seen = [];
	const end = Date.now() + JOB_TIMEOUT;

	while (Date.now() < end) {
		const s = await page.locator("#job").getAttribute("data-state");
		if (s && seen[seen.length - 1] !== s) {
			seen.push(s);
			/* For the docs, when a job is slow enough to see. */
			if (s === "rendering") {
				await page.waitForTimeout(350); /* the bar */
				await page.screenshot({ path: path.join(SHOTS,
					`upload-progress-${PHASE}.png`) });
			}
		}
		if (["completed", "halted", "deleted"].includes(s))
			break;
		await page.waitForTimeout(50);
	}
	return seen;
}

async function uploadAndFinish(page, how) {
	if (how === "pick") {
		await page.locator("#file").setInputFiles(DECK);
	} else {
		const b64 = readFileSync(DECK).toString("base64");
		await page.evaluate(([data, name]) => {
			const bytes = Uint8Array.from(atob(data),
				(c) => c.charCodeAt(0));
			const dt = new DataTransfer();
			dt.items.add(new File([bytes], name));
			document.getElementById("drop").dispatchEvent(
				new DragEvent("drop", { dataTransfer: dt,
					bubbles: true, cancelable: true }));
		}, [b64, path.basename(DECK)]);
	}
	const seen = await followJob(page);
	const msg = await page.locator("#job-msg").innerText();

	check(`job completed (${how})`, seen.includes("completed"),
		`states ${seen.join(" > ")}: ${msg}`);
	check("every step marked done", await page.locator(
		"#steps li:not(.done)").count() === 0);
	check("job shows the file name", (await page.locator("#job-name")
		.innerText()) === path.basename(DECK));
	check("job says done", /^Done/.test(msg), msg);
	check("progress bar full", (await page.locator("#bar")
		.getAttribute("aria-valuenow")) === "100");
	await page.waitForTimeout(400);	/* the bar's transition */
	console.log("     states seen: " + seen.join(" > "));
	return (await page.locator("#job-token").innerText()).trim();
}

/* Clicks Download; checks the file is a zip with index.html. */
async function download(page, token) {
	const dl = page.locator("#download");
	await dl.waitFor({ state: "visible", timeout: 10000 });

	const [d] = await Promise.all([page.waitForEvent("download"),
		dl.click()]);
	const file = path.join(TMP, `dl-${PHASE}.zip`);
	await d.saveAs(file);

	const zip = readFileSync(file);
	check("download is a zip", zip.subarray(0, 4).toString("latin1") ===
		"PK\x03\x04");
	check("download is named T.zip", d.suggestedFilename() ===
		token + ".zip", d.suggestedFilename());
	check("zip holds index.html", zip.includes("index.html"));
	return file;
}

/* The viewer: "Open" when the server serves it, else the unzipped copy. */
async function openViewer(context, page, zipFile) {
	const open = page.locator("#open");

	if (await open.isVisible()) {
		const [viewer] = await Promise.all([
			context.waitForEvent("page"), open.click()]);
		console.log("     viewer opened from the server");
		return viewer;
	}
	console.log("note: no /jobs/T/view/ on the server: the viewer is " +
		"opened from the downloaded zip");
	const dir = path.join(TMP, "viewer-" + PHASE);
	rmSync(dir, { recursive: true, force: true });
	execFileSync("python3", ["-m", "zipfile", "-e", zipFile, dir]);
	const viewer = await context.newPage();
	await viewer.goto("file://" + path.join(dir, "index.html"));
	return viewer;
}

async function recentList(page, token) {
	const row = page.locator(`#jobs-body tr[data-token="${token}"]`);
	await row.waitFor({ timeout: 10000 }).catch(() => {});
	check("recent jobs list the job", await row.count() === 1);
	check("recent jobs show completed", (await row.getAttribute(
		"data-state")) === "completed");
}

/* A text file named .pptx: refused on upload or halted, and said so. */
async function notADeck(page) {
	await page.locator("#file").setInputFiles({ name: "notes.pptx",
		mimeType: "application/octet-stream",
		buffer: Buffer.from("these are not slides\n") });
	const seen = await followJob(page);
	const msg = await page.locator("#job-msg").innerText();

	check("a text file is not converted", seen.includes("halted") &&
		!seen.includes("completed"), seen.join(" > "));
	check("the refusal is explained", msg.length > 10, msg);
	check("no result offered for it", !(await page.locator("#download")
		.isVisible()) && !(await page.locator("#open").isVisible()));
	console.log("     not a deck: " + msg);
}

/* The server itself serves the page and its files, with a CSP. */
async function servedPage(page) {
	const r = await page.request.get(BASE + "/");
	const h = r.headers();

	check("GET / is the page", r.status() === 200 &&
		/text\/html/.test(h["content-type"] || "") &&
		(await r.text()).includes("/web/app.js"), String(r.status()));
	check("the page has a CSP", /default-src 'self'/.test(
		h["content-security-policy"] || ""));
	for (const f of ["app.js", "md5.js", "sign.js", "app.css"]) {
		const w = await page.request.get(BASE + "/web/" + f);
		check(`GET /web/${f}`, w.status() === 200,
			String(w.status()));
	}
}

/* A deck broken inside: accepted, then halted with last_error shown. */
async function brokenDeck(page) {
	await page.locator("#file").setInputFiles(env.PPJ_BROKEN);
	const seen = await followJob(page);
	const msg = await page.locator("#job-msg").innerText();

	check("a broken deck halts", seen[seen.length - 1] === "halted",
		seen.join(" > "));
	check("halted shows last_error", /^Failed: .+\(\w+\)$/.test(msg),
		msg);
	check("the failed step is marked", await page.locator(
		"#steps li.fail").count() === 1);
	check("no result for a halted job", !(await page.locator(
		"#download").isVisible()));
	console.log("     broken deck: " + msg);
}

async function phaseOpen(context) {
	const page = context.pages()[0] || await context.newPage();
	const helper = await context.newPage();

	await servedPage(page);

	await page.bringToFront();
	await page.goto(BASE + "/");
	await page.locator("#mode.open").waitFor({ timeout: 10000 });
	check("protected mode detected", /Protected/.test(
		await page.locator("#mode").innerText()));
	check("no key form in protected mode",
		!(await page.locator("#key").isVisible()));
	await page.screenshot({ path: path.join(SHOTS, "upload-empty.png") });
	await notADeck(page);
	await brokenDeck(page);

	const token = await uploadAndFinish(page, "pick");
	check("token shown", /^[A-Za-z0-9]{16}$/.test(token), token);
	await recentList(page, token);
	await page.screenshot({ path: path.join(SHOTS, "upload-desktop.png"),
		fullPage: true });
	await page.setViewportSize(PHONE);
	await page.screenshot({ path: path.join(SHOTS, "upload-phone.png"),
		fullPage: true });
	await page.setViewportSize(DESKTOP);

	const zip = await download(page, token);
	const viewer = await openViewer(context, page, zip);
	await walkViewer(viewer, helper);
}

async function phaseSigned(context) {
	const [id, secret] = (env.PPJ_KEY || "").split(" ");
	const page = context.pages()[0] || await context.newPage();

	await page.goto(BASE + "/");
	await page.locator("#key").waitFor({ state: "visible",
		timeout: 10000 });
	check("key asked for", true);
	await page.fill("#app-id", id);
	await page.fill("#app-secret", secret + "x");
	await page.click("#key-form button[type=submit]");
	await page.locator("#key-msg").filter({ hasText: /\S/ })
		.waitFor({ timeout: 10000 });
	check("wrong secret refused", /Signature refused/.test(
		await page.locator("#key-msg").innerText()));
	await page.screenshot({ path: path.join(SHOTS, "key-desktop.png") });

	await page.fill("#app-secret", secret);
	await page.click("#key-form button[type=submit]");
	await page.locator("#mode.keyed").waitFor({ timeout: 10000 });
	check("key accepted", !(await page.locator("#key").isVisible()));
	const stored = await page.evaluate(() => [
		sessionStorage.getItem("ppj.key"), localStorage.length]);
	check("key in session storage only", stored[0] &&
		stored[0].includes(id) && stored[1] === 0);

	const token = await uploadAndFinish(page, "drop");
	await recentList(page, token);
	const href = await page.locator("#download").getAttribute("href") ||
		"";
	check("download link is signed", /_signature=[0-9a-f]{64}/.test(href),
		href);
	const good = await page.request.get(BASE + href);
	check("signed link downloads", good.status() === 200 &&
		/zip/.test(good.headers()["content-type"] || ""),
		String(good.status()));
	const bad = await page.request.get(BASE + href.replace(
		/_signature=(.)/, (m, c) => "_signature=" +
		(c === "0" ? "1" : "0")));
	check("tampered link refused", bad.status() === 403,
		String(bad.status()));
	await download(page, token);

	await page.reload();
	await page.locator("#mode.keyed").waitFor({ timeout: 10000 });
	check("key kept across a reload", true);
	await recentList(page, token);
}

/* After a failure: what each page shows, to read in the test log. */
async function phaseDate(context) {
	const page = await context.newPage();
	const want = new Date().toLocaleDateString("en-US",
		{ month: "long", day: "numeric", year: "numeric" });

	watchPage(page);
	await page.goto("file://" + env.PPJ_DATE_SLIDE);
	const shown = await page.evaluate(() => {
		const e = document.querySelector("[data-date]");
		return e ? e.textContent : null;
	});
	check("a date field shows today's date", shown === want,
		`shown ${JSON.stringify(shown)}, want ${want}`);
	await page.close();
}

async function dumpPage(context) {
	for (const p of context.pages()) {
		const text = await p.evaluate(() => document.body ?
			document.body.innerText : "").catch(() => "");
		console.log(`--- ${p.url()}\n${text.slice(0, 1500)}`);
	}
}

async function main() {
	const { context, profile } = await launch();

	try {
		if (PHASE === "signed")
			await phaseSigned(context);
		else if (PHASE === "date")
			await phaseDate(context);
		else
			await phaseOpen(context);
	} catch (e) {
		check("phase " + PHASE + " ran to the end", false,
			e.stack || String(e));
		await dumpPage(context);
	} finally {
		check("no script error or CSP refusal", pageErrors.length === 0,
			pageErrors.join("; "));
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
	console.log(`${passed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}

main();
