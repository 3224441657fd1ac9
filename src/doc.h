/*
 * doc.h: the document model over a source.
 *
 * A document is a sequence of blocks (paragraphs: one source line each; an
 * empty line is an empty block). Nothing is held for the whole document:
 * a block is found from any byte offset by scanning for line ends around
 * it, then decoded and parsed on demand into runs: plain text, or ruby
 * (base text with a reading). A line longer than DOC_BLOCK_MAX is cut into
 * blocks at fixed offsets, so that every scan is bounded.
 *
 * Coordinates: every position is a byte offset into the source.
 */
#ifndef RUBI_DOC_H
#define RUBI_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "pinyin.h"
#include "source.h"
#include "status.h"
#include "utf8.h"

#ifndef DOC_BLOCK_MAX
#define DOC_BLOCK_MAX (64 * 1024) /* bytes: longer lines are cut */
#endif

struct unihan;

enum notation {
	NOTATION_PINYIN,   /* 字(pin) and 字（pin）, per FORMATS.md §6 */
	NOTATION_PLAIN,    /* no annotations: everything is text */
	NOTATION_ZHUYIN,   /* 美(ㄇㄟˇ), FORMATS.md §6 */
	NOTATION_MARKDOWN, /* {base|reading}, {base|r|e|a|d}; # headings */
	NOTATION_ANKI,     /* base[reading], only when asked */
	NOTATION_AOZORA,   /* ｜base《reading》, ［＃…］ notes */
	NOTATION_IAA,      /* U+FFF9 base U+FFFA reading U+FFFB: what
	                      converted inputs (HTML) are turned into */
};

struct doc_opts {
	enum notation notation;
	int ambiwidth;           /* 1 or 2 */
	int prefer_hant;         /* take the zh-Hant reading of Unihan */
	const struct unihan *uh; /* readings; may be NULL; must outlive doc */
	int base_only; /* only the base text will be shown (--dump --ruby=off):
	                  the parser may leave readings out (rd_len 0, tones
	                  not restored) and note no findings */
};

/* A block's place in the source. */
struct bspan {
	size_t off;  /* first byte */
	size_t end;  /* end of its text (the LF or the cut) */
	size_t next; /* first byte of the next block (== end if none) */
};

enum run_flag {
	RUN_RUBY = 1 << 0,     /* the run has a reading */
	RUN_TONELESS = 1 << 1, /* the reading was written without a tone */
	RUN_GUESS = 1 << 2,    /* its restored tone is a guess (tone.h) */
};

/* What the parser found suspicious in a block (rubi --check). */
enum finding_kind {
	FIND_REPEATED,  /* a group repeated after its annotation: 綠(lv)(lv) */
	FIND_TRAILING,  /* a parenthesis after an annotation, not a reading */
	FIND_UNKNOWN,   /* pinyin that none of the character's readings spell */
	FIND_TONE,      /* a written tone that none of the readings has */
	FIND_NON_HAN,   /* pinyin in parentheses after a non-Han letter */
	FIND_EMPTY,     /* "()" after a Han character */
	FIND_MALFORMED, /* unclosed, or more syllables than characters, or
	                   tone marks or digits that make no pinyin */
	FIND_MIXED,     /* "(" closed by "）", or "（" by ")" */
};

struct finding {
	uint32_t g0, g1; /* glyphs of the excerpt */
	uint32_t at;     /* the glyph it points at (its column) */
	uint32_t cp;     /* the character concerned (FIND_UNKNOWN, _TONE) */
	uint8_t kind;    /* enum finding_kind */
};

/* A piece of a block: base glyphs [g0, g1), with an optional reading. */
struct run {
	uint32_t g0, g1;
	uint32_t rd_off; /* reading (display UTF-8) in block->text */
	uint16_t rd_len; /* bytes of the reading; 0 for plain text */
	uint16_t flags;  /* enum run_flag */
	struct syl syl;  /* the reading as a syllable (pinyin notation) */
};

/* A decoded, parsed block. Owned by whoever doc_parse() gave it to. */
struct block {
	struct bspan span;
	struct glyph *g; /* decoded glyphs; offsets relative to span.off */
	size_t ng;
	struct run *runs; /* in order; glyphs between runs were notation */
	size_t nruns;
	char *text; /* readings, UTF-8 */
	size_t text_len;
	size_t groups;         /* annotation groups accepted */
	size_t literal;        /* candidate groups kept as text */
	struct finding *finds; /* in glyph order of `at` (roughly) */
	size_t nfinds;
	unsigned char heading;       /* the notation marks the block a heading:
	                                an h1-h6 of converted HTML (1), an
	                                Aozora heading note (1 large, 2
	                                medium, 3 small); 0 none */
	unsigned char heading_below; /* the block opens a heading whose
	                                title is the next line (Aozora
	                                ここから…見出し): 1..3; 0 none */
	unsigned char marked; /* the notation marks its headings (Aozora):
	                         outline.c guesses no run-in heading */
};

struct doc;

/*
 * A document over `src`, which it takes ownership of (even on failure).
 * `opts` is copied; opts->uh is kept and must outlive the doc.
 */
enum status doc_new(
        struct source *src, const struct doc_opts *opts, struct doc **out);

/*
 * A second document over the same regular file with the same options, for
 * another thread (see source_dup). STATUS_RANGE when the source is not a
 * regular file; STATUS_IO, STATUS_NOMEM.
 */
enum status doc_clone(struct doc *doc, struct doc **out);

/* Free a document and its source; NULL is a no-op. */
void doc_free(struct doc *doc);

/* The notation the document is parsed in. */
enum notation doc_notation(const struct doc *doc);

/*
 * Read from `src` from now on (the file read again by its name): the old
 * source is freed, the document takes `src`. Blocks and layouts made from
 * the old one are stale (see view_reload).
 */
void doc_set_source(struct doc *doc, struct source *src);

/* The source (borrowed, valid until doc_free). */
struct source *doc_source(struct doc *doc);

/* Bytes of the document known so far (grows while a pipe is read). */
size_t doc_size(const struct doc *doc);

/*
 * The block containing byte `off` (an offset at or past the end gives the
 * last block). An empty document has one empty block at 0. STATUS_IO.
 */
enum status doc_block_at(struct doc *doc, size_t off, struct bspan *out);

/*
 * The block after `b`. Returns STATUS_RANGE when b is the last block
 * (this may read more of a pipe to find out). STATUS_IO.
 */
enum status doc_block_next(
        struct doc *doc, const struct bspan *b, struct bspan *out);

/* The block before `b`; STATUS_RANGE when b is the first. STATUS_IO. */
enum status doc_block_prev(
        struct doc *doc, const struct bspan *b, struct bspan *out);

/*
 * Decode and parse the block at `span`. On success *out owns a new block;
 * free it with block_free(). STATUS_IO, STATUS_NOMEM.
 */
enum status doc_parse(
        struct doc *doc, const struct bspan *span, struct block **out);

/* How many blocks doc_parse() has parsed (the tests pin laziness). */
unsigned long doc_parsed(const struct doc *doc);

/* Free a block; NULL is a no-op. */
void block_free(struct block *blk);

#endif
