/*
 * Error helpers and the fixed texts of the public error codes.
 */
#include <stdio.h>
#include <string.h>

#include "util.h"

int ppj__error(struct ppj_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err || err->code != 0)
		return code;

	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

void ppj__error_clear(struct ppj_error *err)
{
	if (!err)
		return;
	err->code = 0;
	err->msg[0] = '\0';
}

const char *ppj_strerror(int code)
{
	switch (code) {
	case PPJ_OK: return "success";
	case PPJ_ENOTDECK: return "not a PowerPoint file";
	case PPJ_EDAMAGED: return "damaged file";
	case PPJ_EENCRYPTED: return "password protected";
	case PPJ_EUNSUPPORTED: return "unsupported format";
	case PPJ_ETOOLARGE: return "over a limit";
	case PPJ_EIO: return "input/output error";
	case PPJ_ENOMEM: return "out of memory";
	case PPJ_EUSAGE: return "bad arguments";
	default: return "internal error";
	}
}

const char *ppj_error_kind(int code)
{
	switch (code) {
	case PPJ_ENOTDECK:
	case PPJ_EDAMAGED:
	case PPJ_EUNSUPPORTED:
		return "source_invalid";
	case PPJ_EENCRYPTED:
		return "password_protected";
	case PPJ_ETOOLARGE:
		return "too_large";
	default:
		return "internal";
	}
}
