/* tsa_strbuf.h -- a growing, NUL-terminated text buffer (Markdown tables,
 * reports).  Allocation failure is sticky: later appends do nothing and
 * tsa_strbuf_take returns NULL, so callers check once at the end. */
#ifndef TSA_STRBUF_H
#define TSA_STRBUF_H

#include <stddef.h>
#include "tsa_base.h"

typedef struct
{
    char *s;        /* NULL until the first append */
    size_t len, cap;
    int oom;        /* an allocation failed */
} tsa_strbuf_t;

#define TSA_STRBUF_INIT {NULL, 0, 0, 0}

/* Append printf-formatted text. */
void tsa_strbuf_printf(tsa_strbuf_t *b, const char *fmt, ...) TSA_PRINTF(2, 3);

/* The text ("" when nothing was appended); NULL after an allocation
 * failure.  Valid until the next append or clear. */
const char *tsa_strbuf_str(const tsa_strbuf_t *b);

/* Hand the text to the caller (free() it) and reset b; NULL after an
 * allocation failure (the text is freed then). */
char *tsa_strbuf_take(tsa_strbuf_t *b);

void tsa_strbuf_clear(tsa_strbuf_t *b);

#endif
