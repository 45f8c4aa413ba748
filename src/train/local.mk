# train module (issue 4): float64 teacher-student training on GSL BLAS
libtsalign_la_SOURCES += src/train/tsa_train.h src/train/train_impl.h \
	src/train/net.c src/train/work.c src/train/forward.c src/train/grad.c \
	src/train/lmrule.c src/train/pop.c src/train/config.c \
	src/train/preset.c src/train/teacher.c src/train/data.c \
	src/train/metrics.c src/train/log.c src/train/state.c \
	src/train/runfile.c src/train/candidate.c src/train/limits.c

# tests (check suites, TAP) and the CLI script
TRAIN_TESTS = tests/train/t-grad tests/train/t-lm_rule tests/train/t-pop \
	tests/train/t-run tests/train/t-specialise tests/train/t-config \
	tests/train/t-metrics tests/train/t-records
check_PROGRAMS += $(TRAIN_TESTS)
TESTS += $(TRAIN_TESTS) tests/train/cli.sh
EXTRA_DIST += tests/train/train_test.h tests/train/cli.sh \
	tests/train/data/run-ss2-3293250.json tests/train/data/run-lm-3293250.json
include src/train/ea.mk
