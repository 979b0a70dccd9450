#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Fuzz vpshim's request device on Debian's real 6.1 kernel under QEMU, once
# on the pc machine (streaming DMA bounced through swiotlb) and once on q35
# behind an emulated Intel IOMMU, each with the edu device and the std VGA.
# In each guest (scripts/guest/fuzz-init) vpshim-fuzz runs against both
# samples at once with fixed seeds while the shell unbinds and rebinds the
# devices and unloads vp_edu once under it.
#
# The judge: each fuzzer ran, printed its summary with operations done and
# exited 0 (no "vpshim-fuzz: CONTRACT", no internal error); the devices came
# back after every unbind; everything unloaded at the end; QEMU exited
# cleanly; and the kernel log holds no report (scripts/logcheck.py: BUG,
# WARNING, Oops, stuck tasks, x86 PAT complaints, list or refcount
# corruption, lockups and RCU stalls, leaks). The operation counts are
# printed per machine.
#
# Usage: scripts/fuzz.sh
#   VPSHIM_FUZZ_SECONDS   fuzzing time per machine (default 60: about four
#                         minutes for both on two cores); make soak SECONDS=N
#   VPSHIM_FUZZ_SEED      the edu fuzzer's seed, the Bochs one's is the next
#                         (default 1)
#   VPSHIM_FUZZ_MACHINES  which machines (default "pc q35-iommu")
#   VPSHIM_FUZZ_SMP       vCPUs per guest (default 1, as scripts/qemu.sh). 2 lets
#                         the fuzzer's threads race on two CPUs, but needs a host
#                         with cores to spare: on two host cores QEMU's main loop,
#                         which completes the edu device's transfers, starves and
#                         the edu sample's own self-checks fail
set -euo pipefail
results_given=${VPSHIM_RESULTS:-}
. "$(dirname "$0")/lib.sh"
# On its own, its checks are counted on their own (test.sh exports its file).
if [ -z "$results_given" ]; then
	export VPSHIM_RESULTS="$VPSHIM_OUT/fuzz-results"
	: >"$VPSHIM_RESULTS"
fi

secs=${VPSHIM_FUZZ_SECONDS:-60}
seed=${VPSHIM_FUZZ_SEED:-1}
smp=${VPSHIM_FUZZ_SMP:-1}
[[ "$secs" =~ ^[0-9]+$ ]] && [ "$secs" -ge 10 ] || die "VPSHIM_FUZZ_SECONDS must be 10 or more"
[[ "$seed" =~ ^[0-9]+$ ]] || die "VPSHIM_FUZZ_SEED must be a number"
[[ "$smp" =~ ^[1-9][0-9]*$ ]] || die "VPSHIM_FUZZ_SMP must be a number of vCPUs"
t_start=$(date +%s)
kver=$(debian_kver)
vmlinuz=$(bash "$VPSHIM_ROOT/scripts/debian-kernel.sh")
build=$(build_modules fuzz "$(debian_kdir)")
tools="$VPSHIM_OUT/fuzz-tools"
make -s -C "$VPSHIM_ROOT/tools" O="$tools" "$tools/vpshim-fuzz" >"$VPSHIM_OUT/fuzz-tool-build.log" 2>&1 ||
	{ cat "$VPSHIM_OUT/fuzz-tool-build.log" >&2; die "vpshim-fuzz build failed"; }

# The initramfs: static busybox, the fuzzer, the modules and /init.
root="$VPSHIM_OUT/initramfs-fuzz"
rm -rf "$root"
mkdir -p "$root"/{bin,proc,sys,dev,modules,lib/firmware/vpshim}
cp /bin/busybox "$root/bin/busybox"
cp "$tools/vpshim-fuzz" "$root/bin/vpshim-fuzz"
cp "$VPSHIM_ROOT/samples/bochs/vp_bochs.reg" "$root/lib/firmware/vpshim/"
cp "$VPSHIM_ROOT/scripts/guest/fuzz-init" "$root/init"
chmod +x "$root/init"
cp "$build"/vpshim.ko "$build"/vp_edu.ko "$build"/vp_bochs.ko "$root/modules/"
initrd="$VPSHIM_OUT/initramfs-fuzz.cpio.gz"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$initrd"

# $1: name, $2: extra kernel arguments, rest: machine arguments. Boots, waits
# for the guest to power off, keeps the log and the wall time. The kernel
# log is big enough to keep every message of the run for the dump at the
# end, and warnings reach the console as they happen (loglevel=5): a guest
# that locks up never gets to that dump.
run_qemu() {
	local name=$1 extra=$2 logf="$VPSHIM_OUT/fuzz-$1.log" rc=0 t0
	shift 2
	log "fuzzing Debian $kver on QEMU $name ($smp vCPU) for $secs s"
	t0=$(date +%s)
	timeout $((secs + 150)) qemu-system-x86_64 -display none -monitor none -serial stdio \
		-no-reboot -smp "$smp" -m "${VPSHIM_QEMU_MEM:-512M}" -nic none \
		-kernel "$vmlinuz" -initrd "$initrd" "$@" \
		-vga none -device VGA,edid=on -device edu,dma_mask=0xffffffff \
		-append "console=ttyS0 panic=-1 oops=panic quiet loglevel=5 log_buf_len=8M vpshim_fuzz_seconds=$secs vpshim_fuzz_seed=$seed $extra" \
		</dev/null >"$logf" 2>&1 || rc=$?
	tr -d '\r' <"$logf" >"$logf.tmp" && mv "$logf.tmp" "$logf"
	echo "$rc" >"$logf.rc"
	echo $(($(date +%s) - t0)) >"$logf.time"
}

