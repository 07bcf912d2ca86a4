/*
 * app.js: the upload page's behaviour.
 *
 * On load it asks GET /jobs without a signature: 200 means the server is
 * in protected mode (no key exists, loopback caller) and nothing is
 * signed; 401/403 means the person types an AppID and AppSecret, which
 * stay in sessionStorage and sign every request (sign.js, SPEC §2).
 * A dropped or picked deck is hashed here (md5.js), POSTed as
 * multipart/form-data to /jobs, then GET /jobs/T is polled until the job
 * ends; the result is offered as a signed download link and, when the
 * server serves the output under /jobs/T/view/, as "Open".
 * Everything from the server is shown with textContent, never as HTML.
 */
"use strict";

(function () {
	const PPJ = globalThis.PPJ;
	const $ = (id) => document.getElementById(id);
	const TOKEN_RE = /^[A-Za-z0-9]{1,64}$/;
	const LIVE = new Set(["converting", "rendering", "disting",
		"notifying"]);
	const READY = new Set(["notifying", "completed"]);
	const STEPS = ["upload", "converting", "rendering", "disting",
		"completed"];
	const KEY_ITEM = "ppj.key";
	const CURRENT_ITEM = "ppj.current";
	const LIST_MAX = 20;

	const st = {
		mode: null,		/* "open", "keyed" or "need-key" */
		key: null,		/* {id, secret} */
		skew: 0,		/* server clock minus ours, seconds */
		current: null,		/* token shown in the job card */
		pollTimer: 0,
		pollFails: 0,
		listTimer: 0,
		viewable: new Map(),	/* token -> bool */
		busy: false,
	};

	/* ---- small helpers ---- */

	function now() {
		return Date.now() / 1000 + st.skew;
	}

	function setText(el, text) {
		el.textContent = text == null ? "" : String(text);
	}

	function fmtSize(n) {
		if (typeof n !== "number" || !isFinite(n))
			return "";
		if (n < 1024)
			return n + " B";
		if (n < 1048576)
			return (n / 1024).toFixed(1) + " KiB";
		return (n / 1048576).toFixed(1) + " MiB";
	}

	function fmtTime(job) {
		const ts = Number(job.created_at_in_ts);
		const d = isFinite(ts) && ts > 0 ? new Date(ts * 1000) :
			new Date(job.created_at || NaN);
		if (isNaN(d.getTime()))
			return "";
		return d.toLocaleString(undefined, { dateStyle: "short",
			timeStyle: "short" });
	}

	function validToken(t) {
		return typeof t === "string" && TOKEN_RE.test(t);
	}

	function loadKey() {
		try {
			const k = JSON.parse(sessionStorage.getItem(KEY_ITEM));
			if (k && typeof k.id === "string" &&
			    typeof k.secret === "string")
				return k;
		} catch (e) {
			/* no storage or bad JSON: no key */
		}
		return null;
	}

	function saveKey(k) {
		try {
			if (k)
				sessionStorage.setItem(KEY_ITEM,
					JSON.stringify(k));
			else
				sessionStorage.removeItem(KEY_ITEM);
		} catch (e) {
			/* storage refused: the key lives in memory only */
		}
	}

	function remember(name, value) {
		try {
			if (value)
				sessionStorage.setItem(name, value);
			else
				sessionStorage.removeItem(name);
		} catch (e) {
			/* ignore */
		}
	}

	/* The server's clock from its Date header, to sign with its time. */
	function noteClock(dateHeader) {
		const t = Date.parse(dateHeader || "") / 1000;
		if (!isFinite(t))
			return;
		const diff = t - Date.now() / 1000;
		st.skew = Math.abs(diff) > 5 ? diff : 0;
	}

	/* ---- requests ---- */

	/* Signature values for a request, or null when nothing is signed. */
	async function signFor(method, path, params) {
		if (st.mode !== "keyed" || !st.key)
			return null;
		return PPJ.signRequest(st.key, method, path, params, now());
	}

	function authHeaders(s) {
		const h = { Accept: "application/vnd.ppj.v1+json" };
		if (s) {
			h["X-PPJ-Credential"] = s.credential;
			h["X-PPJ-Timestamp"] = s.timestamp;
			h["X-PPJ-Signature"] = s.signature;
		}
		return h;
	}

	/*
	 * A JSON API call; resolves to {status, body} (body null when the
	 * answer is not JSON). Network failures reject.
	 */
	async function api(method, path, query) {
		const params = query || {};
		const qs = new URLSearchParams(params).toString();
		const s = await signFor(method, path, params);
		const res = await fetch(path + (qs ? "?" + qs : ""), {
			method, headers: authHeaders(s), cache: "no-store",
			credentials: "same-origin",
		});
		let body = null;

		noteClock(res.headers.get("Date"));
		try {
			body = await res.json();
		} catch (e) {
			body = null;
		}
		return { status: res.status, body };
	}

	/* A plain link for GET path: signed with query parameters if needed. */
	async function linkFor(path) {
		const s = await signFor("GET", path, {});
		if (!s)
			return path;
		return path + "?" + new URLSearchParams({
			_credential: s.credential, _timestamp: s.timestamp,
			_signature: s.signature,
		}).toString();
	}

	/* Links live 300 s on the server: re-sign them every minute. */
	async function refreshLinks() {
		for (const a of document.querySelectorAll("a[data-path]"))
			a.href = await linkFor(a.dataset.path);
	}

	/* A human sentence for an error answer. */
	function errorText(r) {
		const m = r.body && typeof r.body.message === "string" ?
			r.body.message : "";
		const errs = r.body && Array.isArray(r.body.errors) ?
			r.body.errors : [];

		if (r.status === 401)
			return "Unknown AppID: check the key.";
		if (r.status === 403)
			return "Signature refused: check the AppSecret " +
				"and this computer's clock.";
		if (r.status === 413)
			return "The file is over this server's size limit.";
		if (r.status === 429)
			return "The server is busy; try again in a moment.";
		if (r.status === 422 && errs.length)
			return "Rejected: " + errs.map((e) =>
				e.field + " " + e.code).join(", ") + ".";
		if (m)
			return m + (r.status >= 500 ? " (server error)" : "");
		return "The server answered " + r.status + ".";
	}

	/* ---- mode and key ---- */

	function showMode(kind, text) {
		const b = $("mode");
		b.className = "badge " + kind;
		setText(b, text);
		$("key-change").hidden = st.mode !== "keyed";
	}

	function askKey(message) {
		st.mode = "need-key";
		$("key").hidden = false;
		showMode("bad", "Key needed");
		setText($("key-msg"), message || "");
		const k = loadKey();
		if (k && !$("app-id").value)
			$("app-id").value = k.id;
		($("app-id").value ? $("app-secret") : $("app-id")).focus();
	}

	/* Probes the server: protected mode, a stored key, or ask for one. */
	async function detectMode() {
		let r;

		try {
			st.mode = null;
			r = await api("GET", "/jobs");
		} catch (e) {
			showMode("bad", "Server unreachable");
			setTimeout(detectMode, 3000);
			return;
		}
		if (r.status === 200) {
			st.mode = "open";
			$("key").hidden = true;
			showMode("open", "Protected mode: no key needed");
			start();
			return;
		}
		st.key = loadKey();
		if (st.key)
			await tryKey(st.key);
		else
			askKey("");
	}

	/* Checks a key with a signed GET /jobs; keeps it if it works. */
	async function tryKey(k) {
		st.key = k;
		st.mode = "keyed";

		let r;
		try {
			r = await api("GET", "/jobs");
		} catch (e) {
			askKey("Server unreachable.");
			return false;
		}
		if (r.status !== 200) {
			st.key = null;
			askKey(errorText(r));
			return false;
		}
		saveKey(k);
		$("key").hidden = true;
		$("app-secret").value = "";
		showMode("keyed", "Key " + k.id);
		start();
		return true;
	}

	function bindKeyForm() {
		$("key-form").addEventListener("submit", (ev) => {
			ev.preventDefault();
			const id = $("app-id").value.trim();
			const secret = $("app-secret").value.trim();
			if (id && secret)
				tryKey({ id, secret });
		});
		$("key-forget").addEventListener("click", () => {
			saveKey(null);
			st.key = null;
			$("app-id").value = "";
			$("app-secret").value = "";
			askKey("Key forgotten.");
		});
		$("key-change").addEventListener("click", () => {
			askKey("");
		});
	}

	/* ---- the job card ---- */

	function stepIndex(state) {
		if (state === "notifying")
			return STEPS.indexOf("completed");
		return STEPS.indexOf(state);
	}

	function paintSteps(state, failedAt) {
		const at = state === "halted" ? failedAt : stepIndex(state);

		for (const li of $("steps").children) {
			const i = STEPS.indexOf(li.dataset.step);
			li.className = "";
			if (state === "halted" && i === at)
				li.className = "fail";
			else if (i < at || (i === at && state === "completed"))
				li.className = "done";
			else if (i === at)
				li.className = "now";
		}
	}

	function paintBar(pct) {
		const p = Math.max(0, Math.min(100, Math.round(pct)));
		$("bar-fill").style.width = p + "%";
		$("bar").setAttribute("aria-valuenow", String(p));
	}

	function showCard(name, state, label) {
		const card = $("job");
		card.hidden = false;
		card.dataset.state = state;
		setText($("job-name"), name || "deck");
		const s = $("job-state");
		s.className = "state " + state;
		setText(s, label || state);
	}

	function message(text, bad) {
		const m = $("job-msg");
		m.className = bad ? "msg bad" : "msg";
		setText(m, text);
	}

	/* What a job's state means to a person. */
	function stateText(job) {
		const n = Number.isInteger(job.total_pages) ?
			job.total_pages : null;
		const p = Number.isInteger(job.progress) ? job.progress : 0;
		const e = job.last_error || {};

		switch (job.state) {
		case "converting":
			return n ? `Reading the deck: ${n} slides.` :
				"Waiting for a worker, then reading the " +
				"deck…";
		case "rendering":
			return n ? `Rendering slide ${Math.min(p + 1, n)} ` +
				`of ${n}…` : "Rendering…";
		case "disting":
			return "Packaging the result…";
		case "notifying":
			return "Ready. Telling your server it is done…";
		case "completed":
			return n ? `Done: ${n} slide${n === 1 ? "" : "s"}.` :
				"Done.";
		case "halted":
			return "Failed: " + (e.message || "no reason given") +
				(e.code ? ` (${e.code})` : "");
		case "deleted":
			return "Deleted: the files of this job are gone.";
		default:
			return String(job.state || "");
		}
	}

	function barFor(job) {
		const n = job.total_pages, p = job.progress;
		if (READY.has(job.state))
			return 100;
		if (job.state === "disting")
			return 95;
		if (Number.isInteger(n) && n > 0 && Number.isInteger(p))
			return 5 + 85 * Math.min(p, n) / n;
		return job.state === "halted" ? 100 : 3;
	}

	/* Shows a job object from GET /jobs/T in the card. */
	function showJob(job, failedAt) {
		const parts = [];

		showCard(job.source_filename, job.state);
		if (job.source_filesize != null)
			parts.push(fmtSize(job.source_filesize));
		if (Number.isInteger(job.total_pages))
			parts.push(job.total_pages + " slides");
		if (fmtTime(job))
			parts.push(fmtTime(job));
		setText($("job-meta"), parts.join(" · ") + " · ");
		setText($("job-token"), job.token || st.current);
		paintSteps(job.state, failedAt);
		paintBar(barFor(job));
		message(stateText(job), job.state === "halted");
	}

	function hideResult() {
		for (const id of ["open", "download"]) {
			const a = $(id);
			a.hidden = true;
			a.removeAttribute("href");
			delete a.dataset.path;
		}
	}

	/* Does the server serve this job's output under /jobs/T/view/? */
	async function viewable(token) {
		if (st.viewable.has(token))
			return st.viewable.get(token);

		let ok = false;
		try {
			const r = await api("GET", `/jobs/${token}/view/` +
				"index.html");
			ok = r.status === 200;
		} catch (e) {
			ok = false;
		}
		st.viewable.set(token, ok);
		return ok;
	}

	async function offerResult(token) {
		const dl = $("download");
		dl.dataset.path = `/jobs/${token}/download`;
		dl.setAttribute("download", token + ".zip");
		dl.href = await linkFor(dl.dataset.path);
		dl.hidden = false;

		if (await viewable(token) && st.current === token) {
			const op = $("open");
			op.dataset.path = `/jobs/${token}/view/index.html`;
			op.href = await linkFor(op.dataset.path);
			op.hidden = false;
		}
	}

	/* ---- polling one job ---- */

	function follow(token) {
		clearTimeout(st.pollTimer);
		st.current = token;
		st.pollFails = 0;
		remember(CURRENT_ITEM, token);
		hideResult();
		$("job").dataset.state = "";	/* no state of another job */
		markSelected();
		poll(token);
	}

	async function poll(token) {
		let r;

		try {
			r = await api("GET", "/jobs/" + token);
		} catch (e) {
			r = { status: 0, body: null };
		}
		if (st.current !== token)
			return;
		if (r.status === 200 && r.body && r.body.state) {
			st.pollFails = 0;
			await showPolled(token, r.body);
			return;
		}
		if (r.status === 404) {
			showCard("Unknown job", "deleted", "not found");
			message("No such job for this key.", true);
			remember(CURRENT_ITEM, null);
			return;
		}
		if (++st.pollFails > 30) {
			message(errorText(r), true);
			return;
		}
		st.pollTimer = setTimeout(() => poll(token),
			Math.min(5000, 500 * st.pollFails));
	}

	async function showPolled(token, job) {
		const prev = $("job").dataset.state;
		const failedAt = job.state === "halted" ?
			Math.max(1, stepIndex(prev)) : -1;

		showJob(job, failedAt);
		updateRow(Object.assign({ token }, job));
		if (READY.has(job.state) && $("download").hidden)
			await offerResult(token);
		if (LIVE.has(job.state)) {
			st.pollTimer = setTimeout(() => poll(token), 600);
			if (!LIVE.has(prev))
				refreshList();
		} else if (prev !== job.state) {
			refreshList();
		}
	}

	/* ---- upload ---- */

	/* POSTs the form with XHR (for upload progress); {status, body}. */
	function post(form, s, onprogress) {
		return new Promise((resolve, reject) => {
			const x = new XMLHttpRequest();
			const h = authHeaders(s);

			x.open("POST", "/jobs");
			for (const name in h)
				x.setRequestHeader(name, h[name]);
			x.upload.onprogress = (e) => {
				if (e.lengthComputable)
					onprogress(e.loaded, e.total);
			};
			x.onload = () => {
				let body = null;
				try {
					body = JSON.parse(x.responseText);
				} catch (e) {
					body = null;
				}
				resolve({ status: x.status, body });
			};
			x.onerror = () => reject(new Error("network error"));
			x.send(form);
		});
	}

	function uploadFailed(text) {
		showCard($("job-name").textContent, "halted", "not sent");
		paintSteps("halted", 0);
		paintBar(100);
		message(text, true);
	}

	/* Hashes, signs and uploads one file, then follows its job. */
	async function submit(file) {
		if (st.mode !== "open" && st.mode !== "keyed") {
			askKey("Enter your key first, then drop the deck " +
				"again.");
			return;
		}
		clearTimeout(st.pollTimer);
		st.current = null;
		hideResult();
		showCard(file.name, "upload", "hashing");
		setText($("job-meta"), fmtSize(file.size));
		setText($("job-token"), "");
		paintSteps("upload");
		paintBar(0);
		if (file.size === 0) {
			uploadFailed("The file is empty.");
			return;
		}

		message("Computing the file's MD5…");
		const md5 = await PPJ.md5File(file, (d, t) =>
			paintBar(40 * d / t));
		const s = await signFor("POST", "/jobs", { file_md5: md5 });
		const form = new FormData();
		form.append("file_md5", md5);
		form.append("file_source", file, file.name);

		showCard(file.name, "upload", "uploading");
		message("Uploading…");
		let r;
		try {
			r = await post(form, s, (d, t) =>
				paintBar(40 + 60 * d / t));
		} catch (e) {
			uploadFailed("The upload failed: the server closed " +
				"the connection (too large, or gone).");
			return;
		}
		if (r.status !== 200 || !r.body || !validToken(r.body.token)) {
			uploadFailed(errorText(r));
			return;
		}
		follow(r.body.token);
		refreshList();
	}

	async function submitAll(files) {
		if (st.busy)
			return;
		st.busy = true;
		$("drop").classList.add("busy");
		try {
			for (const f of files)
				await submit(f);
		} catch (e) {
			uploadFailed("Could not send the file: " + e.message);
		} finally {
			st.busy = false;
			$("drop").classList.remove("busy");
		}
	}

	function bindDrop() {
		const drop = $("drop");
		const input = $("file");

		input.addEventListener("change", () => {
			const files = Array.from(input.files || []);
			input.value = "";
			if (files.length)
				submitAll(files);
		});
		/* Anywhere on the page: a missed drop must not open it. */
		document.addEventListener("dragover", (e) => {
			e.preventDefault();
			drop.classList.add("over");
		});
		document.addEventListener("dragleave", (e) => {
			if (!e.relatedTarget)
				drop.classList.remove("over");
		});
		document.addEventListener("drop", (e) => {
			e.preventDefault();
			drop.classList.remove("over");
			const files = Array.from(e.dataTransfer.files || []);
			if (files.length)
				submitAll(files);
		});
	}

	/* ---- recent jobs ---- */

	/* Runs fn over items with at most n in flight; keeps the order. */
	async function mapLimit(items, n, fn) {
		const out = new Array(items.length);
		let next = 0;

		async function lane() {
			while (next < items.length) {
				const i = next++;
				out[i] = await fn(items[i]);
			}
		}
		await Promise.all(Array.from({ length: n }, lane));
		return out;
	}

	async function jobOf(token) {
		try {
			const r = await api("GET", "/jobs/" + token);
			if (r.status === 200 && r.body)
				return Object.assign({ token }, r.body);
		} catch (e) {
			/* shown as unknown */
		}
		return { token, state: "unknown" };
	}

	function markSelected() {
		for (const tr of $("jobs-body").children)
			tr.classList.toggle("sel",
				tr.dataset.token === st.current);
	}

	function cell(tr, cls, text) {
		const td = document.createElement("td");
		if (cls)
			td.className = cls;
		if (text != null)
			setText(td, text);
		tr.appendChild(td);
		return td;
	}

	function jobRow(job) {
		const tr = document.createElement("tr");
		tr.dataset.token = job.token;
		tr.dataset.state = job.state;

		const b = document.createElement("button");
		b.type = "button";
		setText(b, job.source_filename || job.token);
		b.title = job.token;
		b.addEventListener("click", () => follow(job.token));
		cell(tr, "file").appendChild(b);

		const s = document.createElement("span");
		s.className = "state " + job.state;
		setText(s, job.state);
		cell(tr, "").appendChild(s);
		cell(tr, "num", Number.isInteger(job.total_pages) ?
			job.total_pages : "–");
		cell(tr, "when", fmtTime(job));

		const acts = cell(tr, "acts");
		if (READY.has(job.state)) {
			const a = document.createElement("a");
			a.dataset.path = `/jobs/${job.token}/download`;
			a.setAttribute("download", job.token + ".zip");
			setText(a, "Download");
			a.setAttribute("aria-label", "Download " +
				(job.source_filename || job.token));
			acts.appendChild(a);
		}
		return tr;
	}

	/* Puts a fresher state of a listed job in its row, if listed. */
	function updateRow(job) {
		for (const tr of $("jobs-body").children) {
			if (tr.dataset.token !== job.token ||
			    tr.dataset.state === job.state)
				continue;
			tr.replaceWith(jobRow(job));
			markSelected();
			refreshLinks();
		}
	}

	async function refreshList() {
		clearTimeout(st.listTimer);

		let r;
		try {
			r = await api("GET", "/jobs");
		} catch (e) {
			st.listTimer = setTimeout(refreshList, 5000);
			return;
		}
		if (r.status !== 200 || !r.body ||
		    !Array.isArray(r.body.tokens))
			return;

		const tokens = r.body.tokens.filter(validToken)
			.slice(0, LIST_MAX);
		const jobs = await mapLimit(tokens, 4, jobOf);
		const body = $("jobs-body");
		body.replaceChildren(...jobs.map(jobRow));
		$("jobs").hidden = jobs.length === 0;
		$("recent-empty").hidden = jobs.length > 0;
		markSelected();
		await refreshLinks();
		if (jobs.some((j) => LIVE.has(j.state)))
			st.listTimer = setTimeout(refreshList, 2500);
	}

	/* ---- start ---- */

	function start() {
		const last = (() => {
			try {
				return sessionStorage.getItem(CURRENT_ITEM);
			} catch (e) {
				return null;
			}
		})();

		refreshList();
		if (validToken(last) && !st.current)
			follow(last);
	}

	function init() {
		bindKeyForm();
		bindDrop();
		$("refresh").addEventListener("click", refreshList);
		setInterval(() => {
			if (st.mode === "keyed")
				refreshLinks();
		}, 60000);
		detectMode();
	}

	if (document.readyState === "loading")
		document.addEventListener("DOMContentLoaded", init);
	else
		init();
})();
