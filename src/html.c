/*
 * html.c: HTML -> NOTATION_IAA text (see html.h), over Gumbo's tree.
 *
 * One walk over the tree writes the output. Whitespace is collapsed
 * lazily: a run of ASCII whitespace sets `space`, a block boundary sets
 * `brk` (1: end the line, 2: leave a blank line), and both are written
 * only before the next visible text, so that no line starts or ends with
 * a collapsed space and there are no blank lines at the ends.
 *
 * Ruby (FORMATS.md §2, HTML Ruby Markup Extensions "ruby segmentation and
 * pairing"): the children of a ruby element are cut into segments, each
 * a list of bases (an rb element, or a stretch of other content: an
 * anonymous base) followed by annotations (rt elements, rtc containers).
 * Bases and the rt elements pair in order; surplus bases are plain text,
 * surplus annotations (no base) are dropped. With no rt, the first rtc
 * is the annotation level: its rt children pair in order, or its text
 * spans all the bases. An annotation equal to its base is hidden. A base
 * that holds a ruby of its own keeps the inner readings; the outer one is
 * dropped (IAA cannot nest). rp is dropped everywhere.
 *
 * Recursion is bounded by MAX_DEPTH: deeper elements give their text
 * only, collected without recursion.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gumbo.h>

#include "html.h"
#include "sbuf.h"
#include "utf8.h"

#define MAX_DEPTH 256 /* elements nested deeper give their text only */

#define IAA_ANCHOR "\xef\xbf\xb9"
#define IAA_SEPARATOR "\xef\xbf\xba"
#define IAA_TERMINATOR "\xef\xbf\xbb"

struct conv {
	struct sbuf *out; /* where text goes now */
	int space;        /* a collapsed space is pending */
	int seg;          /* ... and its whitespace held a line break */
	int wide;         /* the text written last ends in a wide character */
	int brk;          /* pending break: 1 line end, 2 blank line */
	int nl;           /* line ends at the end of out (0, 1, 2+) */
	int pre;          /* inside pre: whitespace is kept */
	int inline_only;  /* in a heading or ruby part: one line only */
	int mark;         /* a heading mark is due at the next text */
	int list_depth;   /* nested ul/ol */
	long list_n;      /* number of the next li in an ol; 0 in a ul */
	struct html_stats *st;
};

static int
is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/*
 * Is the character at s[0..len) (len > 0), or the one ending there when
 * `last`, wide for CSS's segment break rule: East Asian Wide or Full
 * width, and not Hangul (Korean is written with spaces)?
 */
static int
wide_at(const char *s, size_t len, int last)
{
	size_t i = 0;
	uint32_t cp;

	if (last)
		for (i = len - 1; i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80;
		        i--)
			;
	if (utf8_next(s + i, len - i, &cp) < 0)
		return 0;
	if ((cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3130 && cp <= 0x318f) ||
	        (cp >= 0xac00 && cp <= 0xd7af))
		return 0;
	return utf8_cp_cols(cp, 1) == 2;
}

/*
 * Write what is pending before the visible text next[0..len) (next may
 * be NULL: not text). A collapsed space that held a line break is left
 * out between two wide characters, as CSS Text 3 removes segment breaks
 * between Chinese or Japanese characters.
 */
static void
flush(struct conv *c, const char *next, size_t len)
{
	if (c->space && c->seg && c->wide && next != NULL && len > 0 &&
	        wide_at(next, len, 0))
		c->space = 0;
	if (c->out->len > 0) {
		for (; c->nl < c->brk; c->nl++)
			sbuf_put(c->out, "\n", 1);
		if (c->nl == 0 && c->space)
			sbuf_put(c->out, " ", 1);
	}
	c->brk = c->space = c->seg = c->nl = 0;
	if (c->mark) {
		sbuf_str(c->out, IAA_TERMINATOR);
		c->mark = 0;
	}
	c->wide = next != NULL && len > 0 && wide_at(next, len, 1);
}

