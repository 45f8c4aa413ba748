# orbit-reduced evaluation at block-symmetric points (issue 14,
# docs/certify.md s. 12) and the type-A family (s. 13)
libtsalign_la_SOURCES += src/certify/tsa_orbit.h src/certify/orbit_impl.h \
	src/certify/orbit_inst.c src/certify/orbit_eval.c \
	src/certify/orbit_lambda.c src/certify/orbit_box.c src/certify/orbit_run.c \
	src/certify/tsa_family.h src/certify/family.c src/certify/family_cert.c \
	src/certify/family_verify.c
check_PROGRAMS += tests/certify/t-orbit
TESTS += tests/certify/t-orbit
check_PROGRAMS += tests/certify/t-census-orbit
TESTS += tests/certify/t-census-orbit
# the full tier of issue 14: every census class with k <= 40 against the
# dense and symmetric paths, and the whole census against the committed
# table (a few minutes)
check-orbit-full: tests/certify/t-orbit tests/certify/t-census-orbit
	TSA_SRCDIR=$(abs_top_srcdir) TSA_ORBIT_KMAX=40 tests/certify/t-orbit
	TSA_SRCDIR=$(abs_top_srcdir) TSA_CENSUS_ALL=1 tests/certify/t-census-orbit
.PHONY: check-orbit-full
TESTS += tests/cli/orbit.sh
EXTRA_DIST += tests/cli/orbit.sh
# bench: census and type-A family times (issue 14)
EXTRA_PROGRAMS += bench/p-orbit
BENCH_PROGS += bench/p-orbit
bench_p_orbit_SOURCES = bench/p-orbit.c
bench_p_orbit_CPPFLAGS = $(AM_CPPFLAGS) -DTSA_DEFAULT_SRCDIR='"$(abs_top_srcdir)"'
