# train module (issue 4): float64 teacher-student training on GSL BLAS
