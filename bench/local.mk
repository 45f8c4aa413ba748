# benchmarks: `make bench`
EXTRA_PROGRAMS += bench/p-certify
BENCH_PROGS += bench/p-certify
bench_p_certify_SOURCES = bench/p-certify.c
bench_p_certify_CPPFLAGS = $(AM_CPPFLAGS) -DTSA_DEFAULT_SRCDIR='"$(abs_top_srcdir)"'
