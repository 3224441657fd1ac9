/*
 * test-suites.c: rubi against other people's test suites, through a small
 * adapter. Each case is a source text, the notation it is written in and
 * the HTML its suite expects. From that HTML the adapter takes, with a
 * tiny scan (no HTML parser): the ruby pairs (the text of a <ruby> before
 * each <rt>, and the <rt>), the visible text (without <rt>, <rp> and
 * elements marked hidden) and the headings (<h1>..<h6>, or a class
 * "aozora-heading"). From rubi it takes the same three things: its ruby
 * runs, the base text of all runs, and outline_title() of each block
 * (outline_text() of the next one after an outline_title_below()).
 * White space is left out of the text comparison (HTML collapses it).
 *
 * The suites (copied to tests/data with their SOURCES.md and licence; the
 * spec's vectors flattened, see aozora-spec/LAYOUT.md):
 *  - aozora-notation-spec: every vector whose name has "ruby", "gaiji" or
 *    "heading" in it;
 *  - DenDen Markdown: its ruby fixtures, paragraph by paragraph (its
 *    Aozora-mode fixture read as Aozora);
 *  - markdown-it-ruby: every case of test/fixtures/ruby.txt.
 * A case passes when all three agree. The cases rubi does not pass are
 * listed in known_failures[] with the reason; the test fails when a case
 * not listed fails, or a listed one passes (so the list stays true).
 * Counts are printed.
 */
#include "config.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc.h"
#include "outline.h"
#include "utf8.h"

#include "testlib.h"

#define FIELD 4096

/* What a case shows: ruby pairs "base/reading;", text, headings. */
struct shown {
	char pairs[FIELD];
	char text[FIELD];
	char heads[FIELD];
};

struct known {
	const char *name;
	const char *why;
};

/* The cases rubi does not pass, and why they are left. */
static const struct known known_failures[] = {
        {"aozora-notation-spec/heading_window",
                "a window heading note on the line after its text: the note "
                "is dropped, the line before is no section"},
        {"aozora-notation-spec/heading_promoted",
                "a heading note on the line after its title: blocks are "
                "parsed one by one, so the title line is no section"},
        {"aozora-notation-spec/heading_same_line",
                "同行見出し: the spec keeps a note on its title's own line as "
                "a hint; rubi (like aozora2html) makes the line a section"},
        {"aozora-notation-spec/heading_ruby_hint",
                "the spec keeps a note on its title's own line as a hint; "
                "rubi (like aozora2html) makes the line a section"},
        {"aozora-notation-spec/heading_paired_window",
                "窓見出し pair: rendered as a block by the spec; rubi takes "
                "the line as a section"},
        {"aozora-notation-spec/heading_forward_no_referent",
                "a heading note whose 「…」 is not in the line: the spec "
                "shows the note; rubi makes the line a section"},
        {"aozora-notation-spec/left_ruby_pair",
                "the start/end form of a left ruby (左にルビ付き … 終わり): "
                "the spec shows the notes as text; rubi hides them"},
        {"aozora-notation-spec/ruby_attached",
                "a note 「親」にルビ: the spec shows the word ルビ as a "
                "superscript; rubi hides the note"},
        {"aozora-notation-spec/ruby_retarget",
                "a ruby retargeting note: the spec shows ルビ; rubi hides "
                "the note"},
        {"aozora-notation-spec/gaiji_double_paren",
                "a gaiji named without a code (二重かっこ開く): rubi has no "
                "table of names and shows 〓"},
        {"denden/phrasing_content_tag_ruby#1",
                "raw HTML <ruby> in Markdown is shown as written (HTML "
                "input is read by the HTML reader, not the Markdown one)"},
        {"markdown-it-ruby#8", "Markdown emphasis is shown as written (**…**)"},
        {"markdown-it-ruby#9", "Markdown emphasis inside the base"},
        {"markdown-it-ruby#10", "Markdown emphasis inside the reading"},
        {"markdown-it-ruby#11", "Markdown links are shown as written"},
        {"markdown-it-ruby#12", "a Markdown link inside the base"},
        {"markdown-it-ruby#13", "a Markdown link inside the reading"},
};

static int run_total, run_passed, run_unexpected;

static void
add(char *buf, const char *s, size_t len)
{
	size_t n = strlen(buf);

	if (n + len >= FIELD)
		len = FIELD - 1 - n; /* long: compared cut, on both sides */
	memcpy(buf + n, s, len);
	buf[n + len] = '\0';
}

static void
add_cp(char *buf, uint32_t cp)
{
	char enc[4];

	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000)
		return; /* white space is not compared */
	add(buf, enc, (size_t)utf8_encode(cp, enc));
}

