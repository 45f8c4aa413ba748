# the tsalign command
src_tsalign_SOURCES += src/cli/main.c src/cli/cli.h src/cli/cli_util.c src/cli/cli_util.h src/cli/cli_kernel.c src/cli/cli_ad.c src/cli/cli_ad_prove.c src/cli/cli_demo.c src/cli/cli_train.c src/cli/cli_certify.c src/cli/cli_check.c
src_tsalign_SOURCES += src/cli/cli_report.c
src_tsalign_SOURCES += src/cli/cli_finite.c
