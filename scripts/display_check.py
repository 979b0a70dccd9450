#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The host side of the QEMU display tests: compare the guest's screen with
the picture the guest drew (tools/vpshim-screen.h defines the same ones).

Usage: display_check.py --qmp QMP --sync SYNC --out DIR [--timeout 300]

QEMU runs with "-qmp unix:QMP,server=on,wait=off" and a second serial port
on "-chardev socket,id=sync,path=SYNC,server=on,wait=off" (the guest's
ttyS1). When the guest writes "VPSHIM-SCREEN ready WxHxBPP[ KIND][ inv
X1,Y1,X2,Y2]" there, the screen is taken with QMP screendump into
DIR/screen-NAME.png, decoded by read_png() and judged; then
"VPSHIM-SCREEN checked" goes back so the guest carries on. KIND says what
the screen must show:

  (none), kms   pattern(), pixel by pixel (at 16 bpp, to the precision of
                RGB565); with "inv", inverted inside the rectangle
  c8            the palette picture: c8_colour(c8_index(x, y)), to the
                precision of the VGA DAC's 6 bits
  console, consoleN  the Linux console as scripts/guest/init paints it: every
                pixel of the text area the background blue, but one solid
                block of bright white glyph cells (full-block characters) at
                the start of the second line; black only in the margin where
                no whole cell fits

The run ends when the sync socket closes (QEMU exited) or at the timeout.
Exit status 0 only when at least one screen was checked and every screen
matched; each screen prints "display-check: NAME ok" or "... FAIL".

Python standard library only. pattern() and read_png() can be imported.
"""
import argparse
import json
import os
import re
import socket
import sys
import time
import zlib

READY = re.compile(rb"VPSHIM-SCREEN ready (\d+)x(\d+)x(\d+)(?: ([a-z0-9]+))?"
                   rb"(?: inv (\d+),(\d+),(\d+),(\d+))?")
CHECKED = b"VPSHIM-SCREEN checked\n"


def pattern(x, y, w, h):
    """The test pattern's colour (r, g, b) at (x, y) of a w x h screen.

    Red ramps from 0 at the left to 255 at the right, green from the top to
    the bottom, and blue is a checkerboard of 16x16 squares (0x40 and 0xc0).
    tools/vpshim-video.c's pattern() must compute the same.
    """
    r = x * 255 // max(w - 1, 1)
    g = y * 255 // max(h - 1, 1)
    b = 0xC0 if ((x // 16) ^ (y // 16)) & 1 else 0x40
    return r, g, b


def c8_index(x, y):
    """The palette index of the 8-bit picture at (x, y)."""
    return (x // 8 + y // 8) & 0xFF


def c8_colour(i):
    """The palette's colour (r, g, b) for index i."""
    return i, 255 - i, i ^ 0x5A


# The console picture: the VGA palette's blue and bright white.
CONSOLE_BACKGROUND = (0x00, 0x00, 0xAA)
CONSOLE_FOREGROUND = (0xFF, 0xFF, 0xFF)
# How many full-block characters scripts/guest/init writes on the second line.
CONSOLE_BLOCKS = 16


class PngError(ValueError):
    """A file read_png() cannot or will not decode."""


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_IEND = b"\x00\x00\x00\x00IEND\xaeB`\x82"


def _unfilter_row(ftype, line, prev, bpp):
    """Undo one row's filter in place; prev is the previous decoded row."""
    n = len(line)
    if ftype == 0:
        return
    if ftype == 1:  # Sub
        for i in range(bpp, n):
            line[i] = (line[i] + line[i - bpp]) & 0xFF
    elif ftype == 2:  # Up
        line[:] = bytes((a + b) & 0xFF for a, b in zip(line, prev))
    elif ftype == 3:  # Average
        for i in range(bpp):
            line[i] = (line[i] + (prev[i] >> 1)) & 0xFF
        for i in range(bpp, n):
            line[i] = (line[i] + ((line[i - bpp] + prev[i]) >> 1)) & 0xFF
    elif ftype == 4:  # Paeth
        for i in range(bpp):
            line[i] = (line[i] + prev[i]) & 0xFF
        for i in range(bpp, n):
            a, b, c = line[i - bpp], prev[i], prev[i - bpp]
            pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
            if pa <= pb and pa <= pc:
                pred = a
            elif pb <= pc:
                pred = b
            else:
                pred = c
            line[i] = (line[i] + pred) & 0xFF
    else:
        raise PngError(f"unknown filter type {ftype}")


