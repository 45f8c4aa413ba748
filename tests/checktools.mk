# Sanitizer and valgrind runs of the tests (docs/fuzzing.md).

# ./configure --enable-sanitizers: every test runs under ASan + LSan + UBSan.
# OpenBLAS is kept to one thread (its thread pool is created once and lives
# until exit); LSAN suppressions for the libraries are in tests/lsan.supp;
# check's per-test timeouts are stretched 5x (ASan/UBSan slow the Arb-heavy
# tests about 3x).
if TSA_SANITIZERS
AM_TESTS_ENVIRONMENT += \
	ASAN_OPTIONS='detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1'; \
	LSAN_OPTIONS='suppressions=$(abs_top_srcdir)/tests/lsan.supp:print_suppressions=0'; \
	UBSAN_OPTIONS='print_stacktrace=1:halt_on_error=1'; \
	OPENBLAS_NUM_THREADS=1; CK_TIMEOUT_MULTIPLIER=5; \
	export ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS OPENBLAS_NUM_THREADS CK_TIMEOUT_MULTIPLIER;
endif
EXTRA_DIST += tests/lsan.supp tests/valgrind.supp

# make check-valgrind: the C test programs and the CLI scripts under
#   valgrind --error-exitcode=1 --leak-check=full (definite leaks are errors)
# with tests/valgrind.supp.  The CLI scripts run tsalign through the wrapper
# tests/vg-tsalign, which logs to tests/vg-logs/ so that a case's stderr
# stays the program's own; any non-empty log fails the target.  By default
# the heavier programs (> 0.5 s natively or > 20 s under valgrind, listed in
# VALGRIND_SKIP) are left out to keep the run to a few minutes;
#   make check-valgrind VALGRIND_SKIP=
# runs all of them, VALGRIND_TESTS="..." any other selection.
VALGRIND_FLAGS = -q --error-exitcode=1 --leak-check=full \
	--errors-for-leak-kinds=definite --show-leak-kinds=definite \
	--suppressions=$(abs_top_srcdir)/tests/valgrind.supp
VALGRIND_SKIP = tests/claims/t-lm_assume tests/kernel/t-psi_l \
	tests/certify/t-sym tests/kernel/t-bvn tests/kernel/t-psi_d \
	tests/claims/t-ss_emp tests/certify/t-sym-adv tests/cli/demo.sh \
	tests/claims/run.sh tests/train/cli.sh tests/train/t-specialise \
	tests/certify/t-indep tests/cli/sym.sh
VALGRIND_TESTS = $(filter-out $(VALGRIND_SKIP),$(filter $(check_PROGRAMS),$(TESTS)) \
	tests/cli/invalid.sh tests/cli/sym.sh)

check-valgrind: all $(check_PROGRAMS)
	@test -n "$(VALGRIND)" || { echo "check-valgrind: valgrind not found (configure looks for it)"; exit 1; }
	rm -rf tests/vg-logs && mkdir -p tests/vg-logs
	printf '#!/bin/sh\nexec %s %s --log-file=%s/tests/vg-logs/tsalign.%%p.log %s/src/tsalign "$$@"\n' \
	  '$(VALGRIND)' '$(VALGRIND_FLAGS)' '$(abs_top_builddir)' '$(abs_top_builddir)' \
	  > tests/vg-tsalign && chmod +x tests/vg-tsalign
	$(MAKE) $(AM_MAKEFLAGS) check TESTS='$(VALGRIND_TESTS)' \
	  LOG_COMPILER='$(VALGRIND) $(VALGRIND_FLAGS)' \
	  AM_TESTS_ENVIRONMENT="TSALIGN='$(abs_top_builddir)/tests/vg-tsalign'; TSA_SRCDIR='$(abs_top_srcdir)'; OPENBLAS_NUM_THREADS=1; CK_TIMEOUT_MULTIPLIER=20; export TSALIGN TSA_SRCDIR OPENBLAS_NUM_THREADS CK_TIMEOUT_MULTIPLIER;"
	@bad=$$(find tests/vg-logs -type f -size +0 | sort); \
	if test -n "$$bad"; then \
	  for f in $$bad; do echo "== $$f"; cat "$$f"; done; \
	  echo "check-valgrind: valgrind errors in tsalign runs (above)"; exit 1; \
	fi; echo "check-valgrind: $$(ls tests/vg-logs | wc -l) tsalign runs clean"
.PHONY: check-valgrind
CLEANFILES += tests/vg-tsalign
clean-local: clean-vg-logs
clean-vg-logs:
	rm -rf tests/vg-logs
.PHONY: clean-vg-logs
