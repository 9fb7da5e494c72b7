/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: the compiler attributes the e82574 cores use. */
#ifndef _FUZZ_LINUX_COMPILER_H
#define _FUZZ_LINUX_COMPILER_H

#define __printf(a, b)		__attribute__((format(printf, a, b)))
#define __always_unused		__attribute__((unused))
#define __maybe_unused		__attribute__((unused))
#define __must_check		__attribute__((warn_unused_result))
#define __pure			__attribute__((pure))
#define noinline		__attribute__((noinline))
#define fallthrough		__attribute__((fallthrough))

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)

#define BUILD_BUG_ON(cond)	_Static_assert(!(cond), "BUILD_BUG_ON: " #cond)

#endif /* _FUZZ_LINUX_COMPILER_H */
