# Theorem-condition claims.  `make check` runs the quick tier (as the TAP
# test tests/claims/run.sh) and writes reports/; `make proofs` runs the full
# tier.  Reports go to the build directory's reports/.
TESTS += tests/claims/run.sh
EXTRA_DIST += tests/claims/run.sh

proofs: src/tsalign
	TSALIGN='$(abs_top_builddir)/src/tsalign' TSA_SRCDIR='$(abs_top_srcdir)' \
	TSA_TIER=full $(SHELL) $(top_srcdir)/tests/claims/run.sh
.PHONY: proofs

clean-local: clean-reports
clean-reports:
	-rm -f reports/*.json reports/*.md reports/*.png reports/*.svg reports/*.dat
.PHONY: clean-reports