# Judge one run. $1: name.
judge() {
	local name=$1 logf="$VPSHIM_OUT/fuzz-$1.log" dev s
	check "fuzz-$name: QEMU exited cleanly" test "$(cat "$logf.rc")" = 0
	check "fuzz-$name: kernel log captured" grep -q 'VPSHIM-DMESG-END' "$logf"
	for m in vpshim vp_edu vp_bochs; do
		check "fuzz-$name: insmod $m" grep -q "VPSHIM: insmod $m ok" "$logf"
	done
	for dev in edu bochs; do
		s=$seed
		[ "$dev" = bochs ] && s=$((seed + 1))
		check "fuzz-$name: the $dev fuzzer (seed $s) printed its summary with operations done" \
			grep -Eq "vpshim-fuzz: seed $s: [1-9][0-9]* operations" "$logf"
		check "fuzz-$name: the $dev fuzzer exited 0" grep -q "VPSHIM: fuzz $dev exit 0" "$logf"
	done
	check "fuzz-$name: no contract break (vpshim-fuzz: CONTRACT)" \
		bash -c "! grep -q 'vpshim-fuzz: CONTRACT' '$logf'"
	check "fuzz-$name: no internal error of the fuzzer" \
		bash -c "! grep -q 'vpshim-fuzz: INTERNAL' '$logf'"
	check "fuzz-$name: both devices unbound and bound again under the fuzzers" \
		bash -c "grep -q 'VPSHIM: rebound bochs' '$logf' && grep -q 'VPSHIM: rebound edu' '$logf'"
	check "fuzz-$name: every unbind came back" \
		bash -c "! grep -Eq 'VPSHIM: (unbind|rebind) [a-z]+ failed|insmod vp_edu again failed' '$logf'"
	check "fuzz-$name: vp_edu unloaded, under the fuzzer or after it" \
		grep -q 'VPSHIM: rmmod vp_edu ok' "$logf"
	for m in vp_bochs vpshim; do
		check "fuzz-$name: rmmod $m at the end" grep -q "VPSHIM: rmmod $m ok" "$logf"
	done
	check "fuzz-$name: no leak reported at unbind" \
		bash -c "! grep -q 'leaked\\|never released\\|never put' '$logf'"
	check "fuzz-$name: no kernel report (BUG, WARNING, stuck task, PAT, corruption, lockup, leak)" \
		python3 "$VPSHIM_ROOT/scripts/logcheck.py" "$logf"
}

# The counts, for the record. $1: name.
report() {
	local name=$1 logf="$VPSHIM_OUT/fuzz-$1.log"
	echo "== fuzz-$name: $(cat "$logf.time") s wall time ($secs s fuzzing, $smp vCPU), log $logf"
	# The fuzzers' lines as the guest printed them again at the end.
	awk '/^VPSHIM-FUZZ-OUTPUT-BEGIN/ { on = 1; next } /^VPSHIM-FUZZ-OUTPUT-END/ { on = 0 }
	     on && /^vpshim-fuzz: seed [0-9]+: / { print "   " $0 }' "$logf"
	grep -E '^VPSHIM: (rebound|rmmod vp_edu under|unbind|rebind|kmemleak|vp_[a-z]+ (bound at|did not bind))' "$logf" |
		sed 's/^/   /' || true
	echo "   unbind/rebind cycles: $(grep -c '^VPSHIM: rebound' "$logf" || true)," \
	     "rmmod of vp_edu under the fuzzer refused: $(grep -c '^VPSHIM: rmmod vp_edu under the fuzzer refused' "$logf" || true)"
}

machines=${VPSHIM_FUZZ_MACHINES:-pc q35-iommu}
for m in $machines; do
	case "$m" in
	pc) run_qemu pc swiotlb=force -machine pc ;;
	q35-iommu) run_qemu q35-iommu intel_iommu=on -machine q35 -device intel-iommu,intremap=on ;;
	*) die "unknown machine $m (pc, q35-iommu)" ;;
	esac
done
for m in $machines; do judge "$m"; done
for m in $machines; do report "$m"; done
log "fuzz: $(($(date +%s) - t_start)) s in all"
if [ -z "$results_given" ]; then
	passed=$(grep -c '^pass$' "$VPSHIM_RESULTS" || true)
	failed=$(grep -c '^fail$' "$VPSHIM_RESULTS" || true)
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
fi
