/*
 * test-notation.c: the notations other than inline pinyin (src/parse-*.c):
 * Markdown ruby, Anki brackets, inline zhuyin and Aozora Bunko, through
 * the document model; the Aozora headings in the outline; and text search
 * in each notation.
 *
 * A block is written as testlib_describe() does: plain text as it is,
 * ruby as "[base/reading]".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc.h"
#include "dump.h"
#include "outline.h"
#include "search.h"

#include "testlib.h"

struct text {
	char s[2048];
};

static struct text
runs(enum notation n, const char *s)
{
	struct text t;

	testlib_runs_of(s, n, t.s, sizeof(t.s));
	return t;
}

static struct text
md(const char *s)
{
	return runs(NOTATION_MARKDOWN, s);
}

static struct text
anki(const char *s)
{
	return runs(NOTATION_ANKI, s);
}

static struct text
zhuyin(const char *s)
{
	return runs(NOTATION_ZHUYIN, s);
}

static struct text
aozora(const char *s)
{
	return runs(NOTATION_AOZORA, s);
}

/* ---- Markdown ---- */

static void
markdown_group_ruby_is_one_reading(void **state)
{
	(void)state;
	assert_string_equal(md("{電子出版|でんししゅっぱん}を手軽に").s,
	        "[電子出版/でんししゅっぱん]を手軽に");
	assert_string_equal(md("{editor|エディター}").s, "[editor/エディター]");
}

static void
markdown_mono_ruby_gives_each_character_its_part(void **state)
{
	(void)state;
	assert_string_equal(md("{電子出版|でん|し|しゅっ|ぱん}を").s,
	        "[電/でん][子/し][出/しゅっ][版/ぱん]を");
}

static void
markdown_parts_that_do_not_match_the_characters_are_joined(void **state)
{
	(void)state;
	/* DenDen: three parts over two characters are one group. */
	assert_string_equal(md("{鬼門|き|も|ん}の").s, "[鬼門/きもん]の");
}

static void
markdown_escapes_and_broken_groups_stay_text(void **state)
{
	(void)state;
	assert_string_equal(
	        md("\\{ruby base|ruby text}").s, "{ruby base|ruby text}");
	assert_string_equal(
	        md("{ruby base\\|ruby text}").s, "{ruby base|ruby text}");
	assert_string_equal(
	        md("{ruby base|ruby text\\}").s, "{ruby base|ruby text}");
	assert_string_equal(
	        md("{ base|x} {a|} {|b} {a|b").s, "{ base|x} {a|} {|b} {a|b");
	assert_string_equal(md("{{a|b}}").s, "{{a|b}}");
}

/* ---- Anki ---- */

static void
anki_base_is_the_word_before_the_bracket(void **state)
{
	(void)state;
	assert_string_equal(anki("私は 日本語[にほんご]を 話[はな]す").s,
	        "私は[日本語/にほんご]を[話/はな]す");
	assert_string_equal(anki("漢字[かんじ]").s, "[漢字/かんじ]");
}

static void
anki_sound_and_empty_brackets_stay_text(void **state)
{
	(void)state;
	assert_string_equal(anki("音[sound:a.mp3] x [1] y[]").s,
	        "音[sound:a.mp3] x [1] y[]");
}

static void
anki_brackets_are_text_in_other_notations(void **state)
{
	(void)state;
	assert_string_equal(runs(NOTATION_PINYIN, "日本語[にほんご]").s,
	        "日本語[にほんご]");
}

/* ---- Zhuyin ---- */

static void
zhuyin_per_character_groups_become_ruby(void **state)
{
	(void)state;
	assert_string_equal(zhuyin("美(ㄇㄟˇ)好(ㄏㄠˇ)的(ㄉㄜ˙)").s,
	        "[美/ㄇㄟˇ][好/ㄏㄠˇ][的/ㄉㄜ˙]");
	assert_string_equal(zhuyin("他(ㄊㄚ)說").s, "[他/ㄊㄚ]說");
}

static void
zhuyin_word_groups_and_fullwidth_parentheses(void **state)
{
	(void)state;
	assert_string_equal(
	        zhuyin("很美好（ㄇㄟˇ ㄏㄠˇ）").s, "很[美/ㄇㄟˇ][好/ㄏㄠˇ]");
	assert_string_equal(
	        zhuyin("美好(ㄇㄟˇㄏㄠˇ)").s, "[美/ㄇㄟˇ][好/ㄏㄠˇ]");
	assert_string_equal(zhuyin("的(˙ㄉㄜ)").s, "[的/˙ㄉㄜ]");
}

