# issue 17: one student more -- descent at a zero student
# (docs/overparam.md)
libtsalign_la_SOURCES += src/certify/tsa_overparam.h src/certify/overparam.c \
	src/certify/overparam_search.c src/certify/overparam_cert.c
libtsalign_la_SOURCES += src/certify/overparam_orbit.c \
	src/certify/overparam_osearch.c src/certify/overparam_path.c
check_PROGRAMS += tests/overparam/t-overparam
TESTS += tests/overparam/t-overparam
check_PROGRAMS += tests/overparam/t-overparam-orbit
TESTS += tests/overparam/t-overparam-orbit
TESTS += tests/overparam/zero.sh
EXTRA_DIST += tests/overparam/zero.sh
# the full tier: every census class (k = 6..100) by the orbit path, the
# fate table and plot of docs/overparam.md s. 8, and the type-A rows
# k = 6..10000 (s. 7) into overparam-full.d/ (minutes; not in make check)
overparam-full: src/tsalign
	$(MKDIR_P) overparam-full.d
	src/tsalign overparam fate --census=$(abs_top_srcdir)/data/ssy2021-minima.tsv \
	    --split $(abs_top_srcdir)/docs/overparam-split-census.csv --out overparam-full.d
	src/tsalign overparam family --k 6:10000 --out overparam-full.d
.PHONY: overparam-full
libtsalign_la_SOURCES += src/claims/overparam_claim.c
