# Theorem-condition claims.  `make check` runs the quick tier (as the TAP
# test tests/claims/run.sh) and writes reports/; `make proofs` runs the full
# tier (PROOFS_TIER=quick: the quick one) as a batch (docs/scaling.md):
# tsalign plan claims (longest first, by the times of the reports already
# in reports/), tsalign batch under mpirun with one rank per core when
# built with MPI (CENSUS_NP, src/batch/local.mk), else serially, then the
# reports gathered in reports/ (<id>.json, .md, plots, index.md) as
# `tsalign check -o reports` writes them.  One line per claim (ok / not
# ok: its verdict against its "expect"); the target fails when a claim
# did not match.  The job results stay in reports/proofs-batch/;
# `make proofs PROOFS_RESUME=1` (or `make proofs-batch`) continues a
# killed run with the same plan instead of starting afresh.
TESTS += tests/claims/run.sh
EXTRA_DIST += tests/claims/run.sh

PROOFS_TIER = full
PROOFS_RESUME =
PROOFS_OUT = reports/proofs
proofs: src/tsalign
	@mkdir -p reports
	$(if $(PROOFS_RESUME),,rm -rf $(PROOFS_OUT)-batch $(PROOFS_OUT)-plan.json)
	test -f $(PROOFS_OUT)-plan.json || ./src/tsalign plan claims \
	  --dir $(abs_top_srcdir)/proofs_numeric --tier $(PROOFS_TIER) \
	  --times reports -o $(PROOFS_OUT)-plan.json
	@rc=0; set -x; $(BATCH_LAUNCH) ./src/tsalign batch $(PROOFS_OUT)-plan.json \
	  --out $(PROOFS_OUT)-batch --reports reports || rc=$$?; set +x; \
	test -f $(PROOFS_OUT)-batch/table.tsv || { echo "proofs: no merged table"; exit 1; }; \
	awk -F '\t' 'NR > 1 { n++; if ($$3 == "ok") print "ok " n " - " $$1 ": " $$4 " (" $$5 ")"; \
	  else { bad++; print "not ok " n " - " $$1 ": " $$3 ", " $$4 " (" $$5 "; " $$6 ")" } } \
	  END { printf "proofs: %d claims, %d not ok; reports/index.md\n", n, bad; exit bad > 0 }' \
	  $(PROOFS_OUT)-batch/table.tsv || exit 1; \
	case $$rc in 0|2|4|5) ;; *) echo "proofs: tsalign batch exit $$rc"; exit $$rc ;; esac
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
