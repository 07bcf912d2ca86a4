/*
 * Small shared pieces of the library: an arena for the model, a growable
 * byte buffer with a hard cap, and error helpers.
 *
 * Nothing here prints or exits. Allocation failures come back as NULL or
 * a negative PPJ_ENOMEM, and every growable thing has a cap because every
 * byte we hold may have been chosen by an attacker.
 */
#ifndef PPJ_UTIL_H
#define PPJ_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ppj/ppj.h"

/* ---- errors ---- */

/*
 * Sets err (if not NULL and not already set) to code and the formatted
 * message, and returns code, so that `return ppj__error(err, ...)` reads
 * well. The first error wins: later ones are usually consequences.
 */
int ppj__error(struct ppj_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

void ppj__error_clear(struct ppj_error *err);

/* ---- arena ---- */

/*
 * An arena hands out memory that lives until the arena is released. The
 * model of a deck lives in one, so a reader that fails half-way frees
 * everything at once. The cap bounds the memory one deck may take.
 */
struct ppj_arena {
	struct ppj_arena_block *head;
	size_t used;		/* bytes handed out, all blocks */
	size_t cap;		/* 0: no cap */
	bool failed;		/* an allocation was refused */
};

void ppj_arena_init(struct ppj_arena *a, size_t cap);
void ppj_arena_release(struct ppj_arena *a);

/* Zeroed memory, aligned for any type; NULL when over the cap. */
void *ppj_arena_alloc(struct ppj_arena *a, size_t n);
void *ppj_arena_calloc(struct ppj_arena *a, size_t count, size_t size);
char *ppj_arena_strdup(struct ppj_arena *a, const char *s);
char *ppj_arena_strndup(struct ppj_arena *a, const char *s, size_t n);
char *ppj_arena_printf(struct ppj_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Appends one zeroed element to a growable arena array: *itemsp points to
 * the array (NULL at first), *count and *cap are its length and room.
 * Returns the new element, or NULL when the arena refuses. The old array
 * stays in the arena until it is released (doubling bounds the waste).
 */
void *ppj_arena_push(struct ppj_arena *a, void *itemsp, size_t *count,
		     size_t *cap, size_t size);

/* ---- buffer ---- */

/*
 * A growable byte buffer, always NUL-terminated after len bytes. Appends
 * fail (and set failed, which sticks) once len would pass cap, so a caller
 * can append freely and check once at the end.
 */
struct ppj_buf {
	char *data;
	size_t len;
	size_t alloc;
	size_t cap;		/* 0: 256 MiB */
	bool failed;
};

#define PPJ_BUF_INIT { NULL, 0, 0, 0, false }

void ppj_buf_init(struct ppj_buf *b, size_t cap);
void ppj_buf_release(struct ppj_buf *b);
void ppj_buf_reset(struct ppj_buf *b);
int ppj_buf_add(struct ppj_buf *b, const void *p, size_t n);
int ppj_buf_adds(struct ppj_buf *b, const char *s);
int ppj_buf_addc(struct ppj_buf *b, char c);
int ppj_buf_printf(struct ppj_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int ppj_buf_vprintf(struct ppj_buf *b, const char *fmt, va_list ap);

/* Appends s with &, <, >, " and ' escaped for HTML text and attributes. */
int ppj_buf_add_html(struct ppj_buf *b, const char *s);

/* Appends s as the inside of a JSON string (no quotes added). */
int ppj_buf_add_json(struct ppj_buf *b, const char *s);

/*
 * Appends a number with at most `digits` decimals, trailing zeros cut,
 * never in exponent form and independent of the locale.
 */
int ppj_buf_add_num(struct ppj_buf *b, double v, int digits);

/* Hands the data to the caller (who frees it) and resets b. */
char *ppj_buf_detach(struct ppj_buf *b, size_t *len);

/* ---- strings ---- */

bool ppj_streq(const char *a, const char *b);	/* NULL-safe */
bool ppj_startswith(const char *s, const char *prefix);
bool ppj_endswith(const char *s, const char *suffix);

/* ---- bytes ---- */

uint16_t ppj_le16(const unsigned char *p);
void ppj_put_le16(unsigned char *p, uint16_t v);
uint16_t ppj_be16(const unsigned char *p);
uint32_t ppj_be32(const unsigned char *p);

/* A WMF's placeable header ([MS-WMF] 2.3.2.3): its key and size. */
#define PPJ_WMF_KEY "\xd7\xcd\xc6\x9a"
#define PPJ_WMF_PLACEABLE 22

/* Writes the header at h: bounds in logical units, units an inch. */
void ppj_wmf_placeable(unsigned char *h, int left, int top, int right,
		       int bottom, unsigned inch);

/* Decodes one UTF-8 code point at s (at most n bytes); 0xFFFD if bad. */
uint32_t ppj_utf8_next(const char **s, const char *end);
/* Appends code point cp as UTF-8. */
int ppj_buf_add_utf8(struct ppj_buf *b, uint32_t cp);

/* ---- a decoder in a child process ---- */

/*
 * Runs in the child: decodes arg and writes the result to fd (with
 * ppj_child_write); returns 0 on success.
 */
typedef int (*ppj_child_fn)(void *arg, int fd);

/*
 * Runs fn in a forked child whose output goes nowhere and reads what it
 * writes: malloc'd bytes (*len set), or NULL when the child failed,
 * crashed, wrote more than cap bytes or was silent for deadline_ms.
 */
unsigned char *ppj_child_run(ppj_child_fn fn, void *arg, size_t cap,
			     int deadline_ms, size_t *len);

/* Writes all of data to fd; -1 on failure. */
int ppj_child_write(int fd, const void *data, size_t n);

/* ---- number formats (numfmt.c) ---- */

#define PPJ_SERIAL_MAX 2958465	/* 9999-12-31 as an Excel date serial */

/* Whether a spreadsheet number format shows a date. */
bool ppj_numfmt_is_date(const char *f);

/* Appends an Excel date serial shown with the date format f. */
void ppj_numfmt_date(struct ppj_buf *b, double serial, const char *f);

/*
 * Appends v shown with the number format f ("0.0%", "#,##0", a date);
 * false, with nothing appended, for General or what it cannot show.
 */
bool ppj_numfmt(struct ppj_buf *b, double v, const char *f);

/* An Excel date serial (days since 1899-12-30) and its calendar date. */
void ppj_serial_date(double serial, int *y, int *m, int *d);
double ppj_date_serial(int y, int m, int d);

#endif