static void
zhuyin_that_is_no_syllable_or_no_reading_stays_text(void **state)
{
	(void)state;
	/* ㄇㄇ is no syllable; 美 is never read de. */
	assert_string_equal(zhuyin("美(ㄇㄇ)").s, "美(ㄇㄇ)");
	assert_string_equal(zhuyin("美(ㄉㄜ˙)").s, "美(ㄉㄜ˙)");
	/* More syllables than characters. */
	assert_string_equal(zhuyin("美(ㄇㄟˇ ㄏㄠˇ)").s, "美(ㄇㄟˇ ㄏㄠˇ)");
	/* Not after a Han character. */
	assert_string_equal(zhuyin("a(ㄇㄟˇ)").s, "a(ㄇㄟˇ)");
	/*
	 * More syllables than a group holds (16), in a content that splits
	 * in many ways (ㄧㄚ is ya, or yi a): text, found without trying
	 * every split (each position and count is tried once).
	 */
	assert_string_equal(
	        zhuyin("好好(ㄧㄚㄧㄚㄧㄚㄧㄚㄧㄚㄧㄚㄧㄚㄧㄚㄧㄚ)").s,
	        "好好(ㄧㄚㄧㄚㄧㄚㄧㄚㄧㄚㄧㄚㄧㄚㄧㄚㄧㄚ)");
}

/* ---- Aozora ---- */

static void
aozora_implicit_base_is_the_run_of_one_class(void **state)
{
	(void)state;
	assert_string_equal(aozora("青梅《おうめ》という地名。").s,
	        "[青梅/おうめ]という地名。");
	assert_string_equal(
	        aozora("その丹塗《にぬり》の").s, "その[丹塗/にぬり]の");
	assert_string_equal(
	        aozora("ロンドン《london》へ").s, "[ロンドン/london]へ");
	assert_string_equal(aozora("Fanatiker《ファナチイケル》").s,
	        "[Fanatiker/ファナチイケル]");
	assert_string_equal(
	        aozora("ひらがな《ヒラガナ》").s, "[ひらがな/ヒラガナ]");
}

static void
aozora_bar_marks_where_the_base_starts(void **state)
{
	(void)state;
	assert_string_equal(
	        aozora("所々｜丹塗《にぬり》").s, "所々[丹塗/にぬり]");
	assert_string_equal(
	        aozora("霧の｜ロンドン警視庁《スコットランドヤード》").s,
	        "霧の[ロンドン警視庁/スコットランドヤード]");
}

static void
aozora_broken_ruby_stays_text(void **state)
{
	(void)state;
	assert_string_equal(aozora("《》：ルビ").s, "《》：ルビ");
	assert_string_equal(
	        aozora("｜：ルビの付く文字列").s, "｜：ルビの付く文字列");
	assert_string_equal(aozora("｜青梅《》").s, "｜青梅《》");
	assert_string_equal(aozora("青梅《おうめ").s, "青梅《おうめ");
	assert_string_equal(aozora("。《まる》").s, "。《まる》");
	{
		/* A reading longer than 512 characters is no reading. */
		char src[4096] = "漢《", want[4096] = "漢《";
		for (int k = 0; k < 600; k++)
			strcat(src, "か");
		strcat(src, "》");
		strcat(want, src + strlen("漢《"));
		assert_string_equal(aozora(src).s, want);
	}
}

static void
aozora_gaiji_notes_become_characters(void **state)
{
	(void)state;
	assert_string_equal(
	        aozora("木※［＃「木＋吶のつくり」、第3水準1-85-54］が立つ").s,
	        "木枘が立つ");
	assert_string_equal(aozora("※［＃「口＋世」、U+546D、235-8］").s, "呭");
	assert_string_equal(aozora("時※［＃二の字点、1-2-22］").s, "時〻");
	assert_string_equal(
	        aozora("※［＃「架空の外字」、第3水準99-99-99］だ").s,
	        "架空の外字だ");
	/* A gaiji is a kanji: it can be a base. */
	assert_string_equal(
	        aozora("※［＃「てへん＋丑」、第4水準2-12-93］《ね》じ").s,
	        "[扭/ね]じ");
}

static void
aozora_accent_decompositions_become_letters(void **state)
{
	(void)state;
	assert_string_equal(aozora("前〔ae&on〕後").s, "前〔æon〕後");
	assert_string_equal(
	        aozora("〔E'tude〕と〔Cafe'〕").s, "〔Étude〕と〔Café〕");
	/* Outside 〔〕, or with no 〕, the marks are text. */
	assert_string_equal(aozora("Cafe' 〔Cafe'").s, "Cafe' 〔Cafe'");
}

