/*
 * Trendlines: least-squares fits of a series, as Office computes them.
 * Exponential, logarithmic and power trends are straight lines fitted
 * to the logarithms of y, of x, or of both, so points those cannot take
 * (y <= 0, x <= 0) are left out of the fit; a polynomial solves its
 * normal equations by Gaussian elimination with partial pivoting.
 */
#include <math.h>
#include <string.h>

#include "render-int.h"

/* Sums of a least-squares line y = a + b x over the points kept. */
struct sums {
	double n, x, y, xx, xy;
};

/* The point as the fit of kind sees it, or false when it cannot. */
static bool fit_point(enum ppj_trend_kind kind, double x, double y,
		      double *fx, double *fy)
{
	*fx = x;
	*fy = y;
	if ((kind == PPJ_TREND_EXP || kind == PPJ_TREND_POWER) && !(y > 0))
		return false;
	if ((kind == PPJ_TREND_LOG || kind == PPJ_TREND_POWER) && !(x > 0))
		return false;
	if (kind == PPJ_TREND_EXP || kind == PPJ_TREND_POWER)
		*fy = log(y);
	if (kind == PPJ_TREND_LOG || kind == PPJ_TREND_POWER)
		*fx = log(x);
	return isfinite(*fx) && isfinite(*fy);
}

static bool fit_line(const struct ppj_trendline *t, const double *x,
		     const double *y, size_t n, struct trend_fit *f)
{
	struct sums s = { 0 };
	double det;

	for (size_t i = 0; i < n; i++) {
		double fx, fy;

		if (!fit_point(t->kind, x[i], y[i], &fx, &fy))
			continue;
		s.n++;
		s.x += fx;
		s.y += fy;
		s.xx += fx * fx;
		s.xy += fx * fy;
	}
	det = s.n * s.xx - s.x * s.x;
	if (s.n < 2 || fabs(det) < 1e-12)
		return false;
	f->c[1] = (s.n * s.xy - s.x * s.y) / det;
	f->c[0] = (s.y - f->c[1] * s.x) / s.n;
	return isfinite(f->c[0]) && isfinite(f->c[1]);
}

/* Solves the k x k system m (rows of k + 1, the last the right side). */
static bool solve(double m[][TREND_MAX_COEF + 1], int k, double *out)
{
	for (int col = 0; col < k; col++) {
		int piv = col;

		for (int r = col + 1; r < k; r++)
			if (fabs(m[r][col]) > fabs(m[piv][col]))
				piv = r;
		if (fabs(m[piv][col]) < 1e-12)
			return false;
		for (int c = 0; c <= k; c++) {
			double tmp = m[col][c];

			m[col][c] = m[piv][c];
			m[piv][c] = tmp;
		}
		for (int r = 0; r < k; r++) {
			double q = m[r][col] / m[col][col];

			if (r == col)
				continue;
			for (int c = col; c <= k; c++)
				m[r][c] -= q * m[col][c];
		}
	}
	for (int r = 0; r < k; r++)
		out[r] = m[r][k] / m[r][r];
	return true;
}

static bool fit_poly(const struct ppj_trendline *t, const double *x,
		     const double *y, size_t n, struct trend_fit *f)
{
	double m[TREND_MAX_COEF][TREND_MAX_COEF + 1];
	int k = (t->order >= 2 && t->order <= 6 ? t->order : 2) + 1;
	size_t used = 0;

	memset(m, 0, sizeof(m));
	for (size_t i = 0; i < n; i++) {
		double pw[2 * TREND_MAX_COEF];

		if (!isfinite(x[i]) || !isfinite(y[i]))
			continue;
		pw[0] = 1;
		for (int e = 1; e < 2 * k; e++)
			pw[e] = pw[e - 1] * x[i];
		for (int r = 0; r < k; r++) {
			for (int c = 0; c < k; c++)
				m[r][c] += pw[r + c];
			m[r][k] += pw[r] * y[i];
		}
		used++;
	}
	f->n = k;
	return used >= (size_t)k && solve(m, k, f->c);
}

bool render_trend_fit(const struct ppj_trendline *t, const double *x,
		      const double *y, size_t n, struct trend_fit *f)
{
	memset(f, 0, sizeof(*f));
	f->kind = t->kind;
	switch (t->kind) {
	case PPJ_TREND_LINEAR:
	case PPJ_TREND_EXP:
	case PPJ_TREND_LOG:
	case PPJ_TREND_POWER:
		f->n = 2;
		return fit_line(t, x, y, n, f);
	case PPJ_TREND_POLY:
		return fit_poly(t, x, y, n, f);
	default:
		return false;
	}
}

double render_trend_at(const struct trend_fit *f, double x)
{
	double v = 0;

	switch (f->kind) {
	case PPJ_TREND_EXP:
		return exp(f->c[0] + f->c[1] * x);
	case PPJ_TREND_LOG:
		return x > 0 ? f->c[0] + f->c[1] * log(x) : NAN;
	case PPJ_TREND_POWER:
		return x > 0 ? exp(f->c[0]) * pow(x, f->c[1]) : NAN;
	case PPJ_TREND_POLY:
		for (int i = f->n; i-- > 0;)
			v = v * x + f->c[i];
		return v;
	default:
		return f->c[0] + f->c[1] * x;
	}
}
