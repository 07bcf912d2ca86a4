/*
 * The job state machine of SPEC §1, shared by every store: names and the
 * forward-only rule.
 */
#include <string.h>
#include <sys/time.h>

#include "server/store/store.h"

static const char *names[JOB_NSTATES] = {
	"converting", "rendering", "disting", "notifying", "completed",
	"halted", "deleted",
};

const char *job_state_name(int state)
{
	return state >= 0 && state < JOB_NSTATES ? names[state] : "unknown";
}

int job_state_parse(const char *name)
{
	for (int i = 0; i < JOB_NSTATES; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

bool job_state_in_progress(int state)
{
	return state >= JOB_CONVERTING && state <= JOB_NOTIFYING;
}

bool job_transition_ok(int from, int to)
{
	if (job_state_in_progress(from))
		return to == JOB_HALTED ||
			(to > from && to <= JOB_COMPLETED);
	if (from == JOB_COMPLETED || from == JOB_HALTED)
		return to == JOB_DELETED;
	return false;
}

int64_t store_now_ms(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}
