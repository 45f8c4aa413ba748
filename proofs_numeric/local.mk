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
# table per class and counts per k (Markdown, CSV and the tsalign-census
# JSON) into reports/.  The classes run as a batch (tsalign plan census,
# tsalign batch: docs/scaling.md), under mpirun with one rank per core
# when tsalign was built with MPI (CENSUS_NP=N to choose), else serially;
# the job results stay in reports/census-A-B-batch/, and
# `make census CENSUS_RESUME=1` continues a killed run instead of starting
# afresh.  All 2235 classes (k = 6..100) take about 20 s of CPU with the
# classes' block symmetry (docs/certify.md s. 10); result in docs/census-6-100.md.
CENSUS_KMIN = 6
CENSUS_KMAX = 100
CENSUS_RESUME =
CENSUS_OUT = reports/census-$(CENSUS_KMIN)-$(CENSUS_KMAX)
census: src/tsalign
	@mkdir -p reports
	$(if $(CENSUS_RESUME),,rm -rf $(CENSUS_OUT)-batch)
	./src/tsalign plan census --census $(abs_top_srcdir)/data/ssy2021-minima.tsv \
	  --kmin $(CENSUS_KMIN) --kmax $(CENSUS_KMAX) -o $(CENSUS_OUT)-plan.json
	$(BATCH_LAUNCH) ./src/tsalign batch $(CENSUS_OUT)-plan.json \
	  --out $(CENSUS_OUT)-batch --census-json $(CENSUS_OUT).json
	./src/tsalign report $(CENSUS_OUT).json --format md -o $(CENSUS_OUT).md
	./src/tsalign report $(CENSUS_OUT).json --format csv -o $(CENSUS_OUT).csv
	-@if command -v gnuplot >/dev/null 2>&1; then \
	  gnuplot -e "csv='reports/census-$(CENSUS_KMIN)-$(CENSUS_KMAX).csv'; png='reports/census-$(CENSUS_KMIN)-$(CENSUS_KMAX).png'" \
	    $(abs_top_srcdir)/proofs_numeric/census.gp && \
	  echo "plot: reports/census-$(CENSUS_KMIN)-$(CENSUS_KMAX).png"; fi
.PHONY: census