static void
aozora_escaped_syntax_is_text(void **state)
{
	(void)state;
	assert_string_equal(aozora("例※［＃始め二重山括弧、1-1-52］れい※［"
	                           "＃終わり二重山括弧、1-1-53］")
	                            .s,
	        "例《れい》");
	assert_string_equal(
	        aozora("※［＃縦線、1-1-35］例《れい》").s, "｜[例/れい]");
}

static void
aozora_notes_are_never_shown(void **state)
{
	(void)state;
	assert_string_equal(
	        aozora("［＃５字下げ］第一夜［＃「第一夜」は中見出し］").s,
	        "第一夜");
	assert_string_equal(
	        aozora("青空文庫［＃「青空文庫」に傍点］を").s, "青空文庫を");
	assert_string_equal(
	        aozora("籠《ざる》［＃ルビの「ざる」は底本では「さる」］").s,
	        "[籠/ざる]");
	/* The header legend's empty note stays. */
	assert_string_equal(aozora("［＃］：入力者注").s, "［＃］：入力者注");
}

static void
aozora_notes_may_give_the_text_before_them_a_reading(void **state)
{
	(void)state;
	assert_string_equal(
	        aozora("未［＃「未」の左に「ザル」のルビ］んとす").s,
	        "[未/ザル]んとす");
	assert_string_equal(
	        aozora("大空文庫［＃「大空文庫」に「ママ」の注記］").s,
	        "[大空文庫/ママ]");
	assert_string_equal(
	        aozora("来た［＃「来た」に白丸傍点］［＃「来た」の左"
	               "に「北」の注記］小僧")
	                .s,
	        "[来た/北]小僧");
	/* Not when the base has a reading already, or is not just before. */
	assert_string_equal(aozora("青空文庫《あおぞらぶんこ》［＃「青空文庫」"
	                           "の左に「aozora bunko」のルビ］")
	                            .s,
	        "[青空文庫/あおぞらぶんこ]");
	assert_string_equal(
	        aozora("本文［＃「序章」に「じょ」のルビ］").s, "本文");
}

static void
aozora_crlf_leaves_no_carriage_return(void **state)
{
	(void)state;
	assert_string_equal(aozora("青梅《おうめ》\r\n").s, "[青梅/おうめ]");
}

/* The outline title of block 0 of s in notation n, or "" if none. */
static struct text
title(const char *s, enum notation n)
{
	struct block *blk = testlib_block_of(s, n);
	struct text t = {""};

	if (!outline_title(blk, t.s, sizeof(t.s)))
		t.s[0] = '\0';
	block_free(blk);
	return t;
}

static void
aozora_heading_notes_are_sections(void **state)
{
	(void)state;
	assert_string_equal(
	        title("［＃５字下げ］第一夜［＃「第一夜」は中見出し］",
	                NOTATION_AOZORA)
	                .s,
	        "第一夜");
	assert_string_equal(
	        title("［＃大見出し］序章［＃大見出し終わり］", NOTATION_AOZORA)
	                .s,
	        "序章");
	/* The same text in another notation is no heading. */
	assert_string_equal(
	        title("［＃５字下げ］第一夜［＃「第一夜」は中見出し］",
	                NOTATION_PLAIN)
	                .s,
	        "");
	/* Aozora marks its headings: no run-in guess. */
	assert_string_equal(title("と書いてありました。扉のすぐ横には黒塗"
	                          "りの立派な金庫も、ちゃんと口を開けて置い"
	                          "てありました。鍵まで添えてあったのです。",
	                            NOTATION_AOZORA)
	                            .s,
	        "");
}

static int
collect(void *ctx, const char *s, size_t len)
{
	struct text *t = ctx;
	size_t n = strlen(t->s);

	assert_true(n + len < sizeof(t->s));
	memcpy(t->s + n, s, len);
	t->s[n + len] = '\0';
	return 0;
}

static void
aozora_multi_line_heading_is_a_section(void **state)
{
	struct doc_opts opts;
	struct doc *doc;
	struct text t = {""};
	size_t count = 0;

	(void)state;
	testlib_doc_opts(&opts);
	opts.notation = NOTATION_AOZORA;
	doc = testlib_doc_of_str(
	        "前文。\n［＃ここから中見出し］\n　章タイトル\n"
	        "［＃ここで中見出し終わり］\n後文。\n"
	        "［＃ここから大見出し］\n",
	        &opts);
	assert_int_equal(dump_outline(doc, collect, &t, &count), STATUS_OK);
	/* The last opening note has no line after it: no section. */
	assert_string_equal(t.s, "章タイトル\n");
	assert_int_equal(count, 1);
	doc_free(doc);
}

