/* The OPC layer: placeholder until the reader lands. */
#include "util/util.h"