/* Ask for a block boundary of `level` (0: none, 1 or 2). */
static void
block_break(struct conv *c, int level)
{
	if (level == 0)
		return;
	if (c->inline_only) {
		c->space = 1;
		return;
	}
	if (level > c->brk)
		c->brk = level;
}

/* A line end written now (br, or an LF in pre). */
static void
line_end(struct conv *c)
{
	int nl;

	if (c->inline_only) {
		c->space = 1;
		return;
	}
	c->space = 0;
	nl = c->nl;
	flush(c, NULL, 0);
	sbuf_put(c->out, "\n", 1);
	c->nl = nl + 1;
}

/* Does s[i..len) start with U+FFF9, U+FFFA or U+FFFB? */
static int
iaa_at(const char *s, size_t i, size_t len)
{
	return i + 2 < len && (unsigned char)s[i] == 0xef &&
	        (unsigned char)s[i + 1] == 0xbf &&
	        (unsigned char)s[i + 2] >= 0xb9 &&
	        (unsigned char)s[i + 2] <= 0xbb;
}

/* Does a stretch of text end before s[i]? */
static int
text_stops(const struct conv *c, const char *s, size_t i, size_t len)
{
	if (c->pre)
		return s[i] == '\n' || iaa_at(s, i, len);
	return is_ws((unsigned char)s[i]) || iaa_at(s, i, len);
}

/* Text from the document: collapsed, without U+FFF9..U+FFFB. */
static void
put_text(struct conv *c, const char *s, size_t len)
{
	size_t i = 0, j;

	while (i < len) {
		if (c->pre && s[i] == '\n') {
			line_end(c);
			i++;
		} else if (!c->pre && is_ws((unsigned char)s[i])) {
			c->space = 1;
			c->seg |= s[i] == '\n';
			i++;
		} else if (iaa_at(s, i, len)) {
			i += 3; /* our notation: never taken from the text */
		} else {
			for (j = i + 1; j < len && !text_stops(c, s, j, len);
			        j++)
				;
			flush(c, s + i, j - i);
			sbuf_put(c->out, s + i, j - i);
			i = j;
		}
	}
}

static int
is_tag(const GumboNode *n, GumboTag tag)
{
	return n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == tag;
}

static void walk(struct conv *c, const GumboNode *n, int depth);

static void
walk_children(struct conv *c, const GumboNode *n, int depth)
{
	const GumboVector *v = &n->v.element.children;
	unsigned i;

	for (i = 0; i < v->length; i++)
		walk(c, v->data[i], depth + 1);
}

/* Is n an element whose content is never shown as text? */
static int
hidden(const GumboNode *n)
{
	switch (n->v.element.tag) {
	case GUMBO_TAG_SCRIPT:
	case GUMBO_TAG_STYLE:
	case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_HEAD:
	case GUMBO_TAG_TITLE:
	case GUMBO_TAG_RP:
	case GUMBO_TAG_RT:
	case GUMBO_TAG_RTC:
		return 1;
	default:
		return 0;
	}
}

/*
 * The text of n's subtree, without recursion: for elements nested deeper
 * than MAX_DEPTH (no ruby there: annotations are left out with what is
 * never shown). Uses each node's index_within_parent to climb back up.
 */
static void
flat_text(struct conv *c, const GumboNode *root)
{
	const GumboNode *n = root, *p;
	unsigned next;

	for (;;) {
		if (n->type == GUMBO_NODE_TEXT ||
		        n->type == GUMBO_NODE_WHITESPACE ||
		        n->type == GUMBO_NODE_CDATA)
			put_text(c, n->v.text.text, strlen(n->v.text.text));
		if (n->type == GUMBO_NODE_ELEMENT &&
		        n->v.element.children.length > 0 && !hidden(n)) {
			n = n->v.element.children.data[0];
			continue;
		}
		for (;;) {
			if (n == root)
				return;
			p = n->parent;
			next = (unsigned)n->index_within_parent + 1;
			if (next < p->v.element.children.length) {
				n = p->v.element.children.data[next];
				break;
			}
			n = p;
		}
	}
}

