/* bvn_d.c -- tsa_kernel_bvn_d: float64 Phi2, M, Mh (docs/kernels.md s.7).
 * Phi2 by Genz's BVNU (A. Genz, "Numerical computation of rectangular
 * bivariate and trivariate normal and t probabilities", Stat. Comput. 14
 * (2004) 251-260; Drezner-Wesolowsky with Gauss-Legendre 6/12/20 points
 * and an asymptotic expansion for |rho| >= 0.925), written here with
 * asin(rho) = pi/2 - theta and 1 - rho^2 = sin^2 theta so that theta near
 * 0, pi keeps its accuracy. */
#include "kernel_impl.h"
#include <math.h>

double
_tsa_kernel_Phi_d(double x)
{
    return 0.5 * erfc(-x * M_SQRT1_2);
}

double
_tsa_kernel_phi_d(double x)
{
    return exp(-0.5 * x * x) * (0.5 * M_2_SQRTPI * M_SQRT1_2);
}

static const double gl_w6[3]
    = { 0.1713244923791705, 0.3607615730481384, 0.4679139345726904 };
static const double gl_x6[3]
    = { 0.9324695142031522, 0.6612093864662647, 0.2386191860831970 };
static const double gl_w12[6]
    = { 0.04717533638651177, 0.1069393259953183, 0.1600783285433464,
        0.2031674267230659,  0.2334925365383547, 0.2491470458134029 };
static const double gl_x12[6]
    = { 0.9815606342467191, 0.9041172563704750, 0.7699026741943050,
        0.5873179542866171, 0.3678314989981802, 0.1252334085114692 };
static const double gl_w20[10]
    = { 0.01761400713915212, 0.04060142980038694, 0.06267204833410906,
        0.08327674157670475, 0.1019301198172404,  0.1181945319615184,
        0.1316886384491766,  0.1420961093183821,  0.1491729864726037,
        0.1527533871307259 };
static const double gl_x20[10]
    = { 0.9931285991850949, 0.9639719272779138, 0.9122344282513259,
        0.8391169718222188, 0.7463319064601508, 0.6360536807265150,
        0.5108670019508271, 0.3737060887154196, 0.2277858511416451,
        0.07652652113349733 };

/* P(X > dh, Y > dk), correlation r = cos th, st = sin th > 0 */
static double
bvnu(double dh, double dk, double r, double th, double st)
{
    const double tp = 2.0 * M_PI;
    const double *w, *x;
    double h = dh, k = dk, hk = h * k, bvn = 0.0;
    int n, i, j;
    if (fabs(r) < 0.3)
    {
        w = gl_w6;
        x = gl_x6;
        n = 3;
    }
    else if (fabs(r) < 0.75)
    {
        w = gl_w12;
        x = gl_x12;
        n = 6;
    }
    else
    {
        w = gl_w20;
        x = gl_x20;
        n = 10;
    }
    if (fabs(r) < 0.925)
    {
        double hs = 0.5 * (h * h + k * k), asr = 0.5 * (M_PI_2 - th);
        for (i = 0; i < n; i++)
            for (j = -1; j <= 1; j += 2)
            {
                double sn = sin(asr * (1.0 + j * x[i]));
                bvn += w[i] * exp((sn * hk - hs) / (1.0 - sn * sn));
            }
        bvn = bvn * asr / tp + _tsa_kernel_Phi_d(-h) * _tsa_kernel_Phi_d(-k);
    }
    else
    {
        double as, a, bs, asr, c, d, b, sp, sum = 0.0;
        if (r < 0)
        {
            k = -k;
            hk = -hk;
        }
        as = st * st;
        a = st;
        bs = (h - k) * (h - k);
        asr = -0.5 * (bs / as + hk);
        c = (4.0 - hk) / 8.0;
        d = (12.0 - hk) / 80.0;
        if (asr > -100.0)
            bvn = a * exp(asr)
                  * (1.0 - c * (bs - as) * (1.0 - d * bs) / 3.0
                     + c * d * as * as);
        if (hk > -100.0)
        {
            b = sqrt(bs);
            sp = sqrt(tp) * _tsa_kernel_Phi_d(-b / a);
            bvn -= exp(-0.5 * hk) * sp * b
                   * (1.0 - c * bs * (1.0 - d * bs) / 3.0);
        }
        a = 0.5 * a;
        for (i = 0; i < n; i++)
            for (j = -1; j <= 1; j += 2)
            {
                double xs = a * (1.0 + j * x[i]), rs, ep;
                xs = xs * xs;
                asr = -0.5 * (bs / xs + hk);
                if (asr > -100.0)
                {
                    sp = 1.0 + c * xs * (1.0 + 5.0 * d * xs);
                    rs = sqrt(1.0 - xs);
                    ep = exp(-0.5 * hk * xs / ((1.0 + rs) * (1.0 + rs))) / rs;
                    sum += w[i] * exp(asr) * (sp - ep);
                }
            }
        bvn = (a * sum - bvn) / tp;
        if (r > 0)
            bvn += _tsa_kernel_Phi_d(-(h > k ? h : k));
        else if (h >= k)
            bvn = -bvn;
        else
        {
            double L = (h < 0) ? _tsa_kernel_Phi_d(k) - _tsa_kernel_Phi_d(h)
                               : _tsa_kernel_Phi_d(-h) - _tsa_kernel_Phi_d(-k);
            bvn = L - bvn;
        }
    }
    return bvn < 0.0 ? 0.0 : (bvn > 1.0 ? 1.0 : bvn);
}