/* ---- Search ---- */

/*
 * Does searching q in the document s (notation n) find base text at
 * byte want_off (> 0: the search starts after byte 0)?
 */
static int
finds(const char *s, enum notation n, const char *q, size_t want_off)
{
	struct doc_opts opts;
	struct doc *doc;
	struct search *se;
	struct match m;
	enum status st;
	int cancelled;

	testlib_doc_opts(&opts);
	opts.notation = n;
	doc = testlib_doc_of_str(s, &opts);
	assert_int_equal(search_new(q, strlen(q), &se), STATUS_OK);
	st = search_next(se, doc, 0, 1, NULL, NULL, &m, &cancelled);
	search_free(se);
	doc_free(doc);
	return st == STATUS_OK && m.off == want_off;
}

static void
text_search_finds_base_text_in_every_notation(void **state)
{
	(void)state;
	/* Across the notation between two annotated words. */
	assert_true(finds("x{鬼|き}{門|もん}の", NOTATION_MARKDOWN, "鬼門の",
	        strlen("x{")));
	assert_true(finds("x 日本[にほん]語[ご]だ", NOTATION_ANKI, "日本語だ",
	        strlen("x ")));
	assert_true(finds(
	        "x美(ㄇㄟˇ)好(ㄏㄠˇ)", NOTATION_ZHUYIN, "美好", strlen("x")));
	assert_true(finds("x｜青梅《おうめ》街道［＃傍点］沿い",
	        NOTATION_AOZORA, "青梅街道沿い", strlen("x｜")));
	assert_true(finds("x木※［＃「木＋吶のつくり」、第3水準1-85-54］が",
	        NOTATION_AOZORA, "木枘が", 1));
	/* A character from a gaiji note is not in the bytes at all. */
	assert_true(finds("x木※［＃「木＋吶のつくり」、第3水準1-85-54］が",
	        NOTATION_AOZORA, "枘が", strlen("x木")));
	/* Zhuyin readings are searched by their pinyin. */
	assert_true(finds(
	        "x美(ㄇㄟˇ)好(ㄏㄠˇ)", NOTATION_ZHUYIN, "meihao", strlen("x")));
	assert_true(finds("x美（ㄇㄟˇ）好（ㄏㄠˇ）", NOTATION_ZHUYIN, "hao",
	        strlen("x美（ㄇㄟˇ）")));
	assert_false(
	        finds("x美(ㄇㄟˇ)好(ㄏㄠˇ)", NOTATION_ZHUYIN, "meihei", 1));
	/* And nothing that is not there. */
	assert_false(
	        finds("x｜青梅《おうめ》街道", NOTATION_AOZORA, "おうめ街", 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(markdown_group_ruby_is_one_reading),
	        cmocka_unit_test(
	                markdown_mono_ruby_gives_each_character_its_part),
	        cmocka_unit_test(
	                markdown_parts_that_do_not_match_the_characters_are_joined),
	        cmocka_unit_test(markdown_escapes_and_broken_groups_stay_text),
	        cmocka_unit_test(anki_base_is_the_word_before_the_bracket),
	        cmocka_unit_test(anki_sound_and_empty_brackets_stay_text),
	        cmocka_unit_test(anki_brackets_are_text_in_other_notations),
	        cmocka_unit_test(zhuyin_per_character_groups_become_ruby),
	        cmocka_unit_test(zhuyin_word_groups_and_fullwidth_parentheses),
	        cmocka_unit_test(
	                zhuyin_that_is_no_syllable_or_no_reading_stays_text),
	        cmocka_unit_test(aozora_implicit_base_is_the_run_of_one_class),
	        cmocka_unit_test(aozora_bar_marks_where_the_base_starts),
	        cmocka_unit_test(aozora_broken_ruby_stays_text),
	        cmocka_unit_test(aozora_gaiji_notes_become_characters),
	        cmocka_unit_test(aozora_accent_decompositions_become_letters),
	        cmocka_unit_test(aozora_escaped_syntax_is_text),
	        cmocka_unit_test(aozora_notes_are_never_shown),
	        cmocka_unit_test(
	                aozora_notes_may_give_the_text_before_them_a_reading),
	        cmocka_unit_test(aozora_crlf_leaves_no_carriage_return),
	        cmocka_unit_test(aozora_heading_notes_are_sections),
	        cmocka_unit_test(aozora_multi_line_heading_is_a_section),
	        cmocka_unit_test(text_search_finds_base_text_in_every_notation),
	};

	return cmocka_run_group_tests(
	        tests, testlib_table_setup, testlib_table_teardown);
}
