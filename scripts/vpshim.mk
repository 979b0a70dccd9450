# SPDX-License-Identifier: GPL-2.0
#
# vpshim.mk - include from the Kbuild of a miniport kept outside vpshim's
# tree, after `make install-dev` (or DKMS) installed vpshim for the kernel
# being built against:
#
#	VPSHIM_DIR ?= /usr/src/vpshim-<version>
#	include $(VPSHIM_DIR)/vpshim.mk
#	obj-m += vp_mydrv.o
#	vp_mydrv-y := mydrv.o mydrv_glue.o
#
# It adds the Windows headers (include/), the Linux glue header
# (vpshim_miniport.h) and what was probed for this kernel, and hands
# modpost vpshim's Module.symvers so that the VideoPort calls resolve.

VPSHIM_KERNELRELEASE := $(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"/\1/p' \
	$(objtree)/include/generated/utsrelease.h)
VPSHIM_KDIR := $(VPSHIM_DIR)/$(VPSHIM_KERNELRELEASE)

ifeq ($(wildcard $(VPSHIM_KDIR)/Module.symvers),)
$(error vpshim is not installed for $(VPSHIM_KERNELRELEASE) under $(VPSHIM_DIR): run make install-dev KDIR=... in vpshim's tree)
endif

ccflags-y += -I$(VPSHIM_DIR)/include -I$(VPSHIM_DIR)/linux -I$(VPSHIM_KDIR)
# Idioms of DDK sources GCC warns about by default: pool tags written as
# multi-character constants ('Xpvd') and register tables initialised flat.
ccflags-y += -Wno-multichar -Wno-missing-braces
KBUILD_EXTRA_SYMBOLS += $(VPSHIM_KDIR)/Module.symvers
