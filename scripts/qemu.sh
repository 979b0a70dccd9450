#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run vpshim on emulated PCI hardware: Debian's real 6.1 kernel under QEMU,
# with the edu device, once on the pc machine and once on q35 behind an
# emulated Intel IOMMU (where bus addresses differ from physical ones).
#
# Usage: scripts/qemu.sh [test|bench]
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mode=${1:-test}
kver=$(debian_kver)
vmlinuz=$(bash "$VPSHIM_ROOT/scripts/debian-kernel.sh")
build=$(build_modules debian "$(debian_kdir)" W=1)

# The initramfs: static busybox, the modules and /init.
root="$VPSHIM_OUT/initramfs"
rm -rf "$root"
mkdir -p "$root"/{bin,proc,sys,dev,modules}
cp /bin/busybox "$root/bin/busybox"
cp "$VPSHIM_ROOT/scripts/guest/init" "$root/init"
chmod +x "$root/init"
cp "$build"/vpshim.ko "$build"/vp_edu.ko "$build"/vpshim_bench.ko "$root/modules/"
initrd="$VPSHIM_OUT/initramfs.cpio.gz"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$initrd"

# $1: name, $2: extra kernel arguments, rest: machine arguments. Boots, waits
# for the guest to power off, keeps the log.
run_qemu() {
	local name=$1 extra=$2 logf="$VPSHIM_OUT/qemu-$1-$mode.log" rc=0
	shift 2
	log "booting Debian $kver on QEMU $name ($mode)"
	timeout 300 qemu-system-x86_64 -nographic -no-reboot -m "${VPSHIM_QEMU_MEM:-512M}" \
		-nic none -kernel "$vmlinuz" -initrd "$initrd" "$@" \
		-device edu,dma_mask=0xffffffff \
		-append "console=ttyS0 panic=-1 oops=panic quiet loglevel=4 vpshim_mode=$mode $extra" \
		</dev/null >"$logf" 2>&1 || rc=$?
	tr -d '\r' <"$logf" >"$logf.tmp" && mv "$logf.tmp" "$logf"
	echo "$rc" >"$logf.rc"
}

# Judge one test run's log. $1: name, $2: 1 if an IOMMU must be translating.
judge() {
	local name=$1 iommu=$2 logf="$VPSHIM_OUT/qemu-$1-test.log" c
	check "qemu-$name: QEMU exited cleanly" test "$(cat "$logf.rc")" = 0
	check "qemu-$name: kernel log captured" grep -q 'VPSHIM-DMESG-END' "$logf"
	for step in "insmod vpshim ok" "insmod vp_edu ok" "vp_edu bound" "rmmod vp_edu ok" \
		    "rmmod vpshim ok"; do
		check "qemu-$name: $step" grep -q "VPSHIM: $step" "$logf"
	done
	for c in cached-to-uncached uncached-to-cached legacy-get-common-buffer 24-bit-adapter \
		 interrupt-dma bus-data; do
		check "qemu-$name: edu sample check $c" grep -q "vp_edu: check $c: ok" "$logf"
	done
	# The sample frees its buffers and puts its adapters in HwInitialize; the
	# device-wide adapter of VideoPortGetCommonBuffer stays until unbind.
	check "qemu-$name: debugfs lists the bound device, holding no common buffer" \
		grep -Eq 'VPSHIM: debugfs /sys/kernel/debug/vpshim/0000:[^/]*/dma: adapter \(VideoPortGetCommonBuffer\): 32-bit, MaximumLength 0, 0 buffers;1 DMA adapters;' "$logf"
	check "qemu-$name: sample reports PASS" grep -q 'vp_edu: DMA round trips PASS, 6 checks' "$logf"
	check "qemu-$name: HwInterrupt connected (MSI)" grep -q 'vpshim: HwInterrupt on IRQ [0-9]* (MSI)' "$logf"
	check "qemu-$name: no leak reported at unbind" bash -c "! grep -q 'leaked\\|never released\\|never put' '$logf'"
	check "qemu-$name: no BUG, WARNING, Oops or DMAR fault" \
		python3 "$VPSHIM_ROOT/scripts/logcheck.py" "$logf"
	if [ "$iommu" = 1 ]; then
		local bdf
		bdf=$(grep -oE 'vp_edu 0000:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]' "$logf" | head -n1 | cut -d' ' -f2)
		check "qemu-$name: edu device ($bdf) is behind the IOMMU" \
			grep -q "pci ${bdf:-none}: Adding to iommu group" "$logf"
		# A 32-bit IOVA is handed out top-down below 4 GiB, far above this
		# guest's RAM: a logical address there cannot be a physical one.
		check "qemu-$name: logical addresses are IOVAs, not physical addresses" \
			bash -c "grep -o 'vp_edu: check cached-to-uncached: ok.*' '$logf' |
				 grep -Eq 'logical 0x[fe][0-9a-f]{7} -> 0x[fe][0-9a-f]{7}'"
	fi
}

run_qemu pc "" -machine pc
run_qemu q35-iommu "intel_iommu=on" -machine q35 -device intel-iommu,intremap=on

case "$mode" in
test)
	judge pc 0
	judge q35-iommu 1
	;;
bench)
	for name in pc q35-iommu; do
		echo "== QEMU $name (Debian $kver)"
		grep -o 'vpshim-bench: .*' "$VPSHIM_OUT/qemu-$name-bench.log" || true
	done
	;;
esac
