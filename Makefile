# SPDX-License-Identifier: GPL-2.0
#
# User-facing wrapper.  kbuild itself reads ./Kbuild.
#
#   make                      build against the running kernel (or KDIR=)
#   make KVER=6.12.x+deb12-amd64
#   make check                W=1, sparse C=2 on four kernels, checkpatch, kernel-doc
#   make test                 every test: checks, KUnit, VM (same as .ci/run)
#   make kunit                the KUnit suites only
#   make vm-test              the VM suite only (KVER=d13-bpo E82574_QEMU=10 ...)
#   make dkms-install KVER=   stage into /usr/src and dkms add/build/install
#   make demo                 the main job: boot, install, configure, traffic
#   make bench                benchmarks (print figures)
#   make selftests            the kernel's drivers/net selftests in a guest
#   make test-debug           the VM suite and the soak on the debug kernel
#                             (KASAN, lockdep, kmemleak; hours, not in test)
#   make fuzz                 libFuzzer+ASan+UBSan on the pure cores, 60 s per
#                             target (FUZZ_SECONDS=, FUZZ_RUNS=; see fuzz/)

KVER ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KVER)/build
PWD := $(shell pwd)
PACKAGE_VERSION := $(shell cat $(PWD)/VERSION)

.PHONY: all modules clean install check test kunit vm-test dkms-install \
	dkms-remove demo bench setup fuzz selftests test-debug

all: modules

modules:
	$(MAKE) -C $(KDIR) M=$(PWD) modules

clean:
	$(MAKE) -C $(KDIR) M=$(PWD) clean

install: modules
	$(MAKE) -C $(KDIR) M=$(PWD) INSTALL_MOD_DIR=updates modules_install
	depmod -a $(KVER)

setup:
	scripts/setup-host.sh

check:
	scripts/check.sh

kunit:
	scripts/kunit.sh

vm-test:
	scripts/vm-test.sh

test:
	scripts/test-all.sh

test-debug:
	scripts/test-debug.sh

dkms-install:
	scripts/dkms-install.sh $(KVER)

dkms-remove:
	scripts/dkms-install.sh --remove

demo:
	scripts/demo.sh

bench:
	scripts/bench.sh

selftests:
	scripts/selftests.sh

fuzz:
	$(MAKE) -C fuzz run
