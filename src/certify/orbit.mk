# orbit-reduced evaluation at block-symmetric points (issue 14,
# docs/certify.md s. 12) and the type-A family (s. 13)
libtsalign_la_SOURCES += src/certify/tsa_orbit.h src/certify/orbit_impl.h \
	src/certify/orbit_inst.c src/certify/orbit_eval.c \
	src/certify/orbit_lambda.c src/certify/orbit_box.c src/certify/orbit_run.c
check_PROGRAMS += tests/certify/t-orbit
TESTS += tests/certify/t-orbit
