/*
 * md5.js: incremental MD5 (RFC 1321) over bytes, for the upload page.
 * Web Crypto has no MD5, and the job API wants the file's MD5 in
 * file_md5, so the page hashes the file itself, chunk by chunk, without
 * holding the whole file in memory.
 *
 *   const h = new PPJ.Md5();
 *   h.update(uint8array);  // any number of times
 *   h.hex();               // "d41d8cd98f00b204e9800998ecf8427e"
 *
 * Works in browsers and in node (tests load it with vm).
 */
"use strict";

var PPJ = globalThis.PPJ || (globalThis.PPJ = {});

(function () {
	/* Shift amounts per round; the sine table K[i] = |sin(i+1)| * 2^32. */
	const S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
	const K = new Int32Array(64);
	for (let i = 0; i < 64; i++)
		K[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 4294967296) | 0;

	/* One 64-byte block at off in buf into the state st (Int32Array 4). */
	function block(st, buf, off, w) {
		let a = st[0], b = st[1], c = st[2], d = st[3];

		for (let i = 0; i < 16; i++) {
			const j = off + i * 4;
			w[i] = buf[j] | buf[j + 1] << 8 | buf[j + 2] << 16 |
				buf[j + 3] << 24;
		}
		for (let i = 0; i < 64; i++) {
			let f, g;
			const r = i >> 4;

			if (r === 0) {
				f = (b & c) | (~b & d);
				g = i;
			} else if (r === 1) {
				f = (d & b) | (~d & c);
				g = (5 * i + 1) & 15;
			} else if (r === 2) {
				f = b ^ c ^ d;
				g = (3 * i + 5) & 15;
			} else {
				f = c ^ (b | ~d);
				g = (7 * i) & 15;
			}
			const s = S[r * 4 + (i & 3)];
			const t = (a + f + K[i] + w[g]) | 0;
			a = d;
			d = c;
			c = b;
			b = (b + ((t << s) | (t >>> (32 - s)))) | 0;
		}
		st[0] = (st[0] + a) | 0;
		st[1] = (st[1] + b) | 0;
		st[2] = (st[2] + c) | 0;
		st[3] = (st[3] + d) | 0;
	}

	class Md5 {
		constructor() {
			this.st = new Int32Array([0x67452301, 0xefcdab89 | 0,
				0x98badcfe | 0, 0x10325476]);
			this.tail = new Uint8Array(64);
			this.ntail = 0;
			this.total = 0;
			this.w = new Int32Array(16);
			this.done = null;
		}

		/* Adds bytes (Uint8Array or ArrayBuffer). */
		update(data) {
			const buf = data instanceof Uint8Array ? data :
				new Uint8Array(data);
			let off = 0;

			if (this.done)
				throw new Error("md5: update after hex()");
			this.total += buf.length;
			if (this.ntail > 0) {
				const n = Math.min(64 - this.ntail, buf.length);
				this.tail.set(buf.subarray(0, n), this.ntail);
				this.ntail += n;
				off = n;
				if (this.ntail < 64)
					return this;
				block(this.st, this.tail, 0, this.w);
				this.ntail = 0;
			}
			for (; off + 64 <= buf.length; off += 64)
				block(this.st, buf, off, this.w);
			this.tail.set(buf.subarray(off), 0);
			this.ntail = buf.length - off;
			return this;
		}

		/* Pads, finishes and returns the lowercase hex digest. */
		hex() {
			if (this.done)
				return this.done;

			const pad = new Uint8Array(this.ntail < 56 ? 64 : 128);
			const bits = this.total * 8;
			pad.set(this.tail.subarray(0, this.ntail));
			pad[this.ntail] = 0x80;
			for (let i = 0; i < 8; i++)
				pad[pad.length - 8 + i] =
					Math.floor(bits / 2 ** (8 * i)) & 0xff;
			for (let off = 0; off < pad.length; off += 64)
				block(this.st, pad, off, this.w);

			let out = "";
			for (let i = 0; i < 16; i++) {
				const v = (this.st[i >> 2] >>>
					((i & 3) * 8)) & 0xff;
				out += (v < 16 ? "0" : "") + v.toString(16);
			}
			this.done = out;
			return out;
		}
	}

	/*
	 * MD5 of a File or Blob, read in 4 MiB slices. onprogress(done, total)
	 * is called after each slice; resolves to the hex digest.
	 */
	async function md5File(file, onprogress) {
		const step = 4 << 20;
		const h = new Md5();

		for (let off = 0; off < file.size; off += step) {
			const end = Math.min(off + step, file.size);
			const part = file.slice(off, end);
			h.update(new Uint8Array(await part.arrayBuffer()));
			if (onprogress)
				onprogress(end, file.size);
		}
		return h.hex();
	}

	PPJ.Md5 = Md5;
	PPJ.md5File = md5File;
})();
