/* Unit tests of the output sink: atomic commit, abort, zip contents. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "pack/sink.h"
#include "unit.h"

static bool exists(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0;
}

TEST(dir_commit_is_atomic)
{
	char out[600], file[700];
	struct ppj_sink *s;
	struct ppj_error err = { 0 };

	snprintf(out, sizeof(out), "%s/out", unit_tmpdir());
	REQUIRE(ppj_sink_open_dir(&s, out, &err) == 0);
	CHECK(ppj_sink_write(s, "slides/1.html", "hi", 2, &err) == 0);
	CHECK(!exists(out));
	CHECK(ppj_sink_has(s, "slides/1.html"));
	CHECK(ppj_sink_write(s, "slides/1.html", "x", 1, &err) != 0);
	REQUIRE(ppj_sink_finish(s, &err) == 0);
	snprintf(file, sizeof(file), "%s/slides/1.html", out);
	CHECK(exists(file));
}

TEST(dir_refuses_unsafe_names)
{
	char out[600];
	struct ppj_sink *s;
	struct ppj_error err = { 0 };

	snprintf(out, sizeof(out), "%s/out", unit_tmpdir());
	REQUIRE(ppj_sink_open_dir(&s, out, &err) == 0);
	CHECK(ppj_sink_write(s, "../x", "a", 1, &err) != 0);
	CHECK(ppj_sink_write(s, "/etc/x", "a", 1, &err) != 0);
	CHECK(ppj_sink_write(s, "a b", "a", 1, &err) != 0);
	ppj_sink_abort(s);
	CHECK(!exists(out));
}

TEST(dir_abort_leaves_nothing)
{
	const char *tmp = unit_tmpdir();
	char out[600];
	struct ppj_sink *s;
	struct ppj_error err = { 0 };

	snprintf(out, sizeof(out), "%s/out", tmp);
	REQUIRE(ppj_sink_open_dir(&s, out, &err) == 0);
	CHECK(ppj_sink_write(s, "a/b/c.txt", "x", 1, &err) == 0);
	ppj_sink_abort(s);
	CHECK(!exists(out));
	CHECK(rmdir(tmp) == 0);	/* nothing else was left */
}

TEST(dir_refuses_non_empty_output)
{
	const char *tmp = unit_tmpdir();
	struct ppj_sink *s;
	struct ppj_error err = { 0 };

	CHECK(ppj_sink_open_dir(&s, "/", &err) != 0);
	CHECK(ppj_sink_open_dir(&s, tmp, &err) == 0);	/* empty is fine */
	ppj_sink_abort(s);
}

TEST(zip_holds_files_with_fixed_times)
{
	char out[600];
	struct ppj_sink *s;
	struct ppj_error err = { 0 };
	zip_t *z;
	zip_stat_t st;

	snprintf(out, sizeof(out), "%s/out.zip", unit_tmpdir());
	REQUIRE(ppj_sink_open_zip(&s, out, &err) == 0);
	CHECK(ppj_sink_write(s, "index.html", "<p>", 3, &err) == 0);
	CHECK(ppj_sink_write(s, "assets/a.png", "PNG", 3, &err) == 0);
	REQUIRE(ppj_sink_finish(s, &err) == 0);

	z = zip_open(out, ZIP_RDONLY, NULL);
	REQUIRE(z);
	CHECK_INT(zip_get_num_entries(z, 0), 2);
	REQUIRE(zip_stat(z, "assets/a.png", 0, &st) == 0);
	CHECK_INT(st.comp_method, ZIP_CM_STORE);
	CHECK_INT(st.size, 3);
	zip_discard(z);
}

/* The zip is written to the sink's own temp name, then renamed: no
 * other file is made, and the content reads back whole. */
TEST(zip_leaves_only_the_archive)
{
	const char *tmp = unit_tmpdir();
	char out[600], body[5000];
	struct ppj_sink *s;
	struct ppj_error err = { 0 };
	zip_t *z;
	zip_file_t *f;

	memset(body, 'a', sizeof(body));
	snprintf(out, sizeof(out), "%s/out.zip", tmp);
	REQUIRE(ppj_sink_open_zip(&s, out, &err) == 0);
	CHECK(ppj_sink_write(s, "slides/1.html", body, sizeof(body),
			     &err) == 0);
	REQUIRE(ppj_sink_finish(s, &err) == 0);

	z = zip_open(out, ZIP_RDONLY | ZIP_CHECKCONS, NULL);
	REQUIRE(z);
	f = zip_fopen(z, "slides/1.html", 0);
	REQUIRE(f);
	memset(body, 0, sizeof(body));
	CHECK_INT(zip_fread(f, body, sizeof(body)), (long)sizeof(body));
	CHECK(body[0] == 'a' && body[sizeof(body) - 1] == 'a');
	zip_fclose(f);
	zip_discard(z);

	CHECK(unlink(out) == 0);
	CHECK(rmdir(tmp) == 0);	/* nothing else was left */
}

TEST(zip_unwritable_fails_and_leaves_nothing)
{
	const char *tmp = unit_tmpdir();
	char out[600];
	struct ppj_sink *s;
	struct ppj_error err = { 0 };

	snprintf(out, sizeof(out), "%s/gone/out.zip", tmp);
	if (ppj_sink_open_zip(&s, out, &err) == 0) {
		CHECK(ppj_sink_write(s, "index.html", "<p>", 3, &err) == 0);
		CHECK(ppj_sink_finish(s, &err) != 0);
	}
	CHECK(err.msg[0] != '\0');
	CHECK(rmdir(tmp) == 0);
}

TEST(zip_abort_leaves_nothing)
{
	const char *tmp = unit_tmpdir();
	char out[600];
	struct ppj_sink *s;
	struct ppj_error err = { 0 };

	snprintf(out, sizeof(out), "%s/out.zip", tmp);
	REQUIRE(ppj_sink_open_zip(&s, out, &err) == 0);
	CHECK(ppj_sink_write(s, "index.html", "<p>", 3, &err) == 0);
	ppj_sink_abort(s);
	CHECK(rmdir(tmp) == 0);
}
