/*
 * Internals of the legacy binary reader ([MS-PPT], [MS-ODRAW]), shared by
 * its files only.
 *
 * The "PowerPoint Document" stream is read whole into memory (capped) and
 * every record is a view into that buffer: a struct ppt_rec never owns
 * memory. Lengths in record headers are never trusted: a record whose
 * length passes its parent's end is cut at that end.
 */
#ifndef PPJ_PPT_INT_H
#define PPJ_PPT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/model.h"

/* Record types of [MS-PPT] 2.13.24 and [MS-ODRAW] 2.2.1 that we read. */
enum {
	RT_DOCUMENT = 0x03E8,
	RT_DOCUMENT_ATOM = 0x03E9,
	RT_SLIDE = 0x03EE,
	RT_SLIDE_ATOM = 0x03EF,
	RT_NOTES = 0x03F0,
	RT_NOTES_ATOM = 0x03F1,
	RT_ENVIRONMENT = 0x03F2,
	RT_SLIDE_PERSIST_ATOM = 0x03F3,
	RT_MAIN_MASTER = 0x03F8,
	RT_EXOBJLIST = 0x0409,
	RT_DRAWING_GROUP = 0x040B,
	RT_DRAWING = 0x040C,
	RT_FONT_COLLECTION = 0x07D5,
	RT_COLOR_SCHEME_ATOM = 0x07F0,
	RT_OE_PLACEHOLDER_ATOM = 0x0BC3,
	RT_OUTLINE_TEXT_REF_ATOM = 0x0F9E,
	RT_TEXT_HEADER_ATOM = 0x0F9F,
	RT_TEXT_CHARS_ATOM = 0x0FA0,
	RT_STYLE_TEXT_PROP_ATOM = 0x0FA1,
	RT_MASTER_TEXT_PROP_ATOM = 0x0FA2,
	RT_TX_MASTER_STYLE_ATOM = 0x0FA3,
	RT_TEXT_RULER_ATOM = 0x0FA6,
	RT_TEXT_BYTES_ATOM = 0x0FA8,
	RT_FONT_ENTITY_ATOM = 0x0FB7,
	RT_STYLE_TEXT_PROP9_ATOM = 0x0FAC,
	RT_CSTRING = 0x0FBA,
	RT_EXHYPERLINK_ATOM = 0x0FD3,
	RT_EXHYPERLINK = 0x0FD7,
	RT_HEADERS_FOOTERS = 0x0FD9,
	RT_HEADERS_FOOTERS_ATOM = 0x0FDA,
	RT_SLIDE_NUMBER_MC_ATOM = 0x0FD8,
	RT_TX_INTERACTIVE_INFO_ATOM = 0x0FDF,
	RT_DATE_TIME_MC_ATOM = 0x0FF7,
	RT_GENERIC_DATE_MC_ATOM = 0x0FF8,
	RT_HEADER_MC_ATOM = 0x0FF9,
	RT_FOOTER_MC_ATOM = 0x0FFA,
	RT_SLIDE_LIST_WITH_TEXT = 0x0FF0,
	RT_INTERACTIVE_INFO = 0x0FF2,
	RT_INTERACTIVE_INFO_ATOM = 0x0FF3,
	RT_USER_EDIT_ATOM = 0x0FF5,
	RT_CURRENT_USER_ATOM = 0x0FF6,
	RT_PERSIST_DIRECTORY_ATOM = 0x1772,
	RT_PROG_TAGS = 0x1388,
	RT_PROG_BINARY_TAG = 0x138A,
	RT_BINARY_TAG_DATA = 0x138B,
	RT_CRYPT_SESSION = 0x2F14,

	RT_DGG_CONTAINER = 0xF000,
	RT_BSTORE_CONTAINER = 0xF001,
	RT_DG_CONTAINER = 0xF002,
	RT_SPGR_CONTAINER = 0xF003,
	RT_SP_CONTAINER = 0xF004,
	RT_FBSE = 0xF007,
	RT_FSPGR = 0xF009,
	RT_FSP = 0xF00A,
	RT_FOPT = 0xF00B,
	RT_CLIENT_TEXTBOX = 0xF00D,
	RT_CHILD_ANCHOR = 0xF00F,
	RT_CLIENT_ANCHOR = 0xF010,
	RT_CLIENT_DATA = 0xF011,
	RT_BLIP_FIRST = 0xF018,
	RT_BLIP_EMF = 0xF01A,
	RT_BLIP_WMF = 0xF01B,
	RT_BLIP_PICT = 0xF01C,
	RT_BLIP_JPEG = 0xF01D,
	RT_BLIP_PNG = 0xF01E,
	RT_BLIP_DIB = 0xF01F,
	RT_BLIP_TIFF = 0xF029,
	RT_BLIP_JPEG_CMYK = 0xF02A,
	RT_BLIP_LAST = 0xF117,
	RT_FOPT2 = 0xF121,
	RT_FOPT3 = 0xF122,
};

