#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# vpshim on arm64, where CacheEnabled really matters: Debian 12's arm64
# kernel on QEMU's virt machine with the edu device, vpshim and the edu
# sample cross-built, three times:
#   coherent:     the PCIe host bridge is DMA-coherent (QEMU's device tree);
#   noncoherent:  the same device tree without "dma-coherent", so common
#                 buffers must be remapped uncached (Normal-NC);
#   smmuv3:       coherent, behind an SMMUv3: logical addresses are IOVAs.
# The evidence is vpshim's own: its common-buffer tracepoint records, for
# every buffer, the device's coherence, the kernel mapping and the memory
# type the MMU reports (PAR_EL1.ATTR after an AT S1E1R).
#
# Usage: scripts/qemu-arm64.sh
set -euo pipefail
. "$(dirname "$0")/lib.sh"

vmlinuz=$(bash "$VPSHIM_ROOT/scripts/kernels.sh" arm64-image)
busybox=$(bash "$VPSHIM_ROOT/scripts/kernels.sh" arm64-busybox)
kdir=$(bash "$VPSHIM_ROOT/scripts/kernels.sh" list | awk '$1 == "6.1" && $2 == "arm64" { print $3 }')
[ -n "$kdir" ] || die "no arm64 6.1 headers"
build=$(build_modules arm64 "$kdir" W=1 ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-)
make -s -C "$VPSHIM_ROOT/tools" O="$VPSHIM_OUT/arm64-tools" CC=aarch64-linux-gnu-gcc \
	>"$VPSHIM_OUT/arm64-tool-build.log" 2>&1 ||
	{ cat "$VPSHIM_OUT/arm64-tool-build.log" >&2; die "vpshim-video (arm64) build failed"; }

root="$VPSHIM_OUT/initramfs-arm64"
rm -rf "$root"
mkdir -p "$root"/{bin,proc,sys,dev,modules}
cp "$busybox" "$root/bin/busybox"
cp "$VPSHIM_OUT/arm64-tools/vpshim-video" "$root/bin/vpshim-video"
cp "$VPSHIM_ROOT/scripts/guest/init" "$root/init"
chmod +x "$root/init"
cp "$build"/vpshim.ko "$build"/vp_edu.ko "$root/modules/"
initrd="$VPSHIM_OUT/initramfs-arm64.cpio.gz"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$initrd"

machine=virt,gic-version=3
cpu=max,pauth-impdef=on
# QEMU's own device tree, with the PCIe host bridge's dma-coherent removed.
dtb="$VPSHIM_OUT/virt-noncoherent.dtb"
qemu-system-aarch64 -M "$machine,dumpdtb=$dtb" -cpu "$cpu" -m 512M -display none \
	>/dev/null 2>&1 || die "cannot dump QEMU's virt device tree"
pcie=$(fdtget -l "$dtb" / | grep '^pcie@' | head -n1)
fdtput -d "$dtb" "/$pcie" dma-coherent || die "no dma-coherent on /$pcie"

# $1: name, rest: extra QEMU arguments.
run_arm64() {
	local name=$1 logf="$VPSHIM_OUT/qemu-arm64-$1.log" rc=0
	shift
	log "booting Debian's arm64 kernel on QEMU virt ($name)"
	timeout 400 qemu-system-aarch64 -cpu "$cpu" -m 512M -display none -monitor none \
		-serial stdio -no-reboot -nic none -kernel "$vmlinuz" -initrd "$initrd" \
		-device edu,dma_mask=0xffffffff "$@" \
		-append "console=ttyAMA0 panic=-1 oops=panic quiet loglevel=4 vpshim_mode=arm64" \
		</dev/null >"$logf" 2>&1 || rc=$?
	tr -d '\r' <"$logf" >"$logf.tmp" && mv "$logf.tmp" "$logf"
	echo "$rc" >"$logf.rc"
}

run_arm64 coherent -M "$machine"
run_arm64 noncoherent -M "$machine" -dtb "$dtb"
run_arm64 smmuv3 -M "$machine,iommu=smmuv3"

