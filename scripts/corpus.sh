#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The compatibility corpus (samples/compat/*/): miniports written from the
# Windows reference in the styles real DDK sources use, each built unchanged
# with -Werror and run on Debian's real 6.1 kernel under QEMU, once on the pc
# machine and once on q35 behind an emulated Intel IOMMU.
#
# What a corpus miniport is (samples/compat/NAME/): Windows-style sources, a
# glue file naming its PCI IDs, a Kbuild.part adding vpc_NAME.o with
# -Werror on every Windows-style object, optionally guest.sh (run in the
# guest with the request device and the PCI name once the module is bound)
# and NAME_user.c (built static into the guest as /bin/NAME_user). Every
# check is one line, from the miniport through VideoPortDebugPrint or from
# guest.sh on stdout:
#	vpc_NAME: check CHECK: ok [values]
#	vpc_NAME: check CHECK: FAIL detail
#	vpc_NAME: check CHECK: skip reason
# and "vpc_NAME: done" when everything of the miniport has run.
#
# The modules are built for Debian's 6.1 with W=1 (a miniport that does not
# compile is left out of a second build, and fails); the guest
# (scripts/guest/corpus-init) loads vpshim.ko with dyndbg=+p, then each
# miniport in turn: insmod, guest.sh, rmmod. The two machines boot side by
# side. A miniport that brings the kernel down ends its boot; the next boot
# starts with the miniport after it.
#
# The judge, per machine and miniport: built without a warning, each
# Windows-style object compiled with -Werror, insmod, bound, at least one
# check, every check ok (a FAIL fails its own check; skips are listed, not
# counted), done printed, guest.sh finished in time, rmmod, no leak reported
# at unbind, no BUG, WARNING or Oops while it ran; per machine: QEMU exited
# cleanly, the guest got to its end, and no BUG, WARNING, Oops, DMAR fault
# or stuck task in the whole log (scripts/logcheck.py). The counts are
# printed per miniport.
#
# Usage: scripts/corpus.sh
#   VPSHIM_CORPUS_MACHINES  which machines (default "pc q35-iommu")
set -euo pipefail
results_given=${VPSHIM_RESULTS:-}
. "$(dirname "$0")/lib.sh"
# One run at a time on this machine: the build directory, the initramfs and
# the logs are shared by every run.
exec 9>"$VPSHIM_CACHE/.corpus.lock"
if ! flock -n 9; then
	log "corpus: another run holds $VPSHIM_CACHE/.corpus.lock; waiting"
	flock 9
fi

# On its own, its checks are counted on their own (test.sh exports its file).
if [ -z "$results_given" ]; then
	export VPSHIM_RESULTS="$VPSHIM_OUT/corpus-results"
	: >"$VPSHIM_RESULTS"
fi

t_start=$(date +%s)
machines=${VPSHIM_CORPUS_MACHINES:-pc q35-iommu}
for m in $machines; do
	case "$m" in pc | q35-iommu) ;; *) die "unknown machine $m (pc, q35-iommu)" ;; esac
done
compat="$VPSHIM_ROOT/samples/compat"
kver=$(debian_kver)
vmlinuz=$(bash "$VPSHIM_ROOT/scripts/debian-kernel.sh")

