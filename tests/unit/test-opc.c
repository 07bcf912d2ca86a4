/* Unit tests of the OPC layer: part names, relationships, XML safety. */
#include <stdlib.h>
#include <string.h>

#include "deckgen.h"
#include "opc/opc.h"
#include "unit.h"

TEST(resolve_relative)
{
	char *s = ppj__opc_resolve("ppt/slides/slide1.xml",
				   "../media/image1.png");

	CHECK_STR(s, "ppt/media/image1.png");
	free(s);
}
