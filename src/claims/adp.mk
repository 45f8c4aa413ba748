# AD property-engine claims and AD-1 by experiment (docs/ad-alignment.md)
libtsalign_la_SOURCES += src/claims/ad_prove.c src/claims/ad1_exp.c src/claims/ad1_impl.h \
	src/claims/ad1_newton.c
check_PROGRAMS += tests/claims/t-ad_prove
TESTS += tests/claims/t-ad_prove
