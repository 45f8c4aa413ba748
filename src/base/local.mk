libtsalign_la_SOURCES += src/base/tsa_base.h src/base/tsa_io.h \
	src/base/error.c src/base/version.c src/base/io_parse.c \
	src/base/io_write.c
check_PROGRAMS += tests/base/t-io_parse
TESTS += tests/base/t-io_parse
# safe ids and contained paths, whole-or-nothing outputs, gnuplot without a shell
libtsalign_la_SOURCES += src/base/tsa_path.h src/base/io_path.c \
	src/base/io_out.c src/base/tsa_plot.h src/base/spawn.c
# "format" / "format_version" tags of every JSON file (docs/formats/README.md)
libtsalign_la_SOURCES += src/base/tsa_format.h src/base/format.c
libtsalign_la_SOURCES += src/base/tsa_table.h src/base/table.c
# growing text buffer (reports, Markdown tables)
libtsalign_la_SOURCES += src/base/tsa_strbuf.h src/base/strbuf.c
