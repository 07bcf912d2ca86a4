/*
 * A small writer of .ppt files for the tests: records assembled byte by
 * byte into buffers, and an OLE2 file written with libgsf. It writes only
 * what the tests need, including the damaged variants they feed the
 * reader.
 */
#ifndef PPJ_TEST_PPTGEN_H
#define PPJ_TEST_PPTGEN_H

#include <stddef.h>
#include <stdint.h>

struct pg_buf {
	uint8_t *d;
	size_t len, cap;
};

void pg_free(struct pg_buf *b);
void pg_u8(struct pg_buf *b, unsigned v);
void pg_u16(struct pg_buf *b, unsigned v);
void pg_u32(struct pg_buf *b, uint32_t v);
void pg_bytes(struct pg_buf *b, const void *p, size_t n);
void pg_utf16(struct pg_buf *b, const char *ascii);

/* A container: pg_begin writes the header, pg_end patches its length. */
size_t pg_begin(struct pg_buf *b, unsigned ver, unsigned inst,
		unsigned type);
void pg_end(struct pg_buf *b, size_t at);
/* An atom whose body is given. */
void pg_atom(struct pg_buf *b, unsigned inst, unsigned type,
	     const void *body, size_t n);
/* Starts an atom whose body follows; pg_end closes it. */
size_t pg_atom_begin(struct pg_buf *b, unsigned inst, unsigned type);

/* One FOPT entry list: pid/value pairs (simple properties only). */
void pg_fopt(struct pg_buf *b, const uint32_t *pv, size_t npairs);

/* Damage to apply when the deck is assembled. */
enum pg_damage {
	PG_NONE = 0,
	PG_LOOP_EDIT,		/* the edit's offsetLastEdit is itself */
	PG_LOOP_DIR,		/* the edit names itself as directory */
	PG_SLIDE_IS_DOC,	/* the slide's persist id names the document */
	PG_ENCRYPT_EDIT,	/* an encryptSessionPersistIdRef */
	PG_ENCRYPT_TOKEN,	/* the encrypted header token */
	PG_PP95,		/* a Current User stream of another shape */
};

/*
 * What goes into a one-slide deck. Each writer adds records to b: the
 * slide's shapes inside its group container, the slide list's records
 * after the slide's SlidePersistAtom, the BLIP store's FBSEs.
 */
struct pg_spec {
	void (*shapes)(struct pg_buf *b, void *arg);
	void (*list_text)(struct pg_buf *b, void *arg);
	void (*bstore)(struct pg_buf *b, void *arg);
	void *arg;
	const struct pg_buf *pictures;	/* the Pictures stream, or NULL */
	const char *footer;		/* headers and footers: slide number
					   and this footer text */
	int today_date;			/* with footer: today's date in this
					   format, 1 + its index; 0: none */
	enum pg_damage damage;
	size_t cut;			/* > 0: keep this many bytes */
};

/* Builds the PowerPoint Document and Current User streams. */
void pg_build(const struct pg_spec *s, struct pg_buf *doc,
	      struct pg_buf *cu);

/* Writes an OLE2 file with the given streams (NULL buffers skipped). */
int pg_write_ole(const char *path, const char *const *names,
		 const struct pg_buf *const *bufs, size_t n);

/* pg_build then pg_write_ole: returns 0 or -1. */
int pg_write_deck(const char *path, const struct pg_spec *s);

/* Writes a shape: type, anchor in master units, FOPT pairs. */
void pg_shape(struct pg_buf *b, unsigned spt, int l, int t, int r, int bm,
	      const uint32_t *fopt, size_t npairs);

#endif
