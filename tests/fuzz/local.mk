# Fuzz harnesses (docs/fuzzing.md).  `make fuzz` builds them with the
# configured compiler: with CC=afl-clang-fast (tests/fuzz/build.sh) they are
# AFL++ persistent-mode targets, with any other compiler replay programs
# (`tests/fuzz/fuzz-cand FILE...`).  Never part of `make check`.
FUZZ_PROGS = tests/fuzz/fuzz-number tests/fuzz/fuzz-cand tests/fuzz/fuzz-cert \
	tests/fuzz/fuzz-claim tests/fuzz/fuzz-run tests/fuzz/fuzz-census tests/fuzz/fuzz-arbdump
EXTRA_PROGRAMS += $(FUZZ_PROGS)
tests_fuzz_fuzz_number_SOURCES = tests/fuzz/fuzz-number.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_number_LDADD = $(TSA_LIBS)
tests_fuzz_fuzz_cand_SOURCES = tests/fuzz/fuzz-cand.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_cand_LDADD = $(TSA_LIBS)
tests_fuzz_fuzz_cert_SOURCES = tests/fuzz/fuzz-cert.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_cert_LDADD = $(TSA_LIBS)
tests_fuzz_fuzz_claim_SOURCES = tests/fuzz/fuzz-claim.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_claim_LDADD = $(TSA_LIBS)
tests_fuzz_fuzz_run_SOURCES = tests/fuzz/fuzz-run.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_run_LDADD = $(TSA_LIBS)
tests_fuzz_fuzz_census_SOURCES = tests/fuzz/fuzz-census.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_census_LDADD = $(TSA_LIBS)
tests_fuzz_fuzz_arbdump_SOURCES = tests/fuzz/fuzz-arbdump.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_arbdump_LDADD = $(TSA_LIBS)
EXTRA_DIST += tests/fuzz/build.sh tests/fuzz/run.sh tests/fuzz/json.dict tests/fuzz/corpus

fuzz: $(FUZZ_PROGS)
.PHONY: fuzz