def read_png(path):
    """Decode a PNG file: 8-bit RGB (colour type 2) or RGBA (6), not interlaced.

    Returns (w, h, rows): rows[y] is a bytes object of w * 3 bytes, R, G, B
    for each pixel of row y (alpha, if any, is dropped). Raises PngError for
    a malformed, truncated or unsupported file.
    """
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != PNG_SIGNATURE:
        raise PngError(f"{path}: not a PNG file")
    pos, ihdr, idat, ended = 8, None, [], False
    while pos < len(data):
        if pos + 8 > len(data):
            raise PngError(f"{path}: truncated chunk header at byte {pos}")
        length = int.from_bytes(data[pos:pos + 4], "big")
        ctype = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        crc = data[pos + 8 + length:pos + 12 + length]
        if len(body) != length or len(crc) != 4:
            raise PngError(f"{path}: truncated {ctype!r} chunk")
        if zlib.crc32(ctype + body) != int.from_bytes(crc, "big"):
            raise PngError(f"{path}: bad CRC in {ctype!r} chunk")
        pos += 12 + length
        if ihdr is None and ctype != b"IHDR":
            raise PngError(f"{path}: first chunk is {ctype!r}, not IHDR")
        if ctype == b"IHDR":
            if length != 13:
                raise PngError(f"{path}: IHDR of {length} bytes")
            ihdr = body
        elif ctype == b"IDAT":
            idat.append(body)
        elif ctype == b"IEND":
            ended = True
            break
        elif not ctype[0] & 0x20 and ctype != b"PLTE":
            # Ancillary chunks (lower-case first letter) are skipped; PLTE
            # only matters to palette images, which are refused below.
            raise PngError(f"{path}: unknown critical chunk {ctype!r}")
    if ihdr is None:
        raise PngError(f"{path}: no IHDR chunk")
    if not ended:
        raise PngError(f"{path}: truncated (no IEND chunk)")
    w = int.from_bytes(ihdr[0:4], "big")
    h = int.from_bytes(ihdr[4:8], "big")
    depth, color, compression, filtering, interlace = ihdr[8:13]
    if depth != 8 or color not in (2, 6):
        raise PngError(f"{path}: bit depth {depth}, colour type {color}: only 8-bit "
                       "colour type 2 (RGB) and 6 (RGBA) are supported")
    if compression != 0 or filtering != 0:
        raise PngError(f"{path}: unknown compression {compression} or filter method {filtering}")
    if interlace != 0:
        raise PngError(f"{path}: interlaced (Adam7) images are not supported")
    if not w or not h:
        raise PngError(f"{path}: empty image {w}x{h}")
    try:
        raw = zlib.decompress(b"".join(idat))
    except zlib.error as e:
        raise PngError(f"{path}: bad image data: {e}") from None
    bpp = 3 if color == 2 else 4
    stride = w * bpp
    if len(raw) != h * (stride + 1):
        raise PngError(f"{path}: {len(raw)} bytes of image data, want {h * (stride + 1)}")
    rows, prev = [], bytearray(stride)
    for y in range(h):
        start = y * (stride + 1)
        line = bytearray(raw[start + 1:start + 1 + stride])
        try:
            _unfilter_row(raw[start], line, prev, bpp)
        except PngError as e:
            raise PngError(f"{path}: row {y}: {e}") from None
        prev = line
        if bpp == 4:
            line = line[:]
            del line[3::4]
        rows.append(bytes(line))
    return w, h, rows


# The cursor of vpshim-kms's cursor check (32x32): the top half white, the
# bottom-left quarter black, the bottom-right quarter transparent.
CURSOR_SIZE = 32


def cursor_colour(x, y):
    """The cursor's colour at (x, y) of its image, or None where it is transparent."""
    if y < CURSOR_SIZE // 2:
        return 0xFF, 0xFF, 0xFF
    return (0, 0, 0) if x < CURSOR_SIZE // 2 else None


