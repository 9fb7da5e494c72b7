// SPDX-License-Identifier: GPL-2.0
/*
 * e82574_ppfail: a test module for the VM test "rxstarve", never shipped
 * (it is built only by scripts/vm/lib-vm.sh, for the guest).
 *
 * While it is loaded, every call of page_pool_alloc_frag() fails: it
 * returns NULL, as it does when memory runs out, without running.  That
 * is fault injection of the kind fail_function offers, which Debian's
 * kernels are built without (no FUNCTION_ERROR_INJECTION), done here with
 * a kprobe at the function's entry: the handler sets the return value and
 * sends the call back to its caller through a function that only returns
 * (the kernel's own override does the same with an assembly stub).  The
 * probe sits at the entry, where the stack holds the caller's return
 * address and nothing else of the function's.
 *
 * Only the interface under test allocates page pool fragments in the
 * tests' guest.  Unloading ends the failures and logs how many calls
 * failed.
 */
#include <linux/atomic.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/ptrace.h>

static atomic_long_t ppfail_calls = ATOMIC_LONG_INIT(0);

/* Where a failed call goes instead of the function: back to its caller. */
static noinline unsigned long ppfail_return(void)
{
	return 0;
}

static int ppfail_pre(struct kprobe *p, struct pt_regs *regs)
{
	atomic_long_inc(&ppfail_calls);
	regs_set_return_value(regs, 0);
	instruction_pointer_set(regs, (unsigned long)ppfail_return);
	/* the IP was changed: the probed instruction is not run */
	return 1;
}

static struct kprobe ppfail_probe = {
	.symbol_name = "page_pool_alloc_frag",
	.pre_handler = ppfail_pre,
};

static int __init ppfail_init(void)
{
	int err = register_kprobe(&ppfail_probe);

	if (err)
		pr_err("e82574_ppfail: cannot probe %s (%d)\n",
		       ppfail_probe.symbol_name, err);
	else
		pr_info("e82574_ppfail: page_pool_alloc_frag() fails from now\n");
	return err;
}

static void __exit ppfail_exit(void)
{
	unregister_kprobe(&ppfail_probe);
	pr_info("e82574_ppfail: page_pool_alloc_frag() failed %ld calls\n",
		atomic_long_read(&ppfail_calls));
}

module_init(ppfail_init);
module_exit(ppfail_exit);
MODULE_DESCRIPTION("e82574 VM tests: page_pool_alloc_frag() fails while loaded");
MODULE_LICENSE("GPL");
