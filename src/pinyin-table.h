/*
 * pinyin-table.h: the canonical toneless Hanyu Pinyin syllables, sorted by
 * byte value (strcmp order) for a binary search. Private to pinyin.c.
 *
 * Spelling: lower-case ASCII, ü written 'v' ("lv", "lve", "lvn", "nv",
 * "nve"). ê (the interjection 欸) is written "e^": ASCII, one spelling,
 * never produced by any other pinyin, and it sorts between "e" and "ei".
 * pinyin_format() prints it as "ê".
 *
 * 430 entries: the 417 syllables of tsroten/dragonmapper
 * src/dragonmapper/data/transcriptions.csv, commit
 * bf0034e0f09b1bbe46a6c8dcf32a35dcd92b9f86 (first column, ü -> v), plus the
 * readings Unihan 15.0 (kMandarin, kHanyuPinyin) has and that list lacks:
 * n ng m hm hng ê wong biang len rua fiao cei din. Generated once with
 *
 *   { tail -n +2 transcriptions.csv | cut -d, -f1 | sed 's/ü/v/g';
 *     printf '%s\n' n ng m hm hng 'e^' wong biang len rua fiao cei din; } |
 *   LC_ALL=C sort -u
 *
 * The dragonmapper data is used under the MIT licence:
 *
 * Copyright (c) 2014 Thomas Roten
 *
 * Permission is hereby granted, free of charge, to any person obtaining a
 * copy of this software and associated documentation files (the
 * "Software"), to deal in the Software without restriction, including
 * without limitation the rights to use, copy, modify, merge, publish,
 * distribute, sublicense, and/or sell copies of the Software, and to permit
 * persons to whom the Software is furnished to do so, subject to the
 * following conditions:
 *
 * The above copyright notice and this permission notice shall be included
 * in all copies or substantial portions of the Software.
 *
 * THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS
 * OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
 * MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN
 * NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
 * DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
 * OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE
 * USE OR OTHER DEALINGS IN THE SOFTWARE.
 */
#ifndef RUBI_PINYIN_TABLE_H
#define RUBI_PINYIN_TABLE_H

#include "pinyin.h"

/* Packed by hand with tabs; clang-format would pad with spaces. */
/* clang-format off */
static const char pinyin_table[][PINYIN_SYL_MAX] = {
	"a", "ai", "an", "ang", "ao", "ba", "bai", "ban", "bang", "bao", "bei",
	"ben", "beng", "bi", "bian", "biang", "biao", "bie", "bin", "bing",
	"bo", "bu", "ca", "cai", "can", "cang", "cao", "ce", "cei", "cen",
	"ceng", "cha", "chai", "chan", "chang", "chao", "che", "chen", "cheng",
	"chi", "chong", "chou", "chu", "chua", "chuai", "chuan", "chuang",
	"chui", "chun", "chuo", "ci", "cong", "cou", "cu", "cuan", "cui", "cun",
	"cuo", "da", "dai", "dan", "dang", "dao", "de", "dei", "den", "deng",
	"di", "dia", "dian", "diang", "diao", "die", "din", "ding", "diu",
	"dong", "dou", "du", "duan", "dui", "dun", "duo", "e", "e^", "ei", "en",
	"eng", "er", "fa", "fan", "fang", "fei", "fen", "feng", "fiao", "fo",
	"fou", "fu", "ga", "gai", "gan", "gang", "gao", "ge", "gei", "gen",
	"geng", "gong", "gou", "gu", "gua", "guai", "guan", "guang", "gui",
	"gun", "guo", "ha", "hai", "han", "hang", "hao", "he", "hei", "hen",
	"heng", "hm", "hng", "hong", "hou", "hu", "hua", "huai", "huan",
	"huang", "hui", "hun", "huo", "ji", "jia", "jian", "jiang", "jiao",
	"jie", "jin", "jing", "jiong", "jiu", "ju", "juan", "jue", "jun", "ka",
	"kai", "kan", "kang", "kao", "ke", "kei", "ken", "keng", "kong", "kou",
	"ku", "kua", "kuai", "kuan", "kuang", "kui", "kun", "kuo", "la", "lai",
	"lan", "lang", "lao", "le", "lei", "len", "leng", "li", "lia", "lian",
	"liang", "liao", "lie", "lin", "ling", "liu", "lo", "long", "lou", "lu",
	"luan", "lun", "luo", "lv", "lve", "lvn", "m", "ma", "mai", "man",
	"mang", "mao", "me", "mei", "men", "meng", "mi", "mian", "miao", "mie",
	"min", "ming", "miu", "mo", "mou", "mu", "n", "na", "nai", "nan",
	"nang", "nao", "ne", "nei", "nen", "neng", "ng", "ni", "nia", "nian",
	"niang", "niao", "nie", "nin", "ning", "niu", "nong", "nou", "nu",
	"nuan", "nun", "nuo", "nv", "nve", "o", "ou", "pa", "pai", "pan",
	"pang", "pao", "pei", "pen", "peng", "pi", "pian", "piao", "pie", "pin",
	"ping", "po", "pou", "pu", "qi", "qia", "qian", "qiang", "qiao", "qie",
	"qin", "qing", "qiong", "qiu", "qu", "quan", "que", "qun", "r", "ran",
	"rang", "rao", "re", "ren", "reng", "ri", "rong", "rou", "ru", "rua",
	"ruan", "rui", "run", "ruo", "sa", "sai", "san", "sang", "sao", "se",
	"sei", "sen", "seng", "sha", "shai", "shan", "shang", "shao", "she",
	"shei", "shen", "sheng", "shi", "shong", "shou", "shu", "shua", "shuai",
	"shuan", "shuang", "shui", "shun", "shuo", "si", "song", "sou", "su",
	"suan", "sui", "sun", "suo", "ta", "tai", "tan", "tang", "tao", "te",
	"tei", "teng", "ti", "tian", "tiao", "tie", "ting", "tong", "tou", "tu",
	"tuan", "tui", "tun", "tuo", "wa", "wai", "wan", "wang", "wei", "wen",
	"weng", "wo", "wong", "wu", "xi", "xia", "xian", "xiang", "xiao", "xie",
	"xin", "xing", "xiong", "xiu", "xu", "xuan", "xue", "xun", "ya", "yan",
	"yang", "yao", "ye", "yi", "yin", "ying", "yo", "yong", "you", "yu",
	"yuan", "yue", "yun", "za", "zai", "zan", "zang", "zao", "ze", "zei",
	"zen", "zeng", "zha", "zhai", "zhan", "zhang", "zhao", "zhe", "zhei",
	"zhen", "zheng", "zhi", "zhong", "zhou", "zhu", "zhua", "zhuai",
	"zhuan", "zhuang", "zhui", "zhun", "zhuo", "zi", "zong", "zou", "zu",
	"zuan", "zui", "zun", "zuo",
};
/* clang-format on */

#define PINYIN_TABLE_LEN (sizeof(pinyin_table) / sizeof(pinyin_table[0]))

#endif
