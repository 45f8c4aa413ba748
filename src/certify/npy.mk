# NumPy .npy/.npz reader (issue 15, tsalign import): libzip inflates .npz
libtsalign_la_SOURCES += src/certify/tsa_npy.h src/certify/npy_header.c \
	src/certify/npy.c src/certify/npz.c src/certify/import.c
libtsalign_la_LIBADD += $(LIBZIP_LIBS)
TSA_LIBS += $(LIBZIP_LIBS)
AM_CPPFLAGS += $(LIBZIP_CFLAGS)
check_PROGRAMS += tests/certify/t-npy
TESTS += tests/certify/t-npy
# tsalign import end to end (tests/data/import: NumPy fixtures and the
# script that wrote them; contrib/: the PyTorch scripts)
TESTS += tests/cli/import.sh
EXTRA_DIST += tests/cli/import.sh contrib
# docs/tutorial.md: every fenced sh block runs (the torch block only where
# python3-torch is importable; TSA_NO_TORCH=1 skips it)
TESTS += tests/cli/tutorial.sh
EXTRA_DIST += tests/cli/tutorial.sh
