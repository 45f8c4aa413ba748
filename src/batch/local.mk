# batch module (issue 16): plans, single jobs, restart, merged tables; the
# MPI scheduler is linked into the tsalign program only (docs/scaling.md)
AM_CPPFLAGS += -I$(top_srcdir)/src/batch
libtsalign_la_SOURCES += src/batch/tsa_batch.h src/batch/batch_impl.h \
	src/batch/job_impl.h src/batch/plan.c src/batch/gen.c src/batch/util.c \
	src/batch/job.c src/batch/job_certify.c src/batch/job_train.c \
	src/batch/job_check.c src/batch/merge.c
src_tsalign_SOURCES += src/cli/cli_batch.c src/batch/tsa_sched.h
if TSA_MPI
noinst_LIBRARIES += src/batch/libtsampi.a
src_batch_libtsampi_a_SOURCES = src/batch/mpi.c src/batch/tsa_sched.h
src_batch_libtsampi_a_CPPFLAGS = $(AM_CPPFLAGS) $(MPI_CFLAGS)
src_tsalign_LDADD += src/batch/libtsampi.a $(MPI_LIBS) -lpthread
endif
EXTRA_DIST += src/batch/mpi.c
# tests: the library from two threads; plans, restart, MPI, Slurm (TAP)
check_PROGRAMS += tests/batch/t-threads
TESTS += tests/batch/t-threads
tests_batch_t_threads_LDADD = $(LDADD) -lpthread
