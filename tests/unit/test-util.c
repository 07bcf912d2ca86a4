/* Unit tests of the arena, the capped buffer and the escapers. */
#include <stdio.h>
#include <stdlib.h>

#include "model/model.h"
#include "unit.h"
#include "util/util.h"

TEST(arena_cap_refuses)
{
	struct ppj_arena a;

	ppj_arena_init(&a, 1000);
	CHECK(ppj_arena_alloc(&a, 500) != NULL);
	CHECK(ppj_arena_alloc(&a, 600) == NULL);
	CHECK(a.failed);
	ppj_arena_release(&a);
}

TEST(arena_big_blocks_and_push)
{
	struct ppj_arena a;
	int *items = NULL;
	size_t n = 0, cap = 0;

	ppj_arena_init(&a, 0);
	for (int i = 0; i < 1000; i++) {
		int *p = ppj_arena_push(&a, &items, &n, &cap, sizeof(int));

		REQUIRE(p);
		*p = i;
	}
	CHECK_INT(n, 1000);
	CHECK_INT(items[999], 999);
	CHECK(ppj_arena_alloc(&a, 1 << 20) != NULL);
	CHECK_STR(ppj_arena_printf(&a, "%d-%s", 7, "x"), "7-x");
	ppj_arena_release(&a);
}

TEST(buf_cap_sticks)
{
	struct ppj_buf b;

	ppj_buf_init(&b, 8);
	CHECK(ppj_buf_adds(&b, "1234") == 0);
	CHECK(ppj_buf_adds(&b, "56789") != 0);
	CHECK(b.failed);
	CHECK(ppj_buf_adds(&b, "a") != 0);
	CHECK_STR(b.data, "1234");
	ppj_buf_release(&b);
}

TEST(buf_escapes)
{
	struct ppj_buf b = PPJ_BUF_INIT;

	ppj_buf_add_html(&b, "<a href=\"x\">&'");
	CHECK_STR(b.data, "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
	ppj_buf_reset(&b);
	ppj_buf_add_json(&b, "a\"b\\c\n\x01");
	CHECK_STR(b.data, "a\\\"b\\\\c\\n\\u0001");
	ppj_buf_release(&b);
}

TEST(buf_numbers)
{
	struct ppj_buf b = PPJ_BUF_INIT;

	ppj_buf_add_num(&b, 1.5, 3);
	ppj_buf_addc(&b, ' ');
	ppj_buf_add_num(&b, -0.0001, 3);
	ppj_buf_addc(&b, ' ');
	ppj_buf_add_num(&b, 2.0 / 3.0, 2);
	ppj_buf_addc(&b, ' ');
	ppj_buf_add_num(&b, -12.25, 1);
	CHECK_STR(b.data, "1.5 0 0.67 -12.3");
	ppj_buf_release(&b);
}

TEST(utf8_round_trip)
{
	const char *s = "a\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80\xff";
	const char *p = s, *end = s + strlen(s);
	struct ppj_buf b = PPJ_BUF_INIT;
	uint32_t cps[6];
	int n = 0;

	while (p < end && n < 6)
		cps[n++] = ppj_utf8_next(&p, end);
	CHECK_INT(n, 5);
	CHECK_INT(cps[1], 0xE9);
	CHECK_INT(cps[2], 0x4E2D);
	CHECK_INT(cps[3], 0x1F600);
	CHECK_INT(cps[4], 0xFFFD);
	ppj_buf_add_utf8(&b, 0x4E2D);
	CHECK_STR(b.data, "\xe4\xb8\xad");
	ppj_buf_release(&b);
}

TEST(warnings_dedup)
{
	struct ppj_deck *d = ppj_deck_new(0);
	struct ppj_slide s = { 0 };

	REQUIRE(d);
	ppj_warn(d, &s, "3d-flat", "3-D drawn flat on shape %d", 1);
	ppj_warn(d, &s, "3d-flat", "3-D drawn flat on shape %d", 2);
	ppj_warn(d, NULL, "font", "font missing");
	CHECK_INT(s.nwarnings, 1);
	CHECK_STR(s.warnings[0].message, "3-D drawn flat on shape 1");
	CHECK_INT(d->nwarnings, 1);
	ppj_deck_free(d);
}

/* v shown with f, or "-" when f is left to the caller. */
static const char *shown(double v, const char *f)
{
	static char out[128];
	struct ppj_buf b = PPJ_BUF_INIT;

	ppj_buf_init(&b, 256);
	snprintf(out, sizeof(out), "%s", ppj_numfmt(&b, v, f) ?
		 (b.data ? b.data : "") : "-");
	ppj_buf_release(&b);
	return out;
}

TEST(number_formats)
{
	CHECK_STR(shown(1234.5, "General"), "-");
	CHECK_STR(shown(1234.5, NULL), "-");
	CHECK_STR(shown(1234.5, "#,##0"), "1,235");
	CHECK_STR(shown(1234567, "#,##0.00"), "1,234,567.00");
	CHECK_STR(shown(0.256, "0%"), "26%");
	CHECK_STR(shown(0.256, "0.0%"), "25.6%");
	CHECK_STR(shown(-3, "0.0"), "-3.0");
	CHECK_STR(shown(-3, "#,##0;(#,##0)"), "(3)");
	CHECK_STR(shown(12, "\"$\"#,##0"), "$12");
	CHECK_STR(shown(12, "[$\xe2\x82\xac-407]#,##0.00"), "\xe2\x82\xac"
		  "12.00");
	CHECK_STR(shown(2.5, "0.##"), "2.5");
	CHECK_STR(shown(2, "0.##"), "2");
	CHECK_STR(shown(1500000, "#,##0.0,,\" M\""), "1.5 M");
	CHECK_STR(shown(12, "0.00E+00"), "-");
	CHECK_STR(shown(37261, "m/d/yyyy"), "1/5/2002");
	CHECK_STR(shown(37261, "mmm-yy"), "Jan-02");
	CHECK_STR(shown(37261, "d-mmm"), "5-Jan");
	CHECK_STR(shown(37261, "dd mmmm yyyy"), "05 January 2002");
	CHECK(ppj_date_serial(2002, 1, 5) == 37261);
	CHECK(ppj_date_serial(1970, 1, 1) == 25569);
	CHECK(ppj_date_serial(2024, 3, 1) - ppj_date_serial(2024, 2, 1) == 29);
}