/* Add the UTF-8 text s[0..len) without its white space. */
static void
add_str(char *buf, const char *s, size_t len)
{
	uint32_t cp;
	int k;

	while (len > 0) {
		k = utf8_next(s, len, &cp);
		if (k <= 0)
			return;
		add_cp(buf, cp);
		s += k;
		len -= (size_t)k;
	}
}

/* ---- The expected side: a tiny scan of the suite's HTML ---- */

/* Decode the entity at s (after '&'); returns bytes used, 0 if none. */
static size_t
entity(const char *s, uint32_t *cp)
{
	static const struct {
		const char *name;
		uint32_t cp;
	} names[] = {{"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'},
	        {"nbsp;", ' '}};
	size_t k;
	char *end;

	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		if (strncmp(s, names[k].name, strlen(names[k].name)) == 0) {
			*cp = names[k].cp;
			return strlen(names[k].name);
		}
	if (s[0] == '#') {
		*cp = (uint32_t)(s[1] == 'x' || s[1] == 'X'
		                ? strtoul(s + 2, &end, 16)
		                : strtoul(s + 1, &end, 10));
		if (*end == ';')
			return (size_t)(end - s) + 1;
	}
	return 0;
}

static void
html_shown(const char *h, struct shown *out)
{
	char name[16], base[FIELD] = "", rd[FIELD] = "";
	int in_rt = 0, in_rp = 0, in_ruby = 0, head_depth = 0, hidden = 0;
	int depth = 0, closing, hides, heads;
	const char *p = h, *q, *tag;
	size_t n;
	uint32_t cp;
	int len;

	memset(out, 0, sizeof(*out));
	while (*p != '\0') {
		if (*p == '<') {
			q = strchr(p, '>');
			if (q == NULL)
				break;
			tag = p + 1;
			closing = *tag == '/';
			tag += closing;
			for (n = 0; n + 1 < sizeof(name) && tag[n] != ' ' &&
			        tag + n < q && tag[n] != '/';
			        n++)
				name[n] = tag[n];
			name[n] = '\0';
			hides = !closing &&
			        memmem(p, (size_t)(q - p), " hidden", 7) !=
			                NULL;
			heads = !closing &&
			        ((name[0] == 'h' && name[1] >= '1' &&
			                 name[1] <= '6' && name[2] == '\0') ||
			                (memmem(p, (size_t)(q - p),
			                         "aozora-heading",
			                         14) != NULL &&
			                        memmem(p, (size_t)(q - p),
			                                "aozora-heading-hint",
			                                19) == NULL));
			if (strcmp(name, "br") != 0 && q[-1] != '/')
				depth += closing ? -1 : 1;
			if (hides && hidden == 0)
				hidden = depth;
			else if (closing && hidden > depth)
				hidden = 0;
			if (heads && head_depth == 0) {
				head_depth = depth;
				if (out->heads[0] != '\0')
					add(out->heads, "\n", 1);
			} else if (closing && head_depth > depth) {
				head_depth = 0;
			}
			if (strcmp(name, "ruby") == 0) {
				in_ruby = !closing;
				base[0] = '\0';
			} else if (strcmp(name, "rp") == 0) {
				in_rp = !closing;
			} else if (strcmp(name, "rt") == 0) {
				in_rt = !closing;
				if (closing) {
					add(out->pairs, base, strlen(base));
					add(out->pairs, "/", 1);
					add(out->pairs, rd, strlen(rd));
					add(out->pairs, ";", 1);
					base[0] = rd[0] = '\0';
				}
			}
			p = q + 1;
			continue;
		}
		if (*p == '&' && (len = (int)entity(p + 1, &cp)) > 0) {
			p += len + 1;
		} else {
			len = utf8_next(p, strlen(p), &cp);
			if (len <= 0)
				len = 1;
			p += len;
			len = 0;
		}
		if (hidden || in_rp)
			continue;
		if (in_rt) {
			add_cp(rd, cp);
			continue;
		}
		if (in_ruby)
			add_cp(base, cp);
		add_cp(out->text, cp);
		if (head_depth)
			add_cp(out->heads, cp);
	}
}

/* ---- rubi's side ---- */

static void
rubi_shown(const char *src, enum notation n, struct shown *out)
{
	struct doc_opts opts;
	struct doc *doc;
	struct block *blk;
	struct bspan b;
	char title[512];
	size_t r, g;
	int below = 0; /* the block before opens a heading titled here */

	memset(out, 0, sizeof(*out));
	testlib_doc_opts(&opts);
	opts.notation = n;
	doc = testlib_doc_of_str(src, &opts);
	assert_int_equal(doc_block_at(doc, 0, &b), STATUS_OK);
	for (;;) {
		assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
		for (r = 0; r < blk->nruns; r++) {
			const struct run *run = &blk->runs[r];
			for (g = run->g0; g < run->g1; g++) {
				add_cp(out->text, blk->g[g].cp);
				if (run->flags & RUN_RUBY)
					add_cp(out->pairs, blk->g[g].cp);
			}
			if (run->flags & RUN_RUBY) {
				add(out->pairs, "/", 1);
				add_str(out->pairs, blk->text + run->rd_off,
				        run->rd_len);
				add(out->pairs, ";", 1);
			}
		}
		if (below ? outline_text(blk, title, sizeof(title))
		          : outline_title(blk, title, sizeof(title))) {
			if (out->heads[0] != '\0')
				add(out->heads, "\n", 1);
			add_str(out->heads, title, strlen(title));
		}
		below = outline_title_below(blk);
		block_free(blk);
		if (doc_block_next(doc, &b, &b) != STATUS_OK)
			break;
	}
	doc_free(doc);
}

/* ---- Cases ---- */

static const struct known *
known_failure(const char *name)
{
	size_t k;

	for (k = 0; k < sizeof(known_failures) / sizeof(known_failures[0]); k++)
		if (strcmp(known_failures[k].name, name) == 0)
			return &known_failures[k];
	return NULL;
}

/* Run one case; print what differs. */
static void
run_case(const char *name, const char *src, enum notation n, const char *html)
{
	struct shown *want = calloc(1, sizeof(*want));
	struct shown *got = calloc(1, sizeof(*got));
	const struct known *kf = known_failure(name);
	const char *what = NULL;

	assert_non_null(want);
	assert_non_null(got);
	html_shown(html, want);
	rubi_shown(src, n, got);
	if (strcmp(want->pairs, got->pairs) != 0)
		what = "ruby pairs";
	else if (strcmp(want->text, got->text) != 0)
		what = "text";
	else if (strcmp(want->heads, got->heads) != 0)
		what = "headings";
	run_total++;
	if (what == NULL)
		run_passed++;
	if (what == NULL && kf != NULL) {
		printf("UNEXPECTED PASS %s (listed: %s)\n", name, kf->why);
		run_unexpected++;
	} else if (what != NULL && kf == NULL) {
		printf("FAIL %s: %s differ\n  want %s | %s | %s\n"
		       "  got  %s | %s | %s\n",
		        name, what, want->pairs, want->text, want->heads,
		        got->pairs, got->text, got->heads);
		run_unexpected++;
	} else if (what != NULL) {
		printf("known failure %s (%s): %s\n", name, what, kf->why);
	}
	free(want);
	free(got);
}

/* The file tests/data/rel, NUL-terminated (caller frees). */
static char *
slurp(const char *rel)
{
	size_t len;

	return testlib_data_bytes(rel, &len);
}

/*
 * The JSON string that follows "key": in json, decoded (caller frees);
 * NULL when there is none.
 */
static char *
json_string(const char *json, const char *key)
{
	char pat[64], *out, *o;
	const char *p;
	uint32_t cp, lo;
	char hex[5] = "";

	snprintf(pat, sizeof(pat), "\"%s\":", key);
	p = strstr(json, pat);
	if (p == NULL)
		return NULL;
	p += strlen(pat);
	while (*p == ' ')
		p++;
	if (*p++ != '"')
		return NULL;
	out = o = malloc(strlen(p) + 1);
	assert_non_null(out);
	while (*p != '\0' && *p != '"') {
		if (*p != '\\') {
			*o++ = *p++;
			continue;
		}
		p++;
		switch (*p) {
		case 'n':
			*o++ = '\n';
			break;
		case 't':
			*o++ = '\t';
			break;
		case 'r':
			*o++ = '\r';
			break;
		case 'u':
			memcpy(hex, p + 1, 4);
			cp = (uint32_t)strtoul(hex, NULL, 16);
			p += 4;
			if (cp >= 0xd800 && cp < 0xdc00 && p[1] == '\\' &&
			        p[2] == 'u') {
				memcpy(hex, p + 3, 4);
				lo = (uint32_t)strtoul(hex, NULL, 16);
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				        (lo - 0xdc00);
				p += 6;
			}
			o += utf8_encode(cp, o);
			break;
		default: /* \" \\ \/ */
			*o++ = *p;
		}
		p++;
	}
	*o = '\0';
	return out;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
aozora_notation_spec_vectors(void **state)
{
	const char *rel = "aozora-spec/vectors"; /* see its LAYOUT.md */
	char path[4096], *names[512], *json, *src, *html, name[300];
	struct dirent *de;
	size_t n = 0, k;
	DIR *d;

	(void)state;
	snprintf(path, sizeof(path), "%s/%s", getenv("TEST_DATA_DIR"), rel);
	d = opendir(path);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL && n < 512)
		if ((strstr(de->d_name, "ruby") ||
		            strstr(de->d_name, "gaiji") ||
		            strstr(de->d_name, "heading")) &&
		        strstr(de->d_name, ".json"))
			names[n++] = strndup(de->d_name,
			        strlen(de->d_name) - strlen(".json"));
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_str);
	assert_true(n >= 20);
	for (k = 0; k < n; k++) {
		snprintf(path, sizeof(path), "%s/%s.json", rel, names[k]);
		json = slurp(path);
		src = json_string(json, "source");
		html = json_string(json, "html");
		assert_non_null(src);
		assert_non_null(html);
		snprintf(name, sizeof(name), "aozora-notation-spec/%s",
		        names[k]);
		run_case(name, src, NOTATION_AOZORA, html);
		free(src);
		free(html);
		free(json);
		free(names[k]);
	}
}

