#include "tsa_test.h"
START_TEST(t_none) { } END_TEST
int main(void) { const TTest *tests[] = {t_none}; return tsa_test_main("lm", tests, 1, 30); }
