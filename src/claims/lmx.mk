# LM Assumption 1, Thm 2, Lemmas 1-4 (docs/claims-lm.md s. 8)
libtsalign_la_SOURCES += src/claims/lm_lemmas.h src/claims/lm_assume1.c src/claims/lm_lemmas.c
libtsalign_la_SOURCES += src/claims/recheck_lmx.c
check_PROGRAMS += tests/claims/t-lm_lemmas
TESTS += tests/claims/t-lm_lemmas
