# kernel module: psi_l, psi_d and the gradient (docs/kernels.md)
libtsalign_a_SOURCES += src/kernel/tsa_kernel.h
