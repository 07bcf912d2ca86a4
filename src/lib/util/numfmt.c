/*
 * Spreadsheet number formats ("0.0%", "#,##0", "m/d/yyyy"...), the part
 * charts need for their axis labels: one number placeholder run with
 * decimals, thousands separators and scaling commas, percent, literal
 * text, and dates from Excel serials. Scientific, fractions and times
 * are not handled: the caller falls back to its own form.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

#define NUMFMT_MAX 64		/* characters of output we write at most */

bool ppj_numfmt_is_date(const char *f)
{
	bool quoted = false;

	for (; f && *f; f++) {
		if (*f == '"')
			quoted = !quoted;
		else if (*f == '\\' && f[1])
			f++;
		else if (*f == '[' && !quoted && strchr(f, ']'))
			f = strchr(f, ']');
		else if (!quoted && strchr("dDyY", *f))
			return true;
	}
	return false;
}

/* Days since 1899-12-30 (Excel's serial, 1900 leap bug included). */
static void civil(long days, int *y, int *m, int *d)
{
	long z = days - 25569 + 719468;	/* to days since 0000-03-01 */
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

void ppj_serial_date(double serial, int *y, int *m, int *d)
{
	if (!isfinite(serial) || serial < 1 || serial > PPJ_SERIAL_MAX)
		serial = 1;
	civil((long)serial, y, m, d);
}

double ppj_date_serial(int y, int m, int d)
{
	long yy = y - (m <= 2), era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (double)(era * 146097 + doe - 719468 + 25569);
}

static size_t run_of(const char *f, char c)
{
	size_t n = 0;

	while (f[n] == c || f[n] == c - 'a' + 'A')
		n++;
	return n;
}

/*
 * Skips a literal at f ("text", \c, _c, *c, [..]), appending the text
 * it shows (a currency of [$€-407]); returns its length, 0 if none.
 */
static size_t literal(const char *f, struct ppj_buf *b)
{
	const char *e;

	switch (*f) {
	case '"':
		e = strchr(f + 1, '"');
		if (!e)
			return strlen(f);
		ppj_buf_add(b, f + 1, (size_t)(e - f - 1));
		return (size_t)(e - f + 1);
	case '\\':
		if (f[1])
			ppj_buf_addc(b, f[1]);
		return f[1] ? 2 : 1;
	case '_':
		if (f[1])
			ppj_buf_addc(b, ' ');
		return f[1] ? 2 : 1;
	case '*':
		return f[1] ? 2 : 1;
	case '[':
		e = strchr(f, ']');
		if (!e)
			return strlen(f);
		if (f[1] == '$') {
			const char *dash = memchr(f, '-', (size_t)(e - f));

			ppj_buf_add(b, f + 2, (size_t)((dash ? dash : e) -
						       f - 2));
		}
		return (size_t)(e - f + 1);
	default:
		return 0;
	}
}

static void date_part(const char *f, size_t *n, int y, int m, int d,
		      struct ppj_buf *b)
{
	static const char *const mon[] = { "January", "February", "March",
		"April", "May", "June", "July", "August", "September",
		"October", "November", "December" };

	if ((*n = run_of(f, 'y'))) {
		ppj_buf_printf(b, *n > 2 ? "%d" : "%02d", *n > 2 ? y : y % 100);
	} else if ((*n = run_of(f, 'm'))) {
		if (*n >= 5)
			ppj_buf_addc(b, mon[m - 1][0]);
		else if (*n >= 3)
			ppj_buf_printf(b, "%.*s", *n == 3 ? 3 : 20, mon[m - 1]);
		else
			ppj_buf_printf(b, *n == 2 ? "%02d" : "%d", m);
	} else if ((*n = run_of(f, 'd'))) {
		ppj_buf_printf(b, *n == 2 ? "%02d" : "%d", d);
	}
}

void ppj_numfmt_date(struct ppj_buf *b, double serial, const char *f)
{
	size_t start = b->len, n;
	int y, m, d;

	ppj_serial_date(serial, &y, &m, &d);
	while (f && *f && *f != ';' && b->len - start < NUMFMT_MAX) {
		if ((n = literal(f, b))) {
			f += n;
			continue;
		}
		date_part(f, &n, y, m, d, b);
		if (n)
			f += n;
		else
			ppj_buf_addc(b, *f++);
	}
}

/* The number placeholders of one section: digits wanted and scaling. */
struct numspec {
	int int0;		/* '0's before the point: digits always shown */
	int dec0, dec;		/* '0's after it, and all placeholders after */
	bool group;		/* a ',' between digits: thousands separated */
	int per_mille;		/* trailing ',': divide by 1000 each */
	bool percent;
};

/* Reads the placeholder run at f; returns its length. */
static size_t spec_of(const char *f, struct numspec *sp)
{
	const char *p = f;
	bool point = false;

	for (; *p && strchr("0#?,.", *p); p++) {
		if (*p == '.') {
			point = true;
		} else if (*p == ',') {
			if (strchr("0#?", p[1]) && p[1])
				sp->group = true;
			else
				sp->per_mille++;
		} else if (point) {
			sp->dec += sp->dec < 10;
			sp->dec0 += *p == '0' && sp->dec0 < 10;
		} else {
			sp->int0 += *p == '0';
		}
	}
	return (size_t)(p - f);
}

static void digits(struct ppj_buf *b, double v, const struct numspec *sp)
{
	char tmp[96], *dot;
	size_t len;
	int n;

	double scale = pow(10, sp->dec);

	/* Half away from zero, as spreadsheets round (printf: to even). */
	n = snprintf(tmp, sizeof(tmp), "%.*f", sp->dec,
		     round(fmin(fabs(v), 1e15) * scale) / scale);
	if (n <= 0 || (size_t)n >= sizeof(tmp))
		return;
	dot = strchr(tmp, '.');
	len = dot ? (size_t)(dot - tmp) : strlen(tmp);
	if (len == 1 && tmp[0] == '0' && sp->int0 == 0 && sp->dec)
		len = 0, memmove(tmp, tmp + 1, strlen(tmp));
	for (size_t i = 0; i < len; i++) {
		ppj_buf_addc(b, tmp[i]);
		if (sp->group && (len - 1 - i) % 3 == 0 && i + 1 < len)
			ppj_buf_addc(b, ',');
	}
	if (!dot || !sp->dec)
		return;
	dot = tmp + len;
	n = (int)strlen(dot);
	while (n > 1 + sp->dec0 && dot[n - 1] == '0')
		n--;		/* '#' decimals drop trailing zeros */
	if (n > 1)
		ppj_buf_add(b, dot, (size_t)n);
}

/* The section of f for v: the second for negatives when there is one. */
static const char *section(const char *f, double v, bool *sign)
{
	const char *semi = strchr(f, ';');

	*sign = v < 0;
	if (v < 0 && semi && semi[1] && semi[1] != ';') {
		*sign = false;
		return semi + 1;
	}
	return f;
}

/* Whether the section holds what we do not format (E+, fractions, time). */
static bool unsupported(const char *f)
{
	for (; *f && *f != ';'; f++) {
		size_t n;
		struct ppj_buf none = PPJ_BUF_INIT;

		ppj_buf_init(&none, 1);
		n = literal(f, &none);
		ppj_buf_release(&none);
		if (n) {
			f += n - 1;
			continue;
		}
		if (strchr("eE/hHsS@", *f))
			return true;
	}
	return false;
}

bool ppj_numfmt(struct ppj_buf *b, double v, const char *f)
{
	struct numspec sp = { 0 };
	bool sign, placed = false;
	size_t n;

	if (!f || !*f || !strncmp(f, "General", 7) || !isfinite(v))
		return false;
	if (ppj_numfmt_is_date(f)) {
		ppj_numfmt_date(b, v, f);
		return true;
	}
	f = section(f, v, &sign);
	if (unsupported(f))
		return false;
	sp.percent = strchr(f, '%') && !memchr(f, ';', (size_t)(strchr(f,
						'%') - f));
	if (sign)
		ppj_buf_addc(b, '-');
	while (*f && *f != ';') {
		if ((n = literal(f, b))) {
			f += n;
		} else if (!placed && strchr("0#?.", *f)) {
			f += spec_of(f, &sp);
			for (int i = 0; i < sp.per_mille && i < 5; i++)
				v /= 1000;
			digits(b, sp.percent ? v * 100 : v, &sp);
			placed = true;
		} else {
			ppj_buf_addc(b, *f++);
		}
	}
	return true;
}
