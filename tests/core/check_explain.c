/*
 * check_explain.c - the words under the grid: each flag named with the row's
 * own numbers, the plain loss of an unflagged row, the sheet line, the tags,
 * and safety with tiny buffers and extreme rows.
 */
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/explain.h"
#include "core/sheet.h"
#include "tests/suites.h"
#include "tests/testutil.h"

static const char *pets[] = { "cat", "dog", "plane", "fish", "building" };

/* The lecture's five-class logits row, whose target is fish. */
static const double lesson[] = {
	0.021789294543326676, -2.4880559194860128, -1.7505557283129267,
	2.0704092459877179, 1.2502573466234175,
};

/* A K-class sheet of pets in MODE with log BASE and no rows. */
static struct sheet *
mk(int k, enum sheet_mode mode, int base)
{
	return tu_sheet(k, pets, mode == SHEET_PROBS, base);
}

/* Appends activations A with one-hot target T (-1: none). */
static long
row(struct sheet *s, const double *a, int t)
{
	return tu_row(s, a, t);
}

/* Asserts that TEXT contains every string of the NULL-ended list. */
static void
has(const char *text, ...)
{
	const char *want;
	va_list ap;

	va_start(ap, text);
	while ((want = va_arg(ap, const char *)) != NULL)
		ck_assert_msg(strstr(text, want) != NULL,
		    "\"%s\" lacks \"%s\"", text, want);
	va_end(ap);
}

/* Asserts that TEXT contains none of the strings of the NULL-ended list. */
static void
lacks(const char *text, ...)
{
	const char *bad;
	va_list ap;

	va_start(ap, text);
	while ((bad = va_arg(ap, const char *)) != NULL)
		ck_assert_msg(strstr(text, bad) == NULL,
		    "\"%s\" has \"%s\"", text, bad);
	va_end(ap);
}

/* Explains row R of S into a roomy static buffer. */
static const char *
say(const struct sheet *s, long r)
{
	static char buf[2048];

	return explain_row(s, r, buf, sizeof(buf));
}

/* 1 when every byte of TEXT is ASCII. */
static int
ascii(const char *text)
{
	for (; *text != '\0'; text++)
		if ((unsigned char)*text >= 0x80)
			return 0;
	return 1;
}

/* Probabilities that add up to 1.2: the sum, and why the forms differ. */
START_TEST(test_not_normalized)
{
	struct sheet *s = mk(2, SHEET_PROBS, 0);
	double a[] = { 0.9, 0.3 };
	const char *t;

	row(s, a, 1);
	ck_assert(sheet_flags(s, 0) & FLAG_NOT_NORMALIZED);
	ck_assert(sheet_flags(s, 0) & FLAG_FORMS_DISAGREE);
	t = say(s, 0);
	has(t, "1.2", "not 1", ":normalize", "logits", NULL);
	has(t, "1 - p(cat) = 0.1", "p(dog) = 0.3", "IF form", NULL);
	ck_assert(strstr(t, "1.2") < strstr(t, "IF form"));
	ck_assert(ascii(t));
	sheet_free(s);
}
END_TEST

/* A three-class probs row off by a little, no forms issue. */
START_TEST(test_not_normalized_three)
{
	struct sheet *s = mk(3, SHEET_PROBS, 0);
	double a[] = { 0.5, 0.2, 0.1 };

	row(s, a, 0);
	ck_assert_uint_eq(sheet_flags(s, 0), FLAG_NOT_NORMALIZED);
	has(say(s, 0), "0.8", "not 1", NULL);
	sheet_free(s);
}
END_TEST

/* A soft target: the IF form looks only at the hard target. */
START_TEST(test_forms_soft)
{
	struct sheet *s = mk(3, SHEET_LOGITS, 0);
	double a[] = { 1, 2, 0.5 }, y[] = { 0.5, 0.3, 0 };
	const char *t;

	sheet_append(s, NULL, a, y, 0);
	ck_assert(sheet_flags(s, 0) & FLAG_NOT_ONE_HOT);
	ck_assert(sheet_flags(s, 0) & FLAG_FORMS_DISAGREE);
	t = say(s, 0);
	has(t, "hard target cat", "not one-hot", "sums to 0.8", "soft",
	    NULL);
	sheet_free(s);
}
END_TEST

