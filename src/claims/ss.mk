# SS checkers: sources beyond src/claims/ss.c and their tests
libtsalign_la_SOURCES += src/claims/ss_impl.h src/claims/ss_exact.c \
	src/claims/ss_data.c src/claims/ss_thm12.c src/claims/ss_thm34.c \
	src/claims/ss_emp.c src/claims/ss_thm5.c src/claims/ss_recheck.c
libtsalign_la_SOURCES += src/claims/ss_cor1.c
libtsalign_la_SOURCES += src/claims/recheck_ss.h src/claims/recheck_ss.c
libtsalign_la_SOURCES += src/claims/recheck_ss_impl.h src/claims/recheck_ss_cor1.c
TESTS += tests/claims/recheck-ss.sh
EXTRA_DIST += tests/claims/recheck-ss.sh
check_PROGRAMS += tests/claims/t-ss_exact
TESTS += tests/claims/t-ss_exact
check_PROGRAMS += tests/claims/t-ss_data
TESTS += tests/claims/t-ss_data
check_PROGRAMS += tests/claims/t-ss_thm5
TESTS += tests/claims/t-ss_thm5
check_PROGRAMS += tests/claims/t-ss_emp
TESTS += tests/claims/t-ss_emp
check_PROGRAMS += tests/claims/t-ss_cor1
TESTS += tests/claims/t-ss_cor1
TESTS += tests/claims/plot-bounds.sh
EXTRA_DIST += tests/claims/plot-bounds.sh
