# the tsalign command
src_tsalign_SOURCES += src/cli/main.c src/cli/cli.h src/cli/cli_util.c src/cli/cli_util.h src/cli/cli_kernel.c src/cli/cli_ad.c src/cli/cli_ad_prove.c src/cli/cli_demo.c src/cli/cli_train.c src/cli/cli_certify.c src/cli/cli_check.c
src_tsalign_SOURCES += src/cli/cli_report.c
src_tsalign_SOURCES += src/cli/cli_finite.c
src_tsalign_SOURCES += src/cli/cli_data.c src/cli/cli_data.h src/cli/cli_progress.c src/cli/cli_progress.h
nodist_src_tsalign_SOURCES = src/tsa_dirs.h
src_tsalign_SOURCES += src/cli/cli_family.c
src_tsalign_SOURCES += src/cli/cli_ea.c
src_tsalign_SOURCES += src/cli/cli_import.c
src_tsalign_SOURCES += src/cli/cli_overparam.c
src_tsalign_SOURCES += src/cli/cli_overparam_more.c