/* A probability of 0 for the target: the class is named. */
START_TEST(test_log_zero)
{
	struct sheet *s = mk(4, SHEET_PROBS, 0);
	double a[] = { 0.5, 0.5, 0, 0 };
	const char *t;

	row(s, a, 3);
	ck_assert_uint_eq(sheet_flags(s, 0), FLAG_LOG_ZERO);
	t = say(s, 0);
	has(t, "p(fish) is 0", "-ln p(fish)", "infinite", NULL);
	sheet_free(s);
}
END_TEST

/* The same on a binary sheet: 1 - p(cat) is 0. */
START_TEST(test_log_zero_binary)
{
	struct sheet *s = mk(1, SHEET_PROBS, 2);
	double a[] = { 1 }, y[] = { 0 };

	sheet_append(s, NULL, a, y, 0);
	ck_assert(sheet_flags(s, 0) & FLAG_LOG_ZERO);
	has(say(s, 0), "1 - p(cat) is 0", "-log2(1 - p(cat))", NULL);
	sheet_free(s);
}
END_TEST

/* Probabilities above 1 and below 0. */
START_TEST(test_out_of_range)
{
	struct sheet *s = mk(2, SHEET_PROBS, 0);
	struct sheet *s3 = mk(3, SHEET_PROBS, 0);
	double a[] = { 1.2, -0.2 }, b[] = { 0.6, -0.1, 0.5 };

	row(s, a, 0);
	ck_assert_uint_eq(sheet_flags(s, 0), FLAG_OUT_OF_RANGE);
	has(say(s, 0), "p(cat) = 1.2", "above 1", "negative", NULL);
	row(s3, b, 0);
	ck_assert(sheet_flags(s3, 0) & FLAG_OUT_OF_RANGE);
	has(say(s3, 0), "p(dog) = -0.1", "below 0", NULL);
	sheet_free(s);
	sheet_free(s3);
}
END_TEST

/* exp overflows and underflows; the stable probabilities stay exact. */
START_TEST(test_overflow)
{
	struct sheet *s = mk(2, SHEET_LOGITS, 0);
	struct sheet *b = mk(1, SHEET_LOGITS, 0);
	double a[] = { 800, 0 }, u[] = { -800, -801 }, one[] = { 1000 };

	row(s, a, 0);
	row(s, u, 1);
	ck_assert_uint_eq(sheet_flags(s, 0), FLAG_OVERFLOW);
	has(say(s, 0), "exp(800)", "709.78", "inf", "NaN", "log-sum-exp",
	    NULL);
	ck_assert(sheet_flags(s, 1) & FLAG_OVERFLOW);
	has(say(s, 1), "underflow", "sum is 0", "0/0", NULL);
	row(s, a, 1);
	has(say(s, 2), "exp(800)", "target is dog (p = exp(-800))",
	    "-ln exp(-800) = 800", NULL);
	row(b, one, 0);
	ck_assert(sheet_flags(b, 0) & FLAG_OVERFLOW);
	has(say(b, 0), "exp(1000)", "sigmoid", NULL);
	sheet_free(s);
	sheet_free(b);
}
END_TEST

/* NaN inputs, NaN targets and NaN from infinite logits are told apart. */
START_TEST(test_nan)
{
	struct sheet *s = mk(3, SHEET_LOGITS, 0);
	double a[] = { 1, NAN, 2 }, b[] = { 1, 0, 2 }, y[] = { NAN, 1, 0 };
	double c[] = { -INFINITY, -INFINITY, -INFINITY };

	row(s, a, 0);
	sheet_append(s, NULL, b, y, 0);
	row(s, c, 0);
	ck_assert(sheet_flags(s, 0) & FLAG_NAN);
	has(say(s, 0), "logit for dog is NaN", "softmax undefined",
	    "every probability is NaN", "and so is the loss", NULL);
	ck_assert(sheet_flags(s, 1) & FLAG_NAN);
	has(say(s, 1), "target for cat is NaN", NULL);
	ck_assert(sheet_flags(s, 2) & FLAG_NAN);
	has(say(s, 2), "Every logit is -inf", "undefined", "NaN", NULL);
	lacks(say(s, 2), "exact", NULL);
	sheet_free(s);
}
END_TEST

