# issue 17: split students (docs/overparam.md "Split students"); included
# last from Makefile.am (it adds to the tsalign program's sources)
libtsalign_la_SOURCES += src/certify/tsa_overparam_split.h \
	src/certify/overparam_split.c \
	src/certify/overparam_split_jet.c src/certify/overparam_split_run.c \
	src/certify/overparam_split_cert.c
src_tsalign_SOURCES += src/cli/cli_overparam_split.c \
	src/cli/cli_overparam_splitc.c
check_PROGRAMS += tests/certify/t-overparam-split
TESTS += tests/certify/t-overparam-split
