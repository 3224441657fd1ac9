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

enum notation
detect_notation(const char *name, const char *buf, size_t len)
{
	size_t i = 0, aozora = 0, md = 0, zhuyin = 0, pinyin = 0;
	uint32_t cp, prev = 0, next;
	int k, kn;

	if (name != NULL &&
	        (has_suffix(name, ".md") || has_suffix(name, ".markdown")))
		return NOTATION_MARKDOWN;
	/* (HTML is recognised before this, by html_sniff(): see html.h.) */
	if (len > DETECT_SAMPLE)
		len = DETECT_SAMPLE;
	while (i < len) {
		k = utf8_next(buf + i, len - i, &cp);
		if (k <= 0) {
			i++;
			prev = 0;
			continue;
		}
		if (cp == 0x300a || cp == 0xff5c) /* 《 ｜ */
			aozora++;
		else if (cp == 0xff03 && prev == 0xff3b) /* ［＃ */
			aozora++;
		else if (cp == '{' && md_group(buf, len, i))
			md++;
		else if ((cp == '(' || cp == 0xff08) && utf8_is_han(prev) &&
		        i + (size_t)k < len) {
			kn = utf8_next(buf + i + k, len - i - (size_t)k, &next);
			if (kn > 0 && is_bopomofo(next))
				zhuyin++;
			else if (kn > 0 && is_latin(next))
				pinyin++;
		}
		prev = cp;
		i += (size_t)k;
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
