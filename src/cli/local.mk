# the tsalign command
src_tsalign_SOURCES += src/cli/main.c src/cli/cli.h src/cli/stubs.c src/cli/cli_train.c src/cli/cli_certify.c
