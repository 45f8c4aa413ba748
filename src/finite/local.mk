# finite module (issue 13): the empirical landscape on a finite dataset,
# kink test, boxes, certificates (docs/finite-data.md)
libtsalign_la_SOURCES += src/finite/tsa_finite.h src/finite/finite_impl.h \
	src/finite/parse.c src/finite/point.c src/finite/land.c src/finite/phi.c \
	src/finite/exact.c src/finite/box.c src/finite/cert.c src/finite/verify.c \
	src/finite/ea.c
check_PROGRAMS += tests/finite/t-finite
TESTS += tests/finite/t-finite tests/finite/finite.sh
EXTRA_DIST += tests/finite/finite.sh
libtsalign_la_SOURCES += src/claims/ea2.c
