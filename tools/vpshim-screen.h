/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vpshim-screen.h - the test pictures the QEMU display tests draw, and the
 * handshake that has the host photograph them (scripts/display_check.py).
 *
 * Shared by vpshim-video (through the request device) and vpshim-kms
 * (through the DRM bridge). The pictures are defined here and in
 * display_check.py, and the two must agree:
 *
 *   screen_pattern()   red ramps left to right, green top to bottom, blue
 *                      a checkerboard of 16x16 squares (0x40 and 0xc0)
 *   screen_c8_index()  the 8-bit picture: palette index (x / 8 + y / 8) & 255
 *   screen_c8_colour() the palette: index i is (i, 255 - i, i ^ 0x5a)
 *
 * The handshake: the guest writes "VPSHIM-SCREEN ready WxHxBPP[ KIND][ inv
 * X1,Y1,X2,Y2]" on a serial line; the host takes a screendump, compares, and
 * answers "VPSHIM-SCREEN checked". KIND names the check (and what it
 * expects: "c8" the palette picture, "console" the console picture); "inv"
 * says the pattern's colours are inverted inside that rectangle.
 */
#ifndef VPSHIM_SCREEN_H
#define VPSHIM_SCREEN_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* How long a sync waits for the host to answer, in milliseconds. */
#define SCREEN_SYNC_TIMEOUT_MS	(600 * 1000)

/* The pattern's pixel 0x00RRGGBB at (x, y) of a w x h screen. */
static inline uint32_t screen_pattern(uint32_t x, uint32_t y, uint32_t w, uint32_t h)
{
	uint32_t r = x * 255 / (w > 1 ? w - 1 : 1);
	uint32_t g = y * 255 / (h > 1 ? h - 1 : 1);
	uint32_t b = ((x / 16) ^ (y / 16)) & 1 ? 0xc0 : 0x40;

	return r << 16 | g << 8 | b;
}

/* The pattern in RGB565, as a 16-bit pixel. */
static inline uint16_t screen_pattern_565(uint32_t x, uint32_t y, uint32_t w, uint32_t h)
{
	uint32_t p = screen_pattern(x, y, w, h);

	return (p >> 8 & 0xf800) | (p >> 5 & 0x7e0) | (p >> 3 & 0x1f);
}

static inline uint8_t screen_c8_index(uint32_t x, uint32_t y)
{
	return (x / 8 + y / 8) & 0xff;
}

static inline uint32_t screen_c8_colour(uint8_t i)
{
	return (uint32_t)i << 16 | (uint32_t)(255 - i) << 8 | (i ^ 0x5a);
}

/*
 * Tell the host on @tty that the screen is ready (@suffix: "" or the " KIND
 * inv ..." part) and wait for its one-line answer. @prog prefixes messages.
 * Returns 0 when the answer is "VPSHIM-SCREEN checked".
 */
static inline int screen_sync(const char *prog, const char *tty, uint32_t w, uint32_t h,
			      uint32_t bpp, const char *suffix)
{
	struct termios old, raw;
	char line[256], msg[160];
	struct pollfd pfd;
	size_t len = 0;
	int fd, n, ret = -1;
	char c;

	/* Not waiting for carrier: CLOCAL is set before blocking I/O. */
	fd = open(tty, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "%s: cannot open %s: %s\n", prog, tty, strerror(errno));
		return -1;
	}
	if (tcgetattr(fd, &old)) {
		fprintf(stderr, "%s: %s is not a terminal: %s\n", prog, tty, strerror(errno));
		close(fd);
		return -1;
	}
	raw = old;
	cfmakeraw(&raw);
	raw.c_lflag &= ~(ECHO | ECHONL);
	raw.c_cflag |= CLOCAL | CREAD;
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSANOW, &raw) || fcntl(fd, F_SETFL, 0)) {
		fprintf(stderr, "%s: cannot set up %s: %s\n", prog, tty, strerror(errno));
		goto out;
	}
	tcflush(fd, TCIOFLUSH);
	n = snprintf(msg, sizeof(msg), "VPSHIM-SCREEN ready %ux%ux%u%s\n", w, h, bpp, suffix);
	if (n < 0 || n >= (int)sizeof(msg) || write(fd, msg, n) != n) {
		fprintf(stderr, "%s: cannot write to %s: %s\n", prog, tty, strerror(errno));
		goto out;
	}
	tcdrain(fd);
	pfd.fd = fd;
	pfd.events = POLLIN;
	for (;;) {
		n = poll(&pfd, 1, SCREEN_SYNC_TIMEOUT_MS);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			fprintf(stderr, "%s: no answer from the host on %s%s%s\n", prog, tty,
				n ? ": " : "", n ? strerror(errno) : "");
			goto out;
		}
		n = read(fd, &c, 1);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0) {
			fprintf(stderr, "%s: %s closed before the host answered\n", prog, tty);
			goto out;
		}
		if (c == '\n')
			break;
		if (c != '\r' && len < sizeof(line) - 1)
			line[len++] = c;
	}
	line[len] = '\0';
	printf("%s: host answered: %s\n", prog, line);
	ret = strcmp(line, "VPSHIM-SCREEN checked") ? -1 : 0;
	if (ret)
		fprintf(stderr, "%s: expected \"VPSHIM-SCREEN checked\" from the host\n", prog);
out:
	tcsetattr(fd, TCSANOW, &old);
	close(fd);
	return ret;
}

#endif /* VPSHIM_SCREEN_H */
