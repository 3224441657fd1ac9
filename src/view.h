/*
 * view.h: the viewport over a document.
 *
 * The position is a byte offset into the source (the anchor): the screen
 * shows, from its top, the visual line that holds the anchor. Resizing
 * and changing the ruby mode keep the anchor, so the reader never loses
 * their place. Blocks are parsed and laid out only as the screen needs
 * them, and kept in a bounded cache (VIEW_CACHE blocks); a width or mode
 * change drops the cache.
 */
#ifndef RUBI_VIEW_H
#define RUBI_VIEW_H

#include <stddef.h>

#include "doc.h"
#include "frame.h"
#include "layout.h"
#include "status.h"

#ifndef VIEW_CACHE
#define VIEW_CACHE 64 /* laid-out blocks kept */
#endif

struct view;

/*
 * A view of `doc` (kept, not owned: it must outlive the view) for a text
 * area of rows x cols (>= 1 each) in `mode`, at the top of the document.
 * STATUS_RANGE, STATUS_NOMEM.
 */
enum status view_new(struct doc *doc, int rows, int cols, enum ruby_mode mode,
        int ambiwidth, struct view **out);

/* Free a view; NULL is a no-op. */
void view_free(struct view *v);

/* New size; the anchor stays. STATUS_RANGE when rows or cols < 1. */
enum status view_resize(struct view *v, int rows, int cols);

/* New ruby mode; the anchor stays. */
void view_set_mode(struct view *v, enum ruby_mode mode);

/* The mode asked for (the view draws RUBY_INLINE when rows < 2 in ABOVE). */
enum ruby_mode view_mode(const struct view *v);

/*
 * Leave out the readings of the characters in `known` (NULL: none), as
 * layout_block_known() does. The view keeps the pointer: the set must
 * outlive the view or the next call. Call again after changing the set:
 * cached layouts are dropped and the next paint lays out again.
 */
void view_set_known(struct view *v, const struct known *known);

/* Write readings in `style` from now on (READING_MARKS at first). */
void view_set_style(struct view *v, enum reading_style style);

/*
 * Move by `lines` visual lines (negative: up), stopping at the top and at
 * the last screenful. STATUS_IO.
 */
enum status view_scroll(struct view *v, long lines);

/* Visual lines on one screen (at least 1). */
int view_page_lines(const struct view *v);

/* Put the line holding source byte `off` at the top (clamped to the end). */
enum status view_goto(struct view *v, size_t off);

/*
 * The document changed under the view (see source_changed): forget every
 * block and layout, and put the line holding the old anchor (or the end,
 * if the document is now shorter) on top. STATUS_IO, STATUS_NOMEM.
 */
enum status view_reload(struct view *v);

/* The first screen, and the last screenful. */
enum status view_home(struct view *v);
enum status view_end(struct view *v);

/* The anchor: the first source byte of the top line. */
size_t view_top_off(const struct view *v);

/*
 * Paint the text area into `f` (which must be rows x cols of the view).
 * Afterwards view_bottom_off() is the source byte just past the last line
 * drawn, and view_at_end() says whether the document's end is on screen.
 * STATUS_IO, STATUS_NOMEM, STATUS_RANGE (wrong frame size).
 */
enum status view_paint(struct view *v, struct frame *f);
size_t view_bottom_off(const struct view *v);
int view_at_end(const struct view *v);

/*
 * The parsed block holding source byte `off`, if it is in the cache (it
 * is after a paint that showed it); NULL otherwise. Borrowed: valid until
 * the next call that moves, resizes, changes mode or paints.
 */
const struct block *view_cached_block(const struct view *v, size_t off);

/* How many blocks the view has laid out since it was made (for tests). */
unsigned long view_layouts_made(const struct view *v);

#endif
