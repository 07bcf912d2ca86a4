/*
 * TIFF, BMP and JPEG XR pictures to PNG (see raster.h).
 *
 * libtiff decodes TIFF (every compression and photometric it knows,
 * through its RGBA interface), stb_image decodes BMP (only its BMP
 * decoder is compiled in), jxrlib decodes JPEG XR and libpng writes the
 * PNG. libtiff and stb_image run in-process on hostile bytes, so the
 * input is capped, the pixel size is read from the header and checked
 * before anything is decoded, libtiff's own allocations are capped and
 * its messages go to silent handlers; jxrlib runs in a child process.
 *
 * The PNG holds IHDR, IDAT and IEND only (no time, no text) and is
 * written with fixed settings, so the same picture gives the same bytes.
 */
#include <limits.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>
#include <tiffio.h>
#include <JXRGlue.h>

#include "raster.h"
#include "util/util.h"

/* stb_image's BMP decoder alone, private to this file, without stdio. */
#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_BMP
#define STBI_NO_STDIO
#define STBI_NO_LINEAR
#define STBI_NO_HDR
#define STBI_MAX_DIMENSIONS RASTER_SIDE_MAX
#pragma GCC diagnostic ignored "-Wunused-function"	/* to the end */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#include <stb/stb_image.h>
#pragma GCC diagnostic pop

#define RASTER_DEADLINE_MS 10000	/* the longest silence of a decoder */
#define TIFF_ALLOC_MAX ((tmsize_t)256 << 20)	/* one libtiff allocation */

struct image {
	uint32_t w, h;
	unsigned char *rgba;	/* w * h * 4 bytes, top row first */
};

static bool size_ok(uint64_t w, uint64_t h)
{
	return w >= 1 && h >= 1 && w <= RASTER_SIDE_MAX &&
	       h <= RASTER_SIDE_MAX && w * h <= RASTER_PIXELS_MAX;
}

/* ---- TIFF ---- */

struct tmem {
	const unsigned char *d;
	uint64_t n, pos;
};

static tmsize_t t_read(thandle_t h, void *buf, tmsize_t size)
{
	struct tmem *m = h;
	uint64_t k;

	if (size <= 0 || m->pos >= m->n)
		return 0;
	k = m->n - m->pos;
	if (k > (uint64_t)size)
		k = (uint64_t)size;
	memcpy(buf, m->d + m->pos, k);
	m->pos += k;
	return (tmsize_t)k;
}

static tmsize_t t_write(thandle_t h, void *buf, tmsize_t size)
{
	return -1;
}

/* Offsets past the end are allowed (reads there give nothing). */
static toff_t t_seek(thandle_t h, toff_t off, int whence)
{
	struct tmem *m = h;
	uint64_t base = whence == SEEK_CUR ? m->pos :
			whence == SEEK_END ? m->n : 0;

	m->pos = base + off;	/* a negative offset wraps, as in lseek */
	return m->pos;
}

static int t_close(thandle_t h)
{
	return 0;
}

static toff_t t_size(thandle_t h)
{
	return ((struct tmem *)h)->n;
}

static int t_map(thandle_t h, void **base, toff_t *size)
{
	return 0;
}

static void t_unmap(thandle_t h, void *base, toff_t size)
{
}

/* Handled: nothing goes on to libtiff's process-wide handlers. */
static int t_quiet(TIFF *t, void *user, const char *module, const char *fmt,
		   va_list ap)
{
	return 1;
}

/*
 * A few libtiff paths still report through the process-wide handlers,
 * which print to stderr by default; the library never prints, so those
 * are emptied once (a program embedding ppj loses libtiff's messages).
 */
static pthread_once_t tiff_once = PTHREAD_ONCE_INIT;

static void tiff_silence(void)
{
	TIFFSetErrorHandler(NULL);
	TIFFSetWarningHandler(NULL);
}

static TIFF *tiff_open(struct tmem *m)
{
	TIFFOpenOptions *o;
	TIFF *t;

	pthread_once(&tiff_once, tiff_silence);
	o = TIFFOpenOptionsAlloc();
	if (!o)
		return NULL;
	TIFFOpenOptionsSetErrorHandlerExtR(o, t_quiet, NULL);
	TIFFOpenOptionsSetWarningHandlerExtR(o, t_quiet, NULL);
	TIFFOpenOptionsSetMaxSingleMemAlloc(o, TIFF_ALLOC_MAX);

	/* "m": no memory mapping; the bytes are read through t_read. */
	t = TIFFClientOpenExt("picture", "rm", m, t_read, t_write, t_seek,
			      t_close, t_size, t_map, t_unmap, o);
	TIFFOpenOptionsFree(o);
	return t;
}

static const char *tiff_pixels(TIFF *t, uint32_t w, uint32_t h,
			       struct image *im)
{
	size_t count = (size_t)w * h;
	uint32_t *px = calloc(count, sizeof(*px));
	unsigned char *out = (unsigned char *)px;

	if (!px)
		return "out of memory";
	if (!TIFFReadRGBAImageOriented(t, w, h, px, ORIENTATION_TOPLEFT, 1)) {
		free(px);
		return "damaged or truncated TIFF";
	}

