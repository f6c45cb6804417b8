/*
 * defaults.c - the built-in sheet: Image 1 of the course-v3 softmax sheet,
 * its logits at full precision so that exp sums to 12.698085405662953.
 */
#include "io/defaults.h"

const char defaults_sheet[] =
    "# title: Softmax of one image (course-v3 spreadsheet, Image 1)\n"
    "# mode: logits\n"
    "# base: e\n"
    "id,label,cat,dog,plane,fish,building\n"
    "Image 1,fish,0.021789294543326676,-2.4880559194860128,"
    "-1.7505557283129267,2.0704092459877179,1.2502573466234175\n";
