# LM checkers: sources beyond src/claims/lm.c and their tests
libtsalign_la_SOURCES += src/claims/lm_impl.h src/claims/lm_util.c \
	src/claims/lm_assume.c src/claims/lm_thm1.c src/claims/lm_thm3.c \
	src/claims/lm_thm4.c src/claims/lm_thm5.c src/claims/lm_kcaps.c \
	src/claims/lm_c0.c src/claims/recheck_lm.c src/claims/lm_a2bias.c
check_PROGRAMS += tests/claims/t-lm_assume tests/claims/t-lm_thm
TESTS += tests/claims/t-lm_assume tests/claims/t-lm_thm
TESTS += tests/claims/recheck-lm.sh
EXTRA_DIST += tests/claims/recheck-lm.sh
