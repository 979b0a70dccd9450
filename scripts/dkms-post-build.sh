#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# dkms POST_BUILD (dkms.conf): once vpshim is built for a kernel, install what
# a miniport kept outside vpshim's tree builds against for that kernel
# (make install-dev: headers, vpshim.mk, the probed compatibility header and
# Module.symvers under /usr/src/vpshim-<version>/). VPSHIM_DEVROOT, when
# set, is the DESTDIR (the test command uses a private one).
# Arguments: the kernel release and its build directory.
set -e
exec make install-dev KDIR="$2" DESTDIR="${VPSHIM_DEVROOT:-}"