/* Does the subtree of n hold a ruby element (below depth limits)? */
static int
has_ruby(const GumboNode *n, int depth)
{
	const GumboVector *v;
	unsigned i;

	if (n->type != GUMBO_NODE_ELEMENT || depth > MAX_DEPTH)
		return 0;
	if (n->v.element.tag == GUMBO_TAG_RUBY)
		return 1;
	v = &n->v.element.children;
	for (i = 0; i < v->length; i++)
		if (has_ruby(v->data[i], depth + 1))
			return 1;
	return 0;
}

/*
 * Render nodes[0..n) (or the children of each, for a container) as one
 * collapsed line into *b: the text of a base or an annotation.
 */
static void
render_part(struct conv *c, const GumboNode *const *nodes, size_t n, int depth,
        struct sbuf *b)
{
	struct conv save = *c;
	size_t i;

	c->out = b;
	c->space = c->brk = c->nl = c->mark = 0;
	c->inline_only = 1;
	for (i = 0; i < n; i++)
		walk(c, nodes[i], depth);
	save.out->failed |= b->failed;
	*c = save;
}

/* A piece of a ruby segment: nodes [from, to) of the ruby's children. */
struct piece {
	unsigned from, to;
};

/* Write base and annotation as one ruby pair, or the base as text. */
static void
emit_pair(struct conv *c, const GumboNode *const *kids, struct piece base,
        const GumboNode *ann, int depth)
{
	struct sbuf b = {NULL, 0, 0, 0}, r = {NULL, 0, 0, 0};
	const GumboNode *const *an;

	render_part(c, kids + base.from, base.to - base.from, depth, &b);
	if (ann != NULL) {
		an = (const GumboNode *const *)ann->v.element.children.data;
		render_part(
		        c, an, ann->v.element.children.length, depth + 1, &r);
	}
	if (b.len > 0 && r.len > 0 &&
	        (r.len != b.len || memcmp(r.s, b.s, b.len))) {
		flush(c, b.s, b.len);
		sbuf_str(c->out, IAA_ANCHOR);
		sbuf_put(c->out, b.s, b.len);
		sbuf_str(c->out, IAA_SEPARATOR);
		sbuf_put(c->out, r.s, r.len);
		sbuf_str(c->out, IAA_TERMINATOR);
		c->st->ruby++;
	} else if (b.len > 0) {
		put_text(c, b.s, b.len);
	} else if (r.len > 0) {
		c->st->dropped++;
	}
	free(b.s);
	free(r.s);
}

/* Is this child of a ruby only inter-element whitespace or a comment? */
static int
is_blank(const GumboNode *n)
{
	return n->type == GUMBO_NODE_WHITESPACE ||
	        n->type == GUMBO_NODE_COMMENT;
}

static int
is_annotation(const GumboNode *n)
{
	return is_tag(n, GUMBO_TAG_RT) || is_tag(n, GUMBO_TAG_RTC) ||
	        is_tag(n, GUMBO_TAG_RP);
}

#define SEG_MAX 64 /* bases or annotations in one segment */

