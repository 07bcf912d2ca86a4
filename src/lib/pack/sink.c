/*
 * The output sink. Both kinds keep the list of written names (to refuse
 * duplicates and answer ppj_sink_has); the directory kind writes files as
 * they come, the zip kind hands buffers to libzip, which compresses them
 * when the archive is closed.
 *
 * Zip entries get a fixed time stamp so that the same deck gives the same
 * bytes.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "sink.h"
#include "util/util.h"
#include "zip-file.h"

/* 1980-01-02, the earliest time every zip reader agrees on. */
#define FIXED_MTIME ((time_t)315619200)

struct ppj_sink {
	char *final;		/* destination path */
	char *tmp;		/* what we write to until finish */
	zip_t *zip;		/* NULL for a directory */
	char **names;
	size_t nnames, cap;
};

static int remember(struct ppj_sink *s, const char *rel)
{
	char **n;

	if (s->nnames == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;

		n = realloc(s->names, cap * sizeof(*n));
		if (!n)
			return PPJ_ENOMEM;
		s->names = n;
		s->cap = cap;
	}
	s->names[s->nnames] = strdup(rel);
	if (!s->names[s->nnames])
		return PPJ_ENOMEM;
	s->nnames++;
	return 0;
}

int ppj_sink_has(const struct ppj_sink *s, const char *rel)
{
	for (size_t i = 0; i < s->nnames; i++)
		if (strcmp(s->names[i], rel) == 0)
			return 1;
	return 0;
}

static bool safe_rel(const char *rel)
{
	const char *p;

	if (!*rel || rel[0] == '/' || strlen(rel) > 200)
		return false;
	for (p = rel; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (!(c == '/' || c == '.' || c == '-' || c == '_' ||
		      (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		      (c >= 'A' && c <= 'Z')))
			return false;
	}
	return strstr(rel, "..") == NULL && strstr(rel, "//") == NULL;
}

static void sink_free(struct ppj_sink *s)
{
	for (size_t i = 0; i < s->nnames; i++)
		free(s->names[i]);
	free(s->names);
	free(s->final);
	free(s->tmp);
	free(s);
}

static struct ppj_sink *sink_new(const char *final, const char *suffix)
{
	struct ppj_sink *s = calloc(1, sizeof(*s));
	size_t n;

	if (!s)
		return NULL;
	n = strlen(final) + strlen(suffix) + 32;
	s->final = strdup(final);
	s->tmp = malloc(n);
	if (!s->final || !s->tmp) {
		sink_free(s);
		return NULL;
	}
	snprintf(s->tmp, n, "%s.%s%ld", final, suffix, (long)getpid());
	return s;
}

static bool dir_is_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool empty = true;

	if (!d)
		return false;
	while (empty && (e = readdir(d)))
		empty = strcmp(e->d_name, ".") == 0 ||
			strcmp(e->d_name, "..") == 0;
	closedir(d);
	return empty;
}

int ppj_sink_open_dir(struct ppj_sink **out, const char *dir,
		      struct ppj_error *err)
{
	struct ppj_sink *s;
	struct stat st;

	*out = NULL;
	if (stat(dir, &st) == 0 && !(S_ISDIR(st.st_mode) && dir_is_empty(dir)))
		return ppj__error(err, PPJ_EIO,
				  "output '%s' already exists", dir);

	s = sink_new(dir, "tmp-");
	if (!s)
		return ppj__error(err, PPJ_ENOMEM, "out of memory");
	if (mkdir(s->tmp, 0755) != 0) {
		int e = errno;

		sink_free(s);
		return ppj__error(err, PPJ_EIO, "cannot create '%s': %s",
				  dir, strerror(e));
	}
	*out = s;
	return 0;
}

int ppj_sink_open_zip(struct ppj_sink **out, const char *path,
		      struct ppj_error *err)
{
	struct ppj_sink *s;

	*out = NULL;
	s = sink_new(path, "tmp-");
	if (!s)
		return ppj__error(err, PPJ_ENOMEM, "out of memory");
	s->zip = ppj__zip_create(s->tmp);
	if (!s->zip) {
		sink_free(s);
		return ppj__error(err, PPJ_EIO, "cannot create '%s'", path);
	}
	*out = s;
	return 0;
}

