/* strbuf.c -- growing text buffer (tsa_strbuf.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tsa_strbuf.h"

void
tsa_strbuf_printf(tsa_strbuf_t *b, const char *fmt, ...)
{
    va_list ap;
    int n;
    if (b->oom)
        return;
    for (;;)
    {
        size_t room = b->cap - b->len, cap;
        char *ns;
        va_start(ap, fmt);
        /* b->s is NULL at first: NULL + 0 is undefined (UBSan) */
        n = vsnprintf(b->s != NULL ? b->s + b->len : NULL, room, fmt, ap);
        va_end(ap);
        if (n < 0)
        {
            b->oom = 1;     /* an encoding error: treat as failure */
            return;
        }
        if ((size_t) n < room)
        {
            b->len += (size_t) n;
            return;
        }
        cap = 2 * b->cap + (size_t) n + 64;
        if ((ns = realloc(b->s, cap)) == NULL)
        {
            b->oom = 1;
            return;
        }
        b->s = ns;
        b->cap = cap;
    }
}

const char *
tsa_strbuf_str(const tsa_strbuf_t *b)
{
    return b->oom ? NULL : b->s != NULL ? b->s : "";
}

char *
tsa_strbuf_take(tsa_strbuf_t *b)
{
    char *s = b->oom ? NULL : b->s != NULL ? b->s : strdup("");
    if (b->oom)
        free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
    return s;
}

void
tsa_strbuf_clear(tsa_strbuf_t *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}
