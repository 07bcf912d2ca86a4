/*
 * Telling what a file is from its bytes: the zip directory of an OOXML
 * package or the directory of an OLE2 compound file. Never the file name.
 */
#include <gsf/gsf.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

#include "ppj/ppj.h"
#include "ppt/ppt.h"

static const unsigned char ole2_magic[8] = {
	0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1
};

/*
 * A zip whose central directory is gone can still be a deck: look for the
 * part's name in a local file header (signature, then the name at 30).
 */
static int scan_local_headers(FILE *f)
{
	static const char name[] = "ppt/presentation.xml";
	unsigned char buf[65536 + sizeof(name)];
	size_t keep = 0, n;

	rewind(f);
	while ((n = fread(buf + keep, 1, sizeof(buf) - keep, f)) > 0) {
		size_t len = keep + n;

		for (size_t i = 0; i + 30 + sizeof(name) - 1 <= len; i++)
			if (memcmp(buf + i, "PK\3\4", 4) == 0 &&
			    memcmp(buf + i + 30, name, sizeof(name) - 1) == 0)
				return PPJ_FORMAT_OOXML;
		keep = len < 30 + sizeof(name) ? len : 30 + sizeof(name);
		memmove(buf, buf + len - keep, keep);
	}
	return PPJ_FORMAT_ZIP;
}

static int sniff_zip(const char *path, FILE *f)
{
	zip_t *z;
	int zerr = 0, fmt;

	z = zip_open(path, ZIP_RDONLY, &zerr);
	if (!z)
		return scan_local_headers(f);
	fmt = zip_name_locate(z, "ppt/presentation.xml", 0) >= 0 ?
		PPJ_FORMAT_OOXML : PPJ_FORMAT_ZIP;
	zip_discard(z);
	return fmt;
}

static int sniff_ole2(const char *path)
{
	static const char *ppt_streams[] = {
		"PowerPoint Document", "PP40", "PP97_DUALSTORAGE", NULL
	};
	GsfInput *in;
	GsfInfile *ole;
	int fmt = PPJ_FORMAT_OLE2;

	ppj__gsf_quiet();
	in = gsf_input_stdio_new(path, NULL);
	if (!in)
		return PPJ_FORMAT_OLE2;
	ole = gsf_infile_msole_new(in, NULL);
	g_object_unref(in);
	if (!ole)
		return PPJ_FORMAT_OLE2;

	if (gsf_infile_child_by_name(ole, "EncryptedPackage")) {
		fmt = PPJ_FORMAT_OOXML_ENCRYPTED;
	} else {
		for (int i = 0; ppt_streams[i]; i++) {
			GsfInput *s = gsf_infile_child_by_name(ole,
							      ppt_streams[i]);

			if (s) {
				g_object_unref(s);
				fmt = PPJ_FORMAT_PPT;
				break;
			}
		}
	}
	g_object_unref(ole);
	return fmt;
}

int ppj_sniff_file(const char *path)
{
	unsigned char head[8];
	FILE *f = fopen(path, "rb");
	int fmt = PPJ_FORMAT_UNKNOWN;

	if (!f)
		return PPJ_FORMAT_UNKNOWN;
	if (fread(head, 1, sizeof(head), f) == sizeof(head)) {
		if (memcmp(head, "PK\3\4", 4) == 0)
			fmt = sniff_zip(path, f);
		else if (memcmp(head, ole2_magic, 8) == 0)
			fmt = sniff_ole2(path);
	}
	fclose(f);
	return fmt;
}