/* One segment: bases b[0..nb), level-one annotations a[0..na). */
static void
emit_segment(struct conv *c, const GumboNode *const *kids,
        const struct piece *b, size_t nb, const GumboNode *const *a, size_t na,
        const GumboNode *rtc, int depth)
{
	const GumboVector *v;
	const GumboNode *ra[SEG_MAX];
	struct piece all;
	int nested = 0;
	size_t k;
	unsigned i;

	for (k = 0; k < nb; k++)
		for (i = b[k].from; i < b[k].to; i++)
			nested |= has_ruby(kids[i], depth);
	if (nested) {
		/* the inner readings stay; the outer level is dropped */
		for (k = 0; k < nb; k++)
			for (i = b[k].from; i < b[k].to; i++)
				walk(c, kids[i], depth + 1);
		c->st->dropped += na > 0 || rtc != NULL;
		return;
	}
	if (na == 0 && rtc != NULL) {
		/* No rt: the rtc is the level. Its rt children pair in
		 * order; with none, its text spans all the bases. */
		v = &rtc->v.element.children;
		for (i = 0; i < v->length && na < SEG_MAX; i++)
			if (is_tag(v->data[i], GUMBO_TAG_RT))
				ra[na++] = v->data[i];
		a = ra;
		if (na == 0 && nb > 0) {
			all.from = b[0].from;
			all.to = b[nb - 1].to;
			emit_pair(c, kids, all, rtc, depth);
			return;
		}
	}
	for (k = 0; k < nb; k++) {
		if (k < na) {
			emit_pair(c, kids, b[k], a[k], depth);
			continue;
		}
		for (i = b[k].from; i < b[k].to; i++) /* no reading: text */
			walk(c, kids[i], depth + 1);
	}
	if (na > nb)
		c->st->dropped += na - nb;
	else if (nb == 0 && na == 0 && rtc != NULL)
		c->st->dropped++; /* an rtc over nothing */
}

static void
ruby(struct conv *c, const GumboNode *n, int depth)
{
	const GumboVector *v = &n->v.element.children;
	const GumboNode *const *kids = (const GumboNode *const *)v->data;
	const GumboNode *a[SEG_MAX], *rtc;
	struct piece b[SEG_MAX];
	unsigned i = 0, j, len = v->length;
	size_t nb, na;

	while (i < len) {
		nb = na = 0;
		rtc = NULL;
		/* bases */
		while (i < len && !is_tag(kids[i], GUMBO_TAG_RT) &&
		        !is_tag(kids[i], GUMBO_TAG_RTC)) {
			if (is_blank(kids[i]) ||
			        is_tag(kids[i], GUMBO_TAG_RP)) {
				i++;
				continue;
			}
			j = i + 1;
			if (!is_tag(kids[i], GUMBO_TAG_RB))
				while (j < len && !is_annotation(kids[j]) &&
				        !is_tag(kids[j], GUMBO_TAG_RB))
					j++;
			if (nb < SEG_MAX) {
				b[nb].from = i;
				b[nb].to = j;
				nb++;
			} else {
				b[nb - 1].to = j; /* too many: the last grows */
			}
			i = j;
		}
		/* annotations */
		while (i < len &&
		        (is_annotation(kids[i]) || is_blank(kids[i]))) {
			if (is_tag(kids[i], GUMBO_TAG_RT) && na < SEG_MAX)
				a[na++] = kids[i];
			else if (is_tag(kids[i], GUMBO_TAG_RTC) && rtc == NULL)
				rtc = kids[i];
			i++;
		}
		emit_segment(c, kids, b, nb, a, na, rtc, depth);
	}
}

/* List item prefix: indentation, then a bullet or the item's number. */
static void
list_item(struct conv *c)
{
	char num[32];
	int d;

	block_break(c, 1);
	if (c->inline_only)
		return;
	flush(c, NULL, 0);
	for (d = 1; d < c->list_depth; d++)
		sbuf_put(c->out, "  ", 2);
	if (c->list_n > 0) {
		snprintf(num, sizeof(num), "%ld. ", c->list_n++);
		sbuf_str(c->out, num);
	} else {
		sbuf_str(c->out, "\xe2\x80\xa2 "); /* • */
	}
}

