# SPDX-License-Identifier: GPL-2.0
#
# Out-of-tree build of vpshim. KDIR defaults to the running kernel's build
# tree; pass KDIR=/usr/src/linux-headers-<version> for another one.

KDIR ?= /lib/modules/$(shell uname -r)/build
MAKEFLAGS += --no-print-directory

all: modules

modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

modules_install:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install

# Warnings (W=1) and sparse (C=2) on every source, from scratch.
check:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=1 C=2 modules

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean

# What a miniport kept outside this tree builds against (see
# Documentation/porting.rst): the Windows headers, the Linux glue header, and
# for the kernel of KDIR the probed compatibility header and Module.symvers,
# under $(DESTDIR)$(PREFIX)/src/vpshim-<version>/.
PREFIX ?= /usr
VPSHIM_VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' $(CURDIR)/dkms.conf)
VPSHIM_DEVDIR = $(DESTDIR)$(PREFIX)/src/vpshim-$(VPSHIM_VERSION)
KERNELRELEASE_OF_KDIR = $(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"/\1/p' \
	$(KDIR)/include/generated/utsrelease.h)

install-dev:
	@test -f Module.symvers -a -f vpshim/compat/probed.h || \
		{ echo "install-dev: build first (make KDIR=$(KDIR))" >&2; exit 1; }
	install -d $(VPSHIM_DEVDIR)/include/uapi $(VPSHIM_DEVDIR)/linux \
		$(VPSHIM_DEVDIR)/$(KERNELRELEASE_OF_KDIR)/compat
	install -m 644 include/*.h $(VPSHIM_DEVDIR)/include/
	install -m 644 include/uapi/*.h $(VPSHIM_DEVDIR)/include/uapi/
	install -m 644 vpshim/vpshim_miniport.h vpshim/compat.h $(VPSHIM_DEVDIR)/linux/
	install -m 644 scripts/vpshim.mk $(VPSHIM_DEVDIR)/
	install -m 644 vpshim/compat/probed.h $(VPSHIM_DEVDIR)/$(KERNELRELEASE_OF_KDIR)/compat/
	install -m 644 Module.symvers $(VPSHIM_DEVDIR)/$(KERNELRELEASE_OF_KDIR)/

install: modules modules_install
	$(MAKE) install-dev

# The README's two commands, and the benchmark.
test:
	bash scripts/test.sh

demo:
	bash scripts/demo.sh

bench:
	bash scripts/bench.sh

# The fuzzer under QEMU for longer than CI's minute: make soak SECONDS=3600
# fuzzes that long on each machine (pc, q35 with an IOMMU) and prints the counts.
soak:
	$(if $(SECONDS),VPSHIM_FUZZ_SECONDS=$(SECONDS)) bash scripts/fuzz.sh

.PHONY: all modules modules_install check clean install install-dev test demo bench soak
