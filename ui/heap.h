/*
 * heap.h - where the reader's memory comes from.
 */
#ifndef RUBI_HEAP_H
#define RUBI_HEAP_H

/*
 * Ask for the heap to be backed by transparent huge pages, where the
 * system allows it (Linux, glibc, THP "madvise" or "always"); does nothing
 * elsewhere, and nothing under a replacement allocator (sanitizers,
 * valgrind). Call once, early, before the big allocations.
 */
void heap_prefer_huge_pages(void);

#endif
