/*
 * test-pinyin.c: unit tests for src/pinyin.c (syllable table, spellings,
 * segmentation, tone marks).
 *
 * Results are compared as text: parsed() writes a syllable as "sheng1"
 * ("-" when refused), split() writes syllables separated by spaces, so a
 * failure shows what came out.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pinyin.h"
#include "pinyin-table.h"

struct text {
	char s[128];
};

/* Append syllable syl as "sheng1" ("sheng" for tone 0) to t. */
static void
append_syl(struct text *t, const struct syl *syl)
{
	size_t n = strlen(t->s), i;

	for (i = 0; i < PINYIN_SYL_MAX && syl->s[i] != '\0'; i++)
		if (n + 1 < sizeof(t->s))
			t->s[n++] = syl->s[i];
	if (syl->tone != 0 && n + 1 < sizeof(t->s))
		t->s[n++] = (char)('0' + syl->tone);
	t->s[n] = '\0';
}

/* tok as pinyin_parse_syllable() reads it, or "-". */
static struct text
parsed(const char *tok)
{
	struct text t = {""};
	struct syl syl;

	if (pinyin_parse_syllable(tok, strlen(tok), &syl))
		append_syl(&t, &syl);
	else
		strcpy(t.s, "-");
	return t;
}

/* text as pinyin_split() reads it with room for max syllables, or "-". */
static struct text
split(const char *text, size_t max)
{
	struct text t = {""};
	struct syl out[16];
	size_t n, i;

	assert_true(max <= 16);
	n = pinyin_split(text, strlen(text), out, max);
	if (n == 0)
		strcpy(t.s, "-");
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(t.s, " ");
		append_syl(&t, &out[i]);
	}
	return t;
}

static struct syl
make_syl(const char *s, int tone)
{
	struct syl syl;

	memset(&syl, 0, sizeof(syl));
	strcpy(syl.s, s);
	syl.tone = (unsigned char)tone;
	return syl;
}

/* syllable s with `tone` formatted in `style`. */
static struct text
formatted(const char *s, int tone, enum pinyin_style style)
{
	struct text t = {""};
	struct syl syl = make_syl(s, tone);

	if (pinyin_format(&syl, style, t.s, sizeof(t.s)) == 0)
		strcpy(t.s, "-");
	return t;
}

static void
syllable_table_is_sorted_and_unique(void **state)
{
	size_t i;

	(void)state;
	assert_int_equal(PINYIN_TABLE_LEN, 430);
	for (i = 1; i < PINYIN_TABLE_LEN; i++)
		assert_true(strcmp(pinyin_table[i - 1], pinyin_table[i]) < 0);
	for (i = 0; i < PINYIN_TABLE_LEN; i++)
		assert_true(pinyin_is_syllable(pinyin_table[i],
		                               strlen(pinyin_table[i])));
}

static void
table_has_the_unihan_extras(void **state)
{
	static const char *const extras[] = {
	        "n",     "ng",  "m",   "hm",   "hng", "e^",  "wong",
	        "biang", "len", "rua", "fiao", "cei", "din",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(extras) / sizeof(extras[0]); i++)
		assert_true(pinyin_is_syllable(extras[i], strlen(extras[i])));
}

static void
only_canonical_spellings_are_table_syllables(void **state)
{
	(void)state;
	assert_true(pinyin_is_syllable("lv", 2));
	assert_true(pinyin_is_syllable("nve", 3));
	assert_true(pinyin_is_syllable("zhuang", 6));
	assert_true(pinyin_is_syllable("shengxyz", 5));
	assert_false(pinyin_is_syllable("lü", 3));
	assert_false(pinyin_is_syllable("lue", 3));
	assert_false(pinyin_is_syllable("Wang", 4));
	assert_false(pinyin_is_syllable("zhuangg", 7));
	assert_false(pinyin_is_syllable("", 0));
	assert_false(pinyin_is_syllable("a\0", 2));
	assert_false(pinyin_is_syllable("e", 0));
}

static void
tone_mark_is_read_from_a_precomposed_letter(void **state)
{
	(void)state;
	assert_string_equal(parsed("shēng").s, "sheng1");
	assert_string_equal(parsed("lǜ").s, "lv4");
	assert_string_equal(parsed("nǚ").s, "nv3");
	assert_string_equal(parsed("huán").s, "huan2");
	assert_string_equal(parsed("sheng").s, "sheng");
}

