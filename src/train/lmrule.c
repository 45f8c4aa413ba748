#include "tsa_train.h"
double tsa_train_grad_lm_rule(double *grad, int *status, const tsa_train_net *net, const tsa_train_net *teacher, const gsl_matrix *X){*status=1;return 0;}
