/*
 * encoding.c: recognising and converting legacy CJK encodings (see
 * encoding.h).
 *
 * Recognition: a sample that is valid UTF-8 is UTF-8. Otherwise each
 * candidate (CP932, EUC-JP, GB18030, BIG5) converts it with iconv; a
 * candidate is out when more than 1 in 200 of its characters are invalid
 * sequences. The others are scored by what their text holds: kana count
 * once, and the most frequent hanzi and kanji (either script) ten times,
 * because text read in the wrong encoding turns into rare characters
 * (EUC-JP read as GB18030 keeps its kana: only the kanji tell them
 * apart). The best wins when it scores at least 8 and beats the
 * runner-up by half again; else the sample is "not known".
 */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "encoding.h"
#include "utf8.h"

static const char *const candidates[] = {"CP932", "EUC-JP", "GB18030", "BIG5"};
#define NCAND (sizeof(candidates) / sizeof(candidates[0]))

/* Frequent in Chinese (both scripts) and Japanese text. */
static const char frequent[] =
        "的一是不了在人有我他這这個个們们中來来上大為为和國国地到以說说時时"
        "要就出會会也你對对生能而子那得於于著着下自之年過过發发後后作裏里"
        "日本事見行者今私言思物方手彼女";

#define NFREQ 128 /* code points in frequent[], at most */

/* The code points of frequent[], sorted for bsearch(); returns the count. */
static size_t
frequent_cps(uint32_t *out)
{
	const char *p = frequent;
	size_t n = 0, i, j;
	uint32_t c;
	int len;

	while (*p != '\0' && n < NFREQ) {
		len = utf8_next(p, strlen(p), &c);
		if (len <= 0)
			break;
		out[n++] = c;
		p += len;
	}
	for (i = 1; i < n; i++) /* insertion sort: a hundred entries */
		for (j = i; j > 0 && out[j - 1] > out[j]; j--) {
			c = out[j];
			out[j] = out[j - 1];
			out[j - 1] = c;
		}
	return n;
}

static int
cmp_cp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Convert, copying invalid bytes. When `bad` is not NULL it counts them
 * and *out may be NULL (counting only: the text goes to a score).
 */