/* A logit of inf makes the softmax NaN: said plainly, never "exact". */
START_TEST(test_inf_logits)
{
	struct sheet *s = mk(3, SHEET_LOGITS, 0);
	double one[] = { 1, 2, INFINITY }, two[] = { INFINITY, INFINITY, 1 };
	double low[] = { 1, 2, -INFINITY }, big[] = { 1000, 0, 1 };
	double nanbig[] = { NAN, 1000, 0 };

	row(s, one, 2);
	has(say(s, 0), "A logit of inf (plane's) makes the softmax undefined",
	    "inf - inf", "every probability is NaN", "and so is the loss",
	    "exp(inf) is inf", "NaN here too", NULL);
	lacks(say(s, 0), "exact", "overflows", NULL);
	row(s, one, -1);
	has(say(s, 1), "every probability is NaN (not a number).", NULL);
	lacks(say(s, 1), "loss", "exact", NULL);
	row(s, two, 0);
	has(say(s, 2), "Logits of inf (cat's and others) make", NULL);
	row(s, low, 2);
	ck_assert_uint_eq(sheet_flags(s, 3), FLAG_LOG_ZERO);
	has(say(s, 3), "p(plane) is 0 (its logit is -inf)",
	    "-ln p(plane) is infinite, and so is the loss", NULL);
	row(s, low, 1);
	has(say(s, 4), "Target dog", "loss = -ln", NULL);
	row(s, nanbig, 1);
	ck_assert_uint_eq(sheet_flags(s, 5), FLAG_NAN | FLAG_OVERFLOW);
	has(say(s, 5), "logit for cat is NaN", "exp(1000) overflows",
	    "NaN here too", NULL);
	lacks(say(s, 5), "exact", NULL);
	row(s, big, 0);
	has(say(s, 6), "exp(1000) overflows", "stay exact", NULL);
	sheet_free(s);
}
END_TEST

/* -inf logits: an exact 0, an infinite loss, confidently wrong. */
START_TEST(test_minus_inf_logits)
{
	struct sheet *s = mk(3, SHEET_LOGITS, 0);
	double a[] = { -INFINITY, -INFINITY, 1 };

	row(s, a, 0);
	has(say(s, 0), "p(cat) is 0 (its logit is -inf)", "and so is the loss",
	    "-ln 0 = inf and the loss is infinite", NULL);
	lacks(say(s, 0), "cannot be computed", "is large", NULL);
	row(s, a, 2);
	has(say(s, 1), "Target plane: p(plane) = 1, loss = -ln 1 = 0.", NULL);
	sheet_free(s);
}
END_TEST

/* A binary sheet takes inf in its stride: the sigmoid is exact. */
START_TEST(test_inf_binary)
{
	struct sheet *b = mk(1, SHEET_LOGITS, 0);
	double inf = INFINITY, nan = NAN, no = 0, yes = 1;

	sheet_append(b, NULL, &inf, &no, 0);
	has(say(b, 0), "exp(inf) is inf", "sigmoid", "stays exact",
	    "1 - p(cat) is 0 (the logit is inf)", "and so is the loss", NULL);
	sheet_append(b, NULL, &nan, &yes, 0);
	has(say(b, 1), "logit for cat is NaN", "p(cat) is NaN too",
	    "and so is the loss", NULL);
	sheet_free(b);
}
END_TEST

/* Probabilities of inf and NaN: what they spoil, and what they do not. */
START_TEST(test_inf_probs)
{
	struct sheet *s = mk(3, SHEET_PROBS, 0);
	double a[] = { 0.2, 0.3, INFINITY }, n[] = { 0.2, 0.3, NAN };

	row(s, a, 0);
	has(say(s, 0), "p(plane) = inf is not a probability", "-ln inf = -inf",
	    ":normalize cannot divide by inf", NULL);
	lacks(say(s, 0), "use :normalize", NULL);
	row(s, n, 0);
	has(say(s, 1), "p(plane) is NaN", "the sum is NaN too",
	    "the loss does not use it and is 1.609", NULL);
	row(s, n, 2);
	has(say(s, 2), "p(plane) is NaN", "and so is the loss", NULL);
	lacks(say(s, 2), "input", NULL);
	sheet_free(s);
}
END_TEST