# The corpus: every directory with a Kbuild.part.
names=()
for part in "$compat"/*/Kbuild.part; do
	[ -f "$part" ] || continue
	names+=("$(basename "$(dirname "$part")")")
done
[ "${#names[@]}" -gt 0 ] || die "no corpus miniport in $compat"
log "corpus: ${names[*]}"

# ---- Build -------------------------------------------------------------------

# The corpus objects are always compiled afresh, so that each build's log
# holds their warnings (and a miniport removed from the tree is gone).
build="$VPSHIM_OUT/build-corpus"
# Only what this build links is used: no module of an earlier one.
rm -rf "$build/samples/compat"
rm -f "$build"/*.ko
buildlog="$VPSHIM_OUT/build-corpus.log"

# The diagnostics printed while objects of samples/compat/$1/ compiled
# (wherever they point: its sources or a header), and modpost's about its
# module; $2: the kinds (a regular expression). The exit status is 1 when
# there is one. $3: the log.
diagnostics() {
	awk -v dir="samples/compat/$1/" -v mod="vpc_$1" -v kinds="$2" '
		/^  (CC|LD|AR|MODPOST|LDS|AS) / { cur = $NF; next }
		$0 ~ (": (" kinds "):") && index(cur, dir) { print; bad = 1 }
		/^(WARNING|ERROR): modpost:/ && index($0, mod) { print; bad = 1 }
		END { exit bad }' "$3"
}

# -k: every object that compiles is compiled. build_modules exits on
# failure: a subshell.
build_ok=1
(build_modules corpus "$(debian_kdir)" W=1 -k >/dev/null) || build_ok=0
if [ "$build_ok" = 0 ]; then
	# Nothing is linked when an object fails: the miniports that did
	# not compile are left out of a second build.
	cp "$buildlog" "$buildlog.first"
	left_out=()
	for name in "${names[@]}"; do
		if ! diagnostics "$name" 'error|fatal error' "$buildlog.first" >/dev/null; then
			left_out+=("$name")
			rm -f "$build/samples/compat/$name/Kbuild.part"
		fi
	done
	if [ "${#left_out[@]}" -gt 0 ]; then
		log "corpus: ${left_out[*]} did not compile; building the others"
		flock "$VPSHIM_CACHE/.build.lock" \
			make -C "$(debian_kdir)" M="$build" W=1 -k modules >"$buildlog" 2>&1 ||
			log "the module build failed again (see $buildlog)"
		# The first build's diagnostics are the ones judged.
		cat "$buildlog.first" >>"$buildlog"
	fi
fi
[ -f "$build/vpshim.ko" ] || die "vpshim.ko did not build (see $buildlog)"

# The objects of vpc_NAME, from its Kbuild.part. $1: name.
corpus_objects() {
	sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$compat/$1/Kbuild.part" |
		sed -n "s/^[[:space:]]*vpc_$1-\(y\|objs\)[[:space:]]*[:+]\?=//p" |
		tr -s ' \t' '\n\n' | grep '\.o$' || true
}

# Each Windows-style object (all but the glue) was compiled with -Werror.
# $1: name.
werror_objects() {
	local name=$1 o cmd n=0
	for o in $(corpus_objects "$name"); do
		case "$o" in *_glue.o) continue ;; esac
		cmd="$build/$(dirname "$o")/.$(basename "$o").cmd"
		if ! [ -f "$cmd" ]; then
			echo "  $o: not compiled"
			return 1
		fi
		# -Werror itself, not one of the kernel's -Werror=<warning>.
		if ! grep -Eq -- '(^|[[:space:]])-Werror([[:space:]]|$)' "$cmd"; then
			echo "  $o: compiled without -Werror (${cmd#"$build"/})"
			return 1
		fi
		n=$((n + 1))
	done
	[ "$n" -gt 0 ] || { echo "  no Windows-style object listed for vpc_$name"; return 1; }
}

# No warning or error in the build log belongs to the miniport. $1: name.
no_warnings() {
	diagnostics "$1" 'warning|error|fatal error' "$buildlog"
}

# The user-space programs, static like vpshim-video: /bin/NAME_user.
tools="$VPSHIM_OUT/corpus-tools"
mkdir -p "$tools"
make -s -C "$VPSHIM_ROOT/tools" O="$tools" "$tools/vpshim-video" >"$VPSHIM_OUT/corpus-tool-build.log" 2>&1 ||
	{ cat "$VPSHIM_OUT/corpus-tool-build.log" >&2; die "vpshim-video build failed"; }
declare -A user_built=()
for src in "$compat"/*/*_user.c; do
	[ -f "$src" ] || continue
	prog=$(basename "$src" .c)
	rm -f "$tools/$prog"
	if gcc -static -Wall -Wextra -Werror -fshort-wchar -I "$VPSHIM_ROOT/include" \
		-o "$tools/$prog" "$src" >"$tools/$prog.log" 2>&1; then
		user_built[$prog]=1
	else
		user_built[$prog]=0
		sed 's/^/  /' "$tools/$prog.log" >&2
	fi
