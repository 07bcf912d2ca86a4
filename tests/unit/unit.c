/*
 * The runner of the unit harness: `test-x` runs every test in its own
 * child process and prints one line each; `test-x NAME` runs one test in
 * this process (handy under a debugger).
 */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"

static struct unit_test *head, **tail = &head;
int unit_failures;

void unit_register(struct unit_test *t)
{
	*tail = t;
	tail = &t->next;
}

const char *unit_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	static char path[512];

	snprintf(path, sizeof(path), "%s/ppj-unit-XXXXXX",
		 base ? base : "/tmp");
	if (!mkdtemp(path)) {
		perror("mkdtemp");
		exit(1);
	}
	return path;
}

char *unit_read(const char *dir, const char *rel, size_t *len)
{
	char path[1024];
	FILE *f;
	char *data;
	long n;

	snprintf(path, sizeof(path), "%s%s%s", dir, rel ? "/" : "",
		 rel ? rel : "");
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (data && fread(data, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	if (data)
		data[n] = 0;
	fclose(f);
	if (len)
		*len = data ? (size_t)n : 0;
	return data;
}

const char *unit_out_dir(const char *name)
{
	static char buf[4][700];
	static int k;
	char *p = buf[k++ % 4];

	snprintf(p, 700, "%s/%s", unit_tmpdir(), name);
	return p;
}

static int run_one(struct unit_test *t)
{
	unit_failures = 0;
	t->fn();
	return unit_failures ? 1 : 0;
}

static int run_forked(struct unit_test *t)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0)
		_exit(run_one(t));
	if (waitpid(pid, &status, 0) < 0)
		return 1;
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "%s: killed by signal %d\n", t->name,
			WTERMSIG(status));
		return 1;
	}
	return WEXITSTATUS(status) != 0;
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;

	if (argc > 1) {
		for (struct unit_test *t = head; t; t = t->next)
			if (strcmp(t->name, argv[1]) == 0)
				return run_one(t);
		fprintf(stderr, "no test named '%s'\n", argv[1]);
		return 2;
	}

	for (struct unit_test *t = head; t; t = t->next) {
		int bad = run_forked(t);

		printf("%s %s\n", bad ? "FAIL" : "ok  ", t->name);
		bad ? failed++ : passed++;
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
