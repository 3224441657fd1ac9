/*
 * utf8.c: document bytes -> safe glyphs; the width function.
 *
 * Invariant: every glyph utf8_decode() produces is printable: its code
 * point has utf8_cp_cols() >= 0 and is none of C0, C1, DEL, a bidi control,
 * a line or paragraph separator, unassigned, private use or a
 * non-character. Anything else becomes a run of ASCII placeholder glyphs
 * flagged GLYPH_PLACEHOLDER; the only unprintable glyphs are the GLYPH_IAA
 * ones asked for with keep_iaa (notation, never in a run). Offsets are
 * bytes into the decoded span.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <uniwidth.h>

#include "utf8.h"

int
utf8_next(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	int n, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] < 0xc2)
		return -1; /* continuation byte, or overlong C0/C1 lead */
	if (s[0] < 0xe0) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] < 0xf0) {
		n = 3;
		c = s[0] & 0x0f;
	} else if (s[0] < 0xf5) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return -1;
	}
	if (len < (size_t)n)
		return -1;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) || c > 0x10ffff ||
	        (c >= 0xd800 && c <= 0xdfff))
		return -1;
	*cp = c;
	return n;
}

int
utf8_encode(uint32_t cp, char *buf)
{
	unsigned char *b = (unsigned char *)buf;

	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (unsigned char)(0xc0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp >= 0xd800 && cp <= 0xdfff)
		return 0;
	if (cp < 0x10000) {
		b[0] = (unsigned char)(0xe0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	if (cp <= 0x10ffff) {
		b[0] = (unsigned char)(0xf0 | (cp >> 18));
		b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (unsigned char)(0x80 | (cp & 0x3f));
		return 4;
	}
	return 0;
}

int
utf8_is_han(uint32_t cp)
{
	if (cp >= 0x4e00 && cp <= 0x9fff)
		return 1;
	if (cp < 0x2e80)
		return 0;
	return (cp >= 0x3400 && cp <= 0x4dbf) ||
	        (cp >= 0x20000 && cp <= 0x3ffff) ||
	        (cp >= 0xf900 && cp <= 0xfaff) ||
	        (cp >= 0x2e80 && cp <= 0x2fdf) || cp == 0x3005 ||
	        cp == 0x3006 || cp == 0x3007 || cp == 0x30f6 || cp == 0x4edd ||
	        (cp >= 0x3021 && cp <= 0x3029) ||
	        (cp >= 0x3038 && cp <= 0x303b);
}

/* Code points that are never drawn but shown as <U+XXXX>. */
static int
is_unsafe(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
		return 1;
	if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	        cp == 0x200e || cp == 0x200f || cp == 0x061c || cp == 0x2028 ||
	        cp == 0x2029)
		return 1;
	if ((cp & 0xfffe) == 0xfffe || (cp >= 0xfdd0 && cp <= 0xfdef))
		return 1;
	if (cp >= 0xa0 && cp < 0x250)
		return 0; /* Latin-1 and Latin Extended-A and B: all assigned */
	return uc_is_general_category(cp,
	        uc_general_category_or(
	                uc_general_category_or(UC_CATEGORY_Cn, UC_CATEGORY_Co),
	                UC_CATEGORY_Cs));
}

int
utf8_is_invisible(uint32_t cp)
{
	if (cp == 0x00ad || cp == 0xfeff || (cp >= 0x200b && cp <= 0x200d) ||
	        (cp >= 0x2060 && cp <= 0x2064) ||
	        (cp >= 0xfe00 && cp <= 0xfe0f) ||
	        (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
	        (cp >= 0xe0000 && cp <= 0xe0fff) || cp == 0x180e ||
	        (cp >= 0xfff9 && cp <= 0xfffb))
		return 1;
	if (cp < 0xad || (cp >= 0x2070 && cp < 0xfe00))
		return 0; /* no format characters there: skip the lookup */
	return uc_is_general_category(cp, UC_CATEGORY_Cf);
}

int
utf8_cp_cols(uint32_t cp, int ambiwidth)
{
	int w;

	if (cp >= 0x20 && cp < 0x7f)
		return 1;
	if (cp >= 0x4e00 && cp <= 0x9fff)
		return 2;
	if (is_unsafe(cp))
		return -1;
	w = uc_width(cp, ambiwidth == 2 ? "EUC-JP" : "UTF-8");
	if (w > 2)
		w = 2;
	return w;
}

int
utf8_str_cols(const char *s, size_t len, int ambiwidth)
{
	size_t i = 0;
	int cols = 0, n, w;
	uint32_t cp;

	while (i < len) {
		n = utf8_next(s + i, len - i, &cp);
		if (n < 0) {
			cols += 4;
			i++;
			continue;
		}
		w = utf8_cp_cols(cp, ambiwidth);
		cols += w < 0 ? 8 : w;
		i += (size_t)n;
	}
	return cols;
}

/* A growing glyph array. */
struct gbuf {
	struct glyph *g;
	size_t n, cap;
	int failed;
};

static void
gb_push(struct gbuf *b, uint32_t cp, uint32_t off, uint8_t flags, uint8_t cols,
        uint8_t slen)
{
	struct glyph *ng;
	size_t ncap;

	if (b->failed)
		return;
	if (b->n == b->cap) {
		ncap = b->cap ? b->cap * 2 : 64;
		ng = realloc(b->g, ncap * sizeof(*ng));
		if (ng == NULL) {
			b->failed = 1;
			return;
		}
		b->g = ng;
		b->cap = ncap;
	}
	b->g[b->n].cp = cp;
	b->g[b->n].off = off;
	b->g[b->n].flags = flags;
	b->g[b->n].cols = cols;
	b->g[b->n].slen = slen;
	b->n++;
}

/* Push ASCII text `txt` as one placeholder standing for slen source bytes. */
static void
gb_placeholder(struct gbuf *b, const char *txt, uint32_t off, uint8_t slen)
{
	size_t i;

	for (i = 0; txt[i] != '\0'; i++)
		gb_push(b, (unsigned char)txt[i], off, GLYPH_PLACEHOLDER, 1,
		        i == 0 ? slen : 0);
}

static const char hexdig[] = "0123456789ABCDEF";

/* Write the placeholder for code point cp (a control or unsafe one). */
static void
placeholder_for(uint32_t cp, char *buf)
{
	int i, nd;

	if (cp < 0x20 || cp == 0x7f) {
		buf[0] = '^';
		buf[1] = cp == 0x7f ? '?' : (char)('@' + cp);
		buf[2] = '\0';
		return;
	}
	nd = cp > 0xffff ? (cp > 0xfffff ? 6 : 5) : 4;
	memcpy(buf, "<U+", 3);
	for (i = 0; i < nd; i++)
		buf[3 + i] = hexdig[(cp >> (4 * (nd - 1 - i))) & 0xf];
	buf[3 + nd] = '>';
	buf[4 + nd] = '\0';
}

enum status
utf8_decode(const char *s, size_t len, const struct utf8_opts *opts,
        struct glyph **out, size_t *nout)
{
	struct gbuf b = {NULL, 0, 0, 0};
	struct glyph *g;
	size_t i = 0;
	int ambi = opts ? opts->ambiwidth : 1;
	int marks = 0, based = 0; /* marks on the current cluster; has base */
	char ph[16];
	uint32_t cp;
	int n, w;

	if (len > (size_t)1 << 31)
		return STATUS_RANGE;
	/* A glyph per byte at most, but for placeholders: room for all in
	 * one allocation, most of the time. */
	b.cap = len + 16;
	b.g = malloc(b.cap * sizeof(*b.g));
	if (b.g == NULL)
		return STATUS_NOMEM;
	if (opts && opts->skip_bom && len >= 3 &&
	        memcmp(s, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f) { /* fast path: printable ASCII */
			gb_push(&b, c, (uint32_t)i, 0, 1, 1);
			based = 1;
			marks = 0;
			i++;
			continue;
		}
		if (c >= 0xe4 && c <= 0xe9 && i + 2 < len &&
		        ((unsigned char)s[i + 1] & 0xc0) == 0x80 &&
		        ((unsigned char)s[i + 2] & 0xc0) == 0x80) {
			/* fast path: U+4E00..U+9FFF, CJK ideographs, as the
			 * general path takes them (2 columns, visible). */
			cp = (uint32_t)(c & 0x0f) << 12 |
			        (uint32_t)((unsigned char)s[i + 1] & 0x3f)
			                << 6 |
			        ((unsigned char)s[i + 2] & 0x3f);
			if (cp >= 0x4e00) {
				gb_push(&b, cp, (uint32_t)i, 0, 2, 3);
				based = 1;
				marks = 0;
				i += 3;
				continue;
			}
		}
		if (c == '\t') {
			gb_push(&b, ' ', (uint32_t)i, GLYPH_TAB, 1, 1);
			based = 0;
			i++;
			continue;
		}
		if (c == '\r' && i + 1 == len && !(opts && opts->keep_cr))
			break; /* the CR of a CRLF line end */
		n = utf8_next(s + i, len - i, &cp);
		if (n < 0) {
			ph[0] = '<';
			ph[1] = hexdig[c >> 4];
			ph[2] = hexdig[c & 0xf];
			ph[3] = '>';
			ph[4] = '\0';
			gb_placeholder(&b, ph, (uint32_t)i, 1);
			based = 0;
			i++;
			continue;
		}
		w = utf8_cp_cols(cp, ambi);
		if (opts && opts->keep_iaa && cp >= 0xfff9 && cp <= 0xfffb) {
			gb_push(&b, cp, (uint32_t)i, GLYPH_IAA, 0, (uint8_t)n);
			based = 0;
		} else if (w < 0) {
			placeholder_for(cp, ph);
			gb_placeholder(&b, ph, (uint32_t)i, (uint8_t)n);
			based = 0;
		} else if (utf8_is_invisible(cp)) {
			/* dropped: drawn as nothing */
		} else if (w == 0) {
			if (!based) {
				gb_push(&b, 0x25cc, (uint32_t)i, 0,
				        (uint8_t)utf8_cp_cols(0x25cc, ambi), 0);
				based = 1;
				marks = 0;
			}
			if (marks < UTF8_MARKS_MAX)
				gb_push(&b, cp, (uint32_t)i, GLYPH_MARK, 0,
				        (uint8_t)n);
			marks++;
		} else {
			gb_push(&b, cp, (uint32_t)i, 0, (uint8_t)w, (uint8_t)n);
			based = 1;
			marks = 0;
		}
		i += (size_t)n;
	}
	if (b.failed) {
		free(b.g);
		return STATUS_NOMEM;
	}
	/* Text of 2- and 3-byte characters needs less: give it back. */
	if (b.cap - b.n > 64) {
		g = realloc(b.g, (b.n + 1) * sizeof(*g));
		if (g != NULL)
			b.g = g;
	}
	*out = b.g;
	*nout = b.n;
	return STATUS_OK;
}

size_t
utf8_sanitize(const char *s, size_t len, char *buf, size_t bufsize)
{
	struct glyph *g;
	size_t n, i, o = 0;
	struct utf8_opts opts = {1, 0, 1, 0};
	char enc[4];
	int k;

	if (bufsize == 0)
		return 0;
	buf[0] = '\0';
	if (utf8_decode(s, len, &opts, &g, &n) != STATUS_OK)
		return 0;
	for (i = 0; i < n; i++) {
		k = utf8_encode(g[i].flags & GLYPH_TAB ? ' ' : g[i].cp, enc);
		if (o + (size_t)k + 1 > bufsize)
			break;
		memcpy(buf + o, enc, (size_t)k);
		o += (size_t)k;
	}
	buf[o] = '\0';
	free(g);
	return o;
}

int
utf8_fit(const char *s, size_t len, int maxcols, int ambiwidth, char *buf,
        size_t bufsize)
{
	int ecols = utf8_cp_cols(0x2026, ambiwidth);
	size_t i = 0, o = 0;
	int cols = 0, n, w;
	uint32_t cp;

	buf[0] = '\0';
	if (maxcols <= 0)
		return 0;
	w = utf8_str_cols(s, len, ambiwidth);
	if (w <= maxcols && len < bufsize) {
		memcpy(buf, s, len);
		buf[len] = '\0';
		return w;
	}
	/* Keep what fits before the ellipsis, then the ellipsis. */
	while (i < len) {
		n = utf8_next(s + i, len - i, &cp);
		if (n < 0)
			break;
		w = utf8_cp_cols(cp, ambiwidth);
		if (w < 0 || cols + w > maxcols - ecols ||
		        o + (size_t)n + 4 > bufsize)
			break;
		memcpy(buf + o, s + i, (size_t)n);
		o += (size_t)n;
		cols += w;
		i += (size_t)n;
	}
	if (cols + ecols > maxcols) {
		buf[o] = '\0';
		return cols;
	}
	memcpy(buf + o, "\xe2\x80\xa6", 3);
	buf[o + 3] = '\0';
	return cols + ecols;
}

size_t
utf8_printable_run(const char *p, size_t len)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t w;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, p + i, 8);
		/* A byte < 0x20, or a byte > 0x7e, sets its high bit. */
		if ((((w - ones * 0x20) & ~w) | ((w + ones * 0x01) | w)) & high)
			break;
	}
	while (i < len && (unsigned char)p[i] >= 0x20 &&
	        (unsigned char)p[i] < 0x7f)
		i++;
	return i;
}

int
utf8_is_clean(const char *p, size_t len)
{
	size_t i = 0;
	uint32_t cp;
	int n;

	while ((i += utf8_printable_run(p + i, len - i)) < len) {
		unsigned char c = (unsigned char)p[i];

		if (c == '\t') {
			i++;
			continue;
		}
		if (c < 0x80)
			return 0; /* C0 or DEL */
		n = utf8_next(p + i, len - i, &cp);
		if (n < 0 || cp <= 0x9f)
			return 0; /* invalid, or C1 */
		i += (size_t)n;
	}
	return 1;
}
