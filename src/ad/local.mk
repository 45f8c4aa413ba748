# ad module: Angular Distance functions (docs/ad.md)
libtsalign_la_SOURCES += src/ad/tsa_ad.h src/ad/ad_impl.h src/ad/ad_d_impl.h \
	src/ad/eval.c src/ad/Fk_impl.c src/ad/F.c src/ad/F1.c src/ad/F2.c \
	src/ad/G.c src/ad/F_series.c src/ad/G_series.c \
	src/ad/div_series_zero.c src/ad/F_d.c src/ad/G_d.c \
	src/ad/act_parse.c src/ad/act_name.c
AD_TESTS = tests/ad/t-F tests/ad/t-F1 tests/ad/t-F2 tests/ad/t-G \
	tests/ad/t-F_series tests/ad/t-G_series tests/ad/t-div_series_zero \
	tests/ad/t-F_d tests/ad/t-G_d tests/ad/t-act_parse tests/ad/t-act_name
check_PROGRAMS += $(AD_TESTS)
TESTS += $(AD_TESTS)
EXTRA_DIST += tests/ad/ad_test.h tests/ad/t_Fk_body.h
# alignment argument (docs/ad-alignment.md): loss/gradient/Hessian checks,
# property engine
AD_ALIGN_TESTS = tests/ad/t-align-fd tests/ad/t-prop
check_PROGRAMS += $(AD_ALIGN_TESTS)
TESTS += $(AD_ALIGN_TESTS)
libtsalign_la_SOURCES += src/ad/prop_impl.h src/ad/prop_jet.c src/ad/prop_tm.c \
	src/ad/prop.c src/ad/prop_cat.c src/ad/prop_str.c
