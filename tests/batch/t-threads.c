/* t-threads.c -- the library called from two threads at once (issue 16,
 * item 4): each thread sees its own error message and its own handler, and
 * two certifications running together give the serial results. */
#include <pthread.h>
#include <string.h>
#include "tsa_test.h"
#include "tsa_certify.h"
#include "tsa_io.h"

#define ITERS 20000

static pthread_barrier_t start;
static _Thread_local long handled;

static void
count_handler(const char *reason, const char *file, int line, int status)
{
    (void) reason;
    (void) file;
    (void) line;
    (void) status;
    handled++;
}

typedef struct
{
    const char *what, *text;
    int install;     /* install the counting handler in this thread */
    long wrong, calls;
} parse_arg_t;

static void *
parse_loop(void *p)
{
    parse_arg_t *a = p;
    size_t n = strlen(a->what);
    long i;
    double x;
    if (a->install)
        tsa_set_error_handler(count_handler);
    pthread_barrier_wait(&start);
    for (i = 0; i < ITERS; i++)
    {
        if (tsa_io_parse_double(&x, a->text, a->what) == TSA_SUCCESS
            || strncmp(tsa_error_last(), a->what, n) != 0)
            a->wrong++;
    }
    a->calls = handled;
    return NULL;
}

/* two threads, two different failing parses: each message names its own
   field, every time; the handler one thread installs sees only its own
   errors (the process-global buffer and handler failed this) */
START_TEST(t_errors)
{
    parse_arg_t a = {"threadA.field", "0x1.8p-1junk", 1, 0, 0};
    parse_arg_t b = {"threadB.other", "1e99999", 0, 0, 0};
    pthread_t ta, tb;
    pthread_barrier_init(&start, NULL, 2);
    ck_assert_int_eq(pthread_create(&ta, NULL, parse_loop, &a), 0);
    ck_assert_int_eq(pthread_create(&tb, NULL, parse_loop, &b), 0);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    pthread_barrier_destroy(&start);
    ck_assert_int_eq(a.wrong, 0);
    ck_assert_int_eq(b.wrong, 0);
    ck_assert_int_eq(a.calls, ITERS);
    ck_assert_int_eq(b.calls, 0);
    /* and this (main) thread's last message is neither */
    ck_assert(strncmp(tsa_error_last(), "thread", 6) != 0);
}
END_TEST

/* census classes (data/ssy2021-minima.tsv rows, k = 7 and 8) */
static const char *const rows[2] = {
    "7\t1,6\t0\t0\t0\t-0.6327039049152542,0.2616910758354652,0.0;"
    "0.18599104632000957,0.9969227987935689,-0.035080155932389",
    "9\t1,8\t0\t0\t0\t-0.6327039049152542,0.2616910758354652,0.0;"
    "0.18599104632000957,0.9969227987935689,-0.035080155932389"};

typedef struct
{
    const char *row;
    int kind, st;
    double lambda, radius;
    char reason[256];
} cert_arg_t;

static void *
certify(void *p)
{
    cert_arg_t *a = p;
    tsa_cand_t c;
    tsa_cert_t r;
    tsa_sym_t sym;
    tsa_cert_opts_t o;
    slong runs;
    double lam;
    tsa_cert_opts_default(&o);
    if ((a->st = tsa_certify_census_row(c, a->row, &runs, &lam)) != 0)
        return NULL;
    if (tsa_sym_census_row(sym, a->row) == TSA_SUCCESS)
        o.sym = sym;
    tsa_cert_init(r, c->n, c->m);
    a->st = tsa_certify_point(r, c, &o);
    a->kind = r->kind;
    a->lambda = r->lambda_lower;
    a->radius = r->radius;
    snprintf(a->reason, sizeof a->reason, "%s", r->reason);
    tsa_cert_clear(r);
    tsa_cand_clear(c);
    flint_cleanup();
    return NULL;
}

/* two certifications at once: the serial verdicts and bounds, bit for bit */
START_TEST(t_certify)
{
    cert_arg_t ser[2], par[2];
    pthread_t t[2];
    int i;
    for (i = 0; i < 2; i++)
    {
        memset(ser + i, 0, sizeof ser[i]);
        ser[i].row = rows[i];
        certify(ser + i);
        par[i] = ser[i];
        par[i].kind = -1;
    }
    for (i = 0; i < 2; i++)
        ck_assert_int_eq(pthread_create(t + i, NULL, certify, par + i), 0);
    for (i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    for (i = 0; i < 2; i++)
    {
        ck_assert_int_eq(ser[i].st, TSA_SUCCESS);
        ck_assert_int_eq(ser[i].kind, TSA_CERT_MIN);
        ck_assert_int_eq(par[i].st, ser[i].st);
        ck_assert_int_eq(par[i].kind, ser[i].kind);
        ck_assert(par[i].lambda == ser[i].lambda);
        ck_assert(par[i].radius == ser[i].radius);
        ck_assert_str_eq(par[i].reason, ser[i].reason);
    }
}
END_TEST

int
main(void)
{
    const TTest *tests[] = {t_errors, t_certify};
    return tsa_test_main("threads", tests, 2, 0);
}
