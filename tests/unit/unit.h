/*
 * A very small test harness. Each file defines tests with TEST(name); the
 * runner (unit.c) runs one test by name or all of them, each in its own
 * child process so that a crash in one is reported as that test failing.
 *
 * CHECK() records a failure and goes on; REQUIRE() stops the test.
 */
#ifndef PPJ_UNIT_H
#define PPJ_UNIT_H

#include <stdio.h>
#include <string.h>

struct unit_test {
	const char *name;
	void (*fn)(void);
	struct unit_test *next;
};

void unit_register(struct unit_test *t);
extern int unit_failures;

#define TEST(name)							\
	static void test_##name(void);					\
	static struct unit_test unit_##name = { #name, test_##name, 0 }; \
	__attribute__((constructor)) static void reg_##name(void)	\
	{ unit_register(&unit_##name); }				\
	static void test_##name(void)

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: check failed: %s\n",		\
			__FILE__, __LINE__, #cond);			\
		unit_failures++;					\
	}								\
} while (0)

#define REQUIRE(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: requirement failed: %s\n",	\
			__FILE__, __LINE__, #cond);			\
		unit_failures++;					\
		return;							\
	}								\
} while (0)

#define CHECK_STR(a, b) do {						\
	const char *a_ = (a), *b_ = (b);				\
	if (!a_ || !b_ || strcmp(a_, b_) != 0) {			\
		fprintf(stderr, "%s:%d: \"%s\" != \"%s\"\n",		\
			__FILE__, __LINE__, a_ ? a_ : "(null)",		\
			b_ ? b_ : "(null)");				\
		unit_failures++;					\
	}								\
} while (0)

#define CHECK_INT(a, b) do {						\
	long long a_ = (long long)(a), b_ = (long long)(b);		\
	if (a_ != b_) {							\
		fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n",	\
			__FILE__, __LINE__, #a, a_, b_);		\
		unit_failures++;					\
	}								\
} while (0)

/* A fresh empty directory for this test (under $TMPDIR); never freed. */
const char *unit_tmpdir(void);

/*
 * The whole file dir/rel (rel may be NULL: dir is the path), malloc'd and
 * NUL-terminated; *len (if not NULL) its size. NULL if it cannot be read.
 */
char *unit_read(const char *dir, const char *rel, size_t *len);

/* A path for name in a fresh directory (four stay valid at a time). */
const char *unit_out_dir(const char *name);

#endif