/* Asserts that what row R's text claims about its numbers is so. */
static void
check_claims(const struct sheet *s, long r)
{
	const char *t = say(s, r);
	double loss = sheet_loss(s, r);
	int k, pnan = 0;

	for (k = 0; k < sheet_classes(s); k++)
		pnan |= isnan(sheet_p(s, r, k));
	ck_assert_msg(*t != '\0', "row %ld says nothing", r);
	if (strstr(t, "exact") != NULL)
		ck_assert_msg(!pnan, "\"%s\": its p is NaN", t);
	if (strstr(t, "so is the loss") != NULL ||
	    strstr(t, "loss is infinite") != NULL ||
	    strstr(t, "loss is NaN") != NULL)
		ck_assert_msg(!isfinite(loss), "\"%s\": loss %g", t, loss);
	if (strstr(t, "does not use it") != NULL)
		ck_assert_msg(!isnan(loss), "\"%s\": loss %g", t, loss);
	if (sheet_opts(s)->mode == SHEET_LOGITS && pnan)
		has(t, "NaN", NULL);
	if (sheet_has_target(s, r) && isnan(loss))
		has(t, "NaN", NULL);
	if (sheet_has_target(s, r) && isinf(loss))
		has(t, "inf", NULL);
	lacks(t, "cannot be computed", NULL);
}

/* Every mix of inf, -inf, NaN and a number, in both modes, binary too,
 * with each target and none: no sentence says what is not so. */
START_TEST(test_inf_sweep)
{
	const double v[] = { 0.5, INFINITY, -INFINITY, NAN };
	struct sheet *s;
	double a[3];
	int mode, k, i, t;
	long r;

	for (mode = 0; mode < 2; mode++)
		for (k = 1; k <= 3; k += 2) {
			s = mk(k, mode ? SHEET_PROBS : SHEET_LOGITS, 0);
			for (i = 0; i < 64; i++) {
				a[0] = v[i % 4];
				a[1] = v[i / 4 % 4];
				a[2] = v[i / 16];
				if (k == 1 && i >= 4)
					break;
				for (t = -1; t < (k == 1 ? 2 : k); t++)
					if (k == 1) {
						double y = t == 0;

						sheet_append(s, NULL, a,
						    t < 0 ? NULL : &y, 0);
					} else
						row(s, a, t);
			}
			for (r = 0; r < sheet_rows(s); r++)
				check_claims(s, r);
			sheet_free(s);
		}
}
END_TEST

/* A soft binary target, and a soft target that sums to 1. */
START_TEST(test_not_one_hot)
{
	struct sheet *s = mk(1, SHEET_PROBS, 0);
	struct sheet *m = mk(3, SHEET_LOGITS, 0);
	double a[] = { 0.7 }, y[] = { 0.7 };
	double b[] = { 0, 0, 0 }, z[] = { 0.5, 0.5, 0 };

	sheet_append(s, NULL, a, y, 0);
	ck_assert(sheet_flags(s, 0) & FLAG_NOT_ONE_HOT);
	has(say(s, 0), "0.7", "neither 0 nor 1", "soft", NULL);
	sheet_append(m, NULL, b, z, 0);
	ck_assert(sheet_flags(m, 0) & FLAG_NOT_ONE_HOT);
	has(say(m, 0), "sums to 1 over 2 classes", NULL);
	sheet_free(s);
	sheet_free(m);
}
END_TEST

/* Confident and wrong names both classes and the large loss. */
START_TEST(test_confident_wrong)
{
	struct sheet *s = mk(4, SHEET_PROBS, 0);
	struct sheet *b = mk(1, SHEET_PROBS, 0);
	double a[] = { 0.02, 0.95, 0.02, 0.01 }, p[] = { 0.9 }, y[] = { 0 };

	row(s, a, 0);
	ck_assert_uint_eq(sheet_flags(s, 0), FLAG_CONFIDENT_WRONG);
	has(say(s, 0), "predicts dog", "p = 0.95", "target is cat",
	    "p = 0.02", "-ln 0.02 = 3.912", NULL);
	sheet_append(b, NULL, p, y, 0);
	ck_assert(sheet_flags(b, 0) & FLAG_CONFIDENT_WRONG);
	has(say(b, 0), "predicts cat", "target is not_cat", "p = 0.1",
	    "2.303", NULL);
	sheet_free(s);
	sheet_free(b);
}
END_TEST

