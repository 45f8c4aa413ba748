/* tsa_path.h -- safe identifiers, output paths contained in their folder,
 * and output files written whole or not at all.
 *
 * Identifiers that become file names (claim ids, report and plot names)
 * are restricted to the alphabet
 *     [A-Za-z0-9][A-Za-z0-9._-]*     at most TSA_IO_ID_MAX characters,
 * without "..": such a name has no '/', cannot be "." or "..", cannot
 * start with '-' or '.', and needs no quoting in a shell, in gnuplot or in
 * Markdown.  A path built by tsa_io_path_join from a folder and such a
 * name therefore stays inside the folder. */
#ifndef TSA_PATH_H
#define TSA_PATH_H

#include <stdio.h>
#include "tsa_base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Longest identifier (claim id) and longest file name made from one. */
#define TSA_IO_ID_MAX 128
#define TSA_IO_NAME_MAX 200

/* TSA_SUCCESS when id is a safe identifier (rule above, at most
 * TSA_IO_ID_MAX characters), else TSA_EFORMAT with one line naming what
 * (the field, e.g. "c.json: id"); the offending text is not echoed, so
 * the message stays one line whatever the input holds.  NULL is refused
 * ("missing"). */
int tsa_io_check_id(const char *id, const char *what) TSA_WUR;

/* 1 when s is a safe identifier, else 0 (nothing reported). */
int tsa_io_is_id(const char *s);

/* The same rule for a file name, at most TSA_IO_NAME_MAX characters. */
int tsa_io_check_name(const char *name, const char *what) TSA_WUR;

/* *out = "<dir>/<name><suffix>" (malloc'd, caller frees) when name and
 * name + suffix are safe (tsa_io_check_id, tsa_io_check_name): the path
 * cannot leave dir.  TSA_EFORMAT naming what otherwise, *out = NULL. */
int tsa_io_path_join(char **out, const char *dir, const char *name,
                     const char *suffix, const char *what) TSA_WUR;

/* An output file written whole or not at all: the text goes to a
 * temporary file "<path>.tmp.XXXXXX" in the same folder; commit flushes,
 * fsyncs, closes (checked) and renames it over path; abort (or a failed
 * commit) removes it.  A kill leaves at most the temporary, never a
 * partial or empty file under path. */
typedef struct
{
    FILE *f;    /* write here between open and commit */
    char *path;
    char *tmp;
} tsa_io_out_t;

int tsa_io_out_open(tsa_io_out_t *o, const char *path) TSA_WUR;
int tsa_io_out_commit(tsa_io_out_t *o) TSA_WUR;
void tsa_io_out_abort(tsa_io_out_t *o);

/* Write n texts to n paths, all or none: every text to its temporary
 * first, then the renames; when a rename fails the files already renamed
 * are removed, so a failure never leaves one file of the group without
 * the others.  TSA_EIO naming the path that failed. */
int tsa_io_write_atomic_group(const char *const *paths,
                              const char *const *texts, int n) TSA_WUR;

#ifdef __cplusplus
}
#endif
#endif
