/*
 * test-frame.c: unit tests for src/frame.c, the cell grid the screen is
 * copied from. Rows are read back with frame_row_text(), which is what
 * the terminal shows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "frame.h"

#define HAN "\xe6\xbc\xa2"  /* 漢, two columns */
#define HAN2 "\xe5\xad\x97" /* 字, two columns */

static struct frame *
frame_of(int rows, int cols)
{
	struct frame *f = NULL;

	assert_int_equal(frame_new(rows, cols, &f), STATUS_OK);
	assert_non_null(f);
	return f;
}

static int
put(struct frame *f, int row, int col, const char *s, int cols)
{
	return frame_put(f, row, col, s, strlen(s), cols, 0, (size_t)col);
}

/* Row `row` as text, checked against the length frame_row_text gives. */
static const char *
row(const struct frame *f, int r)
{
	static char buf[256];
	size_t n;

	n = frame_row_text(f, r, buf, sizeof(buf));
	assert_int_equal(n, strlen(buf));
	return buf;
}

static void
new_frame_is_blank(void **state)
{
	struct frame *f = frame_of(3, 10);
	int r, c;

	(void)state;
	assert_int_equal(f->rows, 3);
	assert_int_equal(f->cols, 10);
	for (r = 0; r < 3; r++) {
		assert_string_equal(row(f, r), "");
		assert_int_equal(f->row_flags[r], 0);
		for (c = 0; c < 10; c++) {
			assert_int_equal(frame_cell(f, r, c)->len, 0);
			assert_int_equal(frame_cell(f, r, c)->cols, 1);
			assert_true(frame_cell(f, r, c)->src_off == (size_t)-1);
		}
	}
	frame_free(f);
}

static void
frame_without_rows_or_columns_is_out_of_range(void **state)
{
	struct frame *f = NULL;

	(void)state;
	assert_int_equal(frame_new(0, 5, &f), STATUS_RANGE);
	assert_null(f);
	assert_int_equal(frame_new(5, 0, &f), STATUS_RANGE);
	assert_null(f);
	assert_int_equal(frame_new(-1, 5, &f), STATUS_RANGE);
	assert_null(f);
	frame_free(NULL);
}

static void
wide_cell_covers_the_cell_to_its_right(void **state)
{
	struct frame *f = frame_of(1, 6);

	(void)state;
	assert_int_equal(frame_put(f, 0, 2, HAN, 3, 2, 0, 42), 1);
	assert_int_equal(frame_cell(f, 0, 2)->cols, 2);
	assert_int_equal(frame_cell(f, 0, 2)->len, 3);
	assert_memory_equal(frame_cell(f, 0, 2)->text, HAN, 3);
	assert_int_equal(frame_cell(f, 0, 3)->cols, 0);
	assert_int_equal(frame_cell(f, 0, 3)->len, 0);
	assert_true(frame_cell(f, 0, 2)->src_off == 42);
	/* The covered cell is not printed: the glyph fills both columns. */
	assert_string_equal(row(f, 0), "  " HAN);
	assert_int_equal(put(f, 0, 4, "x", 1), 1);
	assert_string_equal(row(f, 0), "  " HAN "x");
	frame_free(f);
}

static void
overwriting_the_right_half_of_a_wide_cell_blanks_its_left_half(void **state)
{
	struct frame *f = frame_of(1, 4);

	(void)state;
	assert_int_equal(put(f, 0, 0, HAN, 2), 1);
	assert_int_equal(put(f, 0, 1, "x", 1), 1);
	assert_int_equal(frame_cell(f, 0, 0)->len, 0);
	assert_int_equal(frame_cell(f, 0, 0)->cols, 1);
	assert_true(frame_cell(f, 0, 0)->src_off == (size_t)-1);
	assert_int_equal(frame_cell(f, 0, 1)->cols, 1);
	assert_string_equal(row(f, 0), " x");
	frame_free(f);
}

static void
overwriting_the_left_half_of_a_wide_cell_blanks_its_right_half(void **state)
{
	struct frame *f = frame_of(1, 4);

	(void)state;
	assert_int_equal(put(f, 0, 0, HAN, 2), 1);
	assert_int_equal(put(f, 0, 0, "y", 1), 1);
	assert_int_equal(frame_cell(f, 0, 1)->cols, 1);
	assert_int_equal(frame_cell(f, 0, 1)->len, 0);
	assert_string_equal(row(f, 0), "y");
	assert_int_equal(put(f, 0, 1, "z", 1), 1);
	assert_string_equal(row(f, 0), "yz");
	frame_free(f);
}

