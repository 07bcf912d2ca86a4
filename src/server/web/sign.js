/*
 * sign.js: PPJ v1 request signing (SPEC §2) with Web Crypto.
 *
 *   params   every query and form parameter except "_"-prefixed ones and
 *            file_source, sorted by name in byte order, "name=value"
 *            joined with "&" (decoded values)
 *   text     METHOD "\n" PATH "\n" params
 *   sign_key hex(HMAC-SHA256(key = timestamp text, message = AppSecret))
 *   sig      hex(HMAC-SHA256(key = sign_key text, message = text))
 *
 * Works in browsers (crypto.subtle needs a secure context: https or
 * localhost/127.0.0.1) and in node 20 (tests load it with vm).
 */
"use strict";

var PPJ = globalThis.PPJ || (globalThis.PPJ = {});

(function () {
	const enc = new TextEncoder();

	function hex(buf) {
		const b = new Uint8Array(buf);
		let s = "";

		for (let i = 0; i < b.length; i++)
			s += (b[i] < 16 ? "0" : "") + b[i].toString(16);
		return s;
	}

	/* Compares two strings by their UTF-8 bytes (the spec's byte order). */
	function byteCompare(a, b) {
		const x = enc.encode(a), y = enc.encode(b);
		const n = Math.min(x.length, y.length);

		for (let i = 0; i < n; i++)
			if (x[i] !== y[i])
				return x[i] - y[i];
		return x.length - y.length;
	}

	/* Hex HMAC-SHA256 of message under key, both strings (UTF-8). */
	async function hmacHex(key, message) {
		const k = await crypto.subtle.importKey("raw", enc.encode(key),
			{ name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
		return hex(await crypto.subtle.sign("HMAC", k,
			enc.encode(message)));
	}

	/*
	 * The parameter string from [[name, value], ...] (or an object):
	 * "_"-prefixed names and file_source left out, sorted by name, then
	 * by value for repeated names so the result does not depend on order.
	 */
	function paramString(params) {
		const list = Array.isArray(params) ? params.slice() :
			Object.entries(params || {});

		return list
			.filter(([n]) => !n.startsWith("_") &&
				n !== "file_source")
			.sort((a, b) => byteCompare(a[0], b[0]) ||
				byteCompare(String(a[1]), String(b[1])))
			.map(([n, v]) => n + "=" + v)
			.join("&");
	}

	function textToSign(method, path, params) {
		return method.toUpperCase() + "\n" + path + "\n" +
			paramString(params);
	}

	/* The two-step signature of SPEC §2; resolves to 64 hex chars. */
	async function signature(secret, timestamp, text) {
		const signKey = await hmacHex(String(timestamp), secret);
		return hmacHex(signKey, text);
	}

	/*
	 * Signs a request: key = {id, secret}; resolves to the three values
	 * {credential, timestamp, signature}. now is Unix seconds.
	 */
	async function signRequest(key, method, path, params, now) {
		const ts = String(Math.floor(now));
		const text = textToSign(method, path, params);

		return {
			credential: key.id,
			timestamp: ts,
			signature: await signature(key.secret, ts, text),
		};
	}

	PPJ.hmacHex = hmacHex;
	PPJ.paramString = paramString;
	PPJ.textToSign = textToSign;
	PPJ.signature = signature;
	PPJ.signRequest = signRequest;
})();
