/* fuzz-run.c -- the run / teacher file reader of src/train/runfile.c:
 * tsa_train_teacher_read (both output modes) and
 * tsa_train_run_read_config followed by tsa_train_config_check (the
 * checks `tsalign train --resume` makes before allocating a state). */
#include "tsa_train.h"
#include "fuzz.h"

static void
fuzz_one(const unsigned char *data, size_t len)
{
    const char *path = fuzz_tmpfile(data, len, ".json");
    tsa_train_net *net = NULL;
    tsa_train_config cfg;
    int fixed;
    if (path == NULL)
        return;
    for (fixed = 0; fixed < 2; fixed++)
        if (tsa_train_teacher_read(&net, path, fixed) == TSA_SUCCESS)
        {
            tsa_train_net_free(net);
            net = NULL;
        }
    memset(&cfg, 0, sizeof cfg);
    if (tsa_train_run_read_config(&cfg, path) == TSA_SUCCESS)
    {
        tsa_train_config_resolve(&cfg);
        (void) tsa_train_config_check(&cfg);
    }
}