static void
combining_macron_equals_precomposed_letter(void **state)
{
	(void)state;
	assert_string_equal(parsed("she\xcc\x84ng").s, "sheng1");
	/* ü + caron as u + U+0308 + U+030C */
	assert_string_equal(parsed("nu\xcc\x88\xcc\x8c").s, "nv3");
}

static void
tone_digit_after_the_syllable_is_read(void **state)
{
	(void)state;
	assert_string_equal(parsed("zi4").s, "zi4");
	assert_string_equal(parsed("zhuang1").s, "zhuang1");
}

static void
tone_digit_after_the_marked_vowel_is_read(void **state)
{
	(void)state;
	assert_string_equal(parsed("zho1ng").s, "zhong1");
	assert_string_equal(parsed("xia1n").s, "xian1");
	assert_string_equal(parsed("gui4").s, "gui4");
	assert_string_equal(parsed("gu4i").s, "-");
	assert_string_equal(parsed("zhon1g").s, "-");
	assert_string_equal(parsed("z1i").s, "-");
}

static void
neutral_tone_has_four_spellings(void **state)
{
	(void)state;
	assert_string_equal(parsed("ma5").s, "ma5");
	assert_string_equal(parsed("ma0").s, "ma5");
	assert_string_equal(parsed("·ma").s, "ma5");
	assert_string_equal(parsed("‧ma").s, "ma5"); /* U+2027 */
	assert_string_equal(parsed("ma").s, "ma");
	assert_string_equal(parsed("·ma3").s, "-");
	assert_string_equal(parsed("ma·").s, "-");
	assert_string_equal(parsed("·").s, "-");
}

static void
u_umlaut_spellings_become_v(void **state)
{
	(void)state;
	assert_string_equal(parsed("lv").s, "lv");
	assert_string_equal(parsed("lü").s, "lv");
	assert_string_equal(parsed("nu:3").s, "nv3");
	assert_string_equal(parsed("lyu").s, "lv");
	assert_string_equal(parsed("nyu3").s, "nv3");
	assert_string_equal(parsed("lyue4").s, "lve4");
	assert_string_equal(parsed("lüè").s, "lve4");
	assert_string_equal(parsed("Lü").s, "lv");
	assert_string_equal(parsed("lu\xcc\x88\xcc\x80").s, "lv4");
}

static void
lue_and_nue_mean_lve_and_nve(void **state)
{
	(void)state;
	assert_string_equal(parsed("lue").s, "lve");
	assert_string_equal(parsed("nuè").s, "nve4");
	/* lu and nu are syllables of their own */
	assert_string_equal(parsed("lu").s, "lu");
	assert_string_equal(parsed("nu3").s, "nu3");
}

static void
u_umlaut_after_j_q_x_y_is_written_u(void **state)
{
	(void)state;
	assert_string_equal(parsed("jü").s, "ju");
	assert_string_equal(parsed("qu:e4").s, "que4");
	assert_string_equal(parsed("xv").s, "xu");
	assert_string_equal(parsed("yǔ").s, "yu3");
}

static void
initial_capital_is_accepted(void **state)
{
	(void)state;
	assert_string_equal(parsed("Wang").s, "wang");
	assert_string_equal(parsed("Shēng").s, "sheng1");
	assert_string_equal(parsed("Ān").s, "an1");
	assert_string_equal(parsed("Zi4").s, "zi4");
}

static void
capitals_elsewhere_are_refused(void **state)
{
	(void)state;
	assert_string_equal(parsed("EOD").s, "-");
	assert_string_equal(parsed("AN").s, "-");
	assert_string_equal(parsed("WANG").s, "-");
	assert_string_equal(parsed("WAng").s, "-");
	assert_string_equal(parsed("waNg").s, "-");
	assert_string_equal(parsed("A").s, "-");
	assert_string_equal(parsed("Ê").s, "-");
}

static void
full_width_letters_are_accepted(void **state)
{
	(void)state;
	assert_string_equal(parsed("ｓｈｅｎｇ").s, "sheng");
	assert_string_equal(parsed("ｚｉ４").s, "zi4");
}