	/* Packed ABGR words to R, G, B, A bytes, whatever the byte order. */
	for (size_t i = 0; i < count; i++) {
		uint32_t v = px[i];

		out[4 * i] = (unsigned char)TIFFGetR(v);
		out[4 * i + 1] = (unsigned char)TIFFGetG(v);
		out[4 * i + 2] = (unsigned char)TIFFGetB(v);
		out[4 * i + 3] = (unsigned char)TIFFGetA(v);
	}
	im->w = w;
	im->h = h;
	im->rgba = out;
	return NULL;
}

static const char *tiff_decode(const void *data, size_t n, struct image *im)
{
	struct tmem m = { data, n, 0 };
	uint32_t w = 0, h = 0;
	char emsg[1024];
	const char *why;
	TIFF *t = tiff_open(&m);

	if (!t)
		return "not a readable TIFF";

	/* The size first: nothing is decoded for an absurd one. */
	if (!TIFFGetField(t, TIFFTAG_IMAGEWIDTH, &w) ||
	    !TIFFGetField(t, TIFFTAG_IMAGELENGTH, &h))
		why = "TIFF without a size";
	else if (!size_ok(w, h))
		why = RASTER_TOO_BIG;
	else if (!TIFFRGBAImageOK(t, emsg))
		why = "TIFF of a kind libtiff cannot turn into RGBA";
	else
		why = tiff_pixels(t, w, h, im);
	TIFFClose(t);
	return why;
}

/* ---- BMP ---- */

static const char *bmp_decode(const void *data, size_t n, struct image *im)
{
	int w = 0, h = 0, comp = 0;
	unsigned char *px;

	if (n > INT_MAX)
		return "too large";
	if (!stbi_info_from_memory(data, (int)n, &w, &h, &comp))
		return "not a readable BMP";

	/* The height as stored: negative for rows top down. */
	if (w < 1 || h == 0 || !size_ok((uint64_t)w, h < 0 ?
					(uint64_t)-(int64_t)h : (uint64_t)h))
		return RASTER_TOO_BIG;

	px = stbi_load_from_memory(data, (int)n, &w, &h, &comp, 4);
	if (!px)
		return "damaged BMP";
	im->w = (uint32_t)w;
	im->h = (uint32_t)h;
	im->rgba = px;		/* stb_image allocates with malloc */
	return NULL;
}

/* ---- JPEG XR (HD Photo, .wdp) ---- */

/*
 * jxrlib prints from inside its decoder and trusts the stream's sizes,
 * so it runs in a child (ppj_child_run): the child writes the width,
 * the height (4 bytes each, host order) and the RGBA rows.
 */
struct wdp_job {
	const void *data;
	size_t n;
};

/* Decoder, converter and pixels, whatever was made; released by caller. */
struct wdp_state {
	struct WMPStream *stream;
	PKImageDecode *dec;
	PKFormatConverter *conv;
	unsigned char *px;
};

/* Spreads count RGB pixels at the start of px out to RGBA, in place. */
static void rgb_to_rgba(unsigned char *px, size_t count)
{
	for (size_t i = count; i-- > 0;) {
		px[4 * i + 3] = 255;
		px[4 * i + 2] = px[3 * i + 2];
		px[4 * i + 1] = px[3 * i + 1];
		px[4 * i] = px[3 * i];
	}
}

static int wdp_pixels(struct wdp_state *st, const struct wdp_job *job,
		      uint32_t wh[2])
{
	I32 w = 0, h = 0;
	bool rgba;
	PKRect all;

	if (CreateWS_Memory(&st->stream, (void *)job->data, job->n) < 0 ||
	    PKImageDecode_Create_WMP(&st->dec) < 0 ||
	    st->dec->Initialize(st->dec, st->stream) < 0 ||
	    st->dec->GetSize(st->dec, &w, &h) < 0 || w < 1 || h < 1 ||
	    !size_ok((uint64_t)w, (uint64_t)h))
		return -1;

	/*
	 * Formats with alpha convert to RGBA, the others (BGR, grey, CMYK)
	 * only to RGB, which is spread out to RGBA here.
	 */
	if (PKCodecFactory_CreateFormatConverter(&st->conv) < 0)
		return -1;
	rgba = st->conv->Initialize(st->conv, st->dec, NULL,
				    GUID_PKPixelFormat32bppRGBA) >= 0;
	if (!rgba) {
		PKFormatConverter_Release(&st->conv);
		if (PKCodecFactory_CreateFormatConverter(&st->conv) < 0 ||
		    st->conv->Initialize(st->conv, st->dec, NULL,
					 GUID_PKPixelFormat24bppRGB) < 0)
			return -1;
	}
	st->px = malloc((size_t)w * (size_t)h * 4);
	all = (PKRect){ 0, 0, w, h };
	if (!st->px || st->conv->Copy(st->conv, &all, st->px,
				      (U32)w * (rgba ? 4 : 3)) < 0)
		return -1;
	if (!rgba)
		rgb_to_rgba(st->px, (size_t)w * (size_t)h);
	wh[0] = (uint32_t)w;
	wh[1] = (uint32_t)h;
	return 0;
}

