/* SPDX-License-Identifier: GPL-2.0 */
/*
 * string.h - the C library's memory and string functions, for miniport source.
 *
 * Part of vpshim's Windows-facing headers. A hosted user-space build (the
 * tools) gets the C library's header. A miniport in the kernel build, or
 * any freestanding build, gets declarations of the functions Linux exports
 * under the same names and with C's semantics; strncpy, which Linux 7.x no
 * longer exports, and wcslen, which Linux never had, are defined here.
 * Linux code includes <linux/string.h>, never this.
 */
#if !defined(__KERNEL__) && __STDC_HOSTED__
#include_next <string.h>
#elif !defined(_VPSHIM_STRING_H_)
#define _VPSHIM_STRING_H_

#include <stddef.h>

void *memcpy(void *dest, const void *src, size_t count);
void *memmove(void *dest, const void *src, size_t count);
void *memset(void *s, int c, size_t count);
int memcmp(const void *s1, const void *s2, size_t count);
void *memchr(const void *s, int c, size_t count);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t count);
int strcmp(const char *s1, const char *s2);
int strncmp(const char *s1, const char *s2, size_t count);
char *strcpy(char *dest, const char *src);
char *strcat(char *dest, const char *src);
char *strncat(char *dest, const char *src, size_t count);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);

/* C's strncpy: at most count characters, the rest of dest zero-filled. */
static inline char *strncpy(char *dest, const char *src, size_t count)
{
	size_t i;

	for (i = 0; i < count && src[i]; i++)
		dest[i] = src[i];
	for (; i < count; i++)
		dest[i] = '\0';
	return dest;
}

/* Characters before the terminating L'\0' (wchar_t is 16 bits here). */
static inline size_t wcslen(const wchar_t *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

#endif
