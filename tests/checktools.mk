# Sanitizer and valgrind runs of the tests (docs/fuzzing.md).

# ./configure --enable-sanitizers: every test runs under ASan + LSan + UBSan.
# OpenBLAS is kept to one thread (its thread pool is created once and lives
# until exit); LSAN suppressions for the libraries are in tests/lsan.supp.
if TSA_SANITIZERS
AM_TESTS_ENVIRONMENT += \
	ASAN_OPTIONS='detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1'; \
	LSAN_OPTIONS='suppressions=$(abs_top_srcdir)/tests/lsan.supp:print_suppressions=0'; \
	UBSAN_OPTIONS='print_stacktrace=1:halt_on_error=1'; \
	OPENBLAS_NUM_THREADS=1; \
	export ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS OPENBLAS_NUM_THREADS;
endif
EXTRA_DIST += tests/lsan.supp tests/valgrind.supp

check-valgrind:
.PHONY: check-valgrind
