/* tsa_table.h -- one table, three renderings: Markdown (for people),
 * CSV (RFC 4180, for spreadsheets and pandas) and JSON ("tsalign-table",
 * docs/formats/table.schema.json, for notebooks).
 *
 * A table is a list of column names and an array of rows, each row a JSON
 * object whose values are strings, numbers, booleans or null.  A missing
 * key or null is "not applicable" (an exact global minimum has no lambda
 * bound): Markdown prints "-", CSV an empty field, JSON null.  Numbers
 * keep their JSON form: integers as integers, reals in the shortest of
 * 15, 16 or 17 significant digits that reads back to the same double. */
#ifndef TSA_TABLE_H
#define TSA_TABLE_H

#include <jansson.h>
#include "tsa_base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum
{
    TSA_TABLE_MD = 0,
    TSA_TABLE_CSV = 1,
    TSA_TABLE_JSON = 2
} tsa_table_fmt_t;

/* "md", "csv" or "json"; TSA_EINVAL naming --format otherwise. */
int tsa_table_parse_format(tsa_table_fmt_t *fmt, const char *s) TSA_WUR;

/* The text of the table (malloc'd; NULL when out of memory, reported).
 * columns: array of strings; rows: array of objects.  title is the
 * Markdown heading (none when NULL) and the JSON "title".  A real that is
 * not finite is rendered as null. */
char *tsa_table_render(const json_t *columns, const json_t *rows,
                       tsa_table_fmt_t fmt, const char *title);

/* json_dumps(o, flags) followed by one newline: the text of a JSON file
 * (malloc'd; NULL when out of memory, not reported). */
char *tsa_json_text(const json_t *o, size_t flags);

/* The columns of rows: the keys of the first row, in order (new ref). */
json_t *tsa_table_columns_of(const json_t *rows);

#ifdef __cplusplus
}
#endif
#endif
