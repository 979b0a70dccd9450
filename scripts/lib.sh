# SPDX-License-Identifier: GPL-2.0
# Shared settings for the vpshim scripts: where big downloads and kernel trees are
# cached (outside the repository, reused between runs) and small helpers.
# shellcheck shell=bash

VPSHIM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# CI may start with an empty environment; UML in particular needs a HOME.
export HOME=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
export HOME=${HOME:-/root}
VPSHIM_CACHE=${VPSHIM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vpshim}
VPSHIM_OUT=${VPSHIM_OUT:-$VPSHIM_CACHE/out}
mkdir -p "$VPSHIM_CACHE" "$VPSHIM_OUT"

log() { printf '[vpshim] %s\n' "$*" >&2; }
die() { printf '[vpshim] error: %s\n' "$*" >&2; exit 1; }

# The Debian 6.1 kernel release that linux-headers-amd64 currently points at.
# The security archive drops superseded versions, so this is never hard-coded.
debian_kver() {
	local dep
	dep=$(apt-cache depends linux-headers-amd64 2>/dev/null |
	      sed -n 's/.*Depends: linux-headers-\(6\.1\.[^ ]*-amd64\).*/\1/p' | head -n1)
	if [ -z "$dep" ]; then
		# Fall back to what is installed.
		dep=$(find /usr/src -maxdepth 1 -name 'linux-headers-6.1.*-amd64' -printf '%f\n' |
		      sed 's/^linux-headers-//' | sort -V | tail -n1)
	fi
	[ -n "$dep" ] || die "cannot resolve the Debian 6.1 kernel version"
	echo "$dep"
}

debian_kdir() { echo "/usr/src/linux-headers-$(debian_kver)"; }

# The linux-source-6.1 tree, extracted once into the cache (the 6.1 UML
# kernel, checkpatch and kernel-doc come from it).
linux_tree() { echo "$VPSHIM_CACHE/linux-source-6.1"; }
ensure_linux_tree() {
	local tree tmp
	tree=$(linux_tree)
	[ -f "$tree/Makefile" ] && return 0
	log "extracting linux-source-6.1 into $tree"
	tmp="$VPSHIM_CACHE/extract.$$"
	rm -rf "$tmp"; mkdir -p "$tmp"
	tar -C "$tmp" -xf /usr/src/linux-source-6.1.tar.xz
	mv "$tmp"/linux-source-6.1 "$tree"
	rm -rf "$tmp"
}
# The build directory of a UML kernel. $1: series (6.1, 7.x), $2: test (the
# debug kernel of the KUnit suites) or bench.
uml_build_dir() { echo "$VPSHIM_CACHE/uml-${1:-6.1}-${2:-test}"; }

# Copy the sources to a build directory of their own, so builds for different
# kernels (Debian's, UML) never share object files, and build there.
# $1: target name, $2: KDIR, rest: extra make arguments.
# Make arguments every module build against $1 needs: the pahole version
# the tree was configured with (7.x warns when the installed pahole differs,
# and BTF is off in the trees we prepare).
kbuild_args() {
	local v
	v=$(sed -n 's/^CONFIG_PAHOLE_VERSION=//p' "$1/.config" 2>/dev/null)
	[ -n "$v" ] && echo "PAHOLE_VERSION=$v"
	return 0
}

# Copy the named parts of the tree into the build directory $1, touching
# only files whose contents changed (they get the current time, so make
# rebuilds exactly what changed even when a source is older than its
# object, as after a checkout of older files) and removing sources that
# are gone (Kbuild's wildcards would still see them).
sync_sources() {
	local dir=$1
	shift
	(cd "$VPSHIM_ROOT" && tar -cf - "$@") | python3 -c '
import io, os, sys, tarfile
dest = sys.argv[1]
manifest = os.path.join(dest, ".vpshim-sources")
# A directory this function has not filled before may hold sources older
# than their objects (copies that kept their times): write every file.
fresh = not os.path.exists(manifest)
seen = set()
with tarfile.open(fileobj=io.BytesIO(sys.stdin.buffer.read())) as tar:
    for m in tar:
        path = os.path.join(dest, m.name)
        if m.isdir():
            os.makedirs(path, exist_ok=True)
            continue
        if not m.isfile():
            continue
        seen.add(os.path.normpath(path))
        data = tar.extractfile(m).read()
        try:
            with open(path, "rb") as f:
                if not fresh and f.read() == data:
                    continue
        except FileNotFoundError:
            os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        os.chmod(path, m.mode & 0o777)
try:
    with open(manifest) as f:
        for path in f.read().splitlines():
            if path not in seen and os.path.exists(path):
                os.unlink(path)
except FileNotFoundError:
    pass
with open(manifest, "w") as f:
    f.write("".join(p + "\n" for p in sorted(seen)))
' "$dir" "$@"
}

build_modules() {
	local target=$1 kdir=$2 dir
	shift 2
	dir="$VPSHIM_OUT/build-$target"
	mkdir -p "$dir"
	sync_sources "$dir" Kbuild Makefile dkms.conf include vpshim samples kunit bench scripts/vpshim.mk
	# One build at a time on this machine (two cores): concurrent callers wait.
	flock "$VPSHIM_CACHE/.build.lock" \
		make -C "$kdir" M="$dir" $(kbuild_args "$kdir") "$@" modules \
		>"$VPSHIM_OUT/build-$target.log" 2>&1 ||
		{ tail -n 30 "$VPSHIM_OUT/build-$target.log" >&2; die "module build for $target failed"; }
	echo "$dir"
}

# Test results: every check prints one line, and the totals are kept in a file
# so that scripts/test.sh can add up the suites.
VPSHIM_RESULTS=${VPSHIM_RESULTS:-$VPSHIM_OUT/results}
pass() { echo "PASS $*"; echo pass >>"$VPSHIM_RESULTS"; }
fail() { echo "FAIL $*"; echo fail >>"$VPSHIM_RESULTS"; }
check() { local name=$1; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }


# The steps every QEMU run of the edu sample reports. $1: check prefix,
# $2: the console log, rest: the sample's checks that must say "ok".
judge_edu_boot() {
	local prefix=$1 logf=$2 step c
	shift 2
	check "$prefix: QEMU exited cleanly" test "$(cat "$logf.rc")" = 0
	check "$prefix: kernel log captured" grep -q 'VPSHIM-DMESG-END' "$logf"
	for step in "insmod vpshim ok" "insmod vp_edu ok" "vp_edu bound" "rmmod vp_edu ok" \
		    "rmmod vpshim ok"; do
		check "$prefix: $step" grep -q "VPSHIM: $step" "$logf"
	done
	for c in "$@"; do
		check "$prefix: edu sample check $c" grep -q "vp_edu: check $c: ok" "$logf"
	done
}