def expected(kind, w, h, bpp, inv):
    """The function (x, y) -> (r, g, b) and the tolerance per channel."""
    if kind == "c8":
        return (lambda x, y: c8_colour(c8_index(x, y))), 4
    if kind == "cursor":
        # The picture with the cursor on it, its top-left corner at inv[0:2].
        def with_cursor(x, y):
            cx, cy = x - inv[0], y - inv[1]
            if 0 <= cx < CURSOR_SIZE and 0 <= cy < CURSOR_SIZE:
                c = cursor_colour(cx, cy)
                if c:
                    return c
            return pattern(x, y, w, h)
        return with_cursor, (8 if bpp == 16 else 0)

    def want(x, y):
        r, g, b = pattern(x, y, w, h)
        if inv and inv[0] <= x < inv[2] and inv[1] <= y < inv[3]:
            r, g, b = r ^ 0xFF, g ^ 0xFF, b ^ 0xFF
        return r, g, b
    # RGB565 keeps 5 or 6 bits of each channel; QEMU widens them again.
    return want, (8 if bpp == 16 else 0)


def compare(w, h, rows, want=None, tolerance=0):
    """Compare a decoded screen with want(x, y) (default: the pattern).

    Returns (mismatches, first): first is None or (x, y, got, want).
    """
    want = want or (lambda x, y: pattern(x, y, w, h))
    mismatches, first = 0, None
    for y in range(h):
        line = bytes(c for x in range(w) for c in want(x, y))
        got = rows[y]
        if got == line:
            continue
        for x in range(w):
            g, e = tuple(got[3 * x:3 * x + 3]), tuple(line[3 * x:3 * x + 3])
            if any(abs(a - b) > tolerance for a, b in zip(g, e)):
                mismatches += 1
                if first is None:
                    first = (x, y, g, e)
    return mismatches, first


def judge_console(w, h, rows):
    """The console picture: blue everywhere but one solid white block.

    Returns None when it matches, else what is wrong.
    """
    fg, bg, black = bytes(CONSOLE_FOREGROUND), bytes(CONSOLE_BACKGROUND), bytes(3)
    white, margin = [], []
    for y in range(h):
        row = rows[y]
        for x in range(w):
            px = row[3 * x:3 * x + 3]
            if px == fg:
                white.append((x, y))
            elif px == black:
                margin.append((x, y))
            elif px != bg:
                return f"pixel {x},{y} is {tuple(px)}, neither background nor text"
    if not white:
        return "no text on the screen"
    x0, y0 = min(p[0] for p in white), min(p[1] for p in white)
    x1, y1 = max(p[0] for p in white) + 1, max(p[1] for p in white) + 1
    cw, ch = (x1 - x0) / CONSOLE_BLOCKS, y1 - y0
    if len(white) != (x1 - x0) * (y1 - y0):
        return f"the text {x1 - x0}x{y1 - y0} at {x0},{y0} is not one solid block"
    # One row of CONSOLE_BLOCKS glyph cells, on the second text line.
    if cw != int(cw) or not 6 <= cw <= 32 or not 8 <= ch <= 64 or x0 != 0 or y0 != ch:
        return (f"a block of {x1 - x0}x{y1 - y0} at {x0},{y0} is not {CONSOLE_BLOCKS} "
                "glyph cells at the start of the second line")
    # Black only where no whole text cell fits, at the right and the bottom.
    cols, lines = w // int(cw) * int(cw), h // ch * ch
    for x, y in margin:
        if x < cols and y < lines:
            return f"pixel {x},{y} inside the text area is black, not the background"
    return None