# Every common-buffer record of a run matches $2 (and there are some of
# both CacheEnabled values). $1: log.
buffers_are() {
	python3 - "$1" "$2" <<'PY'
import re, sys
lines = [l for l in open(sys.argv[1], errors="replace").read().splitlines()
         if l.startswith("VPSHIM: buffer ")]
want = re.compile(sys.argv[2])
seen = {l.split("CacheEnabled ")[1][0] for l in lines if "CacheEnabled " in l}
bad = [l for l in lines if not want.search(l)]
for l in bad[:5]:
    print("   unexpected: " + l)
print(f"   {len(lines)} buffers, CacheEnabled values {sorted(seen)}")
sys.exit(0 if lines and not bad and seen == {"0", "1"} else 1)
PY
}

# $1: name, $2: 1 if the 24-bit check must pass (an IOMMU gives the space).
judge_arm64() {
	local name=$1 need24=$2 logf="$VPSHIM_OUT/qemu-arm64-$1.log" c
	judge_edu_boot "arm64-$name" "$logf" cached-to-uncached uncached-to-cached \
		legacy-get-common-buffer interrupt-dma bus-data
	if [ "$need24" = 1 ]; then
		check "arm64-$name: edu sample check 24-bit-adapter (the SMMU gives 24-bit space)" \
			grep -q 'vp_edu: check 24-bit-adapter: ok' "$logf"
		check "arm64-$name: sample reports PASS, nothing skipped" \
			grep -q 'vp_edu: DMA round trips PASS, 6 checks passed, 0 failed, 0 skipped' "$logf"
	else
		check "arm64-$name: 24-bit check skipped with its reason (no RAM below 16 MiB)" \
			grep -q 'vp_edu: check 24-bit-adapter: skip, no 24-bit DMA adapter' "$logf"
		check "arm64-$name: sample reports PASS, the 24-bit check skipped" \
			grep -q 'vp_edu: DMA round trips PASS, 5 checks passed, 0 failed, 1 skipped' "$logf"
	fi
	for c in edu-dma-within-a-page edu-dma-two-pages-aligned edu-dma-unaligned-many-rounds \
		 edu-dma-unmapped-buffer-refused; do
		check "arm64-$name: packet DMA $c" grep -q "vpshim-video: check $c: ok" "$logf"
	done
	check "arm64-$name: no leak reported at unbind" \
		bash -c "! grep -q 'leaked\\|never released\\|never put' '$logf'"
	check "arm64-$name: no BUG, WARNING, Oops or SMMU fault" \
		python3 "$VPSHIM_ROOT/scripts/logcheck.py" "$logf"
}

judge_arm64 coherent 0
check "arm64-coherent: every common buffer is the cached linear map (Normal-WB), either CacheEnabled" \
	buffers_are "$VPSHIM_OUT/qemu-arm64-coherent.log" ': coherent device, linear map, attr 0xff Normal-WB$'
judge_arm64 noncoherent 0
check "arm64-noncoherent: every common buffer is an uncached vmalloc remap (Normal-NC), either CacheEnabled" \
	buffers_are "$VPSHIM_OUT/qemu-arm64-noncoherent.log" ': non-coherent device, vmalloc map, attr 0x44 Normal-NC$'
judge_arm64 smmuv3 1
check "arm64-smmuv3: every common buffer is cached (Normal-WB), either CacheEnabled" \
	buffers_are "$VPSHIM_OUT/qemu-arm64-smmuv3.log" ': coherent device, [a-z]+ map, attr 0xff Normal-WB$'
# RAM on virt starts at 1 GiB (0x40000000, 512 MiB here): a 32-bit IOVA is
# handed out top-down below 4 GiB, far above it.
check "arm64-smmuv3: logical addresses are IOVAs, not physical addresses" \
	bash -c "grep -o 'vp_edu: check cached-to-uncached: ok.*' '$VPSHIM_OUT/qemu-arm64-smmuv3.log' |
		 grep -Eq 'logical 0x[fe][0-9a-f]{7} -> 0x[fe][0-9a-f]{7}'"
check "arm64-coherent: logical addresses are physical RAM addresses (no IOMMU)" \
	bash -c "grep -o 'vp_edu: check cached-to-uncached: ok.*' '$VPSHIM_OUT/qemu-arm64-coherent.log' |
		 grep -Eq 'logical 0x[45][0-9a-f]{7} -> 0x[45][0-9a-f]{7}'"
