#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run vpshim on emulated PCI hardware: Debian's real 6.1 kernel under QEMU,
# with the edu device and the std VGA, once on the pc machine and once on q35
# behind an emulated Intel IOMMU (where bus addresses differ from physical
# ones). In test mode the host photographs the screen through QMP whenever
# the guest's vpshim-video has drawn (scripts/display_check.py).
#
# Usage: scripts/qemu.sh [test|bench]
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mode=${1:-test}
kver=$(debian_kver)
vmlinuz=$(bash "$VPSHIM_ROOT/scripts/debian-kernel.sh")
build=$(build_modules debian "$(debian_kdir)" W=1)
# The user-space tool runs in a busybox initramfs: static.
tool="$VPSHIM_OUT/vpshim-video"
make -s -C "$VPSHIM_ROOT/tools" O="$VPSHIM_OUT" >"$VPSHIM_OUT/tool-build.log" 2>&1 ||
	{ cat "$VPSHIM_OUT/tool-build.log" >&2; die "vpshim-video build failed"; }

# The initramfs: static busybox, the modules and /init.
root="$VPSHIM_OUT/initramfs"
rm -rf "$root"
mkdir -p "$root"/{bin,proc,sys,dev,modules/drm,lib/firmware/vpshim}
cp /bin/busybox "$root/bin/busybox"
cp "$tool" "$VPSHIM_OUT/vpshim-kms" "$root/bin/"
# Debian's DRM modules the bridge needs, with their load order.
cp "$(dirname "$vmlinuz")/modules-$kver"/* "$root/modules/drm/"
# The administrator's registry file for the Bochs sample (its default mode).
cp "$VPSHIM_ROOT/samples/bochs/vp_bochs.reg" "$root/lib/firmware/vpshim/"
cp "$VPSHIM_ROOT/scripts/guest/init" "$root/init"
chmod +x "$root/init"
cp "$build"/vpshim.ko "$build"/vp_edu.ko "$build"/vp_bochs.ko "$build"/vpshim_bench.ko \
	"$build"/vpshim_drm.ko "$root/modules/"
initrd="$VPSHIM_OUT/initramfs.cpio.gz"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$initrd"

# $1: name, $2: extra kernel arguments, rest: machine arguments. Boots, waits
# for the guest to power off, keeps the log. In test mode the guest's ttyS1
# and QMP are unix sockets display_check.py drives.
run_qemu() {
	local name=$1 extra=$2 logf="$VPSHIM_OUT/qemu-$1-$mode.log" rc=0 sock qpid
	local -a display=() cpus=()
	shift 2
	sock="$VPSHIM_OUT/sock-$name"
	rm -rf "$sock" "$VPSHIM_OUT/screens-$name"
	mkdir -p "$sock" "$VPSHIM_OUT/screens-$name"
	# The benchmark's guests have two CPUs (they run one at a time, on both
	# host cores): the bridge copies on a worker, beside the client drawing,
	# as on any machine with more than one CPU. The test guests have one.
	[ "$mode" = bench ] && cpus=(-smp "${VPSHIM_BENCH_CPUS:-2}" -accel tcg,thread=multi)
	if [ "$mode" = test ]; then
		display=(-qmp "unix:$sock/qmp,server=on,wait=off"
			 -chardev "socket,id=sync,path=$sock/sync,server=on,wait=on"
			 -serial chardev:sync)
	fi
	log "booting Debian $kver on QEMU $name ($mode)"
	timeout 300 qemu-system-x86_64 -display none -monitor none -serial stdio -no-reboot \
		-m "${VPSHIM_QEMU_MEM:-512M}" "${cpus[@]}" -nic none -kernel "$vmlinuz" \
		-initrd "$initrd" "$@" \
		-vga none -device VGA,edid=on -device edu,dma_mask=0xffffffff "${display[@]}" \
		-append "console=ttyS0 panic=-1 oops=panic quiet loglevel=4 logo.nologo consoleblank=0 vpshim_mode=$mode $extra" \
		</dev/null >"$logf" 2>&1 &
	qpid=$!
	if [ "$mode" = test ]; then
		python3 "$VPSHIM_ROOT/scripts/display_check.py" --qmp "$sock/qmp" --sync "$sock/sync" \
			--out "$VPSHIM_OUT/screens-$name" --timeout 290 \
			>"$VPSHIM_OUT/display-$name.log" 2>&1 || true
	fi
	wait "$qpid" || rc=$?
	tr -d '\r' <"$logf" >"$logf.tmp" && mv "$logf.tmp" "$logf"
	echo "$rc" >"$logf.rc"
}

# The Bochs sample's checks in one test run's log. $1: name.
judge_bochs() {
	local name=$1 logf="$VPSHIM_OUT/qemu-$1-test.log" dlog="$VPSHIM_OUT/display-$1.log" c
	for step in "insmod vp_bochs ok" "rmmod vp_bochs ok" "suspend cycle ok" \
		    "device node removed" "vp_bochs reloaded"; do
		check "qemu-$name: bochs $step" grep -q "VPSHIM: $step" "$logf"
	done
	check "qemu-$name: bochs bound with a request device" \
		grep -q 'VPSHIM: vp_bochs bound, /dev/vpshim/0000:' "$logf"
	check "qemu-$name: bochs starts in the registry's default mode (800x600x32)" \
		grep -q 'VPSHIM: startup current: 800x600x32' "$logf"
	check "qemu-$name: registry reads back the file's values and the miniport's" \
		bash -c "grep 'VPSHIM: registry:' '$logf' | grep -q '\"DefaultXResolution\"=dword:00000320' &&
			 grep 'VPSHIM: registry:' '$logf' | grep -q '\"HardwareInformation.ChipType\"=hex:42,00,6f,00'"
	check "qemu-$name: the monitor child carries QEMU's EDID (header and checksum)" \
		python3 -c "
import re, sys
m = re.search(r'children: child 1: Monitor uid 0x[0-9a-f]+ edid ([0-9a-f]{256})', open('$logf').read())
e = bytes.fromhex(m.group(1)) if m else b''
sys.exit(not (e[:8] == bytes.fromhex('00ffffffffffff00') and sum(e) % 256 == 0))"
	check "qemu-$name: bochs lists its modes" grep -q 'VPSHIM: mode [0-9]*: 1024x768x32' "$logf"
	for c in $(grep -o 'vpshim-video: check [a-z0-9-]*' "$logf" | cut -d' ' -f3 | sort -u); do
		check "qemu-$name: vpshim-video $c" grep -q "vpshim-video: check $c: ok" "$logf"
	done
	check "qemu-$name: vpshim-video ran at least 39 request checks" \
		test "$(grep -c 'vpshim-video: check [a-z0-9-]*: ' "$logf")" -ge 39
	check "qemu-$name: unbind during a long request took under 3 s" \
		bash -c "grep -o 'unbind during a request took [0-9]* ms' '$logf' |
			 awk '{ exit !(\$6 < 3000) }'"
	[ "$name" = pc ] && check "qemu-pc: streaming DMA bounced through swiotlb (swiotlb=force)" \
		grep -q 'Command line:.*swiotlb=force' "$logf"
	check "qemu-$name: packet DMA of 20000 unaligned bytes took several rounds" \
		grep -Eq 'edu-dma-unaligned-many-rounds: 20000 bytes at page offset 123 in [4-9] rounds' "$logf"
	for c in 640x480x32 1024x768x32; do
		check "qemu-$name: screen $c drawn through the mapped framebuffer" \
			grep -q "vpshim-video: drew $c" "$logf"
		check "qemu-$name: screenshot of $c matches the pattern pixel by pixel" \
			grep -q "display-check: $c ok" "$dlog"
	done
	check "qemu-$name: power: HwSetPowerState off, then on again" \
		bash -c "grep -q 'vp_bochs: adapter power state 4' '$logf' &&
			 grep -q 'vp_bochs: adapter power state 1' '$logf'"
	check "qemu-$name: the mode survives suspend and resume" \
		grep -q 'VPSHIM: after resume current: 1024x768x32' "$logf"
	check "qemu-$name: HwResetHw runs at power-off" \
		grep -q 'vpshim: HwResetHw reset the adapter for shutdown' "$logf"
}

# The DRM bridge's checks in one test run's log. $1: name.
judge_drm() {
	local name=$1 logf="$VPSHIM_OUT/qemu-$1-test.log" dlog="$VPSHIM_OUT/display-$1.log" c
	for c in "insmod vpshim_drm ok" "drm card0 present" "drm card0 removed at unbind" \
		 "drm card0 back after rebind" "rmmod vpshim_drm ok" \
		 "drm draw through /dev/vpshim refused: busy" "drm suspend cycle ok" \
		 "drm gone: /dev/vpshim sets modes again"; do
		check "qemu-$name: $c" grep -q "VPSHIM: $c" "$logf"
	done
	check "qemu-$name: the bridge reads the miniport's modes, prefers the current one, has its EDID" \
		grep -Eq '\[drm\] [0-9]+ modes of vp_bochs, 800x600 preferred, EDID of the monitor child' "$logf"
	check "qemu-$name: the console moves to the bridge's fbdev at 800x600" \
		grep -Eq 'VPSHIM: drm fb0 vpshim(drmfb)? 800,600' "$logf"
	check "qemu-$name: the connector is connected with the monitor child's EDID" \
		grep -q 'VPSHIM: drm connector connected edid 256 bytes\|VPSHIM: drm connector connected edid 128 bytes' "$logf"
	check "qemu-$name: the connector's modes are the miniport's 32-bpp sizes" python3 -c "
import re, sys
log = open('$logf').read()
mp = set(re.findall(r'VPSHIM: drm miniport mode [0-9]+: ([0-9]+x[0-9]+)x32 ', log))
kms = set(re.findall(r'vpshim-kms: mode ([0-9]+x[0-9]+)', log))
sys.exit(not mp or mp != kms)"
	check "qemu-$name: a read-only request still works while the bridge owns the display" \
		grep -Eq 'VPSHIM: drm read-only request current: [0-9]+x[0-9]+x32' "$logf"
	check "qemu-$name: the connector lists each size once" python3 -c "
import re, sys
kms = re.findall(r'vpshim-kms: mode ([0-9]+x[0-9]+)', open('$logf').read())
sys.exit(not kms or len(kms) != len(set(kms)))"
	for c in kms-640x480-xrgb8888 kms-1024x768-xrgb8888 kms-800x600-xrgb8888 kms-1024x768-rgb565 \
		 kms-1024x768-c8 kms-hold-unbind; do
		check "qemu-$name: vpshim-kms $c" grep -q "vpshim-kms: check $c: ok" "$logf"
	done
	for c in console-800x600x32 words-800x600x32 console2-800x600x32 kms-640x480x32 kms-1024x768x32 \
		 kms-1024x768x32-damage kms-800x600x32 kms-1024x768x16 c8-1024x768x8; do
		check "qemu-$name: screenshot $c matches" grep -q "display-check: $c ok" "$dlog"
	done
	check "qemu-$name: an adapter without a graphics mode is not made a DRM device" \
		grep -q 'vp_edu: no graphics mode the DRM bridge can show' "$logf"
}

# Judge one test run's log. $1: name, $2: 1 if an IOMMU must be translating.
judge() {
	local name=$1 iommu=$2 logf="$VPSHIM_OUT/qemu-$1-test.log"
	judge_edu_boot "qemu-$name" "$logf" cached-to-uncached uncached-to-cached \
		legacy-get-common-buffer 24-bit-adapter interrupt-dma bus-data
	# The sample frees its buffers and puts its adapters in HwInitialize; the
	# device-wide adapter of VideoPortGetCommonBuffer stays until unbind.
	check "qemu-$name: debugfs lists the bound device, holding no common buffer" \
		grep -Eq 'VPSHIM: debugfs /sys/kernel/debug/vpshim/0000:[^/]*/dma: adapter \(VideoPortGetCommonBuffer\): 32-bit, MaximumLength 0, 0 buffers;1 DMA adapters;' "$logf"
	check "qemu-$name: sample reports PASS" grep -q 'vp_edu: DMA round trips PASS, 6 checks passed, 0 failed, 0 skipped' "$logf"
	check "qemu-$name: HwInterrupt connected (MSI)" grep -q 'vpshim: HwInterrupt on IRQ [0-9]* (MSI)' "$logf"
	check "qemu-$name: no leak reported at unbind" bash -c "! grep -q 'leaked\\|never released\\|never put' '$logf'"
	judge_bochs "$name"
	judge_drm "$name"
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

# In the test run the pc machine bounces every streaming DMA mapping through
# swiotlb: packet DMA then only works if CompleteDma syncs for the CPU.
run_qemu pc "$([ "$mode" = test ] && echo swiotlb=force)" -machine pc
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
		# The DRM bridge against the kernel's bochs driver, same run.
		grep -o 'vpshim-kms: bench .*' "$VPSHIM_OUT/qemu-$name-bench.log" | awk '
			function median(list,    a, n, i, j, t) {
				n = split(list, a, " ")
				for (i = 2; i <= n; i++)
					for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) {
						t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
					}
				return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
			}
			{ print }
			/per second$/ { rates[$3] = rates[$3] " " $(NF - 2) }
			END {
				if (rates["vpshim"] && rates["bochs-drm"])
					printf "vpshim-kms: full-screen updates, vpshim_drm / bochs: %.2f (medians of the rounds: %.1f and %.1f per second)\n",
					       median(rates["vpshim"]) / median(rates["bochs-drm"]),
					       median(rates["vpshim"]), median(rates["bochs-drm"])
			}'
	done
	;;
esac
