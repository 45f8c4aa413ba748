/* format.c -- "format" / "format_version" tags of tsalign's JSON files
 * (tsa_format.h). */
#include <stdio.h>
#include <string.h>
#include "tsa_format.h"
#include "tsa_io.h"

void
tsa_format_stamp(json_t *root, const char *kind, const char *version)
{
    char tag[8 + TSA_FORMAT_KIND_MAX + 1];
    snprintf(tag, sizeof tag, "tsalign-%s", kind);
    json_object_set_new(root, "format", json_string(tag));
    json_object_set_new(root, "format_version", json_string(version));
}

json_t *
tsa_format_object(const char *kind, const char *version)
{
    json_t *o = json_object();
    if (o != NULL)
        tsa_format_stamp(o, kind, version);
    return o;
}

/* digits only, 1 to 9 of them */
static int
parse_num(long *x, const char *s, size_t n)
{
    size_t i;
    if (n < 1 || n > 9)
        return 0;
    *x = 0;
    for (i = 0; i < n; i++)
    {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        *x = 10 * *x + (s[i] - '0');
    }
    return 1;
}

int
tsa_format_parse_version(long *maj, long *min, const char *s)
{
    const char *dot = s != NULL ? strchr(s, '.') : NULL;
    return dot != NULL && parse_num(maj, s, (size_t) (dot - s))
           && parse_num(min, dot + 1, strlen(dot + 1));
}

static int
is_legacy(const char *f, const char *const *legacy)
{
    for (; legacy != NULL && *legacy != NULL; legacy++)
        if (strcmp(f, *legacy) == 0)
            return 1;
    return 0;
}

int
tsa_format_check(const json_t *root, const char *kind,
                 const char *const *legacy, int major, int untagged_ok,
                 const char *what)
{
    json_t *f = json_object_get(root, "format"),
           *v = json_object_get(root, "format_version");
    char tag[8 + TSA_FORMAT_KIND_MAX + 1], b[48];
    long maj, min;

    /* messages start with "what: " (nothing when what is NULL) */
    const char *W = what != NULL ? what : "", *S = what != NULL ? ": " : "";
    snprintf(tag, sizeof tag, "tsalign-%s", kind);
    if (f == NULL)
    {
        if (untagged_ok && v == NULL)
            return TSA_SUCCESS;
        return TSA_ERROR(TSA_EFORMAT, "%s%sformat: missing (expected \"%s\")", W, S, tag);
    }
    if (!json_is_string(f))
        return TSA_ERROR(TSA_EFORMAT, "%s%sformat: expected \"%s\"", W, S, tag);
    if (is_legacy(json_string_value(f), legacy))
    {
        /* files of the first release: major 1 (the train run's integer 1) */
        if (v == NULL || (json_is_integer(v) && json_integer_value(v) == 1)
            || (json_is_string(v) && tsa_format_parse_version(&maj, &min, json_string_value(v))
                && maj == 1))
            return TSA_SUCCESS;
        if (json_is_integer(v) && json_integer_value(v) > 1)
            return TSA_ERROR(TSA_EFORMAT, "%s%sformat_version %lld is newer than this "
                             "tsalign reads (%d.x); upgrade tsalign", W, S,
                             (long long) json_integer_value(v), major);
        return TSA_ERROR(TSA_EFORMAT, "%s%sformat_version: expected 1", W, S);
    }
    if (strcmp(json_string_value(f), tag) != 0)
        return TSA_ERROR(TSA_EFORMAT, "%s%sformat: expected \"%s\", not \"%s\"", W, S, tag,
                         tsa_io_shown(b, sizeof b, json_string_value(f)));
    if (!json_is_string(v) || !tsa_format_parse_version(&maj, &min, json_string_value(v)))
        return TSA_ERROR(TSA_EFORMAT, "%s%sformat_version: expected a string "
                         "\"MAJOR.MINOR\"", W, S);
    if (maj > major)
        return TSA_ERROR(TSA_EFORMAT, "%s%sformat_version %ld.%ld is newer than this "
                         "tsalign reads (%d.x); upgrade tsalign", W, S, maj, min, major);
    if (maj < 1)
        return TSA_ERROR(TSA_EFORMAT, "%s%sformat_version: major 0 does not exist", W, S);
    return TSA_SUCCESS;
}
