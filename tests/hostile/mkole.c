/*
 * mkole: writes an OLE2 compound file with the streams given on the
 * command line, for the hostile corpus (gen_hostile.py builds the stream
 * bytes, this wraps them with libgsf so that the container is valid and
 * only its contents are hostile).
 *
 *   mkole OUT NAME=FILE [NAME=FILE ...]
 *
 * Each NAME becomes a stream at the root holding the bytes of FILE.
 * Exit 0, or 1 with a message on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsf/gsf.h>

static int add(GsfOutfile *ole, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char name[256];
	unsigned char buf[65536];
	GsfOutput *s;
	FILE *f;
	size_t n;
	int rc = 0;

	if (!eq || (size_t)(eq - arg) >= sizeof(name)) {
		fprintf(stderr, "mkole: bad argument '%s'\n", arg);
		return -1;
	}
	memcpy(name, arg, (size_t)(eq - arg));
	name[eq - arg] = '\0';

	f = fopen(eq + 1, "rb");
	if (!f) {
		perror(eq + 1);
		return -1;
	}
	s = gsf_outfile_new_child(ole, name, FALSE);
	while (s && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		if (!gsf_output_write(s, n, buf))
			rc = -1;
	fclose(f);
	if (!s)
		return -1;
	gsf_output_close(s);
	g_object_unref(s);
	return rc;
}

int main(int argc, char **argv)
{
	GsfOutput *out;
	GsfOutfile *ole;
	int rc = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: mkole OUT NAME=FILE ...\n");
		return 2;
	}
	out = gsf_output_stdio_new(argv[1], NULL);
	if (!out) {
		fprintf(stderr, "mkole: cannot write '%s'\n", argv[1]);
		return 1;
	}
	ole = gsf_outfile_msole_new(out);
	g_object_unref(out);
	for (int i = 2; i < argc && rc == 0; i++)
		rc = add(ole, argv[i]);
	gsf_output_close(GSF_OUTPUT(ole));
	g_object_unref(ole);
	return rc ? 1 : 0;
}
