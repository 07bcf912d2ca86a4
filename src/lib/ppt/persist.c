/*
 * Where the objects of a .ppt are: the Current User stream names the
 * newest UserEditAtom; each UserEditAtom names its PersistDirectoryAtom
 * (persist id -> stream offset) and the edit before it. Walking the chain
 * newest first and keeping the first offset seen for each id gives the
 * current state of the document.
 *
 * Chains in damaged or hostile files loop or point outside the stream.
 * We stop at a loop, skip what is out of range and warn; when nothing of
 * the chain leads to a document, the top-level records of the stream are
 * scanned instead, as a last resort.
 */
#include <stdlib.h>
#include <string.h>

#include "ppt-int.h"

#define HEADER_TOKEN 0xE391C05Fu
#define HEADER_TOKEN_CRYPT 0xF3D1C4DFu
#define MAX_EDITS 4096
#define MAX_DIRS 1024
#define MAX_PERSIST_ID 0xFFFFFu
#define NO_OFFSET UINT32_MAX

/* Makes room for persist id in the table; false when out of memory. */
static bool persist_grow(struct ppt_ctx *c, uint32_t id)
{
	size_t n;
	uint32_t *t;

	if (id < c->npersist)
		return true;
	n = c->npersist ? c->npersist : 64;
	while (n <= id)
		n *= 2;
	t = realloc(c->persist, n * sizeof(*t));
	if (!t)
		return false;
	for (size_t i = c->npersist; i < n; i++)
		t[i] = NO_OFFSET;
	c->persist = t;
	c->npersist = n;
	return true;
}

/*
 * Applies one PersistDirectoryAtom. With newest_wins, ids already known
 * keep their offset (the chain is walked newest first); otherwise later
 * directories override (the scan goes oldest first). Returns the number
 * of entries taken, or -1 when out of memory.
 */
static int apply_directory(struct ppt_ctx *c, const struct ppt_rec *r,
			   bool newest_wins)
{
	size_t off = 0;
	int taken = 0;

	while (off + 4 <= r->len) {
		uint32_t head = ppt_u32(r, off);
		uint32_t id = head & MAX_PERSIST_ID;
		uint32_t count = head >> 20;

		off += 4;
		for (uint32_t i = 0; i < count && off + 4 <= r->len; i++) {
			uint32_t at = ppt_u32(r, off);

			off += 4;
			if (id + i > MAX_PERSIST_ID || at >= c->doclen)
				continue;
			if (!persist_grow(c, id + i))
				return -1;
			if (newest_wins && c->persist[id + i] != NO_OFFSET)
				continue;
			c->persist[id + i] = at;
			taken++;
		}
	}
	return taken;
}

bool ppt_persist_rec(struct ppt_ctx *c, uint32_t ref, struct ppt_rec *r)
{
	if (ref >= c->npersist || c->persist[ref] == NO_OFFSET)
		return false;
	return ppt_rec_at(c->doc, c->doclen, c->persist[ref], r) == 0;
}

static bool doc_usable(struct ppt_ctx *c)
{
	struct ppt_rec r;

	return ppt_persist_rec(c, c->doc_ref, &r) && r.type == RT_DOCUMENT;
}

static bool seen_before(const uint32_t *seen, size_t n, uint32_t off)
{
	for (size_t i = 0; i < n; i++)
		if (seen[i] == off)
			return true;
	return false;
}

/*
 * Walks the UserEditAtom chain from offset first. Returns 0, 1 when the
 * chain is damaged (it warns), or a negative PPJ_E* (memory).
 */
static int walk_chain(struct ppt_ctx *c, uint32_t first)
{
	uint32_t seen[64];
	size_t nseen = 0, ndirs = 0;
	uint32_t at = first, dirs[MAX_DIRS];
	struct ppt_rec ue, dir;

	for (int n = 0; n < MAX_EDITS; n++) {
		if (nseen < 64 && seen_before(seen, nseen, at)) {
			ppj_warn(c->deck, NULL, "ppt-edit-loop", "the chain of "
				 "edits loops");
			return 1;
		}
		if (nseen < 64)
			seen[nseen++] = at;
		if (ppt_rec_at(c->doc, c->doclen, at, &ue) < 0 ||
		    ue.type != RT_USER_EDIT_ATOM || ue.len < 28) {
			ppj_warn(c->deck, NULL, "ppt-edit-damaged", "an edit "
				 "record at offset %u is missing or damaged",
				 at);
			return 1;
		}
		if (n == 0) {
			c->doc_ref = ppt_u32(&ue, 16);
			if (ue.len >= 32 && ppt_u32(&ue, 28) != 0)
				c->encrypted = true;
		}
		if (ppt_rec_at(c->doc, c->doclen, ppt_u32(&ue, 12), &dir) < 0 ||
		    dir.type != RT_PERSIST_DIRECTORY_ATOM)
			ppj_warn(c->deck, NULL, "ppt-persist-damaged", "a "
				 "persist directory is missing or damaged");
		else if (seen_before(dirs, ndirs, (uint32_t)dir.off))
			;	/* a directory named twice counts once */
		else if (apply_directory(c, &dir, true) < 0)
			return ppj__error(c->err, PPJ_ENOMEM, "out of memory");
		else if (ndirs < MAX_DIRS)
			dirs[ndirs++] = (uint32_t)dir.off;
		at = ppt_u32(&ue, 8);
		if (at == 0)
			return 0;
	}
	ppj_warn(c->deck, NULL, "ppt-edit-loop", "too many edits");
	return 1;
}

