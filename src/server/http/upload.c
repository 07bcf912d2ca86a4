/*
 * Streaming multipart uploads. The post processor calls iterate() with
 * pieces of each field; file_source goes to a temp file (O_EXCL, mode
 * 0600) and through MD5, every other field into a small capped string.
 */
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/http/upload.h"
#include "server/server.h"

static bool open_tmp(struct upload *u, const char *dir)
{
	char tok[17];

	if (srv_random_token(tok, 16))
		return false;
	if (snprintf(u->tmp, sizeof(u->tmp), "%s/.up-%s.tmp", dir, tok) >=
	    (int)sizeof(u->tmp))
		return false;
	u->fd = open(u->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (u->fd < 0) {
		u->tmp[0] = '\0';
		return false;
	}
	return true;
}

static bool write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

static enum MHD_Result file_data(struct upload *u, const char *filename,
				 const char *data, uint64_t off, size_t size)
{
	if (off == 0 && u->fd < 0) {
		u->file_parts++;
		if (u->file_parts > 1)
			return MHD_YES;	/* only the first file counts */
		snprintf(u->filename, sizeof(u->filename), "%s",
			 filename ? filename : "");
		if (!open_tmp(u, u->dir)) {
			u->io_error = true;
			return MHD_NO;
		}
	}
	if (u->file_parts > 1 || u->fd < 0)
		return MHD_YES;
	if (u->size + (int64_t)size > u->limit) {
		u->too_large = true;
		return MHD_NO;
	}
	if (size && (!write_all(u->fd, data, size) ||
		     !EVP_DigestUpdate(u->md5, data, size))) {
		u->io_error = true;
		return MHD_NO;
	}
	u->size += (int64_t)size;
	return MHD_YES;
}

/*
 * Appends a piece of a plain field. The post processor hands a field over
 * in pieces with growing offsets, so offset 0 starts a new one. Fields
 * and values are capped.
 */
static enum MHD_Result field_data(struct upload *u, const char *key,
				  const char *data, uint64_t off,
				  size_t size)
{
	size_t i, old;
	char *v;

	if (off == 0) {
		if (u->nfields == UPLOAD_MAX_FIELDS)
			goto too_many;
		i = u->nfields++;
		u->names[i] = strdup(key);
		u->values[i] = strdup("");
		if (!u->names[i] || !u->values[i])
			goto too_many;
	} else if (u->nfields) {
		i = u->nfields - 1;
	} else {
		return MHD_YES;
	}
	old = strlen(u->values[i]);
	if (old + size > UPLOAD_MAX_VALUE)
		goto too_many;
	v = realloc(u->values[i], old + size + 1);
	if (!v)
		goto too_many;
	memcpy(v + old, data, size);
	v[old + size] = '\0';
	u->values[i] = v;
	return MHD_YES;

too_many:
	u->too_many = true;
	return MHD_NO;
}

static enum MHD_Result iterate(void *cls, enum MHD_ValueKind kind,
			       const char *key, const char *filename,
			       const char *content_type,
			       const char *transfer_encoding,
			       const char *data, uint64_t off, size_t size)
{
	struct upload *u = cls;

	if (!key)
		return MHD_YES;
	if (strcmp(key, "file_source") == 0)
		return file_data(u, filename, data, off, size);
	return field_data(u, key, data, off, size);
}

struct upload *upload_begin(struct MHD_Connection *conn, const char *dir,
			    int64_t limit)
{
	const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
					MHD_HTTP_HEADER_CONTENT_TYPE);
	struct upload *u;

	if (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0)
		return NULL;
	u = calloc(1, sizeof(*u));
	if (!u)
		return NULL;
	u->fd = -1;
	u->limit = limit;
	u->dir = dir;
	u->md5 = EVP_MD_CTX_new();
	u->pp = MHD_create_post_processor(conn, 64 * 1024, iterate, u);
	if (!u->md5 || !u->pp ||
	    !EVP_DigestInit_ex(u->md5, EVP_md5(), NULL)) {
		upload_free(u);
		return NULL;
	}
	return u;
}

bool upload_feed(struct upload *u, const char *data, size_t n)
{
	if (u->too_large || u->too_many || u->io_error)
		return false;
	if (MHD_post_process(u->pp, data, n) != MHD_YES)
		return false;
	return !(u->too_large || u->too_many || u->io_error);
}

bool upload_end(struct upload *u)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	if (u->fd >= 0) {
		if (close(u->fd) != 0)
			u->io_error = true;
		u->fd = -1;
	}
	if (!EVP_DigestFinal_ex(u->md5, d, &len) || len != 16)
		return false;
	for (unsigned i = 0; i < 16; i++) {
		u->md5_hex[2 * i] = hex[d[i] >> 4];
		u->md5_hex[2 * i + 1] = hex[d[i] & 15];
	}
	u->md5_hex[32] = '\0';
	return !u->io_error;
}

const char *upload_field(const struct upload *u, const char *name)
{
	for (size_t i = 0; i < u->nfields; i++)
		if (strcmp(u->names[i], name) == 0)
			return u->values[i];
	return NULL;
}

void upload_free(struct upload *u)
{
	if (!u)
		return;
	if (u->pp)
		MHD_destroy_post_processor(u->pp);
	if (u->fd >= 0)
		close(u->fd);
	if (u->tmp[0])
		unlink(u->tmp);
	EVP_MD_CTX_free(u->md5);
	for (size_t i = 0; i < u->nfields; i++) {
		free(u->names[i]);
		free(u->values[i]);
	}
	free(u);
}