done

for name in "${names[@]}"; do
	check "corpus: vpc_$name built" test -f "$build/vpc_$name.ko"
	check "corpus: vpc_$name built without a warning (W=1)" no_warnings "$name"
	check "corpus: vpc_$name Windows-style objects compiled with -Werror" werror_objects "$name"
	if [ -f "$compat/$name/${name}_user.c" ]; then
		check "corpus: ${name}_user built (static, -Werror)" test "${user_built[${name}_user]}" = 1
	fi
done
[ "$build_ok" = 1 ] || log "the module build failed for part of the tree (see $buildlog)"
log "corpus: built in $(($(date +%s) - t_start)) s"

# ---- The initramfs -----------------------------------------------------------

root="$VPSHIM_OUT/initramfs-corpus"
rm -rf "$root"
mkdir -p "$root"/{bin,proc,sys,dev,modules,corpus,lib/firmware/vpshim}
cp /bin/busybox "$root/bin/busybox"
cp "$tools/vpshim-video" "$root/bin/vpshim-video"
cp "$build/vpshim.ko" "$root/modules/"
cp "$VPSHIM_ROOT/scripts/guest/corpus-init" "$root/init"
chmod +x "$root/init"
: >"$root/corpus/list"
for name in "${names[@]}"; do
	[ -f "$build/vpc_$name.ko" ] || continue
	cp "$build/vpc_$name.ko" "$root/modules/"
	mkdir -p "$root/corpus/$name"
	[ -f "$compat/$name/guest.sh" ] && cp "$compat/$name/guest.sh" "$root/corpus/$name/"
	[ "${user_built[${name}_user]:-0}" = 1 ] && cp "$tools/${name}_user" "$root/bin/"
	# A registry file for the miniport, as the administrator would install it.
	for reg in "$compat/$name"/*.reg; do
		[ -f "$reg" ] && cp "$reg" "$root/lib/firmware/vpshim/"
	done
	echo "$name" >>"$root/corpus/list"
done
initrd="$VPSHIM_OUT/initramfs-corpus.cpio.gz"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$initrd"

# ---- QEMU --------------------------------------------------------------------

# One boot. $1: machine, $2: boot number, $3: extra kernel arguments, rest:
# machine arguments. Waits for the guest to power off, keeps the log, QEMU's
# exit status and the wall time.
run_qemu() {
	local m=$1 boot=$2 extra=$3 logf="$VPSHIM_OUT/corpus-$1.boot$2.log" rc=0 t0
	shift 3
	t0=$(date +%s)
	timeout 200 qemu-system-x86_64 -display none -monitor none -serial stdio -no-reboot \
		-m "${VPSHIM_QEMU_MEM:-512M}" -nic none -kernel "$vmlinuz" -initrd "$initrd" "$@" \
		-vga none -device VGA,edid=on -device edu,dma_mask=0xffffffff \
		-append "console=ttyS0 panic=-1 oops=panic quiet loglevel=4 log_buf_len=4M no_timer_check $extra" \
		</dev/null >"$logf" 2>&1 || rc=$?
	tr -d '\r' <"$logf" >"$logf.tmp" && mv "$logf.tmp" "$logf"
	echo "$rc" >"$logf.rc"
	echo $(($(date +%s) - t0)) >"$logf.time"
}

# The miniports of the corpus that were built, in the guest's order.
mapfile -t run_list <"$root/corpus/list"

# All of the corpus on one machine: a boot, and when a miniport brings the
# kernel down, another boot from the next one. The boots' logs are put
# together in corpus-MACHINE.log. $1: machine, $2: extra kernel arguments,
# rest: machine arguments.
run_machine() {
	local m=$1 extra=$2 boot=1 from= crashed i logf retried=
	shift 2
	logf="$VPSHIM_OUT/corpus-$m.log"
	rm -f "$VPSHIM_OUT/corpus-$m".boot*.log* "$logf"
	: >"$logf"
	while :; do
		run_qemu "$m" "$boot" "$extra${from:+ vpc_from=$from}" "$@"
		cat "$VPSHIM_OUT/corpus-$m.boot$boot.log" >>"$logf"
		grep -q '^VPC: all done' "$VPSHIM_OUT/corpus-$m.boot$boot.log" && break
		# A boot that never reached /init (the emulation starved by a busy
		# host): once more from the same place.
		if ! grep -q '^VPC: begin boot' "$VPSHIM_OUT/corpus-$m.boot$boot.log" &&
		   [ -z "${retried:-}" ]; then
			retried=1
			log "QEMU $m: the kernel did not reach /init; booting again"
			boot=$((boot + 1))
			continue
		fi
		crashed=$(sed -n 's/^VPC: begin //p' "$VPSHIM_OUT/corpus-$m.boot$boot.log" | tail -n1)
		from=
		for i in "${!run_list[@]}"; do
			[ "${run_list[$i]}" = "$crashed" ] && from=${run_list[$((i + 1))]:-}
		done
		[ -n "$from" ] || break
		log "QEMU $m: the guest died in vpc_$crashed; booting again from vpc_$from"
		boot=$((boot + 1))
	done
	echo "$boot" >"$logf.boots"
}

pids=()
for m in $machines; do
	log "booting Debian $kver on QEMU $m with the corpus"
	case "$m" in
	pc) run_machine pc "" -machine pc & ;;
	q35-iommu) run_machine q35-iommu intel_iommu=on -machine q35 -device intel-iommu,intremap=on & ;;
	esac
	pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done

# ---- The judge ---------------------------------------------------------------

# Each miniport's stretch of a log (from "VPC: begin NAME" to "VPC: end
# NAME") goes to DIR/NAME.section, and its check lines, each "CHECK RESULT
# DETAIL", to DIR/NAME.checks: from the kernel's lines (K:) and guest.sh's
# (G:) only, so that a line the console also showed counts once.
# $1: log, $2: DIR, $3: name.
split_section() {
	# A stretch that crashed ends where the next boot begins.
	sed -En "/^VPC: begin $3\$/,/^VPC: (end $3|begin boot)\$/p" "$1" >"$2/$3.section"
	grep -E '^(K|G): ' "$2/$3.section" |
		sed -nE "s/.*vpc_$3: check ([^ :]+): (ok|FAIL|skip)(.*)\$/\1 \2\3/p" \
		>"$2/$3.checks" || true
}

# Every line of check $2 in checks file $1 says ok (skips aside).
check_ok() {
	local bad
	bad=$(awk -v c="$2" '$1 == c && $2 != "skip" && $2 != "ok"' "$1")
	[ -z "$bad" ] || { echo "$bad" | sed 's/^/  /'; return 1; }
}

no_leak_report() { ! grep -q 'leaked\|never released\|never put' "$1"; }
guest_finished() {
	local rc
	rc=$(sed -n "s/^VPC: $2 guest.sh exit //p" "$1")
	[ -n "$rc" ] && [ "$rc" != killed ]
}

declare -A counts=()

judge() {
	local m=$1 logf="$VPSHIM_OUT/corpus-$1.log" dir="$VPSHIM_OUT/corpus-$1.d"
	local name c sec chk n_ok n_fail n_skip skipped
	rm -rf "$dir"
	mkdir -p "$dir"
	check "corpus-$m: QEMU exited cleanly ($(cat "$logf.boots") boots)" \
		test -z "$(grep -vx 0 "$VPSHIM_OUT/corpus-$m".boot*.log.rc)"
	check "corpus-$m: the guest ran to its end" grep -q '^VPC: all done' "$logf"
	check "corpus-$m: insmod vpshim (dyndbg=+p)" grep -q '^VPC: insmod vpshim ok' "$logf"
	for name in "${names[@]}"; do
		[ -f "$build/vpc_$name.ko" ] || { fail "corpus-$m: vpc_$name not built, not run"; continue; }
		split_section "$logf" "$dir" "$name"
		sec="$dir/$name.section" chk="$dir/$name.checks"
		check "corpus-$m: vpc_$name insmod" grep -q "^VPC: $name insmod ok" "$sec"
		check "corpus-$m: vpc_$name bound (in /sys/bus/pci/drivers/vpc_$name/)" \
			grep -q "^VPC: $name bound 0000:" "$sec"
		if [ -f "$compat/$name/guest.sh" ]; then
			check "corpus-$m: vpc_$name guest.sh finished in time" guest_finished "$sec" "$name"
		fi
		n_ok=0 n_fail=0 n_skip=0 skipped=
		for c in $(cut -d' ' -f1 "$chk" | sort -u); do
			# Only skipped: listed, not counted.
			if [ -z "$(awk -v c="$c" '$1 == c && $2 != "skip"' "$chk")" ]; then
				n_skip=$((n_skip + 1))
				skipped+="    skipped $c:$(awk -v c="$c" '$1 == c { $1 = ""; $2 = ""; print; exit }' "$chk")"$'\n'
				continue
			fi
			if check_ok "$chk" "$c"; then
				pass "corpus-$m: vpc_$name check $c"
				n_ok=$((n_ok + 1))
			else
				fail "corpus-$m: vpc_$name check $c"
				n_fail=$((n_fail + 1))
			fi
		done
		check "corpus-$m: vpc_$name ran at least one check" test $((n_ok + n_fail)) -gt 0
		check "corpus-$m: vpc_$name said done" grep -q "vpc_$name: done" "$sec"
		check "corpus-$m: vpc_$name rmmod" grep -q "^VPC: $name rmmod ok" "$sec"
		check "corpus-$m: vpc_$name no leak reported at unbind" no_leak_report "$sec"
		check "corpus-$m: vpc_$name no BUG, WARNING or Oops while it ran" \
			python3 "$VPSHIM_ROOT/scripts/logcheck.py" "$sec"
		counts[$m/$name]="$n_ok ok, $n_fail FAIL, $n_skip skipped"$'\n'"$skipped"
	done
	check "corpus-$m: rmmod vpshim" grep -q '^VPC: rmmod vpshim ok' "$logf"
	check "corpus-$m: no BUG, WARNING, Oops, DMAR fault or stuck task" \
		python3 "$VPSHIM_ROOT/scripts/logcheck.py" "$logf"
}

for m in $machines; do judge "$m"; done

for m in $machines; do
	echo "== corpus-$m: $(($(cat "$VPSHIM_OUT/corpus-$m".boot*.log.time | paste -sd+))) s wall time, $(cat "$VPSHIM_OUT/corpus-$m.log.boots") boots, log $VPSHIM_OUT/corpus-$m.log"
	for name in "${names[@]}"; do
		[ -n "${counts[$m/$name]:-}" ] || continue
		printf '   vpc_%s: %s' "$name" "${counts[$m/$name]}"
	done
done
log "corpus: $(($(date +%s) - t_start)) s in all"
if [ -z "$results_given" ]; then
	passed=$(grep -c '^pass$' "$VPSHIM_RESULTS" || true)
	failed=$(grep -c '^fail$' "$VPSHIM_RESULTS" || true)
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
fi