static void
wide_cell_straddling_another_blanks_what_it_cuts(void **state)
{
	struct frame *f = frame_of(1, 6);

	(void)state;
	/* 漢 at 0-1 and 字 at 2-3; then 漢 at 1-2 cuts both in half. */
	assert_int_equal(put(f, 0, 0, HAN, 2), 1);
	assert_int_equal(put(f, 0, 2, HAN2, 2), 1);
	assert_string_equal(row(f, 0), HAN HAN2);
	assert_int_equal(put(f, 0, 1, HAN, 2), 1);
	assert_int_equal(frame_cell(f, 0, 0)->len, 0);
	assert_int_equal(frame_cell(f, 0, 1)->cols, 2);
	assert_int_equal(frame_cell(f, 0, 2)->cols, 0);
	assert_int_equal(frame_cell(f, 0, 3)->len, 0);
	assert_int_equal(frame_cell(f, 0, 3)->cols, 1);
	assert_string_equal(row(f, 0), " " HAN);
	frame_free(f);
}

static void
wide_cell_at_the_last_column_is_not_drawn(void **state)
{
	struct frame *f = frame_of(2, 5);

	(void)state;
	assert_int_equal(put(f, 0, 3, "a", 1), 1);
	assert_int_equal(put(f, 0, 4, "b", 1), 1);
	assert_int_equal(put(f, 0, 4, HAN, 2), 0);
	/* Nothing changed, on this row or the next. */
	assert_string_equal(row(f, 0), "   ab");
	assert_int_equal(frame_cell(f, 0, 4)->cols, 1);
	assert_string_equal(row(f, 1), "");
	assert_int_equal(frame_cell(f, 1, 0)->len, 0);
	/* One column further left it fits. */
	assert_int_equal(put(f, 0, 3, HAN, 2), 1);
	assert_string_equal(row(f, 0), "   " HAN);
	frame_free(f);
}

static void
put_outside_the_frame_is_not_drawn(void **state)
{
	struct frame *f = frame_of(2, 3);

	(void)state;
	assert_int_equal(put(f, 0, 3, "a", 1), 0);
	assert_int_equal(put(f, 2, 0, "a", 1), 0);
	assert_int_equal(put(f, -1, 0, "a", 1), 0);
	assert_int_equal(put(f, 0, -1, "a", 1), 0);
	assert_string_equal(row(f, 0), "");
	assert_string_equal(row(f, 1), "");
	frame_free(f);
}

static void
row_text_drops_trailing_blanks_but_keeps_real_spaces(void **state)
{
	struct frame *f = frame_of(2, 8);

	(void)state;
	assert_int_equal(put(f, 0, 1, "a", 1), 1);
	assert_int_equal(put(f, 0, 3, "b", 1), 1);
	/* Blanks between cells are spaces; blanks after the last are not. */
	assert_string_equal(row(f, 0), " a b");
	assert_int_equal(put(f, 0, 4, " ", 1), 1);
	assert_int_equal(put(f, 0, 5, " ", 1), 1);
	assert_string_equal(row(f, 0), " a b  ");
	assert_int_equal(put(f, 1, 0, " ", 1), 1);
	assert_string_equal(row(f, 1), " ");
	frame_free(f);
}

static void
row_text_fills_a_small_buffer_with_a_prefix(void **state)
{
	static const char full[] = "ab" HAN "c";
	struct frame *f = frame_of(1, 6);
	char buf[8];
	size_t size;

	(void)state;
	assert_int_equal(put(f, 0, 0, "a", 1), 1);
	assert_int_equal(put(f, 0, 1, "b", 1), 1);
	assert_int_equal(put(f, 0, 2, HAN, 2), 1);
	assert_int_equal(put(f, 0, 4, "c", 1), 1);
	/* Every size too small for the row: a NUL-terminated prefix of it,
	 * and no byte that is not the row's. */
	for (size = 1; size <= strlen(full); size++) {
		memset(buf, 'X', sizeof(buf));
		assert_int_equal(frame_row_text(f, 0, buf, size), strlen(full));
		assert_true(strlen(buf) < size);
		assert_memory_equal(buf, full, strlen(buf));
	}
	assert_int_equal(frame_row_text(f, 0, buf, sizeof(buf)), strlen(full));
	assert_string_equal(buf, full);
	frame_free(f);
}