/*
 * After a broken chain: the persist directories the chain did not reach
 * still name objects. Every top-level directory of the stream, newest
 * (last in the file) first, fills the ids the chain left unknown.
 */
static int fill_gaps(struct ppt_ctx *c)
{
	size_t offs[MAX_DIRS], n = 0, off = 0;
	struct ppt_rec r;

	while (ppt_rec_at(c->doc, c->doclen, off, &r) == 0) {
		if (r.type == RT_PERSIST_DIRECTORY_ATOM && n < MAX_DIRS)
			offs[n++] = off;
		off += 8 + (size_t)r.len;
	}
	while (n-- > 0) {
		ppt_rec_at(c->doc, c->doclen, offs[n], &r);
		if (apply_directory(c, &r, true) < 0)
			return ppj__error(c->err, PPJ_ENOMEM, "out of memory");
	}
	return 0;
}

/*
 * The last resort: the top-level records of the stream in file order,
 * every persist directory applied over the ones before, the document
 * named by the last edit, or else the last DocumentContainer.
 */
static int scan_stream(struct ppt_ctx *c)
{
	struct ppt_rec r;
	size_t off = 0;
	uint32_t last_doc = NO_OFFSET;

	free(c->persist);
	c->persist = NULL;
	c->npersist = 0;
	c->doc_ref = 0;
	while (ppt_rec_at(c->doc, c->doclen, off, &r) == 0) {
		if (r.type == RT_PERSIST_DIRECTORY_ATOM &&
		    apply_directory(c, &r, false) < 0)
			return ppj__error(c->err, PPJ_ENOMEM, "out of memory");
		if (r.type == RT_USER_EDIT_ATOM && r.len >= 28)
			c->doc_ref = ppt_u32(&r, 16);
		if (r.type == RT_DOCUMENT)
			last_doc = (uint32_t)off;
		off += 8 + (size_t)r.len;
	}
	if (doc_usable(c))
		return 0;
	if (last_doc == NO_OFFSET)
		return ppj__error(c->err, PPJ_EDAMAGED, "damaged persist "
				  "directory: no document container can be "
				  "found");
	c->doc_ref = MAX_PERSIST_ID;
	if (!persist_grow(c, c->doc_ref))
		return ppj__error(c->err, PPJ_ENOMEM, "out of memory");
	c->persist[c->doc_ref] = last_doc;
	return 0;
}

/*
 * Reads the CurrentUserAtom in cu, then the persist directory. Fills
 * c->persist and c->doc_ref. Returns 0 or a negative PPJ_E*.
 */
int ppt_read_persist(struct ppt_ctx *c, const uint8_t *cu, size_t culen)
{
	struct ppt_rec r;
	uint32_t token;
	int rc;

	if (ppt_rec_at(cu, culen, 0, &r) < 0 ||
	    r.type != RT_CURRENT_USER_ATOM || r.len < 16)
		return ppj__error(c->err, PPJ_EUNSUPPORTED, "unsupported old "
				  "PowerPoint format (no valid current user "
				  "record)");
	token = ppt_u32(&r, 4);
	if (token == HEADER_TOKEN_CRYPT || c->encrypted)
		return ppj__error(c->err, PPJ_EENCRYPTED, "password protected");
	if (token != HEADER_TOKEN)
		return ppj__error(c->err, PPJ_EUNSUPPORTED, "unsupported old "
				  "PowerPoint format (current user token "
				  "%08x)", token);

	rc = walk_chain(c, ppt_u32(&r, 8));
	if (rc == 1) {
		ppj_warn(c->deck, NULL, "ppt-persist-damaged", "the persist "
			 "directory is damaged; objects older edits name were "
			 "looked up by scanning the stream");
		rc = fill_gaps(c);
	}
	if (rc)
		return rc;
	if (c->encrypted)
		return ppj__error(c->err, PPJ_EENCRYPTED, "password protected");
	if (doc_usable(c))
		return 0;

	ppj_warn(c->deck, NULL, "ppt-persist-scan", "the persist "
		 "directory is damaged; the deck was read by scanning its "
		 "records");
	return scan_stream(c);
}
