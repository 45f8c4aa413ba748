/* cli_demo.c -- `tsalign demo`: the built-in default job.  Evaluate the
 * kernels and AD functions at a few points with their rigorous radii
 * beside the float64 values, then train -> polish -> certify -> verify
 * a k = 7 spurious minimum (every file written atomically by the
 * subcommands themselves). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "cli.h"
#include "cli_util.h"

static const char demo_usage[] =
    "Usage: tsalign demo [--prec N] [-o DIR]\n"
    "\n"
    "The built-in default job, in two parts.\n"
    "1. Evaluate psi_l, psi_d and grad psi_l (ReLU and leaky ReLU, with and\n"
    "   without bias) and the AD functions F, G of ReLU, leaky ReLU,\n"
    "   arc-cosine orders 0 and 2 at built-in points: the rigorous ball\n"
    "   (Arb), its radius, and the float64 value (numerical).\n"
    "2. The certification pipeline on the orthonormal teacher V = I_7 with\n"
    "   7 students (Safran-Shamir): train by population GD from seed 3,\n"
    "   which ends at a spurious local minimum; polish; certify; verify.\n"
    "   The files go to DIR (-o, --output DIR; default tsalign-demo/; --out\n"
    "   DIR is the older spelling) and each step is printed as the command\n"
    "   that reproduces it.\n"
    "--prec N is the precision of part 1, 2 .. 100000 bits (default 128).\n"
    "Exit status: as `tsalign --help`; a failing step's own code.\n"
    "\n"
    "Examples:\n"
    "  tsalign demo -o /tmp/demo      everything, files in /tmp/demo\n"
    "  tsalign demo --prec 512 -o d   part 1 at 512 bits\n";

typedef struct
{
    const char *label;
    double w[3], u[3];
    int d, bias;
    double s, c;
} demo_kernel_case_t;

static const demo_kernel_case_t kernel_cases[] = {
    {"relu, no bias, theta = pi/4", {1, 0}, {0.5, 0.5}, 2, 0, 1.0, 0.0},
    {"relu, no bias, parallel (theta = 0)", {1, 2}, {0.5, 1}, 2, 0, 1.0, 0.0},
    {"relu, bias, s = 1.5", {1, 0.5, 0.125}, {-0.25, 1, -0.375}, 2, 1, 1.5, 0.0},
    {"relu, bias, antiparallel (theta = pi)", {1, 0, 0.5}, {-2, 0, 0.25}, 2, 1, 1.0, 0.0},
    {"leaky c = 1/8, bias", {1, 0.5, 0.125}, {-0.25, 1, -0.375}, 2, 1, 1.5, 0.125},
};

static void
print_line(const char *name, const arb_t x, double fl, slong prec)
{
    char *s = arb_get_str(x, tsa_cli_digits(prec) < 25 ? tsa_cli_digits(prec) : 25, 0);
    arf_t r;
    double rad, mid;
    arf_init(r);
    arf_set_mag(r, arb_radref(x));
    rad = arf_get_d(r, ARF_RND_UP);
    mid = arf_get_d(arb_midref(x), ARF_RND_NEAR);
    arf_clear(r);
    printf("  %-12s %-44s rad %.1e  float64 %.16e (diff %.1e)\n", name, s, rad,
           fl, fl - mid);
    flint_free(s);
}

static int
demo_kernels(slong prec)
{
    size_t i;
    int j, st = TSA_SUCCESS;
    arb_t s, c, y;
    arb_ptr w, u, g;
    double gd[3];

    arb_init(s);
    arb_init(c);
    arb_init(y);
    w = _arb_vec_init(3);
    u = _arb_vec_init(3);
    g = _arb_vec_init(3);
    printf("Kernels psi_l, psi_d (LM eq. 7), x ~ N(0, s^2 I), %ld bits\n",
           (long) prec);
    for (i = 0; i < sizeof kernel_cases / sizeof kernel_cases[0]; i++)
    {
        const demo_kernel_case_t *k = kernel_cases + i;
        int n = k->d + k->bias;
        printf(" %s: w = (", k->label);
        for (j = 0; j < n; j++)
            printf("%s%g", j ? ", " : "", k->w[j]);
        printf("), u = (");
        for (j = 0; j < n; j++)
            printf("%s%g", j ? ", " : "", k->u[j]);
        printf(")%s\n", k->bias ? "  [last entry = bias]" : "");
        for (j = 0; j < n; j++)
        {
            arb_set_d(w + j, k->w[j]);
            arb_set_d(u + j, k->u[j]);
        }
        arb_set_d(s, k->s);
        arb_set_d(c, k->c);
        if ((st = tsa_kernel_psi_l(y, w, u, k->d, k->bias, s, c, prec)) != TSA_SUCCESS)
            break;
        print_line("psi_l", y, tsa_kernel_psi_l_d(k->w, k->u, k->d, k->bias, k->s, k->c), prec);
        if ((st = tsa_kernel_psi_d(y, w, u, k->d, k->bias, s, c, prec)) != TSA_SUCCESS)
            break;
        print_line("psi_d", y, tsa_kernel_psi_d_d(k->w, k->u, k->d, k->bias, k->s, k->c), prec);
        if ((st = tsa_kernel_psi_l_grad(g, w, u, k->d, k->bias, s, c, prec)) != TSA_SUCCESS)
            break;
        tsa_kernel_psi_l_grad_d(gd, k->w, k->u, k->d, k->bias, k->s, k->c);
        for (j = 0; j < n; j++)
        {
            char name[32];
            snprintf(name, sizeof name, k->bias && j == k->d ? "d/db" : "d/dw[%d]", j);
            print_line(name, g + j, gd[j], prec);
        }
    }
    _arb_vec_clear(g, 3);
    _arb_vec_clear(u, 3);
    _arb_vec_clear(w, 3);
    arb_clear(y);
    arb_clear(c);
    arb_clear(s);
    return st;
}

static int
demo_ad(slong prec)
{
    static const char *angles[] = {"0", "pi/3", "pi/2", "pi"};
    static const tsa_ad_act_t acts[] = {TSA_AD_RELU, TSA_AD_LEAKY, TSA_AD_ARCCOS0, TSA_AD_ARCCOS2};
    size_t a, t;
    int st = TSA_SUCCESS;
    arb_t theta, c, y;
    double c_d = 0.125;

    arb_init(theta);
    arb_init(c);
    arb_init(y);
    arb_set_d(c, c_d);
    printf("\nAngular Distance functions F and G = -F'/sin (AD paper), %ld bits\n",
           (long) prec);
    for (a = 0; a < sizeof acts / sizeof acts[0] && st == TSA_SUCCESS; a++)
    {
        printf(" %s%s\n", tsa_ad_act_name(acts[a]),
               acts[a] == TSA_AD_LEAKY ? " (c = 1/8)" : "");
        for (t = 0; t < sizeof angles / sizeof angles[0]; t++)
        {
            char name[32];
            double th;
            if ((st = tsa_io_parse_arb(theta, angles[t], "theta", prec + 64)) != TSA_SUCCESS)
                break;
            th = arf_get_d(arb_midref(theta), ARF_RND_NEAR);
            snprintf(name, sizeof name, "F(%s)", angles[t]);
            if ((st = tsa_ad_F(y, theta, acts[a], c, prec)) != TSA_SUCCESS)
                break;
            print_line(name, y, tsa_ad_F_d(th, acts[a], c_d), prec);
            snprintf(name, sizeof name, "G(%s)", angles[t]);
            if (acts[a] == TSA_AD_ARCCOS0 && (t == 0 || t == 3))
            {
                printf("  %-12s pole (G = 1/(2 pi sin theta))\n", name);
                continue;
            }
            if ((st = tsa_ad_G(y, theta, acts[a], c, prec)) != TSA_SUCCESS)
                break;
            print_line(name, y, tsa_ad_G_d(th, acts[a], c_d), prec);
        }
    }
    arb_clear(y);
    arb_clear(c);
    arb_clear(theta);
    return st;
}

/* Run one subcommand in-process, echoing it as a shell command line;
 * returns its exit code (3 when stdout already failed: no point in
 * running a step whose report cannot be read). */
