/*
 * ppj: PowerPoint decks to HTML.
 *
 * The public interface of the converter library. A conversion reads a deck
 * (.pptx and its variants, or legacy .ppt), fills a format-neutral model,
 * renders it to HTML, SVG and assets and writes the tree of SPEC §4 to a
 * directory or a zip file.
 *
 * The library never prints and never exits: every failure comes back as a
 * negative PPJ_E* code with a message in a struct ppj_error.
 */
#ifndef PPJ_PPJ_H
#define PPJ_PPJ_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PPJ_VERSION "0.1.0"

/* Error codes: 0 is success, failures are negative. */
enum ppj_code {
	PPJ_OK = 0,
	PPJ_ENOTDECK = -1,	/* not a PowerPoint file at all */
	PPJ_EDAMAGED = -2,	/* a deck, but too broken to read */
	PPJ_EENCRYPTED = -3,	/* password protected */
	PPJ_EUNSUPPORTED = -4,	/* a format we do not read (PowerPoint 95) */
	PPJ_ETOOLARGE = -5,	/* over a limit inside the deck */
	PPJ_EIO = -6,		/* reading the input or writing the output */
	PPJ_ENOMEM = -7,	/* out of memory */
	PPJ_EINTERNAL = -8,	/* a bug of ours */
	PPJ_EUSAGE = -9,	/* bad arguments to a library call */
};

#define PPJ_ERROR_MSG_MAX 512

/* Where a failure is described: the code and one line of text. */
struct ppj_error {
	int code;
	char msg[PPJ_ERROR_MSG_MAX];
};

/* Short fixed text for a code ("password protected", ...). */
const char *ppj_strerror(int code);

/*
 * The service's name for a code, as in SPEC §1 last_error.code:
 * "source_invalid", "password_protected", "too_large", "internal".
 */
const char *ppj_error_kind(int code);

/* What kind of file a buffer starts like. */
enum ppj_format {
	PPJ_FORMAT_UNKNOWN = 0,
	PPJ_FORMAT_OOXML,	/* a zip with ppt/presentation.xml */
	PPJ_FORMAT_PPT,		/* an OLE2 file with a PowerPoint stream */
	PPJ_FORMAT_OOXML_ENCRYPTED, /* OLE2 with EncryptedPackage */
	PPJ_FORMAT_ZIP,		/* a zip, but no presentation in it */
	PPJ_FORMAT_OLE2,	/* OLE2, but no PowerPoint stream in it */
};

/*
 * Sniffs the file at path by its bytes, never by its name. Cheap: reads the
 * zip directory or the OLE2 directory only. Returns a ppj_format.
 */
int ppj_sniff_file(const char *path);

/* Limits on what one deck may make us do; 0 means the default. */
struct ppj_limits {
	uint64_t max_part_bytes;	/* one uncompressed part (64 MiB) */
	uint64_t max_total_bytes;	/* all parts read (512 MiB) */
	uint32_t max_slides;		/* 5000 */
	uint32_t max_shapes;		/* shapes in the whole deck (500000) */
	uint32_t max_depth;		/* group and XML nesting (64) */
	uint64_t max_model_bytes;	/* memory of the model (1 GiB) */
};

/* Stages reported to the progress callback. */
enum ppj_stage {
	PPJ_STAGE_READING = 1,
	PPJ_STAGE_RENDERING,
	PPJ_STAGE_PACKAGING,
};

/*
 * Called as the conversion goes on: stage, slides done and slide count
 * (0 while unknown). Returning non-zero cancels the conversion.
 */
typedef int (*ppj_progress_fn)(void *ctx, int stage, int done, int total);

struct ppj_options {
	struct ppj_limits limits;
	ppj_progress_fn progress;
	void *progress_ctx;
	int embed_fonts;	/* ship the font faces the deck uses (1) */
	const char *font_dir;	/* where to find them; NULL: system dirs */
};

/* Fills opts with the defaults. */
void ppj_options_init(struct ppj_options *opts);

/*
 * Converts the deck at path. Exactly one of out_dir and out_zip is set:
 * out_dir receives the tree of SPEC §4 (created, must not exist or be
 * empty), out_zip a zip of that tree. On failure nothing is left behind
 * at either place. Returns 0 or a negative PPJ_E* with err filled.
 */
int ppj_convert_file(const char *path, const char *out_dir,
		     const char *out_zip, const struct ppj_options *opts,
		     struct ppj_error *err);

#ifdef __cplusplus
}
#endif

#endif
