/*
 * A multipart/form-data upload streamed to a temp file in the data
 * directory by MHD's post processor: the MD5 is computed while the bytes
 * go by and the size limit is enforced as they arrive. Other form fields
 * are kept (capped) because they take part in the signature.
 */
#ifndef PPJ_SRV_UPLOAD_H
#define PPJ_SRV_UPLOAD_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "server/auth/sign.h"

#define UPLOAD_MAX_FIELDS 32
#define UPLOAD_MAX_VALUE 4096

struct MHD_Connection;
struct MHD_PostProcessor;

struct upload {
	struct MHD_PostProcessor *pp;
	const char *dir;		/* where the temp file goes */
	void *md5;			/* EVP_MD_CTX */
	int fd;				/* -1 until file_source starts */
	char tmp[PATH_MAX];		/* the temp file, "" when none */
	int64_t size;			/* bytes of file_source so far */
	int64_t limit;
	char filename[256];
	int file_parts;			/* file_source parts seen */
	char md5_hex[33];		/* of the file, after upload_end */
	size_t nfields;
	char *names[UPLOAD_MAX_FIELDS];
	char *values[UPLOAD_MAX_FIELDS];
	bool too_large;			/* over the limit: stop */
	bool too_many;			/* fields or a value over its cap */
	bool io_error;
};

/*
 * Starts an upload on conn (its Content-Type must be multipart/form-data:
 * NULL otherwise) into a temp file under dir. Free with upload_free().
 */
struct upload *upload_begin(struct MHD_Connection *conn, const char *dir,
			    int64_t limit);

/* Feeds body bytes; false once the upload must stop (see the flags). */
bool upload_feed(struct upload *u, const char *data, size_t n);

/* Closes the file and computes md5_hex; false on a write error. */
bool upload_end(struct upload *u);

/* The value of form field name, or NULL. */
const char *upload_field(const struct upload *u, const char *name);

/* Removes the temp file unless it was taken (tmp set to ""), frees u. */
void upload_free(struct upload *u);

#endif