static void
e_circumflex_is_spelt_e_caret(void **state)
{
	(void)state;
	assert_string_equal(parsed("ê").s, "e^");
	assert_string_equal(parsed("ế").s, "e^2");
	assert_string_equal(parsed("ề").s, "e^4");
	/* ê + U+0304, e + U+0302 + U+030C */
	assert_string_equal(parsed("\xc3\xaa\xcc\x84").s, "e^1");
	assert_string_equal(parsed("e\xcc\x82\xcc\x8c").s, "e^3");
	assert_string_equal(parsed("e^").s, "e^");
	assert_string_equal(parsed("ê3").s, "e^3");
	assert_string_equal(parsed("êi").s, "-");
}

static void
nasal_interjections_carry_marks_on_m_and_n(void **state)
{
	(void)state;
	assert_string_equal(parsed("ń").s, "n2");
	assert_string_equal(parsed("ňg").s, "ng3");
	assert_string_equal(parsed("hḿ").s, "hm2");
	assert_string_equal(parsed("m\xcc\x80").s, "m4"); /* m + U+0300 */
	assert_string_equal(parsed("hng").s, "hng");
	assert_string_equal(parsed("ńi").s, "-");
}

static void
breve_reads_as_third_tone(void **state)
{
	(void)state;
	assert_string_equal(parsed("nĭ").s, "ni3");
}

static void
textbook_alpha_and_script_g_are_letters(void **state)
{
	(void)state;
	assert_string_equal(parsed("ɡɑo").s, "gao");
}

static void
non_syllables_are_refused(void **state)
{
	(void)state;
	assert_string_equal(parsed("apple").s, "-");
	assert_string_equal(parsed("see").s, "-");
	assert_string_equal(parsed("xyz").s, "-");
	assert_string_equal(parsed("sheng ").s, "-");
	assert_string_equal(parsed(" sheng").s, "-");
	assert_string_equal(parsed("xi'an").s, "-");
	assert_string_equal(parsed("huanjing").s, "-");
	assert_string_equal(parsed("ma33").s, "-");
	assert_string_equal(parsed("mā1").s, "-");
	/* mā + U+0301: two tones */
	assert_string_equal(parsed("m\xc4\x81\xcc\x81").s, "-");
	assert_string_equal(parsed("4ma").s, "-");
	assert_string_equal(parsed("ma:").s, "-");
	assert_string_equal(parsed("生").s, "-");
}

static void
digits_six_to_nine_are_refused(void **state)
{
	(void)state;
	assert_string_equal(parsed("ma6").s, "-");
	assert_string_equal(parsed("ma9").s, "-");
	assert_string_equal(split("ni3 hao7", 4).s, "-");
}

static void
invalid_utf8_is_refused(void **state)
{
	(void)state;
	assert_string_equal(parsed("sh\xff").s, "-");
	assert_string_equal(parsed("sh\xc4").s, "-");
	assert_string_equal(split("huan \xc4", 4).s, "-");
}

static void
input_is_read_only_up_to_len(void **state)
{
	struct syl syl, out[2];
	char *p;

	(void)state;
	/* An exact-size heap block lets the sanitizer see any overread. */
	p = malloc(2);
	assert_non_null(p);
	memcpy(p, "ma", 2);
	assert_true(pinyin_parse_syllable(p, 2, &syl));
	assert_string_equal(syl.s, "ma");
	assert_int_equal(pinyin_split(p, 2, out, 2), 1);
	assert_true(pinyin_is_syllable(p, 2));
	free(p);
	assert_true(pinyin_parse_syllable("ma3", 2, &syl));
	assert_int_equal(syl.tone, 0);
}

static void
refused_token_leaves_out_untouched(void **state)
{
	struct syl syl = make_syl("zzz", 9);

	(void)state;
	assert_false(pinyin_parse_syllable("EOD", 3, &syl));
	assert_false(pinyin_parse_syllable("", 0, &syl));
	assert_string_equal(syl.s, "zzz");
	assert_int_equal(syl.tone, 9);
}

