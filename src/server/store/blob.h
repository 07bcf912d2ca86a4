/*
 * Blobs: the files a job leaves for another node (the upload, the result
 * zip), by name. Two stores: a local directory for one machine
 * (blob-dir.c) and PostgreSQL for several (blob-pg.c). Both stream: a
 * file goes in and out in chunks, never whole in memory.
 *
 * A name is 1 to 200 characters of [A-Za-z0-9._-], not starting with
 * '.'. Every function returns 0 or a negative BLOB_E* code; a blob store
 * is safe to call from many threads at once.
 */
#ifndef PPJ_SRV_BLOB_H
#define PPJ_SRV_BLOB_H

#include <stdbool.h>
#include <stdint.h>

#define BLOB_NAME_MAX 200

enum blob_code {
	BLOB_OK = 0,
	BLOB_ENOTFOUND = -1,
	BLOB_EINVAL = -2,	/* a bad name */
	BLOB_EIO = -3,		/* the local file could not be read/written */
	BLOB_EFAIL = -4,	/* the store failed */
};

struct blob;

struct blob_ops {
	void (*close)(struct blob *b);
	/* Stores the local file at path as name, replacing any old one. */
	int (*put)(struct blob *b, const char *name, const char *path);
	/* Writes blob name to the local file path (created or truncated). */
	int (*get)(struct blob *b, const char *name, const char *path);
	int (*del)(struct blob *b, const char *name);
	/* BLOB_OK with *size (may be NULL) when name exists. */
	int (*exists)(struct blob *b, const char *name, int64_t *size);
};

struct blob {
	const struct blob_ops *ops;
};

/* Whether name is a valid blob name (see above). */
bool blob_name_ok(const char *name);

/*
 * Opens the blob store in directory dir (created if missing). On
 * failure *cause is an allocated message the caller frees.
 */
int blob_dir_open(struct blob **out, const char *dir, char **cause);

/*
 * Opens the blob store in the PostgreSQL database at url (the same URL
 * as the store; the schema is migrated if needed). Each blob is a large
 * object, written and read through libpq in chunks.
 */
int blob_pg_open(struct blob **out, const char *url, char **cause);

#endif
