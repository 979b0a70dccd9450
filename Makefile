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

.PHONY: all modules modules_install check clean test demo bench soak
