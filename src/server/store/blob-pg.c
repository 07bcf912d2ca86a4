/*
 * Blobs in PostgreSQL, for nodes that share no file system: each blob is
 * a large object, named in the table ppj_blobs (name, large object id,
 * size). Data moves between the local file and the large object through
 * libpq's lo_read/lo_write in 256 KiB chunks, never whole in memory.
 *
 * Large objects need a transaction. A put creates the new object, fills
 * it, then swaps it in under a per-name advisory lock and unlinks the
 * old one, all in one transaction: a put that dies half-way leaves
 * nothing behind, and readers see the old blob until it commits.
 */
#include <errno.h>
#include <fcntl.h>
#include <libpq/libpq-fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/store/blob.h"
#include "server/store/store-pg-int.h"
#include "server/store/store.h"

#define CHUNK (256 * 1024)
#define POOL_SIZE 4

/* The advisory lock class of blob names (the key is hashtext(name)). */
#define NAME_LOCK "7374242"

struct pg_blob {
	struct blob base;
	struct pg_pool pool;
};

enum {
	B_LOCK, B_FIND, B_INSERT, B_UPDATE, B_SIZE, B_DELETE, NB
};

static const struct pg_stmt stmts[NB] = {
	[B_LOCK] = { "SELECT pg_advisory_xact_lock(" NAME_LOCK
		", hashtext($1))", 1 },
	[B_FIND] = { "SELECT loid, size FROM ppj_blobs WHERE name = $1",
		1 },
	[B_INSERT] = { "INSERT INTO ppj_blobs(name, loid, size, created_ms)"
		" VALUES ($1, $2::oid, $3::bigint, $4::bigint)", 4 },
	[B_UPDATE] = { "UPDATE ppj_blobs SET loid = $2::oid,"
		" size = $3::bigint, created_ms = $4::bigint"
		" WHERE name = $1", 4 },
	[B_SIZE] = { "SELECT size FROM ppj_blobs WHERE name = $1", 1 },
	[B_DELETE] = { "DELETE FROM ppj_blobs WHERE name = $1"
		" RETURNING loid", 1 },
};

static struct pg_blob *pb(struct blob *b)
{
	return (struct pg_blob *)b;
}

/* Runs a statement without rows of interest; whether it worked. */
static bool step(struct pg_blob *b, PGconn *c, int id,
		 const char *const *v)
{
	PGresult *r = pg_exec(&b->pool, c, id, v);
	bool ok = pg_ok(r);

	PQclear(r);
	return ok;
}

static bool simple(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);
	bool ok = pg_ok(r);

	PQclear(r);
	return ok;
}

/*
 * The large object of name: BLOB_OK with *oid and *size,
 * BLOB_ENOTFOUND, or BLOB_EFAIL.
 */
static int find(struct pg_blob *b, PGconn *c, const char *name, Oid *oid,
		int64_t *size)
{
	const char *v[] = { name };
	PGresult *r = pg_exec(&b->pool, c, B_FIND, v);
	int rc = BLOB_EFAIL;

	if (pg_ok(r)) {
		rc = PQntuples(r) == 1 ? BLOB_OK : BLOB_ENOTFOUND;
		if (rc == BLOB_OK) {
			*oid = (Oid)strtoul(PQgetvalue(r, 0, 0), NULL, 10);
			*size = strtoll(PQgetvalue(r, 0, 1), NULL, 10);
		}
	}
	PQclear(r);
	return rc;
}

/* Streams the local file fd into large object lo; its size, or -1. */
static int64_t fill(PGconn *c, int lo, int fd)
{
	char *buf = malloc(CHUNK);
	int64_t total = 0;

	if (!buf)
		return -1;
	for (;;) {
		ssize_t r = read(fd, buf, CHUNK);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			total = r == 0 ? total : -1;
			break;
		}
		if (lo_write(c, lo, buf, (size_t)r) != (int)r) {
			total = -1;
			break;
		}
		total += r;
	}
	free(buf);
	return total;
}

/* Streams large object lo into the local file fd; whether it worked. */
static bool drain_lo(PGconn *c, int lo, int fd, int64_t size)
{
	char *buf = malloc(CHUNK);
	int64_t got = 0;
	bool ok = buf != NULL;

	while (ok) {
		int r = lo_read(c, lo, buf, CHUNK);

		if (r <= 0) {
			ok = r == 0 && got == size;
			break;
		}
		got += r;
		for (int off = 0; ok && off < r;) {
			ssize_t w = write(fd, buf + off, (size_t)(r - off));

			if (w < 0 && errno == EINTR)
				continue;
			ok = w > 0;
			off += ok ? (int)w : 0;
		}
	}
	free(buf);
	return ok;
}

/*
 * Inside a transaction: a new large object holding the file fd, with
 * its size in *size; InvalidOid on failure.
 */
static Oid import(PGconn *c, int fd, int64_t *size)
{
	Oid oid = lo_creat(c, INV_READ | INV_WRITE);
	int lo;

	if (oid == InvalidOid)
		return InvalidOid;
	lo = lo_open(c, oid, INV_WRITE);
	if (lo < 0)
		return InvalidOid;
	*size = fill(c, lo, fd);
	if (lo_close(c, lo) != 0 || *size < 0)
		return InvalidOid;
	return oid;
}

