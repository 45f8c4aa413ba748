/* tsa_format.h -- the one tag and version scheme of every JSON file
 * tsalign reads or writes (docs/formats/README.md).
 *
 * Every file carries, first,
 *     "format": "tsalign-<kind>", "format_version": "MAJOR.MINOR"
 * A reader of kind K at version M.m reads every file of kind K whose
 * MAJOR is at most M (a larger MINOR only adds optional fields that the
 * reader may ignore or refuse where it is strict); a larger MAJOR is
 * refused with the one line
 *     FILE: format_version X.Y is newer than this tsalign reads (M.x); upgrade tsalign
 * (TSA_EFORMAT, exit 2).  Files written before the scheme keep being read:
 * each reader lists the legacy tags it accepts ("tsalign-candidate-1",
 * "tsalign-certificate-1", "tsalign-train-run" with format_version 1) and
 * whether an untagged file is accepted. */
#ifndef TSA_FORMAT_H
#define TSA_FORMAT_H

#include <jansson.h>
#include "tsa_base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The version every writer of this tsalign emits, per kind. */
#define TSA_FORMAT_CANDIDATE "1.0"
#define TSA_FORMAT_CERTIFICATE "1.0"
#define TSA_FORMAT_RUN "1.0"
#define TSA_FORMAT_TEACHER "1.0"
#define TSA_FORMAT_CLAIM "1.0"
#define TSA_FORMAT_REPORT "1.0"
#define TSA_FORMAT_REPORT_INDEX "1.0"
#define TSA_FORMAT_CENSUS "1.0"
#define TSA_FORMAT_TABLE "1.0"
#define TSA_FORMAT_KERNEL "1.0"
#define TSA_FORMAT_AD "1.0"

/* The largest MAJOR each reader accepts (every kind is at major 1). */
#define TSA_FORMAT_MAJOR 1

/* Longest kind name. */
#define TSA_FORMAT_KIND_MAX 32

/* Set "format" = "tsalign-<kind>" and "format_version" = version in root.
 * Called on a new, empty object they are its first two keys. */
void tsa_format_stamp(json_t *root, const char *kind, const char *version);

/* A new JSON object holding only the two tags (NULL when out of memory). */
json_t *tsa_format_object(const char *kind, const char *version);

/* Check root's tag for a reader of kind with highest major `major`.
 * Accepted: "format": "tsalign-<kind>" with "format_version" a string
 * "MAJOR.MINOR" (decimal, at most 9 digits each) and MAJOR <= major; a
 * "format" equal to one of legacy (NULL-terminated, may be NULL) with
 * any or no "format_version" that is 1 or "1.x" (legacy files are major
 * 1); no "format" at all when untagged_ok.  Otherwise TSA_EFORMAT with
 * one line starting with what (the file name). */
int tsa_format_check(const json_t *root, const char *kind,
                     const char *const *legacy, int major, int untagged_ok,
                     const char *what) TSA_WUR;

/* Parse "MAJOR.MINOR" into *maj, *min: 1 on success, 0 when malformed. */
int tsa_format_parse_version(long *maj, long *min, const char *s);

#ifdef __cplusplus
}
#endif
#endif