void
tsa_kernel_bvn_d(double *Phi2, double *M, double *Mh, double h, double k,
                 double theta)
{
    double P, st, rho, s2, A, B, ph, pk, m;
    if (!(theta > 0.0))
    {
        /* theta = 0 (docs/kernels.md section 2) */
        m = h < k ? h : k;
        P = _tsa_kernel_Phi_d(m);
        ph = _tsa_kernel_phi_d(m);
        if (Phi2)
            *Phi2 = P;
        if (M)
            *M = (1.0 + h * k) * P + (h > k ? h : k) * ph;
        if (Mh)
            *Mh = k * P + ph;
        return;
    }
    if (!(theta < M_PI))
    {
        /* theta = pi */
        if (h + k > 0)
        {
            if (h >= 0 && k >= 0)
                P = 1.0 - _tsa_kernel_Phi_d(-h) - _tsa_kernel_Phi_d(-k);
            else if (h < 0)
                P = _tsa_kernel_Phi_d(h) - _tsa_kernel_Phi_d(-k);
            else
                P = _tsa_kernel_Phi_d(k) - _tsa_kernel_Phi_d(-h);
            ph = _tsa_kernel_phi_d(h);
            pk = _tsa_kernel_phi_d(k);
            if (Phi2)
                *Phi2 = P;
            if (M)
                *M = (h * k - 1.0) * P + k * ph + h * pk;
            if (Mh)
                *Mh = k * P - ph + pk;
        }
        else
        {
            if (Phi2)
                *Phi2 = 0.0;
            if (M)
                *M = 0.0;
            if (Mh)
                *Mh = 0.0;
        }
        return;
    }
    st = sin(theta);
    rho = cos(theta);
    if (h == 0.0 && k == 0.0)
    {
        /* zero bias: Phi2 = (pi - th)/(2pi), M = F(th) */
        P = (M_PI - theta) / (2.0 * M_PI);
        if (Phi2)
            *Phi2 = P;
        if (M)
            *M = (st + (M_PI - theta) * rho) / (2.0 * M_PI);
        if (Mh)
            *Mh = (1.0 + rho) * (0.25 * M_2_SQRTPI * M_SQRT1_2);
        return;
    }
    P = bvnu(-h, -k, rho, theta, st);
    if (Phi2)
        *Phi2 = P;
    if (M == NULL && Mh == NULL)
        return;
    s2 = sin(0.5 * theta);
    s2 = 2.0 * s2 * s2; /* 1 - rho */
    A = _tsa_kernel_Phi_d(((h - k) + k * s2) / st);
    B = _tsa_kernel_Phi_d(((k - h) + h * s2) / st);
    ph = _tsa_kernel_phi_d(h);
    pk = _tsa_kernel_phi_d(k);
    if (M)
    {
        double e = ((h - k) * (h - k) + 2.0 * h * k * s2) / (2.0 * st * st);
        *M = (h * k + rho) * P + h * pk * A + k * ph * B
             + st * exp(-e) / (2.0 * M_PI);
        if (*M < 0.0)
            *M = 0.0;
    }
    if (Mh)
    {
        *Mh = k * P + pk * A + rho * ph * B;
        if (*Mh < 0.0)
            *Mh = 0.0;
    }
}
