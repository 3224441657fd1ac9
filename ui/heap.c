/*
 * heap.c - the reader's heap on transparent huge pages.
 *
 * Why: the first touch of a 4 KiB page costs 10 to 25 us on the virtual
 * machines rubi is measured on (256 pages: 2.7 ms; /proc/vmstat and a
 * page-fault profile of the first screen agree), and the first screen
 * touches some 300 fresh heap pages: ncurses' three screens (400 KB for
 * 120x40), the frame, the file window, the layout. One 2 MiB huge page
 * costs about 0.2 ms, once. glibc can do this itself
 * (GLIBC_TUNABLES=glibc.malloc.hugetlb=1), but only from the environment
 * and without aligning the heap, so most of the first 2 MiB would still
 * be small pages.
 *
 * How: the heap is made to grow 8 MiB at a time (M_TOP_PAD), so the
 * next growth maps a range with at least one aligned 2 MiB stretch that
 * nothing has touched; that stretch is madvise()d MADV_HUGEPAGE, and the
 * part of the heap below it is taken by one block that is never touched
 * or freed (no resident memory), so the allocations that follow start on
 * the huge page. Only one: what a first screen takes from the heap fits
 * (the parse memo is mapped apart), and each huge page is 2 MiB more to
 * zero and to keep; past it the heap has small pages again. A first
 * screen's time varied more with two.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "heap.h"

#if defined(__linux__) && defined(__GLIBC__) && defined(MADV_HUGEPAGE) &&      \
        defined(M_TOP_PAD)
static void *volatile below;
#endif

void
heap_prefer_huge_pages(void)
{
#if defined(__linux__) && defined(__GLIBC__) && defined(MADV_HUGEPAGE) &&      \
        defined(M_TOP_PAD)
	const uintptr_t huge = (uintptr_t)2 << 20, grow = (uintptr_t)256 << 10;
	uintptr_t lo, a, end;
	void *p;

	/* Blocks up to 4 MiB from the heap while it is set up, and the
	 * heap grown and trimmed 8 MiB at a time from now on. */
	if (mallopt(M_MMAP_THRESHOLD, 4 << 20) != 1 ||
	        mallopt(M_TOP_PAD, 8 << 20) != 1)
		return;
	/* A block larger than what is left at the top of the heap: it
	 * starts there, and the heap grows past it by M_TOP_PAD. */
	p = malloc(grow);
	if (p == NULL)
		goto out;
	lo = (uintptr_t)p;
	free(p);
	end = (uintptr_t)sbrk(0);
	/* Not glibc's heap (a sanitizer's or valgrind's allocator): leave
	 * it alone. */
	if (lo >= end || end - lo > ((uintptr_t)16 << 20))
		goto out;
	/* The first aligned 2 MiB past the page malloc wrote behind the
	 * block (its top chunk header). */
	a = (lo + grow + huge) & ~(huge - 1);
	if (a + huge > end)
		goto out;
	if (madvise((void *)a, (size_t)huge, MADV_HUGEPAGE) != 0)
		goto out;
	/* Everything below that page, taken once and never touched (held
	 * in a volatile: a malloc() whose result is not used is removed). */
	below = malloc((size_t)(a - lo) - 4096);
out:
	/* The file window and ncurses' screens come from the heap (and the
	 * huge page); bigger blocks are mapped by themselves, as usual. */
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}
