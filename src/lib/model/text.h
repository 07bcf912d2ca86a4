/*
 * Text helpers shared by the readers: the labels of automatic numbering
 * and the mapping of symbol fonts (Symbol, Wingdings, Webdings) to Unicode.
 */
#ifndef PPJ_MODEL_TEXT_H
#define PPJ_MODEL_TEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Writes the label of item n (1..) in the OOXML auto-number scheme
 * ("arabicPeriod", "romanUcParenR", "alphaLcParenBoth", ...) to out, NUL
 * terminated. An unknown scheme numbers as arabicPeriod. Returns out.
 */
char *ppj_autonum_label(const char *scheme, int n, char *out, size_t size);

/*
 * Maps a character cp of a symbol font (font name as in the deck, e.g.
 * "Wingdings", "Symbol") to the Unicode character a viewer without that
 * font should show. Characters in the private use area U+F0xx count as
 * 0xxx. Returns cp itself when the font is not a symbol font.
 */
uint32_t ppj_symbol_to_unicode(const char *font, uint32_t cp);

/* True for fonts whose characters ppj_symbol_to_unicode remaps. */
int ppj_is_symbol_font(const char *font);

#endif