def judge_console_text(w, h, rows):
    """The console with words: the glyph block on the second line, text below.

    The block gives the glyph cell; below it, at least three text lines must
    hold glyphs (white pixels that do not fill their cells), in the console's
    two colours only. Returns None when it matches, else what is wrong.
    """
    fg, bg, black = bytes(CONSOLE_FOREGROUND), bytes(CONSOLE_BACKGROUND), bytes(3)
    white_rows = []
    for y in range(h):
        row = rows[y]
        xs = []
        for x in range(w):
            px = row[3 * x:3 * x + 3]
            if px == fg:
                xs.append(x)
            elif px not in (bg, black):
                return f"pixel {x},{y} is {tuple(px)}, neither background nor text"
        white_rows.append(xs)
    y0 = next((y for y in range(h) if white_rows[y]), None)
    if y0 is None:
        return "no text on the screen"
    block = white_rows[y0]
    x1 = len(block)
    if block != list(range(x1)) or x1 % CONSOLE_BLOCKS:
        return f"the first text row at y={y0} is not a solid block of {CONSOLE_BLOCKS} cells"
    ch = 0
    while y0 + ch < h and white_rows[y0 + ch] == block:
        ch += 1
    cw = x1 // CONSOLE_BLOCKS
    if not 6 <= cw <= 32 or not 8 <= ch <= 64 or y0 != ch:
        return f"a block of {x1}x{ch} at 0,{y0} is not {CONSOLE_BLOCKS} cells on the second line"
    lines = 0
    for top in range(2 * ch, h - ch + 1, ch):
        lit = sum(len(white_rows[y]) for y in range(top, top + ch))
        cols = max((max(white_rows[y]) + 1 for y in range(top, top + ch) if white_rows[y]),
                   default=0)
        # Glyphs light some of the pixels of the cells they sit in, never all.
        if lit and lit < cols * ch * 0.7:
            lines += 1
    if lines < 3:
        return f"{lines} lines of text below the block, not at least 3"
    return None


class Timeout(Exception):
    """The overall deadline passed."""


class LineSocket:
    """A connected unix socket read line by line against a deadline."""

    def __init__(self, path, deadline):
        self.path, self.deadline, self.buf = path, deadline, b""
        while True:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                self.sock.connect(path)
                return
            except (FileNotFoundError, ConnectionRefusedError):
                self.sock.close()
            if time.monotonic() >= deadline:
                raise Timeout(f"no socket at {path}")
            time.sleep(0.1)

    def readline(self):
        """The next line without its end, or None at EOF."""
        while b"\n" not in self.buf:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise Timeout(f"waiting for {self.path}")
            self.sock.settimeout(left)
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                raise Timeout(f"waiting for {self.path}") from None
            except ConnectionResetError:
                data = b""
            if not data:
                line, self.buf = self.buf, b""
                return line.rstrip(b"\r") if line else None
            self.buf += data
        line, self.buf = self.buf.split(b"\n", 1)
        return line.rstrip(b"\r")

    def send(self, data):
        self.sock.settimeout(max(self.deadline - time.monotonic(), 0.1))
        self.sock.sendall(data)


class Qmp:
    """A QMP connection: greeting, capabilities, then commands."""

    def __init__(self, path, deadline):
        self.conn = LineSocket(path, deadline)
        greeting = self._message()
        if "QMP" not in greeting:
            raise RuntimeError(f"QMP: unexpected greeting {greeting}")
        self.command("qmp_capabilities")

    def _message(self):
        line = self.conn.readline()
        if line is None:
            raise RuntimeError("QMP: connection closed")
        return json.loads(line)

    def command(self, name, **arguments):
        """Run one command; returns its "return" value, raises on "error"."""
        msg = {"execute": name}
        if arguments:
            msg["arguments"] = arguments
        self.conn.send(json.dumps(msg).encode() + b"\n")
        while True:
            reply = self._message()
            if "return" in reply:
                return reply["return"]
            if "error" in reply:
                err = reply["error"]
                raise RuntimeError(f"QMP {name}: {err.get('class')}: {err.get('desc')}")
            # Anything else ("event") is asynchronous: not our answer.


def png_complete(path):
    """True once the file ends with an IEND chunk."""
    try:
        with open(path, "rb") as f:
            f.seek(-len(PNG_IEND), os.SEEK_END)
            return f.read() == PNG_IEND
    except OSError:
        return False