static void
clear_blanks_every_cell_and_row_flag(void **state)
{
	struct frame *f = frame_of(2, 4);

	(void)state;
	assert_int_equal(put(f, 0, 0, HAN, 2), 1);
	assert_int_equal(put(f, 1, 3, "z", 1), 1);
	f->row_flags[1] = FRAME_ROW_EOF;
	frame_cell(f, 1, 3)->flags = FCELL_MATCH;
	frame_clear(f);
	assert_string_equal(row(f, 0), "");
	assert_string_equal(row(f, 1), "");
	assert_int_equal(frame_cell(f, 0, 1)->cols, 1);
	assert_int_equal(frame_cell(f, 1, 3)->flags, 0);
	assert_int_equal(f->row_flags[1], 0);
	frame_free(f);
}

/* A cluster longer than a cell holds (a base and 8 marks) is kept whole,
 * every one of a screenful, and again after a clear. */
static void
long_clusters_are_kept_whole(void **state)
{
	/* "e" and 8 combining marks: 1 + 8 * 2 = 17 bytes; one with 4-byte
	 * marks (U+1D167..) makes 37. */
	static const char e8[] = "e\xcc\x81\xcc\x82\xcc\x83\xcc\x84"
	                         "\xcc\x85\xcc\x86\xcc\x87\xcc\x88";
	static const char big[] = "e\xf0\x9d\x85\xa7\xf0\x9d\x85\xa8"
	                          "\xf0\x9d\x85\xa9\xf0\x9d\x85\xa7"
	                          "\xf0\x9d\x85\xa8\xf0\x9d\x85\xa9"
	                          "\xf0\x9d\x85\xa7\xf0\x9d\x85\xa8"
	                          "\xf0\x9d\x85\xa9";
	struct frame *f = NULL;
	const struct fcell *c;
	char row[1024];
	int r, col, pass;

	(void)state;
	assert_true(sizeof(big) - 1 <= FRAME_TEXT_MAX);
	assert_int_equal(frame_new(10, 20, &f), STATUS_OK);
	for (pass = 0; pass < 2; pass++) {
		frame_clear(f);
		for (r = 0; r < 10; r++)
			for (col = 0; col < 20; col++)
				assert_int_equal(frame_put(f, r, col,
				        (r + col) % 2 ? big : e8,
				        (r + col) % 2 ? sizeof(big) - 1
				                      : sizeof(e8) - 1,
				        1, 0, (size_t)(r * 20 + col)), 1);
		for (r = 0; r < 10; r++)
			for (col = 0; col < 20; col++) {
				c = frame_cell(f, r, col);
				if ((r + col) % 2) {
					assert_int_equal(c->len, sizeof(big) - 1);
					assert_memory_equal(frame_text(f, c), big,
					        sizeof(big) - 1);
				} else {
					assert_int_equal(c->len, sizeof(e8) - 1);
					assert_memory_equal(frame_text(f, c), e8,
					        sizeof(e8) - 1);
				}
			}
		assert_int_equal(frame_row_text(f, 3, row, sizeof(row)),
		        10 * (sizeof(big) - 1) + 10 * (sizeof(e8) - 1));
		assert_memory_equal(row, big, sizeof(big) - 1);
	}
	frame_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(long_clusters_are_kept_whole),
	        cmocka_unit_test(new_frame_is_blank),
	        cmocka_unit_test(frame_without_rows_or_columns_is_out_of_range),
	        cmocka_unit_test(wide_cell_covers_the_cell_to_its_right),
	        cmocka_unit_test(
	                overwriting_the_right_half_of_a_wide_cell_blanks_its_left_half),
	        cmocka_unit_test(
	                overwriting_the_left_half_of_a_wide_cell_blanks_its_right_half),
	        cmocka_unit_test(
	                wide_cell_straddling_another_blanks_what_it_cuts),
	        cmocka_unit_test(wide_cell_at_the_last_column_is_not_drawn),
	        cmocka_unit_test(put_outside_the_frame_is_not_drawn),
	        cmocka_unit_test(
	                row_text_drops_trailing_blanks_but_keeps_real_spaces),
	        cmocka_unit_test(row_text_fills_a_small_buffer_with_a_prefix),
	        cmocka_unit_test(clear_blanks_every_cell_and_row_flag),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
