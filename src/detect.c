/*
 * detect.c: guessing the notation (see detect.h). Counts, on the raw
 * UTF-8 sample, the openings each notation would read as a group; no
 * parsing, so it costs one pass over at most DETECT_SAMPLE bytes.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "detect.h"
#include "utf8.h"

static const char *const names[] = {
        [NOTATION_PINYIN] = "pinyin",
        [NOTATION_PLAIN] = "plain",
        [NOTATION_ZHUYIN] = "zhuyin",
        [NOTATION_MARKDOWN] = "markdown",
        [NOTATION_ANKI] = "anki",
        [NOTATION_AOZORA] = "aozora",
        [NOTATION_IAA] = "html",
};

const char *
detect_name(enum notation n)
{
	if ((size_t)n < sizeof(names) / sizeof(names[0]) && names[n] != NULL)
		return names[n];
	return "?";
}

int
detect_parse_name(const char *name, enum notation *out)
{
	size_t k;

	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		if (names[k] == NULL)
			continue;
		if (strcmp(name, names[k]) == 0) {
			*out = (enum notation)k;
			return 1;
		}
	}
	return 0;
}

static int
has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);

	return n > k && strcasecmp(name + n - k, suffix) == 0;
}

static int
is_bopomofo(uint32_t cp)
{
	return (cp >= 0x3105 && cp <= 0x312f) || cp == 0x2d9;
}

static int
is_latin(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	        (cp >= 0xc0 && cp <= 0x24f);
}

/* Is there "|...}" after the '{' at s[i], on the same line? */
static int
md_group(const char *s, size_t len, size_t i)
{
	size_t j;
	int bar = 0;

	if (i + 1 >= len || s[i + 1] == ' ' || s[i + 1] == '|' ||
	        (i > 0 && s[i - 1] == '{'))
		return 0;
	for (j = i + 1; j < len && s[j] != '\n' && s[j] != '{'; j++) {
		if (s[j] == '|' && j > i + 1)
			bar = 1;
		else if (s[j] == '}')
			return bar && s[j - 1] != '|';
	}
	return 0;
}

/* The character that ends just before buf[i] (0 if none or invalid). */
static uint32_t
char_before(const char *buf, size_t i)
{
	const unsigned char *u = (const unsigned char *)buf;
	size_t j = i;
	uint32_t cp;

	/* Most text before a parenthesis is a 3-byte character: at once
	 * (an overlong form or a surrogate goes the long way, to 0). */
	if (i >= 3 && (u[i - 3] & 0xf0) == 0xe0 && (u[i - 2] & 0xc0) == 0x80 &&
	        (u[i - 1] & 0xc0) == 0x80) {
		cp = (uint32_t)(u[i - 3] & 0x0f) << 12 |
		        (uint32_t)(u[i - 2] & 0x3f) << 6 | (u[i - 1] & 0x3f);
		if (cp >= 0x800 && (cp < 0xd800 || cp > 0xdfff))
			return cp;
	}
	while (j > 0 && i - j < 4) {
		j--;
		if (((unsigned char)buf[j] & 0xc0) != 0x80)
			break;
	}
	if (j == i || utf8_next(buf + j, i - j, &cp) != (int)(i - j))
		return 0;
	return cp;
}

/* Is there a reading-like group after the "(" or "（" at buf[i..i+k)? */
static void
paren_group(const char *buf, size_t len, size_t i, int k, size_t *zhuyin,
        size_t *pinyin)
{
	const unsigned char *u = (const unsigned char *)buf;
	uint32_t before, next;
	int kn;

	/* A Han character before it is 3 or 4 bytes long: the byte just
	 * before is a continuation byte (and most are 3 bytes long). */
	if (i == 0 || (u[i - 1] & 0xc0) != 0x80 || i + (size_t)k >= len)
		return;
	before = char_before(buf, i);
	if (!utf8_is_han(before))
		return;
	if (u[i + k] < 0x80) {
		if (is_latin(u[i + k]))
			(*pinyin)++;
		return;
	}
	kn = utf8_next(buf + i + k, len - i - (size_t)k, &next);
	if (kn > 0 && is_bopomofo(next))
		(*zhuyin)++;
	else if (kn > 0 && is_latin(next))
		(*pinyin)++;
}

/*
 * Byte by byte: only the bytes that can start what is counted are looked
 * at further ("(", "{", and the lead bytes of 《 ｜ ＃ （), so that the
 * 16 KiB sample costs little before the first screen.
 */
static const unsigned char lead[256] = {
        ['('] = 1, ['{'] = 1, [0xe3] = 1, [0xef] = 1};

enum notation
detect_notation(const char *name, const char *buf, size_t len)
{
	size_t i, aozora = 0, md = 0, zhuyin = 0, pinyin = 0;
	const unsigned char *u = (const unsigned char *)buf;

	if (name != NULL &&
	        (has_suffix(name, ".md") || has_suffix(name, ".markdown")))
		return NOTATION_MARKDOWN;
	/* (HTML is recognised before this, by html_sniff(): see html.h.) */
	if (len > DETECT_SAMPLE)
		len = DETECT_SAMPLE;
	for (i = 0; i < len; i++) {
		while (i < len && !lead[u[i]])
			i++;
		if (i == len)
			break;
		switch (u[i]) {
		case '(':
			paren_group(buf, len, i, 1, &zhuyin, &pinyin);
			break;
		case '{':
			md += (size_t)md_group(buf, len, i);
			break;
		case 0xe3: /* 《 U+300A */
			if (i + 2 < len && u[i + 1] == 0x80 && u[i + 2] == 0x8a)
				aozora++;
			break;
		case 0xef:
			if (i + 2 >= len)
				break;
			if (u[i + 1] == 0xbd && u[i + 2] == 0x9c) /* ｜ */
				aozora++;
			else if (u[i + 1] == 0xbc && u[i + 2] == 0x83 &&
			        i >= 3 && u[i - 3] == 0xef &&
			        u[i - 2] == 0xbc && u[i - 1] == 0xbb) /* ［＃ */
				aozora++;
			else if (u[i + 1] == 0xbc && u[i + 2] == 0x88) /* （ */
				paren_group(buf, len, i, 3, &zhuyin, &pinyin);
			break;
		default:
			break;
		}
	}
	if (aozora > pinyin && aozora >= md && aozora >= zhuyin)
		return NOTATION_AOZORA;
	if (md > pinyin && md >= zhuyin)
		return NOTATION_MARKDOWN;
	if (zhuyin > pinyin)
		return NOTATION_ZHUYIN;
	return NOTATION_PINYIN;
}

int
detect_binary(const char *buf, size_t len)
{
	size_t i, ctl = 0;
	unsigned char c;

	if (memchr(buf, '\0', len) != NULL)
		return 1;
	for (i = 0; i < len && i < 512; i++) {
		c = (unsigned char)buf[i];
		if ((c < 0x20 || c == 0x7f) && c != '\t' && c != '\n' &&
		        c != '\r' && c != '\f' && c != '\v' && c != '\b' &&
		        c != 0x1b)
			ctl++;
	}
	return ctl > 5;
}
