# issue 17: one student more -- descent at a zero student
# (docs/overparam.md)
libtsalign_la_SOURCES += src/certify/tsa_overparam.h src/certify/overparam.c \
	src/certify/overparam_search.c src/certify/overparam_cert.c
check_PROGRAMS += tests/overparam/t-overparam
TESTS += tests/overparam/t-overparam
TESTS += tests/overparam/zero.sh
EXTRA_DIST += tests/overparam/zero.sh
# the full tier: every census class (k = 6..100), the table of
# docs/overparam.md (minutes; not part of make check)
overparam-full: src/tsalign
	src/tsalign overparam census --census=$(abs_top_srcdir)/data/ssy2021-minima.tsv
.PHONY: overparam-full
libtsalign_la_SOURCES += src/claims/overparam_claim.c
