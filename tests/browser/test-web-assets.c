/*
 * Unit tests of the compiled-in upload page (src/server/web): every file
 * is found at its path with the right type and bytes, the page at "/",
 * unknown and hostile paths give NULL.
 */
#include <stdlib.h>
#include <string.h>

#include "server/web/web.h"
#include "unit.h"

TEST(web_page_at_root)
{
	const struct web_asset *a = web_asset_find("/");

	REQUIRE(a);
	CHECK_STR(a->content_type, "text/html; charset=utf-8");
	CHECK(a->len > 100);
	CHECK(strstr((const char *)a->data, "<!doctype html>") != NULL);
	CHECK(strstr((const char *)a->data, "/web/app.js") != NULL);
	CHECK(a->data[a->len] == '\0');
	CHECK(web_asset_find("/index.html") != NULL);
	CHECK(web_asset_find("/web/index.html")->data == a->data);
}

TEST(web_files_and_types)
{
	static const char *const want[][2] = {
		{ "/web/app.js", "text/javascript; charset=utf-8" },
		{ "/web/md5.js", "text/javascript; charset=utf-8" },
		{ "/web/sign.js", "text/javascript; charset=utf-8" },
		{ "/web/app.css", "text/css; charset=utf-8" },
		{ "/web/icon.svg", "image/svg+xml" },
	};

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct web_asset *a = web_asset_find(want[i][0]);

		REQUIRE(a);
		CHECK_STR(a->path, want[i][0]);
		CHECK_STR(a->content_type, want[i][1]);
		CHECK(a->len > 0);
		CHECK(strlen(a->etag) > 2 && a->etag[0] == '"');
	}
}

TEST(web_unknown_paths)
{
	CHECK(web_asset_find(NULL) == NULL);
	CHECK(web_asset_find("") == NULL);
	CHECK(web_asset_find("/web/") == NULL);
	CHECK(web_asset_find("/web/../web/app.js") == NULL);
	CHECK(web_asset_find("/web/app.js?x=1") == NULL);
	CHECK(web_asset_find("/web/gen-web.py") == NULL);
	CHECK(web_asset_find("/web/web.h") == NULL);
	CHECK(web_asset_find("/app.js") == NULL);
}
