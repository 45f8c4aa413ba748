/* npz.c -- tensors of a .npz archive (a zip file of .npy members, stored
 * or deflated, read with libzip) or of a single .npy file; members are
 * counted and their stated sizes bounded before anything is inflated. */
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include "certify_impl.h"
#include "tsa_io.h"
#include "tsa_npy.h"

/* the largest member worth inflating: a header and the largest float64
   payload tsa_npy_parse accepts */
#define NPZ_MAX_MEMBER (12 + TSA_NPY_MAX_HEADER + 8 * (size_t) TSA_CERTIFY_MAX_PARAMS)

struct tsa_npz_s
{
    char *path;
    zip_t *zip;            /* NULL for a single .npy file */
    unsigned char *npy;    /* the .npy file's bytes */
    size_t npy_len;
    long count;
    char **names;
    zip_uint64_t *index;   /* member index of tensor i */
};

/* the first bytes of the file, its size (bounded), and the whole file
   when it is a .npy array */
static int
read_start(tsa_npz_t *z)
{
    FILE *f = fopen(z->path, "rb");
    unsigned char m[6];
    long n;
    if (f == NULL)
        return TSA_ERROR(TSA_EIO, "%s: cannot open", z->path);
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0
        || fseek(f, 0, SEEK_SET) != 0)
        n = -1;
    else if (n < 6 || fread(m, 1, 6, f) != 6 || memcmp(m, "\x93NUMPY", 6) != 0
             || fseek(f, 0, SEEK_SET) != 0)
        n = n > TSA_IO_MAX_FILE ? -2 : n; /* not a .npy: maybe an archive */
    else if ((size_t) n > NPZ_MAX_MEMBER)
        n = -3;
    else if ((z->npy = malloc((size_t) n + 1)) == NULL
             || fread(z->npy, 1, (size_t) n, f) != (size_t) n)
        n = -1;
    else
        z->npy_len = (size_t) n;
    fclose(f);
    if (n == -1)
        return TSA_ERROR(TSA_EIO, "%s: cannot read", z->path);
    if (n < -1)
        return TSA_ERROR(TSA_EINVAL, "%s: larger than any %s tsalign reads "
                         "(%lu bytes)", z->path, n == -2 ? "archive" : "array",
                         (unsigned long) (n == -2 ? (size_t) TSA_IO_MAX_FILE
                                                  : NPZ_MAX_MEMBER));
    return TSA_SUCCESS;
}

/* the tensor name of a .npy file: its base name without ".npy" */
static int
single_tensor(tsa_npz_t *z)
{
    const char *b = strrchr(z->path, '/');
    size_t l;
    b = b ? b + 1 : z->path;
    l = strlen(b);
    if (l > 4 && strcmp(b + l - 4, ".npy") == 0)
        l -= 4;
    z->names = calloc(1, sizeof(char *));
    if (z->names == NULL || (z->names[0] = strndup(b, l)) == NULL)
        return TSA_ERROR(TSA_ENOMEM, "%s: out of memory", z->path);
    z->count = 1;
    return TSA_SUCCESS;
}

static int
list_members(tsa_npz_t *z)
{
    zip_int64_t n = zip_get_num_entries(z->zip, 0), k;
    if (n < 0 || n > TSA_NPZ_MAX_ENTRIES)
        return TSA_ERROR(TSA_EINVAL, "%s: %ld members (at most %d)", z->path,
                         (long) n, TSA_NPZ_MAX_ENTRIES);
    z->names = calloc((size_t) n + 1, sizeof(char *));
    z->index = calloc((size_t) n + 1, sizeof(zip_uint64_t));
    if (z->names == NULL || z->index == NULL)
        return TSA_ERROR(TSA_ENOMEM, "%s: out of memory", z->path);
    for (k = 0; k < n; k++)
    {
        const char *m = zip_get_name(z->zip, (zip_uint64_t) k, ZIP_FL_ENC_RAW);
        size_t l = m ? strlen(m) : 0;
        char b[80];
        if (l < 5 || l > TSA_NPZ_MAX_NAME || strcmp(m + l - 4, ".npy") != 0)
            return TSA_ERROR(TSA_EFORMAT, "%s: member %ld '%s' is not a "
                             ".npy array (not written by np.savez)", z->path,
                             (long) k, tsa_io_shown(b, sizeof b, m ? m : ""));
        if ((z->names[z->count] = strndup(m, l - 4)) == NULL)
            return TSA_ERROR(TSA_ENOMEM, "%s: out of memory", z->path);
        if (tsa_npz_find(z, z->names[z->count]) >= 0)
        {
            z->count++; /* freed by tsa_npz_close */
            return TSA_ERROR(TSA_EFORMAT, "%s: tensor '%s' appears twice",
                             z->path, tsa_io_shown(b, sizeof b, m));
        }
        z->index[z->count++] = (zip_uint64_t) k;
    }
    return TSA_SUCCESS;
}

