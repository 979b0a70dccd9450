#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The VBE sample (samples/vbe) on QEMU: Debian's 6.1 kernel with vpshim.ko
# and vp_vbe.ko, whose every mode comes from the adapter's own video BIOS
# run in vpshim's real-mode emulator (vpshim/int10*.c). Two adapters, each
# with the VGA BIOS QEMU gives it (SeaBIOS's): the std VGA (-device VGA) and
# the Cirrus CL-GD5446 (-device cirrus-vga), each on the pc and on the q35
# machine. In each guest the sample binds, lists the modes the BIOS offers,
# draws screens the host photographs and compares pixel by pixel
# (scripts/display_check.py and the text screen below), programs the
# palette with 4F09 and returns to VGA text mode; the guest also times its
# 4F02 mode sets. Two guests run at a time.
#
# Usage: scripts/qemu-vbe.sh
set -euo pipefail
. "$(dirname "$0")/lib.sh"

start=$(date +%s)
kver=$(debian_kver)
vmlinuz=$(bash "$VPSHIM_ROOT/scripts/debian-kernel.sh")
build=$(build_modules vbe "$(debian_kdir)" W=1)
out="$VPSHIM_OUT/vbe"
rm -rf "$out"
mkdir -p "$out/tools"

# The user-space tools, static for the busybox initramfs.
make -s -C "$VPSHIM_ROOT/tools" O="$out/tools" "$out/tools/vpshim-video" "$out/tools/vpshim-kms" \
	>"$out/tool-build.log" 2>&1 || { cat "$out/tool-build.log" >&2; die "vpshim-video build failed"; }
gcc -static -O2 -Wall -Wextra -Werror -fshort-wchar -I"$VPSHIM_ROOT/include" \
	-I"$VPSHIM_ROOT/tools" -o "$out/tools/vbe-screen" "$VPSHIM_ROOT/samples/vbe/vbe-screen.c" \
	>>"$out/tool-build.log" 2>&1 || { cat "$out/tool-build.log" >&2; die "vbe-screen build failed"; }

