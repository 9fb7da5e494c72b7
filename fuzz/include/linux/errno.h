/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for <linux/errno.h>: the UAPI numbers (EINVAL,
 * EADDRNOTAVAIL, ...) are the kernel's.  glibc includes this header too.
 */
#ifndef _FUZZ_LINUX_ERRNO_H
#define _FUZZ_LINUX_ERRNO_H

#include_next <linux/errno.h>

#endif /* _FUZZ_LINUX_ERRNO_H */