int
tsa_npz_open(tsa_npz_t **zp, const char *path)
{
    tsa_npz_t *z = calloc(1, sizeof *z);
    int st, err = 0;
    *zp = NULL;
    if (z == NULL || (z->path = strdup(path)) == NULL)
    {
        free(z);
        return TSA_ERROR(TSA_ENOMEM, "%s: out of memory", path);
    }
    if ((st = tsa_io_check_regular(path)) == TSA_SUCCESS
        && (st = read_start(z)) == TSA_SUCCESS)
    {
        if (z->npy != NULL)
            st = single_tensor(z);
        else if ((z->zip = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err))
                 == NULL)
            st = TSA_ERROR(TSA_EFORMAT, "%s: neither a .npy array nor a "
                           "readable .npz (zip) archive", path);
        else
            st = list_members(z);
    }
    if (st != TSA_SUCCESS)
        tsa_npz_close(z);
    else
        *zp = z;
    return st;
}

void
tsa_npz_close(tsa_npz_t *z)
{
    long i;
    if (z == NULL)
        return;
    if (z->zip != NULL)
        zip_discard(z->zip);
    for (i = 0; z->names != NULL && i < z->count; i++)
        free(z->names[i]);
    free(z->names);
    free(z->index);
    free(z->npy);
    free(z->path);
    free(z);
}

long
tsa_npz_count(const tsa_npz_t *z)
{
    return z->count;
}

const char *
tsa_npz_name(const tsa_npz_t *z, long i)
{
    return z->names[i];
}

long
tsa_npz_find(const tsa_npz_t *z, const char *name)
{
    long i;
    for (i = 0; i < z->count; i++)
        if (strcmp(z->names[i], name) == 0)
            return i;
    return -1;
}

/* n bytes of f into b; returns how many came */
static zip_int64_t
fread_all(zip_file_t *f, unsigned char *b, size_t n)
{
    size_t k = 0;
    while (k < n)
    {
        zip_int64_t r = zip_fread(f, b + k, n - k);
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        k += (size_t) r;
    }
    return (zip_int64_t) k;
}

/* member i, or its first max bytes when it is longer (a header): the
   stated size is checked before inflating, and a whole member must come
   out at exactly that size with a good CRC */
static int
member(unsigned char **buf, size_t *len, tsa_npz_t *z, long i, size_t max,
       const char *name)
{
    zip_stat_t s;
    zip_file_t *f;
    zip_int64_t got;
    size_t want;
    int whole;
    zip_stat_init(&s);
    if (zip_stat_index(z->zip, z->index[i], 0, &s) != 0
        || !(s.valid & ZIP_STAT_SIZE))
        return TSA_ERROR(TSA_EFORMAT, "%s: member size unknown", name);
    if (s.size > NPZ_MAX_MEMBER && max > NPZ_MAX_MEMBER)
        return TSA_ERROR(TSA_EFORMAT, "%s: %lu bytes uncompressed: larger "
                         "than any array tsalign reads (%lu bytes)", name,
                         (unsigned long) s.size, (unsigned long) NPZ_MAX_MEMBER);
    whole = s.size <= max;
    want = whole ? (size_t) s.size : max;
    if ((*buf = malloc(want + 1)) == NULL)
        return TSA_ERROR(TSA_ENOMEM, "%s: out of memory", name);
    if ((f = zip_fopen_index(z->zip, z->index[i], 0)) == NULL)
        return TSA_ERROR(TSA_EFORMAT, "%s: cannot open the member: %s", name,
                         zip_strerror(z->zip));
    got = fread_all(f, *buf, want + (size_t) whole);
    zip_fclose(f);
    if (got != (zip_int64_t) want)
        return TSA_ERROR(TSA_EFORMAT, "%s: member %s", name,
                         got > (zip_int64_t) want ? "longer than its stated size"
                         : "truncated or corrupt (size or CRC)");
    *len = want;
    return TSA_SUCCESS;
}

static void
tensor_name(char *b, size_t size, const tsa_npz_t *z, long i)
{
    char t[TSA_NPZ_MAX_NAME + 1];
    snprintf(b, size, "%s: %s", z->path,
             tsa_io_shown(t, sizeof t, z->names[i]));
}

int
tsa_npz_header(tsa_npy_header_t *h, tsa_npz_t *z, long i)
{
    char name[TSA_NPZ_MAX_NAME + 1100];
    unsigned char *b = NULL;
    size_t len;
    int st;
    tensor_name(name, sizeof name, z, i);
    if (z->zip == NULL)
        return tsa_npy_header(h, z->npy, z->npy_len, name);
    st = member(&b, &len, z, i, 12 + TSA_NPY_MAX_HEADER, name);
    if (st == TSA_SUCCESS)
        st = tsa_npy_header(h, b, len, name);
    free(b);
    return st;
}

int
tsa_npz_read(tsa_npy_t *a, tsa_npz_t *z, long i)
{
    char name[TSA_NPZ_MAX_NAME + 1100];
    unsigned char *b = NULL;
    size_t len;
    int st;
    tensor_name(name, sizeof name, z, i);
    a->data = NULL;
    if (z->zip == NULL)
        return tsa_npy_parse(a, z->npy, z->npy_len, name);
    st = member(&b, &len, z, i, NPZ_MAX_MEMBER + 1, name);
    if (st == TSA_SUCCESS)
        st = tsa_npy_parse(a, b, len, name);
    free(b);
    return st;
}