static int make_parents(const char *root, const char *rel)
{
	char path[4096];
	char *p;

	if (snprintf(path, sizeof(path), "%s/%s", root, rel) >=
	    (int)sizeof(path))
		return -1;
	for (p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return 0;
}

static int write_file(struct ppj_sink *s, const char *rel, const void *data,
		      size_t len)
{
	char path[4096];
	FILE *f;
	size_t n;

	if (make_parents(s->tmp, rel) != 0)
		return -1;
	snprintf(path, sizeof(path), "%s/%s", s->tmp, rel);
	f = fopen(path, "wbx");
	if (!f)
		return -1;
	n = len ? fwrite(data, 1, len, f) : 0;
	if (fclose(f) != 0 || n != len)
		return -1;
	return 0;
}

/* Pictures and fonts are compressed already: store them as they are. */
static bool compressed_already(const char *rel)
{
	static const char *ext[] = { ".png", ".jpg", ".jpeg", ".gif",
		".woff", ".woff2", ".mp4", ".mp3", ".m4a", ".webm", NULL };

	for (int i = 0; ext[i]; i++)
		if (ppj_endswith(rel, ext[i]))
			return true;
	return false;
}

static int add_zip(struct ppj_sink *s, const char *rel, const void *data,
		   size_t len)
{
	void *copy = malloc(len ? len : 1);
	zip_source_t *src;
	zip_int64_t idx;

	if (!copy)
		return -1;
	if (len)
		memcpy(copy, data, len);
	src = zip_source_buffer(s->zip, copy, len, 1);
	if (!src) {
		free(copy);
		return -1;
	}
	idx = zip_file_add(s->zip, rel, src, ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zip_source_free(src);
		return -1;
	}
	/*
	 * Level 1: the output is mostly text and fonts, where the fastest
	 * deflate gives nearly the size of the default at a third of the
	 * time, and conversion time is what users wait for.
	 */
	zip_set_file_compression(s->zip, (zip_uint64_t)idx,
				 compressed_already(rel) ? ZIP_CM_STORE :
				 ZIP_CM_DEFLATE, compressed_already(rel) ? 0 : 1);
	zip_file_set_mtime(s->zip, (zip_uint64_t)idx, FIXED_MTIME, 0);
	return 0;
}

int ppj_sink_write(struct ppj_sink *s, const char *rel, const void *data,
		   size_t len, struct ppj_error *err)
{
	int rc;

	if (!safe_rel(rel))
		return ppj__error(err, PPJ_EINTERNAL,
				  "unsafe output name '%s'", rel);
	if (ppj_sink_has(s, rel))
		return ppj__error(err, PPJ_EINTERNAL,
				  "output '%s' written twice", rel);
	if (remember(s, rel) != 0)
		return ppj__error(err, PPJ_ENOMEM, "out of memory");

	rc = s->zip ? add_zip(s, rel, data, len) : write_file(s, rel, data,
							       len);
	if (rc != 0)
		return ppj__error(err, PPJ_EIO, "cannot write '%s': %s", rel,
				  s->zip ? zip_strerror(s->zip) :
				  strerror(errno));
	return 0;
}

static int rm_entry(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void ppj_sink_abort(struct ppj_sink *s)
{
	if (!s)
		return;
	if (s->zip) {
		zip_discard(s->zip);
		unlink(s->tmp);
	} else {
		nftw(s->tmp, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	}
	sink_free(s);
}

int ppj_sink_finish(struct ppj_sink *s, struct ppj_error *err)
{
	int rc = 0;

	if (s->zip) {
		if (zip_close(s->zip) != 0) {
			rc = ppj__error(err, PPJ_EIO, "cannot write '%s': %s",
					s->final, zip_strerror(s->zip));
			zip_discard(s->zip);
			unlink(s->tmp);
			sink_free(s);
			return rc;
		}
		s->zip = NULL;
		if (s->nnames == 0)
			rc = ppj__error(err, PPJ_EINTERNAL, "empty output");
	} else {
		/* An emptied output directory may stand in the way. */
		rmdir(s->final);
	}

	if (rc == 0 && rename(s->tmp, s->final) != 0)
		rc = ppj__error(err, PPJ_EIO, "cannot create '%s': %s",
				s->final, strerror(errno));
	if (rc != 0) {
		if (s->zip == NULL && s->nnames)
			nftw(s->tmp, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
		unlink(s->tmp);
	}
	sink_free(s);
	return rc;
}
