# issue 17: one student more -- descent at a zero student
# (docs/overparam.md)
libtsalign_la_SOURCES += src/certify/tsa_overparam.h src/certify/overparam.c \
	src/certify/overparam_search.c src/certify/overparam_cert.c
check_PROGRAMS += tests/overparam/t-overparam
TESTS += tests/overparam/t-overparam
