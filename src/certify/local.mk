# certify module (issue 5): population landscape, polish, Krawczyk, certificates
libtsalign_la_SOURCES += src/certify/tsa_certify.h src/certify/certify_impl.h \
	src/certify/pair.c src/certify/cand.c src/certify/loss.c \
	src/certify/grad.c src/certify/hess_mr.c \
	src/certify/census.c src/certify/polish.c src/certify/krawczyk.c \
	src/certify/lambda.c src/certify/smooth.c src/certify/run.c \
	src/certify/monotone.c src/certify/sym.c src/certify/point.c src/certify/cand_json.c src/certify/cert_json.c src/certify/verify.c
libtsalign_la_SOURCES += src/certify/indep.h src/certify/indep.c \
	src/certify/indep_geom.c src/certify/indep_loss.c src/certify/indep_hess.c \
	src/certify/indep_lambda.c src/certify/indep_krawczyk.c src/certify/indep_text.c
check_PROGRAMS += tests/certify/t-landscape tests/certify/t-certify \
	tests/certify/t-verify tests/certify/t-sym tests/certify/t-sym-adv
TESTS += tests/certify/t-landscape tests/certify/t-certify \
	tests/certify/t-verify tests/certify/t-sym tests/certify/t-sym-adv
check_PROGRAMS += tests/certify/t-indep tests/certify/t-indep-mut
TESTS += tests/certify/t-indep tests/certify/t-indep-mut
# census results as data: CSV, --json and `tsalign report` (issue 15)
libtsalign_la_SOURCES += src/certify/tsa_census.h src/certify/census_table.c
# issue 14: orbit-reduced evaluation, the type-A family
include src/certify/orbit.mk
include src/certify/npy.mk
include src/certify/overparam.mk
