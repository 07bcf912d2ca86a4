/*
 * Blobs in a local directory, for one machine: blob NAME is the file
 * DIR/NAME. A put copies into a temporary file in DIR and renames it
 * over the old one, so a reader sees the old blob or the new one, never
 * half of one. Copies go through a fixed buffer.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server/store/blob.h"

#define CHUNK (64 * 1024)

struct dir_blob {
	struct blob base;
	char *dir;
};

bool blob_name_ok(const char *name)
{
	size_t n = 0;

	if (!name || name[0] == '.' || name[0] == '\0')
		return false;
	for (; name[n]; n++) {
		char c = name[n];

		if (n >= BLOB_NAME_MAX)
			return false;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			return false;
	}
	return true;
}

static struct dir_blob *db(struct blob *b)
{
	return (struct dir_blob *)b;
}

/* Writes all of buf to fd; false on an error. */
static bool write_all(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, buf, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		buf += w;
		n -= (size_t)w;
	}
	return true;
}

/* Copies fd `in` to fd `out` to the end; false on an error. */
static bool copy_fd(int in, int out)
{
	char *buf = malloc(CHUNK);
	bool ok = buf != NULL;

	while (ok) {
		ssize_t r = read(in, buf, CHUNK);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			ok = r == 0;
			break;
		}
		ok = write_all(out, buf, (size_t)r);
	}
	free(buf);
	return ok;
}

static int dir_put(struct blob *b, const char *name, const char *path)
{
	char *tmp = NULL, *dst = NULL;
	int in = -1, out, rc = BLOB_EIO;

	if (!blob_name_ok(name))
		return BLOB_EINVAL;
	if (asprintf(&tmp, "%s/.put-XXXXXX", db(b)->dir) < 0) {
		tmp = NULL;
		return BLOB_EFAIL;
	}
	if (asprintf(&dst, "%s/%s", db(b)->dir, name) < 0) {
		dst = NULL;
		rc = BLOB_EFAIL;
		goto out;
	}
	in = open(path, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		goto out;
	out = mkostemp(tmp, O_CLOEXEC);
	if (out < 0) {
		rc = BLOB_EFAIL;
		goto out;
	}
	rc = copy_fd(in, out) && fsync(out) == 0 ? BLOB_OK : BLOB_EFAIL;
	if (close(out) != 0)
		rc = BLOB_EFAIL;
	if (rc == BLOB_OK && rename(tmp, dst) != 0)
		rc = BLOB_EFAIL;
	if (rc != BLOB_OK)
		unlink(tmp);
out:
	if (in >= 0)
		close(in);
	free(tmp);
	free(dst);
	return rc;
}

static int dir_get(struct blob *b, const char *name, const char *path)
{
	char *src = NULL;
	int in, out, rc;

	if (!blob_name_ok(name))
		return BLOB_EINVAL;
	if (asprintf(&src, "%s/%s", db(b)->dir, name) < 0)
		return BLOB_EFAIL;
	in = open(src, O_RDONLY | O_CLOEXEC);
	free(src);
	if (in < 0)
		return errno == ENOENT ? BLOB_ENOTFOUND : BLOB_EFAIL;
	out = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out < 0) {
		close(in);
		return BLOB_EIO;
	}
	rc = copy_fd(in, out) ? BLOB_OK : BLOB_EIO;
	if (close(out) != 0)
		rc = BLOB_EIO;
	close(in);
	return rc;
}

static int dir_del(struct blob *b, const char *name)
{
	char *p = NULL;
	int rc;

	if (!blob_name_ok(name))
		return BLOB_EINVAL;
	if (asprintf(&p, "%s/%s", db(b)->dir, name) < 0)
		return BLOB_EFAIL;
	rc = unlink(p) == 0 ? BLOB_OK : errno == ENOENT ? BLOB_ENOTFOUND :
		BLOB_EFAIL;
	free(p);
	return rc;
}

static int dir_exists(struct blob *b, const char *name, int64_t *size)
{
	struct stat st;
	char *p = NULL;
	int rc;

	if (!blob_name_ok(name))
		return BLOB_EINVAL;
	if (asprintf(&p, "%s/%s", db(b)->dir, name) < 0)
		return BLOB_EFAIL;
	rc = stat(p, &st) == 0 && S_ISREG(st.st_mode) ? BLOB_OK :
		BLOB_ENOTFOUND;
	if (rc == BLOB_OK && size)
		*size = (int64_t)st.st_size;
	free(p);
	return rc;
}

static void dir_close(struct blob *b)
{
	if (!b)
		return;
	free(db(b)->dir);
	free(b);
}

static const struct blob_ops dir_ops = {
	.close = dir_close,
	.put = dir_put,
	.get = dir_get,
	.del = dir_del,
	.exists = dir_exists,
};

int blob_dir_open(struct blob **out, const char *dir, char **cause)
{
	struct dir_blob *b = calloc(1, sizeof(*b));

	*out = NULL;
	*cause = NULL;
	if (!b || !(b->dir = strdup(dir))) {
		free(b);
		return BLOB_EFAIL;
	}
	b->base.ops = &dir_ops;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		if (asprintf(cause, "cannot create '%s': %s", dir,
			     strerror(errno)) < 0)
			*cause = NULL;
		dir_close(&b->base);
		return BLOB_EFAIL;
	}
	*out = &b->base;
	return BLOB_OK;
}