static void
spaces_separate_syllables_with_tones(void **state)
{
	(void)state;
	assert_string_equal(split("huán jìng", 4).s, "huan2 jing4");
	assert_string_equal(split("  ni3\thao3 ", 4).s, "ni3 hao3");
	/* ideographic space, no-break space */
	assert_string_equal(split("huan\xe3\x80\x80jing", 4).s, "huan jing");
	assert_string_equal(split("huan\xc2\xa0jing", 4).s, "huan jing");
}

static void
apostrophes_and_hyphens_separate_syllables(void **state)
{
	(void)state;
	assert_string_equal(split("xi'an", 4).s, "xi an");
	assert_string_equal(split("xi’an", 4).s, "xi an");
	assert_string_equal(split("Xī'ān", 4).s, "xi1 an1");
	assert_string_equal(split("yi-er-san", 4).s, "yi er san");
}

static void
middle_dot_makes_the_next_syllable_neutral(void **state)
{
	(void)state;
	assert_string_equal(split("xiè·xie", 4).s, "xie4 xie5");
	assert_string_equal(split("·ma", 4).s, "ma5");
	assert_string_equal(split("hao3·ma3", 4).s, "-");
	assert_string_equal(split("hao3·", 4).s, "-");
}

static void
run_together_syllables_are_segmented(void **state)
{
	(void)state;
	assert_string_equal(split("huanjing", 4).s, "huan jing");
	assert_string_equal(split("shengtai", 4).s, "sheng tai");
	assert_string_equal(split("huánjìng", 4).s, "huan2 jing4");
	assert_string_equal(split("zhongguoren", 4).s, "zhong guo ren");
}

static void
tone_digits_end_syllables(void **state)
{
	(void)state;
	assert_string_equal(split("nv3er2", 4).s, "nv3 er2");
	assert_string_equal(split("ni3hao3", 4).s, "ni3 hao3");
	assert_string_equal(split("zho1ngguo2", 4).s, "zhong1 guo2");
	assert_string_equal(split("xi1an1", 4).s, "xi1 an1");
	assert_string_equal(split("xi1an", 4).s, "xi1 an");
}

static void
a_chunk_that_is_one_syllable_is_not_split(void **state)
{
	(void)state;
	assert_string_equal(split("xian", 4).s, "xian");
	assert_string_equal(split("xia1n", 4).s, "xian1");
	assert_string_equal(split("er", 4).s, "er");
}

static void
vowel_after_a_letter_starts_no_syllable_if_avoidable(void **state)
{
	(void)state;
	/* pinyin would write fang'an: without the apostrophe it is fan gan */
	assert_string_equal(split("fangan", 4).s, "fan gan");
	assert_string_equal(split("tianan", 4).s, "tian an");
	assert_string_equal(split("fang'an", 4).s, "fang an");
}

static void
capitalised_chunk_must_be_one_syllable(void **state)
{
	(void)state;
	assert_string_equal(split("Wang", 4).s, "wang");
	assert_string_equal(split("Taiwan", 4).s, "-");
	assert_string_equal(split("Xi'an", 4).s, "xi an");
	assert_string_equal(split("Wang Xiao", 4).s, "wang xiao");
	assert_string_equal(split("taiWan", 4).s, "-");
	assert_string_equal(split("A", 4).s, "-");
	assert_string_equal(split("EOD", 4).s, "-");
	assert_string_equal(split("AN", 4).s, "-");
}

static void
erhua_r_is_split_off_the_end(void **state)
{
	(void)state;
	assert_string_equal(split("huìr", 4).s, "hui4 r");
	assert_string_equal(split("nar", 4).s, "na r");
	assert_string_equal(split("r", 4).s, "r");
	assert_string_equal(split("gerbi", 4).s, "-");
}

static void
interjections_are_not_carved_out_of_words(void **state)
{
	(void)state;
	assert_string_equal(split("hng", 4).s, "hng");
	assert_string_equal(split("ng m", 4).s, "ng m");
	assert_string_equal(split("ngai", 4).s, "-");
	assert_string_equal(split("mhm", 4).s, "-");
	assert_string_equal(split("êi", 4).s, "-");
}

