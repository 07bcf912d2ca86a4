/* Unit tests of ppj_convert_file's own checks, before any reader runs. */
#include <stdio.h>
#include <string.h>

#include "ppj/ppj.h"
#include "unit.h"

TEST(missing_deck_is_an_io_error)
{
	char out[600];
	struct ppj_error err = { 0 };

	snprintf(out, sizeof(out), "%s/o", unit_tmpdir());
	CHECK_INT(ppj_convert_file("/nonexistent/deck.pptx", out, NULL, NULL,
				   &err), PPJ_EIO);
	CHECK(strstr(err.msg, "No such file") != NULL);
}

TEST(text_file_is_not_a_deck)
{
	const char *tmp = unit_tmpdir();
	char in[600], out[600];
	struct ppj_error err = { 0 };
	FILE *f;

	snprintf(in, sizeof(in), "%s/deck.pptx", tmp);
	snprintf(out, sizeof(out), "%s/o", tmp);
	f = fopen(in, "w");
	REQUIRE(f);
	fputs("hello, not a deck\n", f);
	fclose(f);
	CHECK_INT(ppj_convert_file(in, out, NULL, NULL, &err), PPJ_ENOTDECK);
	CHECK(strstr(err.msg, "not a PowerPoint file") != NULL);
}

TEST(one_output_is_asked_for)
{
	struct ppj_error err = { 0 };

	CHECK_INT(ppj_convert_file("x.pptx", NULL, NULL, NULL, &err),
		  PPJ_EUSAGE);
	CHECK_INT(ppj_convert_file("x.pptx", "a", "b.zip", NULL, &err),
		  PPJ_EUSAGE);
}
