# kernel module: psi_l, psi_d and the gradient (docs/kernels.md)
libtsalign_la_SOURCES += src/kernel/tsa_kernel.h src/kernel/kernel_impl.h \
	src/kernel/bvn_wp.c src/kernel/bvn.c src/kernel/common.c \
	src/kernel/psi_l.c src/kernel/psi_d.c src/kernel/psi_l_grad.c \
	src/kernel/bvn_d.c src/kernel/common_d.c src/kernel/psi_l_d.c \
	src/kernel/psi_d_d.c src/kernel/psi_l_grad_d.c

KERNEL_TEST_SRC = tests/kernel/kref.c tests/kernel/kref.h
check_PROGRAMS += tests/kernel/t-bvn
TESTS += tests/kernel/t-bvn
tests_kernel_t_bvn_SOURCES = tests/kernel/t-bvn.c $(KERNEL_TEST_SRC)
check_PROGRAMS += tests/kernel/t-psi_l
TESTS += tests/kernel/t-psi_l
tests_kernel_t_psi_l_SOURCES = tests/kernel/t-psi_l.c $(KERNEL_TEST_SRC)
check_PROGRAMS += tests/kernel/t-psi_d
TESTS += tests/kernel/t-psi_d
tests_kernel_t_psi_d_SOURCES = tests/kernel/t-psi_d.c $(KERNEL_TEST_SRC)
check_PROGRAMS += tests/kernel/t-psi_l_grad
TESTS += tests/kernel/t-psi_l_grad
tests_kernel_t_psi_l_grad_SOURCES = tests/kernel/t-psi_l_grad.c $(KERNEL_TEST_SRC)
check_PROGRAMS += tests/kernel/t-bvn_d
TESTS += tests/kernel/t-bvn_d
tests_kernel_t_bvn_d_SOURCES = tests/kernel/t-bvn_d.c $(KERNEL_TEST_SRC)
check_PROGRAMS += tests/kernel/t-psi_l_d tests/kernel/t-psi_d_d \
	tests/kernel/t-psi_l_grad_d
TESTS += tests/kernel/t-psi_l_d tests/kernel/t-psi_d_d \
	tests/kernel/t-psi_l_grad_d
tests_kernel_t_psi_l_d_SOURCES = tests/kernel/t-psi_l_d.c \
	tests/kernel/kref_d.h $(KERNEL_TEST_SRC)
tests_kernel_t_psi_d_d_SOURCES = tests/kernel/t-psi_d_d.c \
	tests/kernel/kref_d.h $(KERNEL_TEST_SRC)
tests_kernel_t_psi_l_grad_d_SOURCES = tests/kernel/t-psi_l_grad_d.c \
	tests/kernel/kref_d.h $(KERNEL_TEST_SRC)
# psi_l against mpmath references (issue 14; data by tests/kernel/psi_mp.py)
check_PROGRAMS += tests/kernel/t-psi_mp
TESTS += tests/kernel/t-psi_mp
tests_kernel_t_psi_mp_SOURCES = tests/kernel/t-psi_mp.c
EXTRA_DIST += tests/kernel/psi_mp.py tests/kernel/data/psi_mp.txt
