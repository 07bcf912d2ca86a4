/*
 * Job objects and dates as clients of the PPJ v1 API see them.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "server/routes/job-json.h"

void iso_date(int64_t ms, char out[32])
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
}

json_t *job_json(const struct store_job *j)
{
	char created[32], updated[32];
	json_t *o, *err = json_null();

	iso_date(j->created_ms, created);
	iso_date(j->updated_ms, updated);
	if (j->err_code[0])
		err = json_pack("{s:s, s:s}", "code", j->err_code, "message",
				j->err_msg);
	o = json_pack("{s:s, s:s, s:s, s:I, s:o, s:i, s:o, s:s, s:I, s:s}",
		      "token", j->token,
		      "state", job_state_name(j->state),
		      "source_filename", j->source_filename,
		      "source_filesize", (json_int_t)j->source_filesize,
		      "total_pages", j->total_pages >= 0 ?
		      json_integer(j->total_pages) : json_null(),
		      "progress", j->progress,
		      "last_error", err,
		      "created_at", created,
		      "created_at_in_ts", (json_int_t)(j->created_ms / 1000),
		      "updated_at", updated);
	return o;
}

/* Reads exactly n digits at *s into *v and moves *s past them. */
static int digits(const char **s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++, (*s)++) {
		if (**s < '0' || **s > '9')
			return -1;
		*v = *v * 10 + (**s - '0');
	}
	return 0;
}

static int parse_offset(const char *s, int *secs)
{
	int sign, hh, mm;

	if (!strcmp(s, "Z") || !strcmp(s, "z")) {
		*secs = 0;
		return 0;
	}
	if (*s != '+' && *s != '-' && *s != ' ')
		return -1;
	sign = *s++ == '-' ? -1 : 1;
	if (digits(&s, 2, &hh))
		return -1;
	if (*s == ':')
		s++;
	if (digits(&s, 2, &mm) || *s || hh > 23 || mm > 59)
		return -1;
	*secs = sign * (hh * 3600 + mm * 60);
	return 0;
}

int iso_parse(const char *s, int64_t *ms)
{
	struct tm tm = { 0 };
	int y, mo, d, h, mi, sec, off, frac = 0;

	if (!s || strlen(s) > 40)
		return -1;
	if (digits(&s, 4, &y) || *s++ != '-' || digits(&s, 2, &mo) ||
	    *s++ != '-' || digits(&s, 2, &d) || (*s != 'T' && *s != 't'))
		return -1;
	s++;
	if (digits(&s, 2, &h) || *s++ != ':' || digits(&s, 2, &mi) ||
	    *s++ != ':' || digits(&s, 2, &sec))
		return -1;
	if (*s == '.') {
		int n = 0;

		for (s++; *s >= '0' && *s <= '9'; s++, n++)
			if (n < 3)
				frac = frac * 10 + (*s - '0');
		if (n == 0)
			return -1;
		for (; n < 3; n++)
			frac *= 10;
	}
	if (parse_offset(s, &off) || y < 1970 || mo < 1 || mo > 12 ||
	    d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*ms = ((int64_t)timegm(&tm) - off) * 1000 + frac;
	return 0;
}
