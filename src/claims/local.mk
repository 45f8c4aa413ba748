# claims module: theorem-condition checks and reports (docs/claims.md)
libtsalign_la_SOURCES += src/claims/tsa_claims.h src/claims/result.c \
	src/claims/registry.c src/claims/report.c src/claims/ad.c \
	src/claims/ss.c src/claims/lm.c src/claims/ad3.c src/claims/plot.c \
	src/claims/work.c src/claims/params.c src/claims/describe.c \
	src/claims/override.c src/claims/recheck.c
check_PROGRAMS += tests/claims/t-verdict
TESTS += tests/claims/t-verdict tests/claims/check-opts.sh
EXTRA_DIST += tests/claims/check-opts.sh
include src/claims/lm.mk
include src/claims/lmx.mk
include src/claims/ss.mk
include src/claims/adp.mk
# the claim index as data (tsalign report --format, issue 15)
libtsalign_la_SOURCES += src/claims/index_rows.c