/* The lecture's row: what its loss is made of, in each base. */
START_TEST(test_plain_lesson)
{
	struct sheet *s = mk(5, SHEET_LOGITS, 0);
	const char *t;

	row(s, lesson, 3);
	ck_assert_uint_eq(sheet_flags(s, 0), 0);
	t = say(s, 0);
	has(t, "fish", "0.6244", "0.471", "-ln 0.6244", NULL);
	ck_assert(ascii(t));
	ck_assert_ptr_null(strstr(t, "log"));
	sheet_free(s);
	s = mk(5, SHEET_LOGITS, 10);
	row(s, lesson, 3);
	has(say(s, 0), "-log10 0.6244", "0.2046", NULL);
	sheet_free(s);
	s = mk(5, SHEET_LOGITS, 2);
	row(s, lesson, 3);
	has(say(s, 0), "-log2 0.6244", "0.6796", NULL);
	sheet_free(s);
}
END_TEST

/* No target, a wrong but unconfident guess, smoothing, binary rows. */
START_TEST(test_plain_more)
{
	struct sheet *s = mk(5, SHEET_LOGITS, 0), *b = mk(1, SHEET_PROBS, 0);
	struct sheet_opts o;
	double p[] = { 0.7 }, y[] = { 0 };
	char err[256];

	row(s, lesson, -1);
	row(s, lesson, 0);
	has(say(s, 0), "No target", "no loss", "fish", "0.6244", NULL);
	has(say(s, 1), "Target cat", "p(cat)", "predicts fish", "wrong", NULL);
	o = *sheet_opts(s);
	o.smoothing = 0.1;
	ck_assert_int_eq(sheet_set_opts(s, &o, err, sizeof(err)), 0);
	has(say(s, 1), "label smoothing", NULL);
	sheet_append(b, NULL, p, y, 0);
	ck_assert_uint_eq(sheet_flags(b, 0), 0);
	has(say(b, 0), "Target not_cat", "1 - p(cat) = 0.3", "1.204",
	    "predicts cat", NULL);
	sheet_free(s);
	sheet_free(b);
}
END_TEST

/* The sheet line: rows, mean loss, accuracy and flag counts. */
START_TEST(test_sheet_line)
{
	struct sheet *s = mk(5, SHEET_PROBS, 0);
	double good[] = { 0.7, 0.1, 0.1, 0.05, 0.05 };
	double bad[] = { 0.9, 0.05, 0.03, 0.01, 0.01 };
	char buf[512];
	int i;

	for (i = 0; i < 3; i++)
		row(s, good, 0);
	row(s, good, 1);
	row(s, bad, 2);
	explain_sheet(s, buf, sizeof(buf), 0);
	has(buf, "5 rows | mean loss ", " | accuracy 60%",
	    " | 1 confident_wrong", NULL);
	ck_assert(ascii(buf));
	explain_sheet(s, buf, sizeof(buf), 1);
	has(buf, "5 rows \xc2\xb7 mean loss ", "accuracy 60%", NULL);
	sheet_free(s);
	s = mk(5, SHEET_PROBS, 0);
	row(s, good, -1);
	explain_sheet(s, buf, sizeof(buf), 0);
	has(buf, "1 row | no targets", NULL);
	sheet_free(s);
}
END_TEST

/* Columns TEXT takes: code points, and wcswidth where UTF-8 is known. */
static int
columns(const char *text)
{
	int n = 0;

	for (; *text != '\0'; text++)
		n += ((unsigned char)*text & 0xc0) != 0x80;
	return n;
}

