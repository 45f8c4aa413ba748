/* cli_import.c -- `tsalign import`: a PyTorch state_dict (as .npz, see
 * contrib/torch2npz.py) or NumPy .npz/.npy weights into a candidate file
 * for polish and certify (src/certify/import.c, docs/tutorial.md). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "tsa_io.h"
#include "tsa_npy.h"

static const char import_usage[] =
    "Usage: tsalign import WEIGHTS.npz|WEIGHTS.npy [--teacher T]\n"
    "                      [--student NAME] [--teacher-tensor NAME]\n"
    "                      [--layout rows|columns] [-o CAND.json]\n"
    "\n"
    "Turn the weights of a two-layer bias-free ReLU student with unit\n"
    "output weights (a PyTorch state_dict converted to .npz by\n"
    "contrib/torch2npz.py, or NumPy's np.savez / np.savez_compressed /\n"
    "np.save) and its teacher into a candidate file for `tsalign polish`\n"
    "and `tsalign certify`.  Arrays are read strictly: float64 or float32\n"
    "(converted exactly), 1 or 2 dimensions, C or Fortran order, the exact\n"
    "payload length, finite values; the candidate holds every weight as a\n"
    "hex float (exact) and states its \"layout\".\n"
    "\n"
    "Options:\n"
    "  --student NAME        the student's first-layer weight (default: the\n"
    "                        first 2-D tensor whose name ends in \"weight\",\n"
    "                        e.g. fc1.weight or 0.weight)\n"
    "  --teacher T           identity (V = I_d, the orthonormal teacher), a\n"
    "                        tsalign teacher or run file (*.json, rows =\n"
    "                        nodes), or a .npy/.npz file (its tensor named\n"
    "                        by --teacher-tensor, else the one named like\n"
    "                        the student, else its only tensor)\n"
    "  --teacher-tensor NAME the teacher's weight (in WEIGHTS when --teacher\n"
    "                        is not given)\n"
    "  --layout rows|columns rows (default): one node per row, PyTorch's\n"
    "                        nn.Linear.weight (out x in); columns: one node\n"
    "                        per column (d x n)\n"
    "  -o, --output F        write the candidate to F (atomically; default\n"
    "                        stdout)\n"
    "\n"
    "The input dimension d of student and teacher must agree: a matrix that\n"
    "fits only transposed is refused naming the tensor (with d = n the\n"
    "shapes cannot tell, so the layout is written into the candidate).  A\n"
    "tensor <prefix>bias beside <prefix>weight must be zero, and the next\n"
    "...weight tensor taking the n student outputs (the output layer) must\n"
    "be all ones.\n"
    "\n"
    "Examples:\n"
    "  python3 contrib/torch2npz.py model.pt model.npz\n"
    "  tsalign import model.npz --teacher identity -o cand.json\n"
    "  tsalign import W.npy --layout columns --teacher V.npy -o cand.json\n"
    "\n"
    "Exit status: 0 written, 2 bad input (one line naming the file and the\n"
    "tensor), 3 I/O failure (as `tsalign --help`).\n";

enum
{
    OPT_STUDENT = 256,
    OPT_TEACHER,
    OPT_TEACHER_TENSOR,
    OPT_LAYOUT
};

int
tsa_cli_import(int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {"output", required_argument, NULL, 'o'},
        {"student", required_argument, NULL, OPT_STUDENT},
        {"teacher", required_argument, NULL, OPT_TEACHER},
        {"teacher-tensor", required_argument, NULL, OPT_TEACHER_TENSOR},
        {"layout", required_argument, NULL, OPT_LAYOUT},
        {NULL, 0, NULL, 0}};
    tsa_import_opts_t o = {NULL, NULL, NULL, 1};
    const char *out = "-";
    char *json;
    int opt, st;

    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "ho:", opts, NULL)) != -1)
    {
        switch (opt)
        {
        case 'h':
            fputs(import_usage, stdout);
            return TSA_EXIT_OK;
        case 'o':
            out = optarg;
            break;
        case OPT_STUDENT:
            o.student = optarg;
            break;
        case OPT_TEACHER:
            o.teacher = optarg;
            break;
        case OPT_TEACHER_TENSOR:
            o.teacher_tensor = optarg;
            break;
        case OPT_LAYOUT:
            if (strcmp(optarg, "rows") != 0 && strcmp(optarg, "columns") != 0)
                return tsa_cli_usage_error("import", "--layout: expected rows "
                                           "or columns");
            o.rows = strcmp(optarg, "rows") == 0;
            break;
        default:
            return tsa_cli_usage_error("import", "unknown option or missing "
                                       "value '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return tsa_cli_usage_error("import", "expected one WEIGHTS file");
    if (tsa_io_same_file(out, argv[optind])
        || (o.teacher != NULL && tsa_io_same_file(out, o.teacher)))
    {
        fprintf(stderr, "tsalign: %s: is an input file (an output may not "
                "replace an input)\n", out);
        return TSA_EXIT_INPUT;
    }
    if ((st = tsa_import_candidate(&json, argv[optind], &o)) != TSA_SUCCESS)
        return tsa_cli_exit_status(st);
    {
        size_t l = strlen(json);
        char *text = malloc(l + 2);
        if (text == NULL)
            st = TSA_ERROR(TSA_ENOMEM, "out of memory");
        else
        {
            memcpy(text, json, l);
            strcpy(text + l, "\n");
            st = tsa_io_write_atomic(out, text);
            free(text);
        }
    }
    free(json);
    return tsa_cli_exit_status(st);
}
