# batch module (issue 16): plans, single jobs, restart, merged tables; the
# MPI scheduler is linked into the tsalign program only (docs/scaling.md)
AM_CPPFLAGS += -I$(top_srcdir)/src/batch
libtsalign_la_SOURCES += src/batch/tsa_batch.h src/batch/batch_impl.h \
	src/batch/job_impl.h src/batch/plan.c src/batch/gen.c src/batch/util.c \
	src/batch/job.c src/batch/job_certify.c src/batch/job_train.c \
	src/batch/job_check.c src/batch/merge.c src/batch/cache.c \
	src/batch/chunk.c src/batch/resfile.c src/batch/census_out.c
libtsalign_la_SOURCES += src/batch/gen_claims.c src/batch/collect.c
src_tsalign_SOURCES += src/cli/cli_batch.c src/batch/tsa_sched.h
if TSA_MPI
noinst_LIBRARIES += src/batch/libtsampi.a
src_batch_libtsampi_a_SOURCES = src/batch/mpi.c src/batch/tsa_sched.h
src_batch_libtsampi_a_CPPFLAGS = $(AM_CPPFLAGS) $(MPI_CFLAGS)
src_tsalign_LDADD += src/batch/libtsampi.a $(MPI_LIBS) -lpthread
endif
EXTRA_DIST += src/batch/mpi.c
# tests: the library from two threads; plans, restart, MPI, Slurm (TAP)
check_PROGRAMS += tests/batch/t-threads tests/batch/t-chunk
TESTS += tests/batch/t-threads tests/batch/t-chunk
tests_batch_t_threads_LDADD = $(LDADD) -lpthread
TESTS += tests/batch/batch.sh tests/batch/slurm.sh tests/batch/family.sh tests/batch/ranks.sh
EXTRA_DIST += tests/batch/batch.sh tests/batch/slurm.sh tests/batch/family.sh tests/batch/ranks.sh contrib/slurm/census.sbatch
if TSA_MPI
AM_TESTS_ENVIRONMENT += TSA_MPIRUN='$(MPIRUN)'; export TSA_MPIRUN;
endif
AM_TESTS_ENVIRONMENT += TSA_SBATCH='$(SBATCH)'; export TSA_SBATCH;

# `make census` and `make proofs` (proofs_numeric/local.mk) run the census
# and the claims through tsalign batch; `make census-batch`: the census
# batch alone (restartable); `make proofs-batch`: `make proofs` continuing
# a killed run (PROOFS_RESUME=1).  Tables in reports/*-batch/.  With MPI:
# CENSUS_NP ranks (default:
# one per core) under mpirun; without, serial (a plain mpirun of a tsalign
# without MPI would run the whole plan N times).
if TSA_MPI
CENSUS_NP = $(shell nproc 2>/dev/null || echo 1)
else
CENSUS_NP = 1
endif
BATCH_LAUNCH = $(if $(MPIRUN),$(if $(filter-out 1,$(CENSUS_NP)),$(MPIRUN) -n $(CENSUS_NP) --oversubscribe $(if $(filter 0,$(shell id -u)),--allow-run-as-root),))
census-batch: src/tsalign
	@mkdir -p reports
	./src/tsalign plan census --census $(abs_top_srcdir)/data/ssy2021-minima.tsv \
	  --kmin $(CENSUS_KMIN) --kmax $(CENSUS_KMAX) \
	  -o reports/census-$(CENSUS_KMIN)-$(CENSUS_KMAX)-plan.json
	$(BATCH_LAUNCH) ./src/tsalign batch reports/census-$(CENSUS_KMIN)-$(CENSUS_KMAX)-plan.json \
	  --out reports/census-$(CENSUS_KMIN)-$(CENSUS_KMAX)-batch
proofs-batch: src/tsalign
	$(MAKE) $(AM_MAKEFLAGS) proofs PROOFS_RESUME=1
.PHONY: census-batch proofs-batch
