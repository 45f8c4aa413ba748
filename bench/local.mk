# benchmarks: `make bench`
# train (issue 4): SGD step and epoch vs PyTorch, and the dgemm floor
EXTRA_PROGRAMS += bench/p-sgd
BENCH_PROGS += bench/p-sgd
bench_p_sgd_CPPFLAGS = $(AM_CPPFLAGS) \
	-DTSA_BENCH_TORCH_SCRIPT='"$(abs_top_srcdir)/bench/p-sgd-torch.py"' \
	-DTSA_TORCH_PYTHON='"$(TORCH_PYTHON)"'
EXTRA_DIST += bench/p-sgd-torch.py
EXTRA_PROGRAMS += bench/p-certify
BENCH_PROGS += bench/p-certify
bench_p_certify_SOURCES = bench/p-certify.c
bench_p_certify_CPPFLAGS = $(AM_CPPFLAGS) -DTSA_DEFAULT_SRCDIR='"$(abs_top_srcdir)"'
# kernel: evaluations per second of psi_l (Arb) and the float64 kernels
EXTRA_PROGRAMS += bench/p-psi_l
BENCH_PROGS += bench/p-psi_l
bench_p_psi_l_SOURCES = bench/p-psi_l.c
bench_p_psi_l_LDADD = $(TSA_LIBS)
# train (issue 14): the metric share of a default run (CPU time)
EXTRA_PROGRAMS += bench/p-train-metrics
BENCH_PROGS += bench/p-train-metrics
bench_p_train_metrics_SOURCES = bench/p-train-metrics.c
