/*
 * fuzz-pptx: the whole pipeline on a .pptx. The input bytes are the file;
 * they go through ppj_convert_file() (sniff, OPC, PPTX reader, model,
 * renderer, zip sink) into a zip that is removed again.
 */
#include "fuzz-util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_write_input(data, size);
	fuzz_convert();
	return 0;
}
