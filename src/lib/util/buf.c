/*
 * The capped byte buffer and the escaping helpers built on it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define DEFAULT_CAP ((size_t)256 << 20)

void ppj_buf_init(struct ppj_buf *b, size_t cap)
{
	memset(b, 0, sizeof(*b));
	b->cap = cap;
}

void ppj_buf_release(struct ppj_buf *b)
{
	size_t cap = b->cap;

	free(b->data);
	ppj_buf_init(b, cap);
}

void ppj_buf_reset(struct ppj_buf *b)
{
	b->len = 0;
	b->failed = false;
	if (b->data)
		b->data[0] = '\0';
}

static int grow(struct ppj_buf *b, size_t extra)
{
	size_t cap = b->cap ? b->cap : DEFAULT_CAP;
	size_t want, n;
	char *p;

	if (b->failed)
		return PPJ_ENOMEM;
	if (extra > cap || b->len > cap - extra) {
		b->failed = true;
		return PPJ_ETOOLARGE;
	}
	want = b->len + extra + 1;
	if (want <= b->alloc)
		return 0;

	n = b->alloc ? b->alloc : 256;
	while (n < want)
		n = n > SIZE_MAX / 2 ? want : n * 2;
	p = realloc(b->data, n);
	if (!p) {
		b->failed = true;
		return PPJ_ENOMEM;
	}
	b->data = p;
	b->alloc = n;
	return 0;
}

int ppj_buf_add(struct ppj_buf *b, const void *p, size_t n)
{
	int rc = grow(b, n);

	if (rc)
		return rc;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int ppj_buf_adds(struct ppj_buf *b, const char *s)
{
	return ppj_buf_add(b, s, strlen(s));
}

int ppj_buf_addc(struct ppj_buf *b, char c)
{
	return ppj_buf_add(b, &c, 1);
}

int ppj_buf_vprintf(struct ppj_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n, rc;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return PPJ_EINTERNAL;

	rc = grow(b, (size_t)n);
	if (rc)
		return rc;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int ppj_buf_printf(struct ppj_buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = ppj_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

int ppj_buf_add_html(struct ppj_buf *b, const char *s)
{
	const char *start = s;

	for (; *s; s++) {
		const char *rep;

		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		ppj_buf_add(b, start, (size_t)(s - start));
		ppj_buf_adds(b, rep);
		start = s + 1;
	}
	return ppj_buf_add(b, start, (size_t)(s - start));
}

int ppj_buf_add_json(struct ppj_buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			ppj_buf_addc(b, '\\');
			ppj_buf_addc(b, (char)c);
		} else if (c == '\n') {
			ppj_buf_adds(b, "\\n");
		} else if (c == '\t') {
			ppj_buf_adds(b, "\\t");
		} else if (c == '\r') {
			ppj_buf_adds(b, "\\r");
		} else if (c < 0x20) {
			ppj_buf_printf(b, "\\u%04x", c);
		} else {
			ppj_buf_addc(b, (char)c);
		}
	}
	return b->failed ? PPJ_ENOMEM : 0;
}

int ppj_buf_add_num(struct ppj_buf *b, double v, int digits)
{
	char tmp[64];
	long long scale = 1, whole, frac;
	bool neg;
	int i, n;

	if (!isfinite(v))
		v = 0;
	if (digits < 0)
		digits = 0;
	if (digits > 6)
		digits = 6;
	for (i = 0; i < digits; i++)
		scale *= 10;

	/* Integer arithmetic keeps the output independent of the locale. */
	if (fabs(v) > 1e15)
		v = v < 0 ? -1e15 : 1e15;
	neg = v < 0;
	whole = llround(fabs(v) * (double)scale);
	frac = whole % scale;
	whole /= scale;
	if (whole == 0 && frac == 0)
		neg = false;

	n = snprintf(tmp, sizeof(tmp), "%s%lld", neg ? "-" : "", whole);
	if (frac) {
		int d = digits;

		while (frac % 10 == 0) {
			frac /= 10;
			d--;
		}
		n += snprintf(tmp + n, sizeof(tmp) - (size_t)n, ".%0*lld", d,
			      frac);
	}
	return ppj_buf_add(b, tmp, (size_t)n);
}

char *ppj_buf_detach(struct ppj_buf *b, size_t *len)
{
	char *p = b->data;

	if (!p) {
		p = calloc(1, 1);
		if (len)
			*len = 0;
	} else if (len) {
		*len = b->len;
	}
	b->data = NULL;
	b->len = b->alloc = 0;
	b->failed = false;
	return p;
}

bool ppj_streq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

bool ppj_startswith(const char *s, const char *prefix)
{
	return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

bool ppj_endswith(const char *s, const char *suffix)
{
	size_t n, m;

	if (!s)
		return false;
	n = strlen(s);
	m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

uint32_t ppj_utf8_next(const char **sp, const char *end)
{
	const unsigned char *s = (const unsigned char *)*sp;
	const unsigned char *e = (const unsigned char *)end;
	uint32_t cp;
	int n, i;

	if (s >= e)
		return 0;
	if (s[0] < 0x80) {
		*sp += 1;
		return s[0];
	}
	if ((s[0] & 0xE0) == 0xC0) {
		cp = s[0] & 0x1F;
		n = 1;
	} else if ((s[0] & 0xF0) == 0xE0) {
		cp = s[0] & 0x0F;
		n = 2;
	} else if ((s[0] & 0xF8) == 0xF0) {
		cp = s[0] & 0x07;
		n = 3;
	} else {
		*sp += 1;
		return 0xFFFD;
	}
	if (e - s <= n) {
		*sp = end;
		return 0xFFFD;
	}
	for (i = 1; i <= n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*sp += i;
			return 0xFFFD;
		}
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	*sp += n + 1;
	return cp > 0x10FFFF ? 0xFFFD : cp;
}

int ppj_buf_add_utf8(struct ppj_buf *b, uint32_t cp)
{
	char t[4];

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		t[0] = (char)cp;
		return ppj_buf_add(b, t, 1);
	}
	if (cp < 0x800) {
		t[0] = (char)(0xC0 | (cp >> 6));
		t[1] = (char)(0x80 | (cp & 0x3F));
		return ppj_buf_add(b, t, 2);
	}
	if (cp < 0x10000) {
		t[0] = (char)(0xE0 | (cp >> 12));
		t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[2] = (char)(0x80 | (cp & 0x3F));
		return ppj_buf_add(b, t, 3);
	}
	t[0] = (char)(0xF0 | (cp >> 18));
	t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	t[3] = (char)(0x80 | (cp & 0x3F));
	return ppj_buf_add(b, t, 4);
}
