libtsalign_a_SOURCES += src/base/tsa_base.h src/base/tsa_io.h \
	src/base/error.c src/base/version.c src/base/io_parse.c \
	src/base/io_write.c
check_PROGRAMS += tests/base/t-io_parse
TESTS += tests/base/t-io_parse
