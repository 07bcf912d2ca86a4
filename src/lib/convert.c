/*
 * The conversion as a whole: sniff the input, run the reader that fits,
 * render the model into a sink, commit the sink. The one place where the
 * three stages meet.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "html/render.h"
#include "model/model.h"
#include "pack/sink.h"
#include "ppt/ppt.h"
#include "pptx/pptx.h"
#include "util/util.h"

void ppj_options_init(struct ppj_options *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->embed_fonts = 1;
}

static void fill_limits(struct ppj_limits *l)
{
	if (!l->max_part_bytes)
		l->max_part_bytes = (uint64_t)64 << 20;
	if (!l->max_total_bytes)
		l->max_total_bytes = (uint64_t)512 << 20;
	if (!l->max_slides)
		l->max_slides = 5000;
	if (!l->max_shapes)
		l->max_shapes = 500000;
	if (!l->max_depth)
		l->max_depth = 64;
	if (!l->max_model_bytes)
		l->max_model_bytes = (uint64_t)1 << 30;
}

static int read_deck(const char *path, const struct ppj_options *opts,
		     struct ppj_deck **deck, struct ppj_error *err)
{
	/* A file we cannot read is not a file of the wrong kind. */
	if (access(path, R_OK) != 0)
		return ppj__error(err, PPJ_EIO, "cannot read: %s",
				  strerror(errno));

	switch (ppj_sniff_file(path)) {
	case PPJ_FORMAT_OOXML:
		return ppj__pptx_read(path, opts, deck, err);
	case PPJ_FORMAT_PPT:
		return ppj__ppt_read(path, opts, deck, err);
	case PPJ_FORMAT_OOXML_ENCRYPTED:
		return ppj__error(err, PPJ_EENCRYPTED, "password protected");
	case PPJ_FORMAT_ZIP:
		return ppj__error(err, PPJ_ENOTDECK, "not a PowerPoint file "
				  "(a zip without ppt/presentation.xml)");
	case PPJ_FORMAT_OLE2:
		return ppj__error(err, PPJ_ENOTDECK, "not a PowerPoint file "
				  "(an OLE2 file without a PowerPoint stream)");
	default:
		return ppj__error(err, PPJ_ENOTDECK, "not a PowerPoint file");
	}
}

int ppj_convert_file(const char *path, const char *out_dir,
		     const char *out_zip, const struct ppj_options *user,
		     struct ppj_error *err)
{
	struct ppj_options opts;
	struct ppj_deck *deck = NULL;
	struct ppj_sink *sink = NULL;
	int rc;

	ppj__error_clear(err);
	if (!path || (!out_dir) == (!out_zip))
		return ppj__error(err, PPJ_EUSAGE,
				  "give a deck and one output");
	if (user)
		opts = *user;
	else
		ppj_options_init(&opts);
	fill_limits(&opts.limits);

	rc = read_deck(path, &opts, &deck, err);
	if (rc)
		goto out;

	rc = out_dir ? ppj_sink_open_dir(&sink, out_dir, err) :
		ppj_sink_open_zip(&sink, out_zip, err);
	if (rc)
		goto out;

	rc = ppj__render_deck(deck, sink, &opts, err);
	if (rc)
		goto out;

	if (opts.progress && opts.progress(opts.progress_ctx,
					   PPJ_STAGE_PACKAGING,
					   (int)deck->nslides,
					   (int)deck->nslides)) {
		rc = ppj__error(err, PPJ_EINTERNAL, "cancelled");
		goto out;
	}
	rc = ppj_sink_finish(sink, err);
	sink = NULL;

out:
	if (sink)
		ppj_sink_abort(sink);
	ppj_deck_free(deck);
	return rc;
}
