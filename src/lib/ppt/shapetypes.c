/*
 * The shape types of [MS-ODRAW] (MSOSPT) as DrawingML preset names, so
 * that one geometry evaluator draws both formats. Types without a preset
 * counterpart (WordArt, some callouts) are absent and drawn as rectangles
 * by the caller, with a warning.
 */
#include <stddef.h>

#include "ppt-int.h"

struct spt_name {
	unsigned short spt;
	unsigned char adj;	/* 1: adjust 1 scales as 21600 -> 100000 */
	const char *name;
};

static const struct spt_name table[] = {
	{ 1, 0, "rect" }, { 2, 1, "roundRect" }, { 3, 0, "ellipse" },
	{ 4, 0, "diamond" }, { 5, 0, "triangle" }, { 6, 0, "rtTriangle" },
	{ 7, 1, "parallelogram" }, { 8, 0, "trapezoid" },
	{ 9, 1, "hexagon" }, { 10, 1, "octagon" }, { 11, 1, "plus" },
	{ 12, 0, "star5" }, { 13, 0, "rightArrow" }, { 14, 0, "rightArrow" },
	{ 15, 0, "homePlate" }, { 16, 1, "cube" },
	{ 17, 0, "wedgeRoundRectCallout" }, { 18, 0, "star16" },
	{ 19, 0, "arc" }, { 20, 0, "line" }, { 21, 0, "plaque" },
	{ 22, 1, "can" }, { 23, 1, "donut" },
	{ 32, 0, "straightConnector1" }, { 33, 0, "bentConnector2" },
	{ 34, 0, "bentConnector3" }, { 35, 0, "bentConnector4" },
	{ 36, 0, "bentConnector5" }, { 37, 0, "curvedConnector2" },
	{ 38, 0, "curvedConnector3" }, { 39, 0, "curvedConnector4" },
	{ 40, 0, "curvedConnector5" }, { 41, 0, "callout1" },
	{ 42, 0, "callout2" }, { 43, 0, "callout3" },
	{ 44, 0, "accentCallout1" }, { 45, 0, "accentCallout2" },
	{ 46, 0, "accentCallout3" }, { 47, 0, "borderCallout1" },
	{ 48, 0, "borderCallout2" }, { 49, 0, "borderCallout3" },
	{ 50, 0, "accentBorderCallout1" }, { 51, 0, "accentBorderCallout2" },
	{ 52, 0, "accentBorderCallout3" }, { 53, 0, "ribbon" },
	{ 54, 0, "ribbon2" }, { 55, 0, "chevron" }, { 56, 0, "pentagon" },
	{ 57, 0, "noSmoking" }, { 58, 0, "star8" }, { 59, 0, "star16" },
	{ 60, 0, "star32" }, { 61, 0, "wedgeRectCallout" },
	{ 62, 0, "wedgeRoundRectCallout" }, { 63, 0, "wedgeEllipseCallout" },
	{ 64, 0, "wave" }, { 65, 1, "foldedCorner" }, { 66, 0, "leftArrow" },
	{ 67, 0, "downArrow" }, { 68, 0, "upArrow" },
	{ 69, 0, "leftRightArrow" }, { 70, 0, "upDownArrow" },
	{ 71, 0, "irregularSeal1" }, { 72, 0, "irregularSeal2" },
	{ 73, 0, "lightningBolt" }, { 74, 0, "heart" }, { 75, 0, "rect" },
	{ 76, 0, "quadArrow" }, { 77, 0, "leftArrowCallout" },
	{ 78, 0, "rightArrowCallout" }, { 79, 0, "upArrowCallout" },
	{ 80, 0, "downArrowCallout" }, { 81, 0, "leftRightArrowCallout" },
	{ 82, 0, "upDownArrowCallout" }, { 83, 0, "quadArrowCallout" },
	{ 84, 1, "bevel" }, { 85, 0, "leftBracket" },
	{ 86, 0, "rightBracket" }, { 87, 0, "leftBrace" },
	{ 88, 0, "rightBrace" }, { 89, 0, "leftUpArrow" },
	{ 90, 0, "bentUpArrow" }, { 91, 0, "bentArrow" }, { 92, 0, "star24" },
	{ 93, 0, "stripedRightArrow" }, { 94, 0, "notchedRightArrow" },
	{ 95, 0, "blockArc" }, { 96, 0, "smileyFace" },
	{ 97, 0, "verticalScroll" }, { 98, 0, "horizontalScroll" },
	{ 99, 0, "circularArrow" }, { 100, 0, "circularArrow" },
	{ 101, 0, "uturnArrow" }, { 102, 0, "curvedRightArrow" },
	{ 103, 0, "curvedLeftArrow" }, { 104, 0, "curvedUpArrow" },
	{ 105, 0, "curvedDownArrow" }, { 106, 0, "cloudCallout" },
	{ 107, 0, "ellipseRibbon" }, { 108, 0, "ellipseRibbon2" },
	{ 109, 0, "flowChartProcess" }, { 110, 0, "flowChartDecision" },
	{ 111, 0, "flowChartInputOutput" },
	{ 112, 0, "flowChartPredefinedProcess" },
	{ 113, 0, "flowChartInternalStorage" },
	{ 114, 0, "flowChartDocument" }, { 115, 0, "flowChartMultidocument" },
	{ 116, 0, "flowChartTerminator" }, { 117, 0, "flowChartPreparation" },
	{ 118, 0, "flowChartManualInput" },
	{ 119, 0, "flowChartManualOperation" },
	{ 120, 0, "flowChartConnector" }, { 121, 0, "flowChartPunchedCard" },
	{ 122, 0, "flowChartPunchedTape" },
	{ 123, 0, "flowChartSummingJunction" }, { 124, 0, "flowChartOr" },
	{ 125, 0, "flowChartCollate" }, { 126, 0, "flowChartSort" },
	{ 127, 0, "flowChartExtract" }, { 128, 0, "flowChartMerge" },
	{ 129, 0, "flowChartOfflineStorage" },
	{ 130, 0, "flowChartOnlineStorage" },
	{ 131, 0, "flowChartMagneticTape" },
	{ 132, 0, "flowChartMagneticDisk" },
	{ 133, 0, "flowChartMagneticDrum" }, { 134, 0, "flowChartDisplay" },
	{ 135, 0, "flowChartDelay" }, { 176, 0, "flowChartAlternateProcess" },
	{ 177, 0, "flowChartOffpageConnector" }, { 178, 0, "callout1" },
	{ 179, 0, "accentCallout1" }, { 180, 0, "borderCallout1" },
	{ 181, 0, "accentBorderCallout1" }, { 182, 0, "leftRightUpArrow" },
	{ 183, 0, "sun" }, { 184, 0, "moon" }, { 185, 0, "bracketPair" },
	{ 186, 0, "bracePair" }, { 187, 0, "star4" }, { 188, 0, "doubleWave" },
	{ 189, 0, "actionButtonBlank" }, { 190, 0, "actionButtonHome" },
	{ 191, 0, "actionButtonHelp" }, { 192, 0, "actionButtonInformation" },
	{ 193, 0, "actionButtonForwardNext" },
	{ 194, 0, "actionButtonBackPrevious" },
	{ 195, 0, "actionButtonEnd" }, { 196, 0, "actionButtonBeginning" },
	{ 197, 0, "actionButtonReturn" }, { 198, 0, "actionButtonDocument" },
	{ 199, 0, "actionButtonSound" }, { 200, 0, "actionButtonMovie" },
	{ 201, 0, "rect" }, { 202, 0, "rect" },
};

/*
 * The preset name of shape type spt, or NULL when there is none. *adj is
 * set to 1 when the first adjust value converts by scale alone.
 */
const char *ppt_preset_name(unsigned spt, int *adj)
{
	size_t lo = 0, hi = sizeof(table) / sizeof(table[0]);

	*adj = 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (table[mid].spt == spt) {
			*adj = table[mid].adj;
			return table[mid].name;
		}
		if (table[mid].spt < spt)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
