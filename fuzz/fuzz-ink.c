/*
 * fuzz-ink: one input is an InkML part. It goes into a one-slide deck
 * (tests/unit/deckgen.c) as the ink of a p:contentPart, and the deck
 * through ppj_convert_file() as fuzz-pptx does. The whole-deck target
 * cannot reach the traces: its mutations break the zip's deflate and
 * checksums before the reader sees a byte of them.
 */
#include <stdlib.h>

#include "../tests/unit/deckgen.h"
#include "fuzz-util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SPTREE "<mc:AlternateContent xmlns:mc=\"http://schemas." \
	"openxmlformats.org/markup-compatibility/2006\"><mc:Choice " \
	"xmlns:p14=\"http://schemas.microsoft.com/office/powerpoint/2010/" \
	"main\" Requires=\"p14\"><p:contentPart r:id=\"rInk\"><p14:xfrm>" \
	"<a:off x=\"1000\" y=\"2000\"/><a:ext cx=\"360000\" cy=\"36000\"/>" \
	"</p14:xfrm></p:contentPart></mc:Choice></mc:AlternateContent>"
#define RELS "<Relationship Id=\"rInk\" Type=\"http://schemas." \
	"openxmlformats.org/officeDocument/2006/relationships/customXml\" " \
	"Target=\"../ink/ink1.xml\"/>"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct deckgen_part part = { "ppt/ink/ink1.xml",
				     "application/inkml+xml", data, size };
	struct deckgen g = { .nparts = 1, .parts = &part };
	struct deckgen_slide s = { .sptree = SPTREE, .rels = RELS };

	if (size == 0)
		return 0;	/* deckgen takes a length of 0 for a string */
	if (deckgen_write(fuzz_in_path(), &g, &s, 1))
		abort();
	fuzz_convert();
	return 0;
}
