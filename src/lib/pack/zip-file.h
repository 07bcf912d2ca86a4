#ifndef PPJ_PACK_ZIP_FILE_H
#define PPJ_PACK_ZIP_FILE_H

#include <zip.h>

/*
 * A new, empty archive that zip_close() writes to PATH itself (created
 * or truncated then; removed when the write fails or is discarded).
 * NULL when out of memory.
 */
zip_t *ppj__zip_create(const char *path);

#endif
