/*
 * A libzip source that writes a new archive straight to one file.
 *
 * zip_open() on a path writes to a temporary file of its own, named
 * with zip_secure_random(); its first call seeds OpenSSL's generator,
 * which costs more than packing a small deck. The sink already writes
 * to a temporary name of its own and renames it when done, so this
 * source writes there directly, with no second name and no randomness.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "zip-file.h"

struct zip_file_out {
	char *path;
	int fd;
	zip_error_t error;
};

static zip_int64_t fail(struct zip_file_out *z, int ze)
{
	zip_error_set(&z->error, ze, errno);
	return -1;
}

static zip_int64_t write_all(struct zip_file_out *z, const void *data,
			     zip_uint64_t len)
{
	const char *p = data;
	zip_uint64_t left = len;

	while (left) {
		ssize_t n = write(z->fd, p, left);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return fail(z, ZIP_ER_WRITE);
		p += n;
		left -= (zip_uint64_t)n;
	}
	return (zip_int64_t)len;
}

static zip_int64_t seek_write(struct zip_file_out *z, void *data,
			      zip_uint64_t len)
{
	zip_source_args_seek_t *args;

	args = ZIP_SOURCE_GET_ARGS(zip_source_args_seek_t, data, len,
				   &z->error);
	if (!args)
		return -1;
	if (lseek(z->fd, (off_t)args->offset, args->whence) < 0)
		return fail(z, ZIP_ER_SEEK);
	return 0;
}

static zip_int64_t end_write(struct zip_file_out *z, int keep)
{
	int rc = z->fd >= 0 ? close(z->fd) : 0;

	z->fd = -1;
	if (!keep || rc != 0)
		unlink(z->path);
	return rc == 0 ? 0 : fail(z, ZIP_ER_CLOSE);
}

static zip_int64_t begin_write(struct zip_file_out *z)
{
	z->fd = open(z->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		     0644);
	return z->fd < 0 ? fail(z, ZIP_ER_OPEN) : 0;
}

static zip_int64_t callback(void *ud, void *data, zip_uint64_t len,
			    zip_source_cmd_t cmd)
{
	struct zip_file_out *z = ud;
	off_t at;

	switch (cmd) {
	case ZIP_SOURCE_BEGIN_WRITE:
		return begin_write(z);
	case ZIP_SOURCE_WRITE:
		return write_all(z, data, len);
	case ZIP_SOURCE_SEEK_WRITE:
		return seek_write(z, data, len);
	case ZIP_SOURCE_TELL_WRITE:
		at = lseek(z->fd, 0, SEEK_CUR);
		return at < 0 ? fail(z, ZIP_ER_TELL) : (zip_int64_t)at;
	case ZIP_SOURCE_COMMIT_WRITE:
		return end_write(z, 1);
	case ZIP_SOURCE_ROLLBACK_WRITE:
	case ZIP_SOURCE_REMOVE:
		end_write(z, 0);
		return 0;
	case ZIP_SOURCE_STAT:
		/* No archive there yet (libzip's own way of saying so). */
		zip_error_set(&z->error, ZIP_ER_READ, ENOENT);
		return -1;
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&z->error, data, len);
	case ZIP_SOURCE_FREE:
		if (z->fd >= 0)
			end_write(z, 0);
		zip_error_fini(&z->error);
		free(z->path);
		free(z);
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN,
			ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
			ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, ZIP_SOURCE_SEEK,
			ZIP_SOURCE_TELL, ZIP_SOURCE_SUPPORTS,
			ZIP_SOURCE_BEGIN_WRITE, ZIP_SOURCE_WRITE,
			ZIP_SOURCE_COMMIT_WRITE, ZIP_SOURCE_ROLLBACK_WRITE,
			ZIP_SOURCE_SEEK_WRITE, ZIP_SOURCE_TELL_WRITE,
			ZIP_SOURCE_REMOVE, -1);
	default:
		/* Reading back is never needed for a new archive. */
		zip_error_set(&z->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

zip_t *ppj__zip_create(const char *path)
{
	struct zip_file_out *z = calloc(1, sizeof(*z));
	zip_source_t *src;
	zip_error_t error;
	zip_t *za;

	if (!z || !(z->path = strdup(path))) {
		free(z);
		return NULL;
	}
	z->fd = -1;
	zip_error_init(&z->error);
	zip_error_init(&error);

	src = zip_source_function_create(callback, z, &error);
	if (!src) {
		zip_error_fini(&z->error);
		free(z->path);
		free(z);
		zip_error_fini(&error);
		return NULL;
	}
	za = zip_open_from_source(src, ZIP_CREATE | ZIP_TRUNCATE, &error);
	if (!za)
		zip_source_free(src);
	zip_error_fini(&error);
	return za;
}