/* Breaks before and after an element: 0 inline, 1 line, 2 paragraph. */
static int
break_level(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_P:
	case GUMBO_TAG_PRE:
	case GUMBO_TAG_BLOCKQUOTE:
	case GUMBO_TAG_TABLE:
	case GUMBO_TAG_UL:
	case GUMBO_TAG_OL:
	case GUMBO_TAG_DL:
	case GUMBO_TAG_FIGURE:
	case GUMBO_TAG_HR:
	case GUMBO_TAG_H1:
	case GUMBO_TAG_H2:
	case GUMBO_TAG_H3:
	case GUMBO_TAG_H4:
	case GUMBO_TAG_H5:
	case GUMBO_TAG_H6:
		return 2;
	case GUMBO_TAG_DIV:
	case GUMBO_TAG_SECTION:
	case GUMBO_TAG_ARTICLE:
	case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_HEADER:
	case GUMBO_TAG_FOOTER:
	case GUMBO_TAG_NAV:
	case GUMBO_TAG_MAIN:
	case GUMBO_TAG_ADDRESS:
	case GUMBO_TAG_FIGCAPTION:
	case GUMBO_TAG_DT:
	case GUMBO_TAG_DD:
	case GUMBO_TAG_TR:
	case GUMBO_TAG_CAPTION:
	case GUMBO_TAG_FORM:
	case GUMBO_TAG_FIELDSET:
	case GUMBO_TAG_LEGEND:
	case GUMBO_TAG_DETAILS:
	case GUMBO_TAG_SUMMARY:
	case GUMBO_TAG_CENTER:
	case GUMBO_TAG_BODY:
		return 1;
	default:
		return 0;
	}
}

static int
is_heading(GumboTag t)
{
	return t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 ||
	        t == GUMBO_TAG_H4 || t == GUMBO_TAG_H5 || t == GUMBO_TAG_H6;
}

/* Is there a td or th before this one in its row? */
static int
after_cell(const GumboNode *n)
{
	const GumboVector *v = &n->parent->v.element.children;
	size_t i;

	for (i = n->index_within_parent; i-- > 0;)
		if (is_tag(v->data[i], GUMBO_TAG_TD) ||
		        is_tag(v->data[i], GUMBO_TAG_TH))
			return 1;
	return 0;
}

static void
element(struct conv *c, const GumboNode *n, int depth)
{
	const GumboElement *e = &n->v.element;
	const GumboAttribute *alt;
	struct conv save;
	int lvl = break_level(e->tag);

	if ((e->tag == GUMBO_TAG_UL || e->tag == GUMBO_TAG_OL) &&
	        c->list_depth > 0)
		lvl = 1; /* a nested list: no blank line */

	if (e->tag != GUMBO_TAG_RT && e->tag != GUMBO_TAG_RTC && hidden(n))
		return; /* an rt outside a ruby is text, as browsers show it */
	switch (e->tag) {
	case GUMBO_TAG_BR:
		line_end(c);
		return;
	case GUMBO_TAG_IMG:
		alt = gumbo_get_attribute(&e->attributes, "alt");
		if (alt != NULL)
			put_text(c, alt->value, strlen(alt->value));
		return;
	case GUMBO_TAG_RUBY:
		ruby(c, n, depth);
		return;
	case GUMBO_TAG_TD:
	case GUMBO_TAG_TH:
		if (after_cell(n)) {
			if (c->inline_only) {
				c->space = 1;
			} else {
				c->space = 0;
				flush(c, NULL, 0);
				sbuf_str(c->out, " | ");
			}
		}
		break;
	default:
		break;
	}
	block_break(c, lvl);
	save = *c;
	if (is_heading(e->tag) && !c->inline_only) {
		c->mark = 1;
		c->inline_only = 1;
	}
	if (e->tag == GUMBO_TAG_PRE)
		c->pre = 1;
	if (e->tag == GUMBO_TAG_UL || e->tag == GUMBO_TAG_OL) {
		c->list_depth++;
		c->list_n = e->tag == GUMBO_TAG_OL ? 1 : 0;
	}
	if (e->tag == GUMBO_TAG_LI)
		list_item(c);
	walk_children(c, n, depth);
	/* Restore the context; keep what was written and is pending. */
	if (c->mark)
		c->mark = 0; /* a heading with no text: no mark */
	c->pre = save.pre;
	c->inline_only = save.inline_only;
	c->list_depth = save.list_depth;
	c->list_n = e->tag == GUMBO_TAG_LI ? c->list_n : save.list_n;
	block_break(c, lvl);
}