static void
split_refuses_more_than_max_syllables(void **state)
{
	struct syl out[3];

	(void)state;
	out[0] = make_syl("zzz", 9);
	out[1] = out[0];
	assert_int_equal(pinyin_split("ni hao ma", 9, out, 2), 0);
	assert_int_equal(pinyin_split("nihaoma", 7, out, 2), 0);
	assert_string_equal(out[0].s, "zzz");
	assert_string_equal(out[1].s, "zzz");
	assert_int_equal(pinyin_split("ni hao ma", 9, out, 3), 3);
	assert_string_equal(out[2].s, "ma");
	assert_int_equal(pinyin_split("ni", 2, out, 0), 0);
}

static void
empty_content_has_no_syllables(void **state)
{
	(void)state;
	assert_string_equal(split("", 4).s, "-");
	assert_string_equal(split("   ", 4).s, "-");
	assert_string_equal(split("'", 4).s, "-");
	assert_string_equal(split("·", 4).s, "-");
}

static void
content_that_is_not_pinyin_is_refused(void **state)
{
	(void)state;
	assert_string_equal(split("apple", 4).s, "-");
	assert_string_equal(split("see 1", 4).s, "-");
	assert_string_equal(split("hello world", 4).s, "-");
	assert_string_equal(split("ma6", 4).s, "-");
	assert_string_equal(split("huan, jing", 4).s, "-");
	assert_string_equal(split("1", 4).s, "-");
}

static void
full_width_content_is_split(void **state)
{
	(void)state;
	assert_string_equal(split("ｈｕａｎ ｊｉｎｇ４", 4).s, "huan jing4");
}

static void
long_content_is_split(void **state)
{
	char text[400];
	struct syl out[16];
	size_t i;

	(void)state;
	/* longer than the stack buffer for NFKD: 15 x "zhuāng " */
	text[0] = '\0';
	for (i = 0; i < 15; i++)
		strcat(text, "zhuāng                ");
	assert_int_equal(pinyin_split(text, strlen(text), out, 16), 15);
	assert_string_equal(out[14].s, "zhuang");
	assert_int_equal(out[14].tone, 1);
}

static void
tone_digit_becomes_tone_mark(void **state)
{
	(void)state;
	assert_string_equal(formatted("gui", 4, PINYIN_MARKS).s, "guì");
	assert_string_equal(formatted("liu", 2, PINYIN_MARKS).s, "liú");
	assert_string_equal(formatted("lv", 4, PINYIN_MARKS).s, "lǜ");
	assert_string_equal(formatted("hao", 3, PINYIN_MARKS).s, "hǎo");
	assert_string_equal(formatted("zhuang", 1, PINYIN_MARKS).s, "zhuāng");
	assert_string_equal(formatted("er", 2, PINYIN_MARKS).s, "ér");
	assert_string_equal(formatted("lve", 4, PINYIN_MARKS).s, "lüè");
	assert_string_equal(formatted("gou", 3, PINYIN_MARKS).s, "gǒu");
	assert_string_equal(formatted("xiong", 2, PINYIN_MARKS).s, "xióng");
}

static void
interjections_get_marks_too(void **state)
{
	(void)state;
	assert_string_equal(formatted("e^", 2, PINYIN_MARKS).s, "ế");
	assert_string_equal(formatted("e^", 1, PINYIN_MARKS).s,
	                    "\xc3\xaa\xcc\x84"); /* ê + U+0304 */
	assert_string_equal(formatted("n", 2, PINYIN_MARKS).s, "ń");
	assert_string_equal(formatted("ng", 3, PINYIN_MARKS).s, "ňg");
	assert_string_equal(formatted("hm", 2, PINYIN_MARKS).s, "hḿ");
	assert_string_equal(formatted("m", 4, PINYIN_MARKS).s, "m\xcc\x80");
	assert_string_equal(formatted("r", 4, PINYIN_MARKS).s, "r");
}

static void
neutral_and_unwritten_tones_get_no_mark(void **state)
{
	(void)state;
	assert_string_equal(formatted("ma", 5, PINYIN_MARKS).s, "ma");
	assert_string_equal(formatted("ma", 0, PINYIN_MARKS).s, "ma");
	assert_string_equal(formatted("ma", 5, PINYIN_NUMBERS).s, "ma5");
	assert_string_equal(formatted("ma", 0, PINYIN_NUMBERS).s, "ma");
}

