/*
 * Shared part of the fuzz targets (see fuzz-util.h): a private temporary
 * directory, the input file, small limits, one conversion.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fuzz-util.h"

static char dir[256], in_path[300], out_path[300];

static void setup(void)
{
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" :
		getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

	if (dir[0])
		return;
	snprintf(dir, sizeof(dir), "%s/ppj-fuzz-XXXXXX", base);
	if (!mkdtemp(dir))
		abort();
	snprintf(in_path, sizeof(in_path), "%s/in", dir);
	snprintf(out_path, sizeof(out_path), "%s/out.zip", dir);
}

const char *fuzz_in_path(void)
{
	setup();
	return in_path;
}

const char *fuzz_out_path(void)
{
	setup();
	return out_path;
}

void fuzz_write_input(const uint8_t *data, size_t size)
{
	FILE *f = fopen(fuzz_in_path(), "wb");

	if (!f)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	if (fclose(f) != 0)
		abort();
}

void fuzz_options(struct ppj_options *opts)
{
	ppj_options_init(opts);
	opts->embed_fonts = 0;
	opts->limits.max_part_bytes = 4 << 20;
	opts->limits.max_total_bytes = 32 << 20;
	opts->limits.max_slides = 64;
	opts->limits.max_shapes = 4096;
	opts->limits.max_depth = 32;
	opts->limits.max_model_bytes = 128 << 20;
}

void fuzz_convert(void)
{
	struct ppj_options opts;
	struct ppj_error err = { 0 };

	fuzz_options(&opts);
	unlink(fuzz_out_path());
	if (ppj_convert_file(fuzz_in_path(), NULL, fuzz_out_path(), &opts,
			     &err) == 0)
		unlink(fuzz_out_path());
	else if (err.code >= 0 || !err.msg[0])
		abort();	/* a failure must come with a code and a text */
}
