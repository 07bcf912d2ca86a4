/*
 * The job object of SPEC §1 as JSON, and the ISO 8601 dates it uses.
 */
#ifndef PPJ_SRV_JOB_JSON_H
#define PPJ_SRV_JOB_JSON_H

#include <jansson.h>
#include <stdint.h>

#include "server/store/store.h"

/* A new JSON object for j (the caller owns the reference). */
json_t *job_json(const struct store_job *j);

/* "2017-03-16T02:20:39+00:00" for Unix milliseconds ms. */
void iso_date(int64_t ms, char out[32]);

/*
 * Parses an ISO 8601 date-time with an offset ("Z", "+01:00", "+0100";
 * a space stands for the '+' that a query string decodes to a space).
 * Returns 0 with *ms set, or -1.
 */
int iso_parse(const char *s, int64_t *ms);

#endif
