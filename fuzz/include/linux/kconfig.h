/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the kernel's Kconfig helpers, force-included by
 * fuzz/Makefile.  Only the preprocessor use "#if IS_ENABLED(CONFIG_FOO)"
 * is supported: an undefined CONFIG_FOO reads as 0 there, and the Makefile
 * defines the options the harnesses need as 1.
 */
#ifndef _FUZZ_LINUX_KCONFIG_H
#define _FUZZ_LINUX_KCONFIG_H

#define IS_ENABLED(option)	(option)
#define IS_BUILTIN(option)	(option)
#define IS_REACHABLE(option)	(option)

#endif /* _FUZZ_LINUX_KCONFIG_H */
