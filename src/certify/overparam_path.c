/* overparam_path.c -- "the path down" (docs/overparam.md s. 7): float64
 * population gradient descent from a zero student pushed along its descent
 * direction.  Numerical evidence only; the end point's nature is decided
 * by the certifier (tsa_certify_point), never by this file. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "certify_impl.h"
#include "tsa_overparam.h"

/* K(w, u) = |w||u| (sin th + (pi - th) cos th) / (2 pi) */
static double
kern(const double *w, const double *u, slong d)
{
    double nw = _tsa_norm_d(w, d), nu = _tsa_norm_d(u, d), c = 0, th;
    slong a;
    if (nw == 0 || nu == 0)
        return 0;
    for (a = 0; a < d; a++)
        c += w[a] * u[a];
    c /= nw * nu;
    c = c > 1 ? 1 : c < -1 ? -1 : c;
    th = acos(c);
    return nw * nu * (sin(th) + (M_PI - th) * c) / (2 * M_PI);
}

/* g += sg dK(w, u)/dw = sg (|u| sin th w/|w| + (pi - th) u) / (2 pi) */
static void
kgrad(double *g, const double *w, const double *u, slong d, double sg)
{
    double nw = _tsa_norm_d(w, d), nu = _tsa_norm_d(u, d), c = 0, th, a1, b1;
    slong a;
    if (nw == 0 || nu == 0)
        return;
    for (a = 0; a < d; a++)
        c += w[a] * u[a];
    c /= nw * nu;
    c = c > 1 ? 1 : c < -1 ? -1 : c;
    th = acos(c);
    a1 = sg * nu * sin(th) / (nw * 2 * M_PI);
    b1 = sg * (M_PI - th) / (2 * M_PI);
    for (a = 0; a < d; a++)
        g[a] += a1 * w[a] + b1 * u[a];
}

double
tsa_overparam_loss_d(const double *W, slong n, const double *V, slong m,
                     slong d)
{
    double J = 0;
    slong i, j;
    for (i = 0; i < n; i++)
    {
        for (j = 0; j < n; j++)
            J += kern(W + i * d, W + j * d, d);
        for (j = 0; j < m; j++)
            J -= 2 * kern(W + i * d, V + j * d, d);
    }
    for (i = 0; i < m; i++)
        for (j = 0; j < m; j++)
            J += kern(V + i * d, V + j * d, d);
    return J / 2;
}

void
tsa_overparam_grad_d(double *G, const double *W, slong n, const double *V,
                     slong m, slong d)
{
    slong i, j;
    memset(G, 0, sizeof(double) * n * d);
    for (i = 0; i < n; i++)
    {
        for (j = 0; j < n; j++)
            kgrad(G + i * d, W + i * d, W + j * d, d, 1.0);
        for (j = 0; j < m; j++)
            kgrad(G + i * d, W + i * d, V + j * d, d, -1.0);
    }
}

void
tsa_overparam_path_gd(tsa_overparam_path_t *res, double *W, slong n,
                      const double *V, slong m, slong d, slong maxit,
                      double gtol)
{
    slong it, a, N = n * d;
    double *G = malloc(sizeof(double) * 2 * N), *X = G + N, eta = 0.5, J;
    J = tsa_overparam_loss_d(W, n, V, m, d);
    res->loss0 = J;
    res->iters = 0;
    res->gnorm = HUGE_VAL;
    for (it = 0; it < maxit; it++)
    {
        double Jn = HUGE_VAL, gi = 0;
        tsa_overparam_grad_d(G, W, n, V, m, d);
        for (a = 0; a < N; a++)
            gi = fmax(gi, fabs(G[a]));
        res->gnorm = gi;
        if (!(gi > gtol) || !(J > 1e-30))
            break;
        /* Armijo backtracking; the step grows again after a success */
        for (; eta > 1e-14; eta *= 0.5)
        {
            double dec = 0;
            for (a = 0; a < N; a++)
            {
                X[a] = W[a] - eta * G[a];
                dec += G[a] * G[a];
            }
            Jn = tsa_overparam_loss_d(X, n, V, m, d);
            if (Jn <= J - 1e-4 * eta * dec)
                break;
        }
        if (!(Jn < J))
            break;
        memcpy(W, X, sizeof(double) * N);
        J = Jn;
        eta = fmin(eta * 1.5, 8.0);
        res->iters = it + 1;
    }
    res->loss = J;
    free(G);
}