/* The next paragraph (up to a blank line) of *p, copied; NULL at end. */
static char *
paragraph(const char **p)
{
	const char *s = *p, *e;
	char *out;

	while (*s == '\n')
		s++;
	if (*s == '\0')
		return NULL;
	e = strstr(s, "\n\n");
	if (e == NULL)
		e = s + strlen(s);
	out = strndup(s, (size_t)(e - s));
	assert_non_null(out);
	*p = e;
	return out;
}

static void
denden_markdown_fixtures(void **state)
{
	static const struct {
		const char *file;
		enum notation n;
	} fx[] = {
	        {"group-ruby", NOTATION_MARKDOWN},
	        {"mono-ruby", NOTATION_MARKDOWN},
	        {"phrasing_content_tag_ruby", NOTATION_MARKDOWN},
	        {"aozora-ruby-01", NOTATION_AOZORA},
	};
	char path[256], name[300], *md, *html, *a, *b;
	const char *pm, *ph;
	size_t k, i;

	(void)state;
	for (k = 0; k < sizeof(fx) / sizeof(fx[0]); k++) {
		snprintf(path, sizeof(path), "denden-markdown/%s.md",
		        fx[k].file);
		md = slurp(path);
		snprintf(path, sizeof(path), "denden-markdown/%s.html",
		        fx[k].file);
		html = slurp(path);
		pm = md;
		ph = html;
		for (i = 1; (a = paragraph(&pm)) != NULL; i++) {
			b = paragraph(&ph);
			assert_non_null(b);
			snprintf(name, sizeof(name), "denden/%s#%zu",
			        fx[k].file, i);
			run_case(name, a, fx[k].n, b);
			free(a);
			free(b);
		}
		assert_null(paragraph(&ph));
		free(md);
		free(html);
	}
}

