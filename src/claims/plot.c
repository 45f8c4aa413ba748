/* plot.c -- where checkers put data and plot files, and how (atomic
 * data files, gnuplot without a shell): tsa_claims.h. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "tsa_plot.h"
#include "tsa_claims.h"

const char *
tsa_claim_plot_dir(const tsa_claim_result_t r)
{
    struct stat sb;
    const char *d = r != NULL ? r->plot_dir : NULL;
    if (d != NULL && d[0] != '\0' && stat(d, &sb) == 0 && S_ISDIR(sb.st_mode))
        return d;
    return NULL;
}

int
tsa_claim_dat_open(tsa_io_out_t *o, const char *dir, const char *id,
                   const char *suffix)
{
    tsa_error_handler_t *h = tsa_set_error_handler(NULL);
    char *path = NULL;
    int ok = dir != NULL && id != NULL && tsa_io_is_id(id)
             && tsa_io_path_join(&path, dir, id, suffix, "data file") == TSA_SUCCESS
             && tsa_io_out_open(o, path) == TSA_SUCCESS;
    free(path);
    tsa_set_error_handler(h);
    return ok;
}

int
tsa_claim_dat_commit(tsa_io_out_t *o)
{
    tsa_error_handler_t *h = tsa_set_error_handler(NULL);
    int ok = tsa_io_out_commit(o) == TSA_SUCCESS;
    tsa_set_error_handler(h);
    return ok;
}

/* The SVG terminal matching a PNG one: its "size W,H" and "noenhanced". */
static void
svg_terminal(char *out, size_t size, const char *png_terminal)
{
    const char *sz = strstr(png_terminal, "size ");
    int n = 0;
    if (sz != NULL)
        n = (int) strcspn(sz + 5, " ");
    snprintf(out, size, "svg%s%.*s%s", sz != NULL ? " size " : "", n > 32 ? 32 : n,
             sz != NULL ? sz + 5 : "",
             strstr(png_terminal, "noenhanced") != NULL ? " noenhanced" : "");
}

int
tsa_claim_plot(const char *dir, const char *id, const char *suffix,
               const char *terminal, const char *body)
{
    char name[TSA_IO_NAME_MAX + 1], svg[TSA_IO_NAME_MAX + 1], term[64];
    size_t l;
    int k, ok;
    if (dir == NULL || id == NULL || !tsa_io_is_id(id))
        return 0;
    k = snprintf(name, sizeof name, "%s%s", id, suffix);
    if (k < 0 || (size_t) k >= sizeof name)
        return 0;
    ok = tsa_plot_png(dir, name, terminal, body);
    /* the same plot as SVG beside the PNG (for notebooks and papers), also
       drawn to a temporary and renamed: whole or absent */
    l = strlen(name);
    if (ok && l > 4 && strcmp(name + l - 4, ".png") == 0)
    {
        memcpy(svg, name, l - 4);
        memcpy(svg + l - 4, ".svg", 5);
        svg_terminal(term, sizeof term, terminal);
        (void) tsa_plot_png(dir, svg, term, body);
    }
    return ok;
}
