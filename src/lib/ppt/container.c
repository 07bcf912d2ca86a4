/*
 * The OLE2 container ([MS-CFB]) of a .ppt, read with libgsf: the streams
 * "Current User", "PowerPoint Document" and "Pictures" are read whole into
 * malloc'd buffers, each under the part size limit, and the file is closed
 * again. Also tells old and encrypted files apart by their streams.
 */
#include <stdlib.h>
#include <string.h>

#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-doc-meta-data.h>
#include <gsf/gsf-input-stdio.h>
#include <gsf/gsf-meta-names.h>
#include <gsf/gsf-msole-utils.h>
#include <gsf/gsf-utils.h>

#include "ppt-int.h"
#include "ppt.h"

/*
 * Reads the stream called name into *buf (malloc'd, the caller frees) and
 * its size into *len. Returns 0, 1 when there is no such stream, or a
 * negative PPJ_E*.
 */
static int read_stream(struct ppt_ctx *c, GsfInfile *ole, const char *name,
		       uint8_t **buf, size_t *len)
{
	uint64_t cap = c->opts->limits.max_part_bytes;
	GsfInput *s = gsf_infile_child_by_name(ole, name);
	gsf_off_t size;
	int rc = 0;

	*buf = NULL;
	*len = 0;
	if (!s)
		return 1;
	size = gsf_input_size(s);
	if (size < 0 || (cap && (uint64_t)size > cap)) {
		rc = ppj__error(c->err, PPJ_ETOOLARGE, "stream '%s' is over "
				"the part size limit", name);
		goto out;
	}
	*buf = malloc((size_t)size + 1);
	if (!*buf) {
		rc = ppj__error(c->err, PPJ_ENOMEM, "out of memory");
		goto out;
	}
	if (size && !gsf_input_read(s, (size_t)size, *buf)) {
		free(*buf);
		*buf = NULL;
		rc = ppj__error(c->err, PPJ_EDAMAGED, "stream '%s' cannot be "
				"read", name);
		goto out;
	}
	*len = (size_t)size;
out:
	g_object_unref(s);
	return rc;
}

static bool has_stream(GsfInfile *ole, const char *name)
{
	GsfInput *s = gsf_infile_child_by_name(ole, name);

	if (!s)
		return false;
	g_object_unref(s);
	return true;
}

/*
 * The document title from the SummaryInformation property set, if it is
 * there and readable; a damaged property set is no reason to fail.
 */
static void read_title(struct ppt_ctx *c, GsfInfile *ole)
{
	GsfInput *s = gsf_infile_child_by_name(ole, "\005SummaryInformation");
	GsfDocMetaData *meta;
	GsfDocProp *prop;
	const GValue *v;
	GError *gerr;

	if (!s)
		return;
	if (gsf_input_size(s) > (gsf_off_t)(1 << 20)) {
		g_object_unref(s);
		return;
	}
	meta = gsf_doc_meta_data_new();
	gerr = gsf_doc_meta_data_read_from_msole(meta, s);
	if (gerr)
		g_error_free(gerr);
	prop = gsf_doc_meta_data_lookup(meta, GSF_META_NAME_TITLE);
	v = prop ? gsf_doc_prop_get_val(prop) : NULL;
	if (v && G_VALUE_HOLDS_STRING(v) && g_value_get_string(v) &&
	    *g_value_get_string(v)) {
		const char *t = g_value_get_string(v);

		c->deck->title = ppj_arena_strndup(&c->deck->arena, t,
						   strnlen(t, 1024));
	}
	g_object_unref(meta);
	g_object_unref(s);
}

/*
 * Reads the Current User stream and hands it to the persist reader, which
 * finds the newest edit. Old formats and encryption markers are told
 * apart here because they show in the streams present.
 */
static int read_streams(struct ppt_ctx *c, GsfInfile *ole)
{
	uint8_t *cu = NULL;
	size_t culen = 0;
	int rc;

	if (has_stream(ole, "PP40"))
		return ppj__error(c->err, PPJ_EUNSUPPORTED, "unsupported old "
				  "PowerPoint format");
	if (has_stream(ole, "EncryptedSummary"))
		c->encrypted = true;

	rc = read_stream(c, ole, "PowerPoint Document", &c->doc, &c->doclen);
	if (rc == 1)
		return ppj__error(c->err, PPJ_EUNSUPPORTED, "unsupported old "
				  "PowerPoint format (no PowerPoint Document "
				  "stream)");
	if (rc < 0)
		return rc;

	rc = read_stream(c, ole, "Current User", &cu, &culen);
	if (rc == 1)
		return ppj__error(c->err, PPJ_EUNSUPPORTED, "unsupported old "
				  "PowerPoint format (no Current User stream)");
	if (rc < 0)
		return rc;

	rc = read_stream(c, ole, "Pictures", &c->pics, &c->picslen);
	if (rc == 1)
		rc = 0;
	if (rc == 0)
		rc = ppt_read_persist(c, cu, culen);
	if (rc == 0)
		read_title(c, ole);
	free(cu);
	return rc;
}

int ppt_load_streams(struct ppt_ctx *c, const char *path)
{
	GError *gerr = NULL;
	GsfInput *in;
	GsfInfile *ole;
	int rc;

	ppj__gsf_quiet();
	in = gsf_input_stdio_new(path, &gerr);
	if (!in) {
		if (gerr)
			g_error_free(gerr);
		return ppj__error(c->err, PPJ_EIO, "'%s' cannot be opened",
				  path);
	}
	ole = gsf_infile_msole_new(in, &gerr);
	g_object_unref(in);
	if (!ole) {
		if (gerr)
			g_error_free(gerr);
		return ppj__error(c->err, PPJ_EDAMAGED, "'%s' is not a "
				  "readable OLE2 file", path);
	}
	rc = read_streams(c, ole);
	g_object_unref(ole);
	return rc;
}

void ppt_free_streams(struct ppt_ctx *c)
{
	free(c->doc);
	free(c->pics);
	free(c->persist);
	c->doc = c->pics = NULL;
	c->persist = NULL;
}
