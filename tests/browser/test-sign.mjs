/*
 * test-sign.mjs: checks the upload page's MD5 and PPJ v1 signing code
 * (src/server/web/md5.js, sign.js) in node, without a browser: the RFC
 * 1321 MD5 vectors, MD5 against node's own over odd chunk splits, and
 * the three signing vectors of SPEC §2 with its sign_key and nonce.
 * Usage: node test-sign.mjs WEB_DIR. Exit 0 when all pass.
 */
import { createHash, webcrypto } from "node:crypto";
import { readFileSync } from "node:fs";
import vm from "node:vm";
import path from "node:path";

const webDir = process.argv[2];
const ctx = vm.createContext({ crypto: webcrypto, TextEncoder,
	Uint8Array, Int32Array, Math, Error, String, Object, Array });
for (const f of ["md5.js", "sign.js"])
	vm.runInContext(readFileSync(path.join(webDir, f), "utf8"), ctx,
		{ filename: f });
const PPJ = ctx.PPJ;

let passed = 0, failed = 0;
function check(name, got, want) {
	if (got === want) {
		passed++;
		return;
	}
	failed++;
	console.log(`FAIL ${name}: got ${got}, want ${want}`);
}

function md5(s) {
	return new PPJ.Md5().update(new TextEncoder().encode(s)).hex();
}

/* RFC 1321, appendix A.5. */
const rfc = [
	["", "d41d8cd98f00b204e9800998ecf8427e"],
	["a", "0cc175b9c0f1b6a831c399e269772661"],
	["abc", "900150983cd24fb0d6963f7d28e17f72"],
	["message digest", "f96b697d7cb7938d525a2f31aaf161d0"],
	["abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"],
	["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
	 "d174ab98d277d9f5a5611c2c9f419d9f"],
	["1234567890".repeat(8), "57edf4a22be3c955ac49da2e2107b67a"],
];
for (const [s, want] of rfc)
	check(`md5("${s.slice(0, 12)}")`, md5(s), want);

/* Every length around the padding boundaries, and odd chunk splits. */
const big = new Uint8Array(300000);
let x = 12345;
for (let i = 0; i < big.length; i++) {
	x = (x * 1103515245 + 12345) >>> 0;
	big[i] = x >>> 24;
}
for (let n = 0; n < 200; n++) {
	const part = big.subarray(0, n);
	check(`md5 len ${n}`, new PPJ.Md5().update(part).hex(),
		createHash("md5").update(part).digest("hex"));
}
for (const step of [1, 3, 63, 64, 65, 1000, 65537]) {
	const h = new PPJ.Md5();
	for (let off = 0; off < big.length; off += step)
		h.update(big.subarray(off, off + step));
	check(`md5 chunks of ${step}`, h.hex(),
		createHash("md5").update(big).digest("hex"));
}

/* SPEC §2. */
const secret = "kKdBnfSJNnBjex9gczp6P9g2";
check("sign_key", await PPJ.hmacHex("1489820220", secret),
	"8f91cf9d54ccb163af07cc05210ecee355ce92c95c1dbd5558d0f5b3218fac1f");
check("nonce", await PPJ.hmacHex(
	"8f91cf9d54ccb163af07cc05210ecee355ce92c95c1dbd5558d0f5b3218fac1f",
	"7bzaglsx2y1nmujw"),
	"988b7b1bdd05d10a0b21840561097f2dbbabeaf7e2bbe0dc960856a5fcdeb84e");

const vectors = [
	[1489820220, "GET", "/jobs/list", { status: "completed" },
	 "ecebba8f5ca8965833c05797c1c4cff8f48c6346594bad5f2d86bcdef33a7495"],
	[1490089532, "POST", "/jobs",
	 [["file_source", "deck.pptx"],
	  ["file_md5", "be92023d515907f5faaac32c3605d7ec"],
	  ["_credential", "x"]],
	 "562ef9fee364f995dc9e0e5b1d57a855afd4e4bfed4fa414d4937dd1c7c5547f"],
	[1490255398, "get", "/notify",
	 { type: "completed", token: "8v9iSKnj", code: "0",
	   agent: "06875f8b" },
	 "9b566f493c25afa7b57b6e2289f2382c32ab2393bdf0b0367ba77bb53dce36db"],
];
for (const [ts, method, p, params, want] of vectors) {
	const s = await PPJ.signRequest({ id: "app", secret }, method, p,
		params, ts + 0.7);
	check(`signature ${method} ${p}`, s.signature, want);
	check(`timestamp ${p}`, s.timestamp, String(ts));
}
check("text to sign", PPJ.textToSign("GET", "/notify",
	{ type: "c", agent: "a", _x: "1" }), "GET\n/notify\nagent=a&type=c");
check("no params", PPJ.textToSign("GET", "/jobs", {}), "GET\n/jobs\n");
check("byte order", PPJ.paramString({ b: "1", B: "2", "é": "3", a: "4" }),
	"B=2&a=4&b=1&é=3");

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
