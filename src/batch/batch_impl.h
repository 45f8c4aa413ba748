/* batch_impl.h -- helpers shared by the batch module's files. */
#ifndef TSA_BATCH_IMPL_H
#define TSA_BATCH_IMPL_H
#include <jansson.h>
#include "tsa_batch.h"

/* hex FNV-1a 64 of o's canonical text (compact, sorted keys) into h[17] */
void tsa_batch_hash(char h[17], const json_t *o);
/* OUT/results/<id>.json and OUT/files/<id><suffix> (malloc'd) */
int tsa_batch_result_path(char **p, const char *out,
                          const tsa_batch_job_t *j) TSA_WUR;
int tsa_batch_file_path(char **p, const char *out, const tsa_batch_job_t *j,
                        const char *suffix) TSA_WUR;
/* read a result file; NULL when absent or not a complete result of j */
json_t *tsa_batch_result_load(const char *out, const tsa_batch_job_t *j);
/* path atomically (temporary + rename) without fsync; then one fsync of
 * OUT/results for a chunk of them (resfile.c) */
int tsa_batch_write_nosync(const char *path, const char *text) TSA_WUR;
int tsa_batch_sync_results(const char *out) TSA_WUR;
/* an empty plan object named name; its JSON text with a final newline
 * (*text malloc'd; o is released) (gen.c) */
json_t *tsa_batch_plan_object(const char *name);
int tsa_batch_plan_finish(char **text, json_t *o) TSA_WUR;
/* dir exists as a folder afterwards (created 0777 & ~umask when absent);
 * TSA_EIO naming what (the option, or NULL) and dir otherwise */
int tsa_batch_mkdir(const char *dir, const char *what) TSA_WUR;
/* CPU time of the calling thread (s) */
double tsa_batch_thread_seconds(void);
#endif