static int
demo_step(int (*fn)(int, char **), const char *const *args)
{
    char *argv[32];
    int argc = 0, st;
    printf("\n$ tsalign");
    for (; args[argc] != NULL && argc < 31; argc++)
    {
        argv[argc] = (char *) args[argc];
        printf(" %s", args[argc]);
    }
    argv[argc] = NULL;
    printf("\n");
    if ((st = tsa_cli_stdout_status()) != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    return fn(argc, argv);
}

/* Train k = 7 orthonormal preset from seed 3 (a spurious minimum; found by
   scanning seeds 1..80, where seeds 3 and 21 end there), polish, certify,
   verify.  Returns an exit code. */
static int
demo_pipeline(const char *dir)
{
    char run[1024], cand[1024], pol[1024], cert[1024];
    struct stat sb;
    int rc;

    if (strlen(dir) > 900)
        return tsa_cli_exit_status(TSA_ERROR(TSA_EINVAL, "--output: path "
                                             "longer than 900 bytes"));
    if (stat(dir, &sb) == 0)
    {
        if (!S_ISDIR(sb.st_mode))
            return tsa_cli_exit_status(TSA_ERROR(TSA_EIO, "--output: %s: not "
                                                 "a directory", dir));
    }
    else if (mkdir(dir, 0777) != 0)
        return tsa_cli_exit_status(TSA_ERROR(TSA_EIO, "--output: %s: cannot "
                                             "create directory: %s", dir,
                                             strerror(errno)));
    snprintf(run, sizeof run, "%s/run.json", dir);
    snprintf(cand, sizeof cand, "%s/candidate.json", dir);
    snprintf(pol, sizeof pol, "%s/polished.json", dir);
    snprintf(cert, sizeof cert, "%s/certificate.json", dir);
    printf("\nCertification pipeline: orthonormal teacher V = I_7, 7 students, "
           "unit output weights,\nx ~ N(0, I), population loss (Safran-Shamir "
           "2018; claim AD-3)\n");
    {
        const char *a[] = {"train", "--teacher", "orthonormal", "--d", "7",
                           "--teacher-widths", "7", "--student-widths", "7",
                           "--seed", "3", "--quiet", "-o", run, "--candidate",
                           cand, NULL};
        if ((rc = demo_step(tsa_cli_train, a)) != TSA_EXIT_OK)
            return rc;
        printf("  trained by population GD (float64, numerical) -> %s\n", cand);
    }
    {
        const char *a[] = {"polish", cand, "-o", pol, NULL};
        if ((rc = demo_step(tsa_cli_polish, a)) != TSA_EXIT_OK)
            return rc;
    }
    {
        const char *a[] = {"certify", pol, "-o", cert, NULL};
        if ((rc = demo_step(tsa_cli_certify, a)) != TSA_EXIT_OK)
            return rc;
    }
    {
        const char *a[] = {"verify", cert, NULL};
        if ((rc = demo_step(tsa_cli_verify, a)) != TSA_EXIT_OK)
            return rc;
    }
    return TSA_EXIT_OK;
}

int
tsa_cli_demo(int argc, char **argv)
{
    slong prec = 128;
    const char *out = "tsalign-demo";
    clock_t t0 = clock();
    int st, rc, i;

    for (i = 1; i < argc; i++)
    {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
        {
            fputs(demo_usage, stdout);
            return TSA_EXIT_OK;
        }
        if (strcmp(argv[i], "--prec") == 0 && i + 1 < argc)
        {
            if ((st = tsa_cli_parse_prec(&prec, argv[++i], "--prec"))
                != TSA_SUCCESS)
                return tsa_cli_exit_status(st);
            if (prec > 100000)
                return tsa_cli_exit_status(TSA_ERROR(TSA_EINVAL, "--prec: "
                    "%ld bits is outside 2 .. 100000 (demo)", (long) prec));
        }
        else if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0
                  || strcmp(argv[i], "--out") == 0) && i + 1 < argc)
            out = argv[++i];
        else
            return tsa_cli_usage_error("demo", "unexpected argument '%s'",
                                       argv[i]);
    }

    printf("tsalign demo: rigorous balls [midpoint +/- radius] contain the exact\n"
           "value; float64 values are numerical (no error bound).\n\n");
    st = demo_kernels(prec);
    if (st == TSA_SUCCESS)
        st = demo_ad(prec);
    if (st == TSA_SUCCESS)
        st = tsa_cli_stdout_status();
    rc = (st == TSA_SUCCESS) ? demo_pipeline(out) : tsa_cli_exit_status(st);
    printf("\n%s in %.2f s (CPU)\n", rc == TSA_EXIT_OK ? "done" : "FAILED",
           (double) (clock() - t0) / CLOCKS_PER_SEC);
    return rc;
}
