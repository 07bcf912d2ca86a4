/*
 * Trendlines: least-squares fits of a series, as Office computes them.
 * Exponential, logarithmic and power trends are straight lines fitted
 * to the logarithms of y, of x, or of both, so points those cannot take
 * (y <= 0, x <= 0) are left out of the fit; a polynomial solves its
 * normal equations by Gaussian elimination with partial pivoting.
 */
#include <math.h>
#include <stdio.h>
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

double render_trend_r2(const struct trend_fit *f, const double *x,
		       const double *y, size_t n)
{
	double mean = 0, tot = 0, res = 0, used = 0;

	/* On the values the fit saw: the logarithms for exp and power. */
	for (size_t i = 0; i < n; i++) {
		double fx, fy;

		if (!fit_point(f->kind, x[i], y[i], &fx, &fy))
			continue;
		mean += fy;
		used++;
	}
	if (used < 2)
		return NAN;
	mean /= used;
	for (size_t i = 0; i < n; i++) {
		double fx, fy, at;

		if (!fit_point(f->kind, x[i], y[i], &fx, &fy))
			continue;
		at = render_trend_at(f, x[i]);
		if (f->kind == PPJ_TREND_EXP || f->kind == PPJ_TREND_POWER)
			at = log(at);
		tot += (fy - mean) * (fy - mean);
		res += (fy - at) * (fy - at);
	}
	return tot > 0 ? 1 - res / tot : 1;
}

/* A number as the label writes it: four decimals at most, no zeros. */
static void coef(struct ppj_buf *b, double v)
{
	char tmp[64];
	size_t n;

	snprintf(tmp, sizeof(tmp), "%.4f", fabs(v) < 5e-5 ? 0 : v);
	n = strlen(tmp);
	while (n > 1 && tmp[n - 1] == '0')
		tmp[--n] = 0;
	if (n > 1 && tmp[n - 1] == '.')
		tmp[--n] = 0;
	ppj_buf_adds(b, tmp);
}

/*
 * One term v·var of a sum: signed after the first, without a 1 before a
 * variable, left out when it rounds to 0 (unless it is all there is).
 */
static void term(struct ppj_buf *b, double v, const char *var, bool *first,
		 bool last)
{
	bool zero = fabs(v) < 5e-5, one = fabs(fabs(v) - 1) < 5e-5;

	if (zero && !(last && *first))
		return;
	if (!*first)
		ppj_buf_adds(b, v < 0 ? " - " : " + ");
	else if (v < 0 && !zero)
		ppj_buf_addc(b, '-');
	if (!one || !*var)
		coef(b, fabs(v));
	ppj_buf_adds(b, var);
	*first = false;
}

static void poly_eq(struct ppj_buf *b, const struct trend_fit *f)
{
	static const char *const var[] = { "", "x", "x\xc2\xb2", "x\xc2\xb3",
		"x^4", "x^5", "x^6" };
	bool first = true;

	for (int i = f->n - 1; i >= 0; i--)
		term(b, f->c[i], var[i], &first, i == 0);
}

void render_trend_eq(struct ppj_buf *b, const struct trend_fit *f)
{
	bool first = true;

	ppj_buf_adds(b, "y = ");
	switch (f->kind) {
	case PPJ_TREND_EXP:
		coef(b, exp(f->c[0]));
		ppj_buf_adds(b, "e^(");
		coef(b, f->c[1]);
		ppj_buf_adds(b, "x)");
		break;
	case PPJ_TREND_LOG:
		term(b, f->c[1], "ln(x)", &first, false);
		term(b, f->c[0], "", &first, true);
		break;
	case PPJ_TREND_POWER:
		coef(b, exp(f->c[0]));
		ppj_buf_adds(b, "x^");
		coef(b, f->c[1]);
		break;
	case PPJ_TREND_POLY:
		poly_eq(b, f);
		break;
	default:
		term(b, f->c[1], "x", &first, false);
		term(b, f->c[0], "", &first, true);
		break;
	}
}