root="$out/initramfs"
mkdir -p "$root"/{bin,proc,sys,dev,modules/drm}
cp /bin/busybox "$root/bin/busybox"
cp "$out/tools/vpshim-video" "$out/tools/vpshim-kms" "$out/tools/vbe-screen" "$root/bin/"
cp "$build/vpshim.ko" "$build/vp_vbe.ko" "$build/vpshim_drm.ko" "$root/modules/"
# Debian's DRM modules of the same kernel, for the display bridge.
cp "$(dirname "$vmlinuz")/modules-$kver"/* "$root/modules/drm/"
cp "$VPSHIM_ROOT/scripts/guest/vbe-init" "$root/init"
chmod +x "$root/init"
initrd="$out/initramfs.cpio.gz"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$initrd"

# The host's judge of the screens: display_check.py's pictures, plus the
# 24-bpp pattern (exact) and VGA text mode (720x400, blank but the cursor).
judge_py="$out/vbe_display.py"
cat >"$judge_py" <<'PY'
import os, sys, time
sys.path.insert(0, os.environ["VPSHIM_SCRIPTS"])
import display_check as dc

def screendump(qmp, path, deadline):
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    qmp.command("screendump", filename=path, format="png")
    until = min(deadline, time.monotonic() + 5)
    while not dc.png_complete(path) and time.monotonic() < until:
        time.sleep(0.1)
    return dc.read_png(path)

def check(qmp, w, h, bpp, out, deadline, kind, inv):
    if kind not in ("rgb24", "text"):
        return dc.check_screen(qmp, w, h, bpp, out, deadline, kind, inv)
    name = f"{kind}-{w}x{h}x{bpp}"
    path = os.path.abspath(os.path.join(out, f"screen-{name}.png"))
    try:
        iw, ih, rows = screendump(qmp, path, deadline)
    except (OSError, RuntimeError, dc.PngError) as e:
        print(f"display-check: {name} FAIL {e}")
        return False
    if (iw, ih) != (w, h):
        print(f"display-check: {name} FAIL the screen is {iw}x{ih} ({path})")
        return False
    if kind == "rgb24":
        bad, first = dc.compare(w, h, rows)
        if bad:
            print(f"display-check: {name} FAIL {bad} of {w * h} pixels differ, first {first}")
            return False
        print(f"display-check: {name} ok ({w * h} pixels match, {path})")
        return True
    # Text mode after INT 10h AX=0003: a cleared screen; only the cursor,
    # in the first 9x16 cell, may be lit.
    lit = [(x, y) for y in range(h) for x in range(w) if any(rows[y][3 * x:3 * x + 3])]
    outside = [p for p in lit if p[0] >= 9 or p[1] >= 16]
    if outside:
        print(f"display-check: {name} FAIL {len(outside)} lit pixels, first {outside[0]}")
        return False
    print(f"display-check: {name} ok (720x400 text screen, blank, {len(lit)} cursor pixels)")
    return True

def main():
    sys.stdout.reconfigure(line_buffering=True)
    qmp_path, sync_path, out, timeout = sys.argv[1:5]
    deadline = time.monotonic() + float(timeout)
    os.makedirs(out, exist_ok=True)
    checked = passed = 0
    try:
        sync = dc.LineSocket(sync_path, deadline)
        qmp = dc.Qmp(qmp_path, deadline)
        while True:
            line = sync.readline()
            if line is None:
                break
            m = dc.READY.search(line)
            if not m:
                continue
            w, h, bpp = (int(v) for v in m.groups()[:3])
            kind = m.group(4).decode() if m.group(4) else None
            inv = tuple(int(v) for v in m.groups()[4:]) if m.group(5) else None
            checked += 1
            passed += check(qmp, w, h, bpp, out, deadline, kind, inv)
            sync.send(dc.CHECKED)
    except (dc.Timeout, OSError, RuntimeError, ValueError) as e:
        print(f"display-check: FAIL {e}")
        return 1
    return 0 if checked and passed == checked else 1

sys.exit(main())
PY

# $1: name, $2: adapter (vga|cirrus), $3: vpshim.int10_post, rest: machine arguments.
run_qemu() {
	local name=$1 adapter=$2 post=$3 logf="$out/qemu-$1.log" sock="$out/sock-$1" rc=0 qpid t0
	local -a dev
	shift 3
	case "$adapter" in
	vga) dev=(-device VGA) ;;
	cirrus) dev=(-device cirrus-vga) ;;
	esac
	mkdir -p "$sock" "$out/screens-$name"
	t0=$(date +%s.%N)
	timeout 240 qemu-system-x86_64 -display none -monitor none -serial stdio -no-reboot \
		-m 512M -nic none -kernel "$vmlinuz" -initrd "$initrd" "$@" -vga none "${dev[@]}" \
		-qmp "unix:$sock/qmp,server=on,wait=off" \
		-chardev "socket,id=sync,path=$sock/sync,server=on,wait=on" -serial chardev:sync \
		-append "console=ttyS0 panic=-1 oops=panic quiet loglevel=4 vpshim_vbe=$adapter vpshim_post=$post" \
		</dev/null >"$logf" 2>&1 &
	qpid=$!
	VPSHIM_SCRIPTS="$VPSHIM_ROOT/scripts" python3 "$judge_py" "$sock/qmp" "$sock/sync" \
		"$out/screens-$name" 230 >"$out/display-$name.log" 2>&1 || true
	wait "$qpid" || rc=$?
	tr -d '\r' <"$logf" >"$logf.tmp" && mv "$logf.tmp" "$logf"
	echo "$rc" >"$logf.rc"
	echo "$t0 $(date +%s.%N)" | awk '{ printf "%.1f\n", $2 - $1 }' >"$logf.time"
}

# The checks of one run. $1: name, $2: adapter, $3: vpshim.int10_post.
judge() {
	local name=$1 adapter=$2 post=$3 logf="$out/qemu-$1.log" dlog="$out/display-$1.log"
	local p="qemu-vbe-$1"
	local deep mode step times
	check "$p: QEMU exited cleanly ($(cat "$logf.time") s)" test "$(cat "$logf.rc")" = 0
	check "$p: kernel log captured" grep -q 'VPSHIM-DMESG-END' "$logf"
	for step in "insmod vpshim ok" "insmod vp_vbe ok" "rmmod vp_vbe ok" "device node removed" \
		    "rmmod vpshim ok"; do
		check "$p: $step" grep -q "VPSHIM: $step" "$logf"
	done
	check "$p: vp_vbe bound with a request device" \
		grep -q 'VPSHIM: vp_vbe bound, /dev/vpshim/0000:' "$logf"
	# int10_post=1 changes nothing here: the boot VGA's ROM ran at boot.
	check "$p: the BIOS machine uses the boot VGA's ROM shadow, low memory and legacy VGA" \
		grep -Eq 'video BIOS machine: [0-9]+ KiB ROM, the platform.s low memory, [0-9]+ port ranges, the legacy VGA window' "$logf"
	check "$p: 4F00 reports a VESA BIOS" grep -Eq 'vp_vbe: VBE [23]\.[0-9], [0-9]+ KiB' "$logf"
	grep -o 'vp_vbe: [0-9]* modes listed by the BIOS, [0-9]* kept' "$logf" | head -n1 |
		sed 's/^/   /' || true
	deep=$([ "$adapter" = vga ] && echo 32 || echo 24)
	for mode in 640x480x$deep 1024x768x$deep 800x600x8 1024x768x16; do
		check "$p: the BIOS lists $mode (4F01)" grep -Eq "vp_vbe: mode 0x[0-9a-f]+: $mode " "$logf"
	done
	check "$p: the request device lists the BIOS's modes" \
		grep -q "VPSHIM: mode [0-9]*: 1024x768x$deep" "$logf"
	if [ "$adapter" = vga ]; then
		for mode in 640x480x32 1024x768x32; do
			check "$p: vpshim-video drew $mode (4F02, linear framebuffer)" \
				grep -q "vpshim-video: drew $mode" "$logf"
			check "$p: screenshot of $mode matches pixel by pixel" \
				grep -q "display-check: $mode ok" "$dlog"
		done
	else
		for mode in 640x480x24 1024x768x24; do
			check "$p: vbe-screen drew $mode (4F02, linear framebuffer)" \
				grep -q "vbe-screen: drew $mode" "$logf"
			check "$p: screenshot of $mode matches pixel by pixel" \
				grep -q "display-check: rgb24-$mode ok" "$dlog"
		done
	fi
	check "$p: 1024x768x16 drawn and matching (RGB565)" \
		grep -q "display-check: kms-1024x768x16 ok" "$dlog"
	# 4F09 where the BIOS has it; SeaBIOS's VGA BIOS answers 0100h (not
	# supported), and the sample then uses INT 10h AX=1012h.
	grep -o 'vp_vbe: .*palette through .*' "$logf" | head -n1 | sed 's/^/   /' || true
	check "$p: the palette goes through the BIOS (4F09, or AX=1012h where 4F09 is missing)" \
		grep -Eq 'vp_vbe: (palette through 4F09|4F09 answered AX=0x[0-9a-f]{4}: palette through INT 10h AX=1012h)' "$logf"
	check "$p: 800x600x8 with the BIOS-set palette matches" \
		grep -q "display-check: c8-800x600x8 ok" "$dlog"
	check "$p: SET_COLOR_REGISTERS: 256 entries taken, 300 refused" bash -c "
		grep -q 'vpshim-video: check palette-256: ok' '$logf' &&
		grep -q 'vpshim-video: check palette-300-refused: ok' '$logf'"
	for c in "insmod vpshim_drm ok" "drm card0 present" "rmmod vpshim_drm ok"; do
		check "$p: the DRM bridge: $c" grep -q "VPSHIM: $c" "$logf"
	done
	if [ "$adapter" = vga ]; then
		check "$p: the DRM bridge: vpshim-kms drew 1024x768 through the BIOS-set mode" \
			grep -q "vpshim-kms: check kms-1024x768-xrgb8888: ok" "$logf"
		check "$p: the DRM bridge: the KMS picture matches pixel by pixel" \
			grep -q "display-check: kms-1024x768x32 ok" "$dlog"
		check "$p: the DRM bridge: the Linux console with text on the VBE display" \
			grep -Eq "display-check: words-[0-9]+x[0-9]+x32 ok" "$dlog"
		check "$p: the DRM bridge: no cursor plane (the std VGA has no pointer)" \
			bash -c "! grep -q 'a cursor plane on the miniport' '$logf'"
	else
		check "$p: the sample drives the Cirrus hardware pointer" \
			grep -q 'vp_vbe: Cirrus Logic adapter: 32x32 hardware pointer' "$logf"
		check "$p: the DRM bridge: a cursor plane on the miniport's pointer" \
			grep -q "a cursor plane on the miniport's pointer" "$logf"
		check "$p: the DRM bridge: vpshim-kms showed, moved and hid the cursor" \
			grep -q "vpshim-kms: check kms-cursor: ok" "$logf"
		for at in 100,200 517,389; do
			check "$p: the DRM bridge: the cursor at $at on the picture, pixel by pixel" \
				grep -q "display-check: cursor-1024x768x16-at-$at ok" "$dlog"
		done
		check "$p: the DRM bridge: the cursor hidden, the picture alone again" \
			test "$(grep -c 'display-check: kms-1024x768x16 ok' "$dlog")" -ge 2
	fi
	check "$p: RESET_DEVICE (INT 10h AX=0003) returns to text mode" \
		grep -q 'vbe-screen: reset' "$logf"
	check "$p: QEMU shows a blank 720x400 VGA text screen" \
		grep -q "display-check: text-720x400x0 ok" "$dlog"
	check "$p: no current graphics mode after the reset" \
		grep -q 'VPSHIM: after reset .*QUERY_CURRENT_MODE' "$logf"
	times=$(grep -o 'vp_vbe: 4F02 BX=0x[0-9a-f]* ([0-9x]*) took [0-9]* us' "$logf" |
		awk '{ print $(NF - 1) }' | sort -n | tr '\n' ' ' || true)
	echo "   $name: 4F02 mode-set times (us): $times"
	check "$p: every 4F02 mode set was timed" test "$(echo "$times" | wc -w)" -ge 9
	check "$p: the BIOS never stopped on a refusal" bash -c "! grep -q 'the video BIOS stopped' '$logf'"
	check "$p: no leak reported at unbind" bash -c "! grep -q 'leaked' '$logf'"
	check "$p: no BUG, WARNING or Oops" python3 "$VPSHIM_ROOT/scripts/logcheck.py" "$logf"
}

# Two guests at a time (two cores); pc and q35 of one adapter together.
run_qemu vga-pc vga 0 -machine pc &
run_qemu vga-q35 vga 1 -machine q35 &
wait
run_qemu cirrus-pc cirrus 0 -machine pc &
run_qemu cirrus-q35 cirrus 0 -machine q35 &
wait

judge vga-pc vga 0
judge vga-q35 vga 1
judge cirrus-pc cirrus 0
judge cirrus-q35 cirrus 0
all=$(grep -ho '4F02 BX=.* took [0-9]* us' "$out"/qemu-*.log | awk '{ print $(NF - 1) }' |
	sort -n || true)
echo "   4F02 mode sets: $(echo "$all" | wc -l), median $(echo "$all" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }') us, max $(echo "$all" | tail -n1) us"
echo "   qemu-vbe.sh: $(($(date +%s) - start)) s in all"