static void
walk(struct conv *c, const GumboNode *n, int depth)
{
	switch (n->type) {
	case GUMBO_NODE_DOCUMENT:
		walk_children(c, n, depth);
		break;
	case GUMBO_NODE_ELEMENT:
		if (depth > MAX_DEPTH)
			flat_text(c, n);
		else
			element(c, n, depth);
		break;
	case GUMBO_NODE_TEXT:
	case GUMBO_NODE_CDATA:
	case GUMBO_NODE_WHITESPACE:
		put_text(c, n->v.text.text, strlen(n->v.text.text));
		break;
	case GUMBO_NODE_COMMENT:
	case GUMBO_NODE_TEMPLATE:
		break;
	}
}

enum status
html_to_iaa(const char *html, size_t len, char **out, size_t *out_len,
        struct html_stats *stats)
{
	GumboOptions opts = kGumboDefaultOptions;
	GumboOutput *g;
	struct sbuf b = {NULL, 0, 0, 0};
	struct html_stats st = {0, 0};
	struct conv c;

	if (len > HTML_INPUT_MAX)
		return STATUS_RANGE;
	opts.max_errors = 0; /* parse errors are not reported: keep none */
	g = gumbo_parse_with_options(&opts, html, len);
	if (g == NULL)
		return STATUS_NOMEM;
	memset(&c, 0, sizeof(c));
	c.out = &b;
	c.st = &st;
	walk(&c, g->document, 0);
	gumbo_destroy_output(&opts, g);
	/* the last line ends with an LF; an empty result is "" */
	sbuf_put(&b, "\n", c.nl == 0 && b.len > 0 ? 1 : 0);
	if (b.failed) {
		free(b.s);
		return STATUS_NOMEM;
	}
	*out = b.s;
	*out_len = b.len;
	if (stats != NULL)
		*stats = st;
	return STATUS_OK;
}

/* Does s[0..len) hold `pat` (lower case) followed by '>' or a space? */
static int
has_tag(const char *s, size_t len, const char *pat)
{
	size_t i, k = strlen(pat);
	const char *lt;

	/* pat opens with '<': look only where one is */
	for (i = 0; i + k < len; i = (size_t)(lt - s) + 1) {
		lt = memchr(s + i, '<', len - k - i);
		if (lt == NULL)
			return 0;
		if (strncasecmp(lt, pat, k) == 0 &&
		        (lt[k] == '>' || is_ws((unsigned char)lt[k])))
			return 1;
	}
	return 0;
}

int
html_sniff(const char *name, const char *head, size_t len)
{
	static const char *const ext[] = {".html", ".htm", ".xhtml"};
	size_t i, nl, el;

	if (name != NULL) {
		nl = strlen(name);
		for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
			el = strlen(ext[i]);
			if (nl > el && strcasecmp(name + nl - el, ext[i]) == 0)
				return 1;
		}
	}
	if (len > HTML_SNIFF_LEN)
		len = HTML_SNIFF_LEN;
	i = len >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	while (i < len && is_ws((unsigned char)head[i]))
		i++;
	if ((len - i >= 14 &&
	            strncasecmp(head + i, "<!doctype html", 14) == 0) ||
	        (len - i >= 5 && strncasecmp(head + i, "<html", 5) == 0))
		return 1;
	return has_tag(head, len, "<html") || has_tag(head, len, "<ruby");
}