/* Tags are short, distinct, ASCII when asked, and never NULL. */
START_TEST(test_tags)
{
	const char *t, *u;
	int i, j;

	for (i = 0; i < SHEET_NFLAGS; i++) {
		t = explain_flag_tag(i, 0);
		u = explain_flag_tag(i, 1);
		ck_assert(t != NULL && u != NULL && *t && *u);
		ck_assert_int_le(columns(t), 8);
		ck_assert_int_le(columns(u), 8);
		ck_assert(ascii(t));
		for (j = 0; j < i; j++) {
			ck_assert_str_ne(t, explain_flag_tag(j, 0));
			ck_assert_str_ne(u, explain_flag_tag(j, 1));
		}
	}
	ck_assert_str_eq(explain_flag_tag(0, 0), "SUM!=1");
	ck_assert_str_eq(explain_flag_tag(0, 1), "\xce\xa3\xe2\x89\xa0" "1");
	ck_assert_ptr_nonnull(explain_flag_tag(-1, 0));
	ck_assert_ptr_nonnull(explain_flag_tag(SHEET_NFLAGS, 1));
}
END_TEST

/* Display widths by wcswidth, when a UTF-8 locale is at hand. */
START_TEST(test_tag_widths)
{
	char *old = setlocale(LC_CTYPE, NULL), save[64];
	wchar_t w[32];
	int i;

	snprintf(save, sizeof(save), "%s", old != NULL ? old : "C");
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		return;
	for (i = 0; i < SHEET_NFLAGS; i++) {
		ck_assert(mbstowcs(w, explain_flag_tag(i, 1), 32) < 32);
		ck_assert_int_ge(wcswidth(w, 32), 1);
		ck_assert_int_le(wcswidth(w, 32), 8);
	}
	setlocale(LC_CTYPE, save);
}
END_TEST

/* 1 when TEXT ends on a whole UTF-8 character. */
static int
whole_utf8(const char *text)
{
	size_t n = strlen(text), i = n, need;
	unsigned char c;

	while (i > 0 && ((unsigned char)text[i - 1] & 0xc0) == 0x80)
		i--;
	if (i == 0)
		return n == 0;
	c = (unsigned char)text[i - 1];
	need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	return n - (i - 1) == need;
}

/* Every length from 0 up: terminated, in bounds, a prefix of the whole. */
static void
check_cuts(const struct sheet *s, long r, int sheetline)
{
	char full[2048], buf[2100];
	size_t len, n, whole;

	if (sheetline)
		explain_sheet(s, full, sizeof(full), 1);
	else
		explain_row(s, r, full, sizeof(full));
	whole = strlen(full);
	for (len = 0; len <= whole + 2; len++) {
		memset(buf, '#', sizeof(buf));
		if (sheetline)
			explain_sheet(s, buf, len, 1);
		else
			explain_row(s, r, buf, len);
		ck_assert(buf[len] == '#');
		if (len == 0)
			continue;
		n = strlen(buf);
		ck_assert_uint_lt(n, len);
		ck_assert(strncmp(buf, full, n) == 0);
		ck_assert(whole_utf8(buf));
		ck_assert(n + 4 >= (len - 1 < whole ? len - 1 : whole));
	}
}

/* Small buffers, UTF-8 names, every kind of row. */
START_TEST(test_truncation)
{
	static const char *names[] = { "\xc3\xa9t\xc3\xa9", "\xe2\x82\xac",
	    "\xf0\x9f\x90\x9f" };
	struct sheet *s = mk(5, SHEET_LOGITS, 0), *u = sheet_new(3, names);
	double big[] = { 800, 0, 0, 0, 0 }, a[] = { 0, 0, 9 };
	char one[1] = { 'x' }, ten[10];
	long r;

	row(s, lesson, 3);
	row(s, lesson, -1);
	row(s, big, 1);
	row(u, a, 1);
	row(u, a, -1);
	for (r = 0; r < sheet_rows(s); r++)
		check_cuts(s, r, 0);
	for (r = 0; r < sheet_rows(u); r++)
		check_cuts(u, r, 0);
	check_cuts(s, 0, 1);
	check_cuts(u, 0, 1);
	ck_assert_str_eq(explain_row(s, 0, one, 1), "");
	ck_assert_uint_eq(strlen(explain_row(s, 0, ten, 10)), 9);
	ck_assert_uint_eq(strlen(explain_sheet(s, ten, 10, 1)), 9);
	sheet_free(s);
	sheet_free(u);
}
END_TEST