/*
 * markdown-it fixtures: a case is a line ".", the input, a line ".", the
 * expected HTML, a line "."; cases are separated by blank lines (and the
 * file starts with one without ruby).
 */
static void
markdown_it_ruby_fixtures(void **state)
{
	char *all = slurp("markdown-it-ruby/ruby.txt"), *p = all, *in, *out;
	char *e1, *e2, name[64];
	size_t i = 0;

	(void)state;
	for (;;) {
		p = strstr(p, ".\n");
		if (p == NULL)
			break;
		in = p + 2;
		e1 = strstr(in, "\n.\n");
		if (e1 == NULL)
			break;
		out = e1 + 3;
		e2 = strstr(out, "\n.\n");
		if (e2 == NULL)
			e2 = strstr(out, "\n.");
		assert_non_null(e2);
		*e1 = '\0';
		*e2 = '\0';
		snprintf(name, sizeof(name), "markdown-it-ruby#%zu", ++i);
		run_case(name, in, NOTATION_MARKDOWN, out);
		p = e2 + 3;
	}
	assert_true(i >= 15);
	free(all);
}

static void
no_case_fails_that_is_not_listed(void **state)
{
	(void)state;
	printf("suites: %d of %d cases pass, %zu listed as known "
	       "failures\n",
	        run_passed, run_total,
	        sizeof(known_failures) / sizeof(known_failures[0]));
	assert_true(run_total > 50);
	assert_int_equal(run_unexpected, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(aozora_notation_spec_vectors),
	        cmocka_unit_test(denden_markdown_fixtures),
	        cmocka_unit_test(markdown_it_ruby_fixtures),
	        cmocka_unit_test(no_case_fails_that_is_not_listed),
	};

	return cmocka_run_group_tests(
	        tests, testlib_table_setup, testlib_table_teardown);
}
