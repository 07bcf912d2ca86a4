/*
 * fuzz-ppt: the whole pipeline on a legacy .ppt. An input that starts
 * with the OLE2 signature is the file itself. Any other input is taken
 * apart and put in a fresh OLE2 container, so that mutations hit the
 * PowerPoint records rather than the container:
 *
 *   u16 n (little endian), n bytes of "Current User", the rest is the
 *   "PowerPoint Document" stream.
 *
 * fuzz/seeds.py writes seeds of both forms.
 */
#include <string.h>

#include <gsf/gsf.h>

#include "fuzz-util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t ole2_magic[8] = {
	0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1
};

static void add_stream(GsfOutfile *ole, const char *name, const uint8_t *p,
		       size_t n)
{
	GsfOutput *s = gsf_outfile_new_child(ole, name, FALSE);

	if (!s)
		abort();
	if (n && !gsf_output_write(s, n, p))
		abort();
	gsf_output_close(s);
	g_object_unref(s);
}

/* Writes the two streams into an OLE2 file at fuzz_in_path(). */
static void write_ole2(const uint8_t *data, size_t size)
{
	GsfOutput *out;
	GsfOutfile *ole;
	size_t n = size >= 2 ? (size_t)(data[0] | data[1] << 8) : 0;

	data += size >= 2 ? 2 : size;
	size -= size >= 2 ? 2 : size;
	if (n > size)
		n = size;

	out = gsf_output_stdio_new(fuzz_in_path(), NULL);
	if (!out)
		abort();
	ole = gsf_outfile_msole_new(out);
	g_object_unref(out);
	if (!ole)
		abort();
	add_stream(ole, "Current User", data, n);
	add_stream(ole, "PowerPoint Document", data + n, size - n);
	gsf_output_close(GSF_OUTPUT(ole));
	g_object_unref(ole);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= sizeof(ole2_magic) &&
	    memcmp(data, ole2_magic, sizeof(ole2_magic)) == 0)
		fuzz_write_input(data, size);
	else
		write_ole2(data, size);
	fuzz_convert();
	return 0;
}