static void
numbers_style_writes_a_digit_and_u_umlaut(void **state)
{
	(void)state;
	assert_string_equal(formatted("sheng", 1, PINYIN_NUMBERS).s, "sheng1");
	assert_string_equal(formatted("lv", 4, PINYIN_NUMBERS).s, "lü4");
	assert_string_equal(formatted("e^", 2, PINYIN_NUMBERS).s, "ê2");
}

static void
plain_style_drops_the_tone(void **state)
{
	(void)state;
	assert_string_equal(formatted("sheng", 1, PINYIN_PLAIN).s, "sheng");
	assert_string_equal(formatted("nve", 4, PINYIN_PLAIN).s, "nüe");
	assert_string_equal(formatted("e^", 0, PINYIN_PLAIN).s, "ê");
}

static void
format_needs_room_for_the_nul(void **state)
{
	struct syl syl = make_syl("sheng", 1);
	char buf[8];

	(void)state;
	/* shēng is 6 bytes */
	memset(buf, 'x', sizeof(buf));
	assert_int_equal(pinyin_format(&syl, PINYIN_MARKS, buf, 6), 0);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(pinyin_format(&syl, PINYIN_MARKS, buf, 7), 6);
	assert_string_equal(buf, "shēng");
	assert_int_equal(pinyin_format(&syl, PINYIN_NUMBERS, buf, 7), 6);
	assert_int_equal(pinyin_format(&syl, PINYIN_NUMBERS, buf, 6), 0);
	assert_int_equal(pinyin_format(&syl, PINYIN_PLAIN, NULL, 0), 0);
}

static void
format_refuses_what_is_not_a_syllable(void **state)
{
	struct syl syl;
	char buf[32];

	(void)state;
	assert_string_equal(formatted("xyz", 1, PINYIN_MARKS).s, "-");
	assert_string_equal(formatted("lue", 0, PINYIN_PLAIN).s, "-");
	assert_string_equal(formatted("", 0, PINYIN_PLAIN).s, "-");
	assert_string_equal(formatted("ma", 6, PINYIN_MARKS).s, "-");
	memset(syl.s, 'a', sizeof(syl.s)); /* no NUL */
	syl.tone = 0;
	assert_int_equal(pinyin_format(&syl, PINYIN_PLAIN, buf, sizeof(buf)),
	                 0);
}

static void
every_syllable_survives_format_and_parse(void **state)
{
	static const enum pinyin_style styles[] = {PINYIN_MARKS,
	                                           PINYIN_NUMBERS};
	size_t i, st;
	int tone;

	(void)state;
	for (i = 0; i < PINYIN_TABLE_LEN; i++) {
		for (st = 0; st < 2; st++) {
			for (tone = 0; tone <= 5; tone++) {
				struct syl in = make_syl(pinyin_table[i], tone);
				struct syl back, list[2];
				char buf[32];
				size_t n;
				int want = tone;

				/* marks cannot show tone 5, nor any on r */
				if (styles[st] == PINYIN_MARKS &&
				    (tone == 5 || strcmp(in.s, "r") == 0))
					want = 0;
				n = pinyin_format(&in, styles[st], buf,
				                  sizeof(buf));
				assert_true(n > 0);
				assert_true(
				        pinyin_parse_syllable(buf, n, &back));
				assert_string_equal(back.s, in.s);
				assert_int_equal(back.tone, want);
				assert_int_equal(pinyin_split(buf, n, list, 2),
				                 1);
				assert_memory_equal(&list[0], &back,
				                    sizeof(back));
			}
		}
	}
}

static void
same_toneless_ignores_tones(void **state)
{
	struct syl a = make_syl("sheng", 1), b = make_syl("sheng", 4);
	struct syl c = make_syl("shen", 1);

	(void)state;
	assert_true(pinyin_same_toneless(&a, &b, 0));
	assert_false(pinyin_same_toneless(&a, &c, 0));
	assert_false(pinyin_same_toneless(&a, &c, 1));
}