static int wdp_child(void *arg, int fd)
{
	struct wdp_state st = { 0 };
	uint32_t wh[2];

	if (wdp_pixels(&st, arg, wh) != 0)
		return -1;
	if (ppj_child_write(fd, wh, sizeof(wh)) != 0)
		return -1;
	return ppj_child_write(fd, st.px, (size_t)wh[0] * wh[1] * 4);
}

static const char *wdp_decode(const void *data, size_t n, struct image *im)
{
	struct wdp_job job = { data, n };
	unsigned char *out;
	uint32_t wh[2];
	size_t len = 0;

	out = ppj_child_run(wdp_child, &job, 8 + (size_t)RASTER_PIXELS_MAX * 4,
			    RASTER_DEADLINE_MS, &len);
	if (!out || len < 8) {
		free(out);
		return "not a readable JPEG XR picture";
	}

	/* The child's word is checked like any input's. */
	memcpy(wh, out, sizeof(wh));
	if (!size_ok(wh[0], wh[1]) || len != 8 + (size_t)wh[0] * wh[1] * 4) {
		free(out);
		return "damaged JPEG XR picture";
	}
	memmove(out, out + 8, len - 8);
	im->w = wh[0];
	im->h = wh[1];
	im->rgba = out;
	return NULL;
}

/* ---- PNG ---- */

static void p_write(png_structp p, png_bytep d, size_t n)
{
	if (ppj_buf_add(png_get_io_ptr(p), d, n) != 0)
		png_error(p, "out of memory");
}

static void p_flush(png_structp p)
{
}

/* libpng's own handlers print; these only jump back or do nothing. */
static void p_error(png_structp p, png_const_charp msg)
{
	png_longjmp(p, 1);
}

static void p_warn(png_structp p, png_const_charp msg)
{
}

static bool opaque(const struct image *im)
{
	size_t count = (size_t)im->w * im->h;

	for (size_t i = 0; i < count; i++)
		if (im->rgba[4 * i + 3] != 255)
			return false;
	return true;
}

/* The PNG's chunks and rows; errors jump back into png_try. */
static void png_body(png_structp p, png_infop info, const struct image *im,
		     png_bytep *rows)
{
	bool rgb = opaque(im);

	png_set_compression_level(p, 6);
	png_set_IHDR(p, info, im->w, im->h, 8, rgb ? PNG_COLOR_TYPE_RGB :
		     PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(p, info);

	/* Opaque: the alpha bytes are dropped as filler. */
	if (rgb)
		png_set_filler(p, 0, PNG_FILLER_AFTER);
	png_write_image(p, rows);
	png_write_end(p, NULL);
}

/* The only frame with setjmp: it keeps no locals that could be lost. */
static int png_try(png_structp p, png_infop info, const struct image *im,
		   png_bytep *rows, struct ppj_buf *out)
{
	if (setjmp(png_jmpbuf(p)))
		return -1;
	png_set_write_fn(p, out, p_write, p_flush);
	png_body(p, info, im, rows);
	return 0;
}

static int png_encode(const struct image *im, struct ppj_buf *out)
{
	png_bytep *rows = malloc(im->h * sizeof(*rows));
	png_structp p = NULL;
	png_infop info = NULL;
	int rc = -1;

	if (!rows)
		return -1;
	for (uint32_t y = 0; y < im->h; y++)
		rows[y] = im->rgba + (size_t)y * im->w * 4;
	p = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, p_error,
				    p_warn);
	if (p)
		info = png_create_info_struct(p);
	if (p && info)
		rc = png_try(p, info, im, rows, out);
	png_destroy_write_struct(&p, &info);
	free(rows);
	return rc;
}

unsigned char *raster_rgba_to_png(const unsigned char *rgba, uint32_t w,
				  uint32_t h, size_t *len)
{
	struct image im = { w, h, (unsigned char *)rgba };
	struct ppj_buf out = PPJ_BUF_INIT;

	if (!size_ok(w, h))
		return NULL;
	if (png_encode(&im, &out) != 0 || out.failed || !out.len) {
		ppj_buf_release(&out);
		return NULL;
	}
	*len = out.len;
	return (unsigned char *)out.data;
}

unsigned char *raster_to_png(enum raster_format format, const void *data,
			     size_t n, size_t *len, const char **why)
{
	struct image im = { 0 };
	struct ppj_buf out = PPJ_BUF_INIT;

	if (n > RASTER_IN_MAX) {
		*why = "over 32 MiB";
		return NULL;
	}
	if (format == RASTER_TIFF)
		*why = tiff_decode(data, n, &im);
	else if (format == RASTER_WDP)
		*why = wdp_decode(data, n, &im);
	else
		*why = bmp_decode(data, n, &im);
	if (*why)
		return NULL;

	if (png_encode(&im, &out) != 0 || out.failed || !out.len) {
		free(im.rgba);
		ppj_buf_release(&out);
		*why = "could not write the PNG";
		return NULL;
	}
	free(im.rgba);
	*len = out.len;
	return (unsigned char *)out.data;
}