/* Text types of TextHeaderAtom and TxMasterStyleAtom. */
enum {
	TX_TITLE = 0, TX_BODY, TX_NOTES, TX_UNUSED, TX_OTHER,
	TX_CENTER_BODY, TX_CENTER_TITLE, TX_HALF_BODY, TX_QUARTER_BODY,
	TX_NTYPES,
};

#define PPT_MASTER_EMU 1587.5	/* EMU per master unit (576 per inch) */
#define PPT_MAX_DEPTH 32	/* nesting of records and groups */

/* A record: header fields and a view of its body. */
struct ppt_rec {
	uint16_t ver;		/* recVer, 4 bits (0xF: a container) */
	uint16_t inst;		/* recInstance, 12 bits */
	uint16_t type;
	uint32_t len;		/* body length, already cut to the parent */
	bool cut;		/* the header claimed more than there was */
	const uint8_t *data;
	size_t off;		/* offset of the header in its buffer */
};

/* Walks the children of a container body. */
struct ppt_iter {
	const uint8_t *base;	/* start of the buffer offsets count from */
	const uint8_t *p, *end;
};

/* records.c */
int ppt_rec_at(const uint8_t *buf, size_t len, size_t off,
	       struct ppt_rec *r);
void ppt_iter_init(struct ppt_iter *it, const struct ppt_rec *parent);
bool ppt_iter_next(struct ppt_iter *it, struct ppt_rec *r);
bool ppt_child(const struct ppt_rec *parent, uint16_t type,
	       struct ppt_rec *out);
bool ppt_child_inst(const struct ppt_rec *parent, uint16_t type,
		    uint16_t inst, struct ppt_rec *out);
uint8_t ppt_u8(const struct ppt_rec *r, size_t off);

/*
 * The field name of PowerPoint's date format index (DateTimeMCAtom,
 * HeadersFootersAtom), counted from 0 in the order of DrawingML's
 * datetime1 to datetime13; "datetime" for an index out of range.
 */
const char *ppt_date_format(unsigned index);
uint16_t ppt_u16(const struct ppt_rec *r, size_t off);
uint32_t ppt_u32(const struct ppt_rec *r, size_t off);
static inline int16_t ppt_i16(const struct ppt_rec *r, size_t off)
{
	return (int16_t)ppt_u16(r, off);
}
static inline int32_t ppt_i32(const struct ppt_rec *r, size_t off)
{
	return (int32_t)ppt_u32(r, off);
}
uint16_t ppt_le16(const uint8_t *p);
uint32_t ppt_le32(const uint8_t *p);

/* ---- text styles (text.c) ---- */

/* A TextPFException: paragraph properties with a mask of those set. */
struct ppt_pf {
	uint32_t mask;
	uint16_t bullet_flags;
	uint16_t bullet_char;
	uint16_t bullet_font;
	int16_t bullet_size;
	uint32_t bullet_color;	/* ColorIndexStruct, little endian */
	uint16_t align;
	int16_t line, before, after;
	int16_t left, indent;
};

/* A TextCFException: character properties with a mask of those set. */
struct ppt_cf {
	uint32_t mask;
	uint16_t style;		/* bold 1, italic 2, underline 4, ... */
	uint16_t font, ea_font, sym_font;
	uint16_t size;
	uint32_t color;
	int16_t pos;
};

struct ppt_level {
	struct ppt_pf pf;
	struct ppt_cf cf;
};

/* The five levels of one text type in a TxMasterStyleAtom. */
struct ppt_tstyle {
	bool present;
	struct ppt_level lvl[5];
};

/* A link applied to characters [begin, end) of a text. */
struct ppt_span_link {
	int32_t begin, end;
	struct ppj_link link;
};

/* A field (slide number, date) standing at one character of a text. */
struct ppt_field {
	uint32_t pos;
	const char *name;	/* "slidenum", "datetime" */
};

/* One text of the slide list or of a ClientTextbox. */
struct ppt_text {
	uint32_t type;
	const uint8_t *chars;	/* UTF-16LE or Latin-1 */
	size_t nchars;
	bool wide;
	struct ppt_rec style;	/* StyleTextPropAtom, type 0 if none */
	struct ppt_rec ruler;	/* TextRulerAtom, type 0 if none */
	size_t nlinks;
	struct ppt_span_link *links;
	size_t nfields;
	struct ppt_field *fields;
};

