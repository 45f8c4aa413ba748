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
	-find reports -maxdepth 1 -type f ! -name README.md \( -name '*.json' -o -name '*.md' -o -name '*.png' -o -name '*.svg' -o -name '*.dat' -o -name '*.csv' -o -name '*.tmp.??????' \) -exec rm -f {} +
.PHONY: clean-reports

# The census of Safran, Yehudai & Shamir (data/ssy2021-minima.tsv): polish
# and certify every class with CENSUS_KMIN <= k <= CENSUS_KMAX, writing a
# table per class and counts per k (Markdown and CSV) into reports/.
# All 2235 classes (k = 6..100) take about 35 minutes on one core, using
# the classes' block symmetry (docs/certify.md s. 10); result in docs/census-6-100.md.
CENSUS_KMIN = 6
CENSUS_KMAX = 100
census: src/tsalign
	@mkdir -p reports
	./src/tsalign certify --census $(abs_top_srcdir)/data/ssy2021-minima.tsv \
	  --kmin $(CENSUS_KMIN) --kmax $(CENSUS_KMAX) \
	  --table reports/census-$(CENSUS_KMIN)-$(CENSUS_KMAX).md \
	  --csv reports/census-$(CENSUS_KMIN)-$(CENSUS_KMAX).csv
	-@if command -v gnuplot >/dev/null 2>&1; then \
	  gnuplot -e "csv='reports/census-$(CENSUS_KMIN)-$(CENSUS_KMAX).csv'; png='reports/census-$(CENSUS_KMIN)-$(CENSUS_KMAX).png'" \
	    $(abs_top_srcdir)/proofs_numeric/census.gp && \
	  echo "plot: reports/census-$(CENSUS_KMIN)-$(CENSUS_KMAX).png"; fi
.PHONY: census
