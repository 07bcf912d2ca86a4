/*
 * The upload page's files (index.html, app.js, app.css, ...), compiled
 * into the server by gen-web.py so that the binary needs no files at run
 * time. The server answers GET / and GET /web/<name> from here.
 */
#ifndef PPJ_SERVER_WEB_H
#define PPJ_SERVER_WEB_H

#include <stddef.h>

struct web_asset {
	const char *path;		/* "/" or "/web/app.js" */
	const char *content_type;	/* with "; charset=utf-8" for text */
	const unsigned char *data;	/* static; a NUL follows the bytes */
	size_t len;			/* bytes, without that NUL */
	const char *etag;		/* quoted strong ETag of the bytes */
};

/*
 * The asset served at path (the request path without its query), or NULL.
 * "/", "/index.html" and "/web/index.html" are the page; the other files
 * are under "/web/". The result is static: never freed.
 */
const struct web_asset *web_asset_find(const char *path);

/*
 * Headers the server should send with every asset: the page loads
 * nothing from another origin and may not be framed.
 */
#define WEB_CSP "default-src 'self'; script-src 'self'; " \
	"style-src 'self'; img-src 'self' data:; connect-src 'self'; " \
	"object-src 'none'; base-uri 'none'; form-action 'self'; " \
	"frame-ancestors 'none'"

#endif