/* Rows out of range, infinities, K = 1 and K = 1000, all in ASCII. */
START_TEST(test_extremes)
{
	struct sheet *s = mk(2, SHEET_LOGITS, 0), *p = mk(2, SHEET_PROBS, 0);
	double rows[][2] = { { INFINITY, 0 }, { -INFINITY, 0 },
	    { INFINITY, INFINITY }, { -INFINITY, -INFINITY }, { NAN, NAN },
	    { 1e308, -1e308 }, { 0, -800 } };
	double y[] = { 0.3, NAN };
	size_t i;
	long r;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		row(s, rows[i], 0);
		row(s, rows[i], 1);
		row(p, rows[i], 1);
		sheet_append(p, NULL, rows[i], y, 0);
	}
	for (r = 0; r < sheet_rows(s); r++)
		ck_assert(ascii(say(s, r)) && *say(s, r));
	for (r = 0; r < sheet_rows(p); r++)
		ck_assert(ascii(say(p, r)) && *say(p, r));
	has(say(s, -1), "No such row", NULL);
	has(say(s, sheet_rows(s)), "No such row", NULL);
	has(say(NULL, 0), "No such row", NULL);
	ck_assert_ptr_null(explain_row(s, 0, NULL, 5));
	sheet_free(s);
	sheet_free(p);
}
END_TEST

/* A binary sheet of every kind of row, and a thousand classes. */
START_TEST(test_wide_and_binary)
{
	static const char *one[] = { "cat" }, *names[1000];
	static char text[1000][8];
	struct sheet *b = sheet_new(1, one), *w;
	double v[] = { 0, 0.5, 1, -3, 40, INFINITY, -INFINITY, NAN }, y;
	double *a, *t;
	size_t i;
	int k;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		y = i % 3 == 0 ? 1 : i % 3 == 1 ? 0 : 0.25;
		sheet_append(b, NULL, &v[i], &y, 0);
		sheet_append(b, NULL, &v[i], NULL, 0);
	}
	for (i = 0; i < (size_t)sheet_rows(b); i++)
		ck_assert(ascii(say(b, (long)i)));
	a = calloc(1000, sizeof(double));
	t = calloc(1000, sizeof(double));
	for (k = 0; k < 1000; k++) {
		snprintf(text[k], sizeof(text[k]), "c%d", k);
		names[k] = text[k];
	}
	w = sheet_new(1000, names);
	ck_assert(a != NULL && t != NULL);
	if (w == NULL)
		goto out;
	for (k = 0; k < 1000; k++)
		a[k] = k / 100.0;
	t[999] = 1;
	sheet_append(w, NULL, a, t, 0);
	ck_assert_uint_eq(sheet_flags(w, 0), 0);
	has(say(w, 0), "Target c999", "loss = -ln", NULL);
	check_cuts(w, 0, 0);
	sheet_free(w);
out:
	free(a);
	free(t);
	sheet_free(b);
}
END_TEST

Suite *
explain_suite(void)
{
	Suite *s = suite_create("explain");
	TCase *f = tcase_create("flags"), *p = tcase_create("plain");
	TCase *z = tcase_create("safety");

	tcase_add_test(f, test_not_normalized);
	tcase_add_test(f, test_not_normalized_three);
	tcase_add_test(f, test_forms_soft);
	tcase_add_test(f, test_log_zero);
	tcase_add_test(f, test_log_zero_binary);
	tcase_add_test(f, test_out_of_range);
	tcase_add_test(f, test_overflow);
	tcase_add_test(f, test_nan);
	tcase_add_test(f, test_inf_logits);
	tcase_add_test(f, test_minus_inf_logits);
	tcase_add_test(f, test_inf_binary);
	tcase_add_test(f, test_inf_probs);
	tcase_add_test(f, test_inf_sweep);
	tcase_add_test(f, test_not_one_hot);
	tcase_add_test(f, test_confident_wrong);
	tcase_add_test(p, test_plain_lesson);
	tcase_add_test(p, test_plain_more);
	tcase_add_test(p, test_sheet_line);
	tcase_add_test(z, test_tags);
	tcase_add_test(z, test_tag_widths);
	tcase_add_test(z, test_truncation);
	tcase_add_test(z, test_extremes);
	tcase_add_test(z, test_wide_and_binary);
	suite_add_tcase(s, f);
	suite_add_tcase(s, p);
	suite_add_tcase(s, z);
	return s;
}
