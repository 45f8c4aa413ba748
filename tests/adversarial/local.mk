# Adversarial candidates for certify and verify (issue 10, item 6;
# docs/adversarial.md).  `make check` runs a fixed sample of 500
# (tests/adversarial/adv.sh); `make adversarial` runs the full set and
# writes reports/adversarial.md and .json (and the first 50 false
# certificates with their candidates to reports/adversarial-false/).
check_PROGRAMS += tests/adversarial/adv
tests_adversarial_adv_SOURCES = tests/adversarial/adv.c \
	tests/adversarial/adv.h tests/adversarial/adv_base.c \
	tests/adversarial/adv_gen.c tests/adversarial/adv_render.c \
	tests/adversarial/adv_judge.c tests/adversarial/adv_indep.c
tests_adversarial_adv_LDADD = $(TSA_LIBS)
TESTS += tests/adversarial/adv.sh
EXTRA_DIST += tests/adversarial/adv.sh tests/adversarial/make-bases.sh \
	tests/adversarial/bases

ADV_COUNT = 50000
ADV_SEED = 20251
adversarial: tests/adversarial/adv
	@rm -rf reports/adversarial-false && mkdir -p reports/adversarial-false
	OPENBLAS_NUM_THREADS=1 ./tests/adversarial/adv --count $(ADV_COUNT) \
	  --seed $(ADV_SEED) --bases $(abs_top_srcdir)/tests/adversarial/bases \
	  --md reports/adversarial.md --json reports/adversarial.json \
	  --false-dir reports/adversarial-false; \
	  st=$$?; cat reports/adversarial.md; exit $$st
.PHONY: adversarial