/* Inside a transaction: names oid as name, unlinking any old object. */
static bool swap_in(struct pg_blob *b, PGconn *c, const char *name,
		    Oid oid, int64_t size)
{
	char o[24], sz[24], now[24];
	const char *v[] = { name, pg_i64(o, oid), pg_i64(sz, size),
			    pg_i64(now, store_now_ms()) };
	Oid old;
	int64_t old_size;
	int rc;

	if (!step(b, c, B_LOCK, v))
		return false;
	rc = find(b, c, name, &old, &old_size);
	if (rc == BLOB_ENOTFOUND)
		return step(b, c, B_INSERT, v);
	if (rc != BLOB_OK || lo_unlink(c, old) < 0)
		return false;
	return step(b, c, B_UPDATE, v);
}

static int pgb_put(struct blob *base, const char *name, const char *path)
{
	struct pg_blob *b = pb(base);
	int64_t size = 0;
	PGconn *c;
	Oid oid;
	int fd, rc = BLOB_EFAIL;

	if (!blob_name_ok(name))
		return BLOB_EINVAL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return BLOB_EIO;
	c = pg_pool_get(&b->pool);
	if (!c) {
		close(fd);
		return BLOB_EFAIL;
	}
	if (simple(c, "BEGIN")) {
		oid = import(c, fd, &size);
		if (oid != InvalidOid && swap_in(b, c, name, oid, size) &&
		    simple(c, "COMMIT"))
			rc = BLOB_OK;
		else
			simple(c, "ROLLBACK");
	}
	pg_pool_put(&b->pool, c);
	close(fd);
	return rc;
}

/* Inside a transaction: writes blob name to fd. */
static int export(struct pg_blob *b, PGconn *c, const char *name, int fd)
{
	int64_t size = 0;
	Oid oid = InvalidOid;
	int lo, rc = find(b, c, name, &oid, &size);

	if (rc != BLOB_OK)
		return rc;
	lo = lo_open(c, oid, INV_READ);
	if (lo < 0)
		return BLOB_EFAIL;
	rc = drain_lo(c, lo, fd, size) ? BLOB_OK : BLOB_EIO;
	lo_close(c, lo);
	return rc;
}

static int pgb_get(struct blob *base, const char *name, const char *path)
{
	struct pg_blob *b = pb(base);
	PGconn *c;
	int fd, rc = BLOB_EFAIL;

	if (!blob_name_ok(name))
		return BLOB_EINVAL;
	c = pg_pool_get(&b->pool);
	if (!c)
		return BLOB_EFAIL;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		pg_pool_put(&b->pool, c);
		return BLOB_EIO;
	}
	if (simple(c, "BEGIN READ ONLY")) {
		rc = export(b, c, name, fd);
		if (!simple(c, "COMMIT") && rc == BLOB_OK)
			rc = BLOB_EFAIL;
	}
	pg_pool_put(&b->pool, c);
	if (close(fd) != 0 && rc == BLOB_OK)
		rc = BLOB_EIO;
	if (rc != BLOB_OK)
		unlink(path);
	return rc;
}

static int pgb_del(struct blob *base, const char *name)
{
	struct pg_blob *b = pb(base);
	const char *v[] = { name };
	PGresult *r = NULL;
	PGconn *c;
	int rc = BLOB_EFAIL;

	if (!blob_name_ok(name))
		return BLOB_EINVAL;
	c = pg_pool_get(&b->pool);
	if (!c)
		return BLOB_EFAIL;
	if (simple(c, "BEGIN") && step(b, c, B_LOCK, v)) {
		r = pg_exec(&b->pool, c, B_DELETE, v);
		if (pg_ok(r) && PQntuples(r) == 0)
			rc = BLOB_ENOTFOUND;
		else if (pg_ok(r) && lo_unlink(c, (Oid)strtoul(
				PQgetvalue(r, 0, 0), NULL, 10)) >= 0)
			rc = BLOB_OK;
	}
	PQclear(r);
	if (rc == BLOB_OK && !simple(c, "COMMIT"))
		rc = BLOB_EFAIL;
	if (rc != BLOB_OK)
		simple(c, "ROLLBACK");
	pg_pool_put(&b->pool, c);
	return rc;
}

static int pgb_exists(struct blob *base, const char *name, int64_t *size)
{
	struct pg_blob *b = pb(base);
	const char *v[] = { name };
	PGresult *r;
	PGconn *c;
	int rc = BLOB_EFAIL;

	if (!blob_name_ok(name))
		return BLOB_EINVAL;
	c = pg_pool_get(&b->pool);
	if (!c)
		return BLOB_EFAIL;
	r = pg_exec(&b->pool, c, B_SIZE, v);
	pg_pool_put(&b->pool, c);
	if (pg_ok(r)) {
		rc = PQntuples(r) == 1 ? BLOB_OK : BLOB_ENOTFOUND;
		if (rc == BLOB_OK && size)
			*size = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	}
	PQclear(r);
	return rc;
}

static void pgb_close(struct blob *base)
{
	if (!base)
		return;
	pg_pool_release(&pb(base)->pool);
	free(base);
}

static const struct blob_ops pg_blob_ops = {
	.close = pgb_close,
	.put = pgb_put,
	.get = pgb_get,
	.del = pgb_del,
	.exists = pgb_exists,
};

int blob_pg_open(struct blob **out, const char *url, char **cause)
{
	struct pg_blob *b = calloc(1, sizeof(*b));
	PGconn *c;

	*out = NULL;
	*cause = NULL;
	if (!b || pg_pool_init(&b->pool, url, POOL_SIZE, stmts, NB) != 0) {
		free(b);
		return BLOB_EFAIL;
	}
	b->base.ops = &pg_blob_ops;
	c = pg_connect(url, cause);
	if (!c || pg_migrate(c, cause) != 0) {
		if (c)
			PQfinish(c);
		pgb_close(&b->base);
		return BLOB_EFAIL;
	}
	PQfinish(c);
	*out = &b->base;
	return BLOB_OK;
}