static enum status
convert(iconv_t cd, const char *buf, size_t len, char **out, size_t *outlen,
        size_t *bad)
{
	char *res = NULL, *nr, *in = (char *)(uintptr_t)buf, *o;
	size_t cap, used = 0, inleft = len, oleft, r;

	cap = len * 2 + 16;
	res = malloc(cap);
	if (res == NULL)
		return STATUS_NOMEM;
	if (bad != NULL)
		*bad = 0;
	while (inleft > 0) {
		if (cap - used < 16) {
			cap *= 2;
			nr = realloc(res, cap);
			if (nr == NULL) {
				free(res);
				return STATUS_NOMEM;
			}
			res = nr;
		}
		o = res + used;
		oleft = cap - used;
		r = iconv(cd, &in, &inleft, &o, &oleft);
		used = (size_t)(o - res);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		/* EILSEQ or EINVAL (cut at the end): copy one byte. */
		res[used++] = *in++;
		inleft--;
		if (bad != NULL)
			(*bad)++;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	*out = res;
	*outlen = used;
	return STATUS_OK;
}

/*
 * Score of the UTF-8 text s[0..len); *chars its characters. freq[0..nf)
 * are the frequent characters, sorted.
 */
static size_t
score(const char *s, size_t len, const uint32_t *freq, size_t nf, size_t *chars)
{
	size_t i = 0, sc = 0;
	uint32_t cp;
	int k;

	*chars = 0;
	while (i < len) {
		k = utf8_next(s + i, len - i, &cp);
		if (k <= 0) {
			i++;
			continue;
		}
		i += (size_t)k;
		(*chars)++;
		if (cp >= 0x3041 && cp <= 0x30fe)
			sc++;
		else if (cp >= 0x4e00 &&
		        bsearch(&cp, freq, nf, sizeof(*freq), cmp_cp) != NULL)
			sc += 10;
	}
	return sc;
}

/* Length of buf without a UTF-8 character cut at its end. */
static size_t
trim_cut(const char *buf, size_t len)
{
	size_t i, need;
	unsigned char c;

	for (i = len; i > 0 && len - i < 4; i--) {
		c = (unsigned char)buf[i - 1];
		if ((c & 0xc0) == 0x80)
			continue;
		need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		return need > len - (i - 1) ? i - 1 : len;
	}
	return len;
}

const char *
encoding_detect(const char *buf, size_t len, int complete)
{
	size_t best = 0, second = 0, sc, bad, chars, olen, k, nf;
	uint32_t freq[NFREQ];
	const char *name = "";
	iconv_t cd;
	char *o;

	if (u8_check((const uint8_t *)buf,
	            complete ? len : trim_cut(buf, len)) == NULL)
		return NULL;
	nf = frequent_cps(freq);
	for (k = 0; k < NCAND; k++) {
		cd = iconv_open("UTF-8", candidates[k]);
		if (cd == (iconv_t)-1)
			continue;
		if (convert(cd, buf, len, &o, &olen, &bad) != STATUS_OK) {
			iconv_close(cd);
			continue;
		}
		iconv_close(cd);
		sc = score(o, olen, freq, nf, &chars);
		free(o);
		if (!complete && bad > 0)
			bad--; /* a character cut by the sample's end */
		if (bad * 200 > chars)
			continue;
		if (sc > best) {
			second = best;
			best = sc;
			name = candidates[k];
		} else if (sc > second) {
			second = sc;
		}
	}
	if (best < 8 || best * 2 < second * 3)
		return "";
	return name;
}

int
encoding_known(const char *name)
{
	iconv_t cd = iconv_open("UTF-8", name);

	if (cd == (iconv_t)-1)
		return 0;
	iconv_close(cd);
	return 1;
}

enum status
encoding_convert(const char *from, const char *buf, size_t len, char **out,
        size_t *outlen)
{
	iconv_t cd = iconv_open("UTF-8", from);
	enum status st;

	if (cd == (iconv_t)-1)
		return errno == ENOMEM ? STATUS_NOMEM : STATUS_RANGE;
	st = convert(cd, buf, len, out, outlen, NULL);
	iconv_close(cd);
	return st;
}

/* Is `name` a spelling of UTF-8? */
static int
is_utf8(const char *name)
{
	return strcasecmp(name, "UTF-8") == 0 || strcasecmp(name, "UTF8") == 0;
}

enum status
encoding_apply(struct source **src, const char *forced, const char **used)
{
	struct source *mem;
	const char *p, *name = forced;
	char *copy = NULL, *conv;
	size_t got, len, clen;
	enum status st;

	if (forced != NULL && is_utf8(forced)) {
		*used = NULL;
		return STATUS_OK;
	}
	if (forced != NULL && !encoding_known(forced))
		return STATUS_RANGE;
	if (name == NULL) {
		st = source_get(*src, 0, ENCODING_SAMPLE, &p, &got);
		if (st != STATUS_OK)
			return st;
		name = encoding_detect(p, got,
		        source_complete(*src) && got == source_size(*src));
		if (name == NULL || name[0] == '\0') {
			*used = name;
			return STATUS_OK;
		}
	}
	/* Read it all: the window of source_get() is bounded. */
	st = source_read_all(*src);
	if (st != STATUS_OK)
		return st;
	len = source_size(*src);
	copy = malloc(len ? len : 1);
	if (copy == NULL)
		return STATUS_NOMEM;
	for (got = 0, clen = 0; clen < len; clen += got) {
		st = source_get(*src, clen,
		        len - clen < SOURCE_WINDOW ? len - clen : SOURCE_WINDOW,
		        &p, &got);
		if (st == STATUS_OK && got == 0)
			st = STATUS_IO;
		if (st != STATUS_OK) {
			free(copy);
			return st;
		}
		memcpy(copy + clen, p, got);
	}
	st = encoding_convert(name, copy, len, &conv, &clen);
	free(copy);
	if (st != STATUS_OK)
		return st;
	st = source_from_memory(conv, clen, &mem);
	free(conv);
	if (st != STATUS_OK)
		return st;
	source_free(*src);
	*src = mem;
	*used = name;
	return STATUS_OK;
}