/* A main master or title master. */
struct ppt_master {
	uint32_t slide_id;
	uint32_t master_ref;	/* title master: its main master's id */
	bool loaded;
	bool loading;
	struct ppj_color scheme[8];
	struct ppt_tstyle styles[TX_NTYPES];
	struct ppj_fill background;
	size_t nph;		/* placeholder boxes, for slides without */
	struct {
		unsigned type;
		struct ppj_xform xf;
	} ph[16];
	struct ppj_shape *hf[3];	/* date, slide number, footer boxes */
	size_t nshapes;		/* non-placeholder shapes, drawn on slides */
	struct ppj_shape *shapes;
	struct ppt_rec rec;
};

/* A picture of the BLIP store, made into media on first use. */
struct ppt_blip {
	const uint8_t *rec;	/* the BLIP record in its stream, or NULL */
	size_t reclen;
	struct ppj_media *media;
	bool tried;
};

struct ppt_hyperlink {
	uint32_t id;
	const char *target;
	const char *location;
};

/* The state of one read. */
struct ppt_ctx {
	struct ppj_deck *deck;
	const struct ppj_options *opts;
	struct ppj_error *err;

	uint8_t *doc;		/* "PowerPoint Document" */
	size_t doclen;
	uint8_t *pics;		/* "Pictures", may be NULL */
	size_t picslen;

	uint32_t *persist;	/* persist id -> stream offset */
	size_t npersist;
	uint32_t doc_ref;	/* persist id of the DocumentContainer */
	bool encrypted;
	bool omit_title_footers;	/* DocumentAtom fOmitTitlePlace */

	struct ppt_rec docrec;
	const char **fonts;
	size_t nfonts;
	struct ppt_tstyle env_styles[TX_NTYPES];
	struct ppt_blip *blips;
	size_t nblips;
	struct ppt_master *masters;
	size_t nmasters;
	struct ppt_hyperlink *links;
	size_t nlinks;
	uint32_t *slide_ids;	/* slide number - 1 -> slideId */
	size_t nslide_ids;

	/* The slide being read: its scheme and where warnings go. */
	const struct ppj_color *scheme;
	struct ppj_slide *slide;
	struct ppt_master *master;
	struct ppt_text *list_texts;	/* its texts in the slide list */
	size_t nlist_texts;
	size_t nshapes;		/* all shapes so far, against the limit */
};

/* container.c */
int ppt_load_streams(struct ppt_ctx *c, const char *path);
void ppt_free_streams(struct ppt_ctx *c);

/* persist.c */
int ppt_read_persist(struct ppt_ctx *c, const uint8_t *cu, size_t culen);
bool ppt_persist_rec(struct ppt_ctx *c, uint32_t ref, struct ppt_rec *r);

/* document.c */
int ppt_read_document(struct ppt_ctx *c);
char *ppt_utf16(struct ppt_ctx *c, const uint8_t *p, size_t n);
const char *ppt_font(struct ppt_ctx *c, uint16_t idx);
struct ppj_color ppt_scheme_color(struct ppt_ctx *c, unsigned idx);
bool ppt_link_from_info(struct ppt_ctx *c, const struct ppt_rec *info,
			struct ppj_link *out);

/* text.c */
void ppt_read_pf(const struct ppt_rec *r, size_t *off, struct ppt_pf *pf);
void ppt_read_cf(const struct ppt_rec *r, size_t *off, struct ppt_cf *cf);
void ppt_read_master_style(const struct ppt_rec *r, struct ppt_tstyle *s);
size_t ppt_collect_texts(struct ppt_ctx *c, const struct ppt_rec *parent,
			 bool from_persist, struct ppt_text **out);
struct ppj_text *ppt_build_text(struct ppt_ctx *c,
				const struct ppt_text *t,
				const struct ppt_rec *prop9);
char *ppt_plain_text(struct ppt_ctx *c, const struct ppt_text *t);

/* drawing.c */
int ppt_read_drawing(struct ppt_ctx *c, const struct ppt_rec *holder,
		     bool master, struct ppj_shape **shapes, size_t *n,
		     struct ppj_fill *background, bool *has_bg);

/* shapetypes.c */
const char *ppt_preset_name(unsigned spt, int *adj_kind);

/* blip.c */
int ppt_read_bstore(struct ppt_ctx *c, const struct ppt_rec *dgg);
struct ppj_media *ppt_blip_media(struct ppt_ctx *c, uint32_t pib);

#endif
