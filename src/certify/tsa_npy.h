/* tsa_npy.h -- NumPy .npy arrays and .npz archives, read strictly.
 *
 * A .npy array (NumPy's format versions 1.0, 2.0 and 3.0) is the magic
 * "\x93NUMPY", the version, the header length, and a Python dict literal
 * with exactly the keys 'descr', 'fortran_order' and 'shape', then the
 * payload.  tsa_npy_header parses the header of any array (so that the
 * tensors of an archive can be listed without reading them);
 * tsa_npy_parse accepts only what tsalign can use exactly:
 *   dtype      '<f8', '>f8' (float64), '<f4', '>f4' (float32, converted
 *              exactly); integers, booleans, complex, float16, long
 *              double, strings, objects and structured dtypes are refused
 *   shape      1 or 2 dimensions, each 1 .. TSA_CERTIFY_MAX_PARAMS, at
 *              most TSA_CERTIFY_MAX_PARAMS entries in all
 *   order      C or Fortran (fortran_order True is transposed on reading)
 *   payload    exactly the product of the shape times the item size:
 *              a truncated array or trailing bytes are refused
 *   values     finite: NaN or an infinity is refused naming its index.
 * A .npz archive is a zip file (np.savez stores, np.savez_compressed
 * deflates: read with libzip) of "<name>.npy" members; at most
 * TSA_NPZ_MAX_ENTRIES members, and a member is inflated only when its
 * stated size is within the bounds above (zip bombs).  Every error is one
 * line naming the file and the tensor. */
#ifndef TSA_NPY_H
#define TSA_NPY_H

#include <stddef.h>
#include <stdint.h>
#include "tsa_base.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TSA_NPY_MAX_HEADER 16384 /* bytes of the header dict            */
#define TSA_NPY_MAX_NDIM 32      /* dimensions listed in a header       */
#define TSA_NPZ_MAX_ENTRIES 4096 /* members of an archive               */
#define TSA_NPZ_MAX_NAME 256     /* bytes of a tensor name              */

/* A parsed header: the dtype (kind 'f', 'i', 'u', 'b', 'c', 'O', ...,
 * or 'V' for a structured dtype), item size in bytes, byte order,
 * Fortran order, shape, and where the payload starts. */
typedef struct
{
    char descr[24];   /* the dtype as written, for messages */
    char kind;
    int itemsize;
    int big_endian;
    int fortran;
    int ndim;
    uint64_t shape[TSA_NPY_MAX_NDIM];
    size_t offset;    /* bytes before the payload */
} tsa_npy_header_t;

/* A float64 matrix read from an array: rows x cols in C order (a 1-D
 * array of length k is 1 x k with ndim = 1). */
typedef struct
{
    int ndim;
    long rows, cols;
    double *data; /* malloc'd, rows * cols entries */
} tsa_npy_t;

/* Parse the header of buf[0 .. len); name (file: tensor) starts every
 * message.  Needs only the header bytes (len may stop there). */
int tsa_npy_header(tsa_npy_header_t *h, const unsigned char *buf, size_t len,
                   const char *name) TSA_WUR;

/* Parse a whole .npy image into a (rules above); a->data NULL on error. */
int tsa_npy_parse(tsa_npy_t *a, const unsigned char *buf, size_t len,
                  const char *name) TSA_WUR;

void tsa_npy_clear(tsa_npy_t *a);

/* An input holding tensors: a .npz archive, or one .npy file (one tensor
 * named after the file, without directory and ".npy"). */
typedef struct tsa_npz_s tsa_npz_t;

/* Open path (a regular file of at most TSA_IO_MAX_FILE bytes; the kind
 * is told by its first bytes, not its name) and list its tensors. */
int tsa_npz_open(tsa_npz_t **z, const char *path) TSA_WUR;
void tsa_npz_close(tsa_npz_t *z);
/* Number of tensors, and the name of tensor i (the member name without
 * ".npy"). */
long tsa_npz_count(const tsa_npz_t *z);
const char *tsa_npz_name(const tsa_npz_t *z, long i);
/* The header of tensor i (reads at most the header bytes). */
int tsa_npz_header(tsa_npy_header_t *h, tsa_npz_t *z, long i) TSA_WUR;
/* Tensor i read whole, by tsa_npy_parse. */
int tsa_npz_read(tsa_npy_t *a, tsa_npz_t *z, long i) TSA_WUR;
/* Index of the tensor called name, or -1. */
long tsa_npz_find(const tsa_npz_t *z, const char *name);

/* Import a two-layer network (first-layer weight W, unit output weights,
 * no biases) and its teacher V into a candidate file's text (JSON,
 * docs/formats.md "Candidates"; *json malloc'd).  The student is the
 * tensor named student, or the first 2-D tensor whose name ends in
 * "weight".  The teacher: teacher = "identity" (V = I_d); a tsalign
 * teacher or run file (name ending in ".json": its first layer, rows =
 * nodes); a .npy/.npz file (its tensor teacher_tensor, else the tensor
 * named like the student, else its only tensor); or, with teacher NULL,
 * the tensor teacher_tensor of the input.  rows: tensors hold one node per
 * row (PyTorch's nn.Linear.weight, out x in), else one per column.  The
 * input dimension d must agree; a matrix that fits only transposed is
 * refused naming the tensor.  A tensor "<prefix>bias" beside the student
 * "<prefix>weight" must be zero, and the next "...weight" tensor taking
 * the n student outputs (the output layer) must be 1 x n ones.  The
 * candidate states "layout" (as the tensors were). */
typedef struct
{
    const char *student, *teacher, *teacher_tensor;
    int rows;
} tsa_import_opts_t;

int tsa_import_candidate(char **json, const char *path,
                         const tsa_import_opts_t *o) TSA_WUR;

#ifdef __cplusplus
}
#endif
#endif
