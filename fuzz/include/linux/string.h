/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for <linux/string.h>: the C library's mem and str
 * functions, plus strscpy() with the kernel's contract (always
 * terminated, -E2BIG on truncation).
 */
#ifndef _FUZZ_LINUX_STRING_H
#define _FUZZ_LINUX_STRING_H

#include <string.h>
#include <sys/types.h>

#include <linux/errno.h>

static inline ssize_t strscpy(char *dst, const char *src, size_t size)
{
	size_t len;

	if (!size)
		return -E2BIG;
	len = strnlen(src, size);
	if (len == size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dst, src, len + 1);
	return len;
}

#endif /* _FUZZ_LINUX_STRING_H */