def check_screen(qmp, w, h, bpp, out, deadline, kind=None, inv=None):
    """Take and judge one screen; prints the result line, returns True if it matched."""
    name = f"{kind}-{w}x{h}x{bpp}" if kind else f"{w}x{h}x{bpp}"
    if inv and kind == "cursor":
        name += f"-at-{inv[0]},{inv[1]}"
    elif inv:
        name += "-damage"
    shown = os.path.join(out, f"screen-{name}.png")
    path = os.path.abspath(shown)
    # console2, console3...: the console picture again, named apart.
    what = "console" if kind and kind.startswith("console") else kind
    if (bpp, what) not in ((32, None), (32, "kms"), (16, "kms"), (8, "c8"), (32, "console"),
                           (32, "words"), (32, "cursor"), (16, "cursor")) or \
            (what == "cursor" and not inv):
        print(f"display-check: {name} FAIL no picture is defined for this")
        return False
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    try:
        qmp.command("screendump", filename=path, format="png")
    except RuntimeError as e:
        print(f"display-check: {name} FAIL screendump: {e}")
        return False
    # QEMU writes the file before it answers; allow a moment all the same.
    wait_until = min(deadline, time.monotonic() + 5)
    while not png_complete(path) and time.monotonic() < wait_until:
        time.sleep(0.1)
    try:
        iw, ih, rows = read_png(path)
    except (OSError, PngError) as e:
        print(f"display-check: {name} FAIL {e}")
        return False
    if (iw, ih) != (w, h):
        print(f"display-check: {name} FAIL the screen is {iw}x{ih} ({shown})")
        return False
    if what == "console":
        wrong = judge_console(w, h, rows)
        if wrong:
            print(f"display-check: {name} FAIL {wrong} ({shown})")
            return False
        print(f"display-check: {name} ok (background and glyph block match, {shown})")
        return True
    if what == "words":
        wrong = judge_console_text(w, h, rows)
        if wrong:
            print(f"display-check: {name} FAIL {wrong} ({shown})")
            return False
        print(f"display-check: {name} ok (the glyph block and lines of text, {shown})")
        return True
    want, tolerance = expected(what, w, h, bpp, inv)
    mismatches, first = compare(w, h, rows, want, tolerance)
    if mismatches:
        x, y, got, want = first
        print(f"display-check: {name} FAIL first mismatch at {x},{y} got "
              f"{got[0]},{got[1]},{got[2]} want {want[0]},{want[1]},{want[2]}, "
              f"{mismatches} of {w * h} pixels differ ({shown})")
        return False
    print(f"display-check: {name} ok ({w * h} pixels match, {shown})")
    return True


def main():
    sys.stdout.reconfigure(line_buffering=True)
    ap = argparse.ArgumentParser(
        description="Compare the guest's screen with vpshim-video's test pattern.")
    ap.add_argument("--qmp", required=True, help="QEMU's QMP unix socket")
    ap.add_argument("--sync", required=True, help="the unix socket of the guest's sync serial port")
    ap.add_argument("--out", required=True, help="directory for the screendumps")
    ap.add_argument("--timeout", type=float, default=300, help="seconds for the whole run")
    args = ap.parse_args()

    deadline = time.monotonic() + args.timeout
    os.makedirs(args.out, exist_ok=True)
    checked = passed = 0
    try:
        # The sync port first: what the guest writes before it is connected is lost.
        sync = LineSocket(args.sync, deadline)
        qmp = Qmp(args.qmp, deadline)
        while True:
            line = sync.readline()
            if line is None:
                break
            m = READY.search(line)
            if not m:
                if line.strip():
                    print(f"display-check: guest: {line.decode(errors='replace').strip()}")
                continue
            w, h, bpp = (int(v) for v in m.groups()[:3])
            kind = m.group(4).decode() if m.group(4) else None
            inv = tuple(int(v) for v in m.groups()[4:]) if m.group(5) else None
            checked += 1
            passed += check_screen(qmp, w, h, bpp, args.out, deadline, kind, inv)
            sync.send(CHECKED)
    except Timeout as e:
        print(f"display-check: FAIL timed out after {args.timeout:g} s ({e})")
        return 1
    except (OSError, RuntimeError, ValueError) as e:
        print(f"display-check: FAIL {e}")
        return 1
    if not checked:
        print("display-check: FAIL the guest never reported a screen")
        return 1
    return 0 if passed == checked else 1


if __name__ == "__main__":
    sys.exit(main())