static void
lu_and_lv_are_the_same_only_when_loose(void **state)
{
	struct syl lu = make_syl("lu", 0), lv = make_syl("lv", 4);
	struct syl nue = make_syl("nue", 0), nve = make_syl("nve", 0);
	struct syl nu = make_syl("nu", 0), ju = make_syl("ju", 0);

	(void)state;
	assert_false(pinyin_same_toneless(&lu, &lv, 0));
	assert_true(pinyin_same_toneless(&lu, &lv, 1));
	assert_true(pinyin_same_toneless(&lv, &lu, 1));
	assert_false(pinyin_same_toneless(&nue, &nve, 0));
	assert_true(pinyin_same_toneless(&nue, &nve, 1));
	assert_false(pinyin_same_toneless(&lu, &nu, 1));
	assert_false(pinyin_same_toneless(&lv, &ju, 1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(syllable_table_is_sorted_and_unique),
	        cmocka_unit_test(table_has_the_unihan_extras),
	        cmocka_unit_test(only_canonical_spellings_are_table_syllables),
	        cmocka_unit_test(tone_mark_is_read_from_a_precomposed_letter),
	        cmocka_unit_test(combining_macron_equals_precomposed_letter),
	        cmocka_unit_test(tone_digit_after_the_syllable_is_read),
	        cmocka_unit_test(tone_digit_after_the_marked_vowel_is_read),
	        cmocka_unit_test(neutral_tone_has_four_spellings),
	        cmocka_unit_test(u_umlaut_spellings_become_v),
	        cmocka_unit_test(lue_and_nue_mean_lve_and_nve),
	        cmocka_unit_test(u_umlaut_after_j_q_x_y_is_written_u),
	        cmocka_unit_test(initial_capital_is_accepted),
	        cmocka_unit_test(capitals_elsewhere_are_refused),
	        cmocka_unit_test(full_width_letters_are_accepted),
	        cmocka_unit_test(e_circumflex_is_spelt_e_caret),
	        cmocka_unit_test(nasal_interjections_carry_marks_on_m_and_n),
	        cmocka_unit_test(breve_reads_as_third_tone),
	        cmocka_unit_test(textbook_alpha_and_script_g_are_letters),
	        cmocka_unit_test(non_syllables_are_refused),
	        cmocka_unit_test(digits_six_to_nine_are_refused),
	        cmocka_unit_test(invalid_utf8_is_refused),
	        cmocka_unit_test(input_is_read_only_up_to_len),
	        cmocka_unit_test(refused_token_leaves_out_untouched),
	        cmocka_unit_test(spaces_separate_syllables_with_tones),
	        cmocka_unit_test(apostrophes_and_hyphens_separate_syllables),
	        cmocka_unit_test(middle_dot_makes_the_next_syllable_neutral),
	        cmocka_unit_test(run_together_syllables_are_segmented),
	        cmocka_unit_test(tone_digits_end_syllables),
	        cmocka_unit_test(a_chunk_that_is_one_syllable_is_not_split),
	        cmocka_unit_test(
	                vowel_after_a_letter_starts_no_syllable_if_avoidable),
	        cmocka_unit_test(capitalised_chunk_must_be_one_syllable),
	        cmocka_unit_test(erhua_r_is_split_off_the_end),
	        cmocka_unit_test(interjections_are_not_carved_out_of_words),
	        cmocka_unit_test(split_refuses_more_than_max_syllables),
	        cmocka_unit_test(empty_content_has_no_syllables),
	        cmocka_unit_test(content_that_is_not_pinyin_is_refused),
	        cmocka_unit_test(full_width_content_is_split),
	        cmocka_unit_test(long_content_is_split),
	        cmocka_unit_test(tone_digit_becomes_tone_mark),
	        cmocka_unit_test(interjections_get_marks_too),
	        cmocka_unit_test(neutral_and_unwritten_tones_get_no_mark),
	        cmocka_unit_test(numbers_style_writes_a_digit_and_u_umlaut),
	        cmocka_unit_test(plain_style_drops_the_tone),
	        cmocka_unit_test(format_needs_room_for_the_nul),
	        cmocka_unit_test(format_refuses_what_is_not_a_syllable),
	        cmocka_unit_test(every_syllable_survives_format_and_parse),
	        cmocka_unit_test(same_toneless_ignores_tones),
	        cmocka_unit_test(lu_and_lv_are_the_same_only_when_loose),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
