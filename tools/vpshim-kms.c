// SPDX-License-Identifier: GPL-2.0
/*
 * vpshim-kms - a small KMS client for vpshim's DRM bridge, raw ioctls only.
 *
 * What a compositor or the modesetting X driver does with a DRM device,
 * reduced to what the QEMU display tests need: list the connector's modes,
 * set a mode with a dumb buffer holding the test pattern (XRGB8888, RGB565,
 * or C8 with the palette through the gamma LUT), report a damaged rectangle
 * with DIRTYFB, show, move and hide a cursor with the legacy cursor ioctl,
 * hold the device across an unbind, and time full-screen updates (against
 * any DRM driver: the benchmark runs it on the kernel's bochs driver too). The host compares the screen with the picture through
 * the handshake of vpshim-screen.h.
 *
 * Usage: vpshim-kms [-d CARD] COMMAND [ARGS]; see usage(). Checks print
 * "vpshim-kms: check NAME: ok" or "... FAIL <detail>"; the exit status is 1
 * when any failed.
 *
 * Build: make -C tools (static; the DRM uapi headers come from the kernel
 * headers or /usr/include/drm, see tools/Makefile).
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "drm.h"
#include "drm_mode.h"
#include "vpshim-screen.h"

#define PROG		"vpshim-kms"
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define MAX_MODES	64

#define fourcc(a, b, c, d) \
	((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)
#define FMT_XRGB8888	fourcc('X', 'R', '2', '4')
#define FMT_RGB565	fourcc('R', 'G', '1', '6')
#define FMT_C8		fourcc('C', '8', ' ', ' ')
#define FMT_ARGB8888	fourcc('A', 'R', '2', '4')

/* The cursor of the cursor check, as scripts/display_check.py knows it. */
#define CURSOR_SIZE	32

static int failures;

static void check(const char *name, bool ok, const char *detail)
{
	printf(PROG ": check %s: %s%s%s\n", name, ok ? "ok" : "FAIL", ok || !detail ? "" : " ",
	       ok || !detail ? "" : detail);
	failures += !ok;
}

/* An ioctl, restarted when a signal interrupts it. */
static int xioctl(int fd, unsigned long req, void *arg)
{
	int ret;

	do
		ret = ioctl(fd, req, arg);
	while (ret == -1 && (errno == EINTR || errno == EAGAIN));
	return ret;
}

static uint64_t ptr(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

/* The display: the first connected connector, its CRTC, its modes. */
struct output {
	uint32_t connector, crtc, gamma_size;
	uint32_t connector_type;
	struct drm_mode_modeinfo modes[MAX_MODES];
	unsigned int nr_modes;
};

static int find_output(int fd, struct output *out)
{
	uint32_t conns[8], crtcs[8], encs[8];
	struct drm_mode_card_res res = { 0 };
	unsigned int i;

	memset(out, 0, sizeof(*out));
	res.connector_id_ptr = ptr(conns);
	res.count_connectors = ARRAY_SIZE(conns);
	res.crtc_id_ptr = ptr(crtcs);
	res.count_crtcs = ARRAY_SIZE(crtcs);
	res.encoder_id_ptr = ptr(encs);
	res.count_encoders = ARRAY_SIZE(encs);
	if (xioctl(fd, DRM_IOCTL_MODE_GETRESOURCES, &res)) {
		fprintf(stderr, PROG ": GETRESOURCES: %s\n", strerror(errno));
		return -1;
	}
	if (!res.count_crtcs || !res.count_connectors) {
		fprintf(stderr, PROG ": no CRTC or no connector\n");
		return -1;
	}
	out->crtc = crtcs[0];
	for (i = 0; i < res.count_connectors && i < ARRAY_SIZE(conns); i++) {
		struct drm_mode_get_connector c = { .connector_id = conns[i] };

		/* The mode list as the connector probes it, up to MAX_MODES. */
		c.modes_ptr = ptr(out->modes);
		c.count_modes = MAX_MODES;
		if (xioctl(fd, DRM_IOCTL_MODE_GETCONNECTOR, &c))
			continue;
		if (c.connection != 1 || !c.count_modes)
			continue;
		out->connector = conns[i];
		out->connector_type = c.connector_type;
		out->nr_modes = c.count_modes < MAX_MODES ? c.count_modes : MAX_MODES;
		break;
	}
	if (!out->connector) {
		fprintf(stderr, PROG ": no connected connector with modes\n");
		return -1;
	}
	{
		struct drm_mode_crtc crtc = { .crtc_id = out->crtc };

		if (!xioctl(fd, DRM_IOCTL_MODE_GETCRTC, &crtc))
			out->gamma_size = crtc.gamma_size;
	}
	return 0;
}

static const struct drm_mode_modeinfo *find_mode(const struct output *out, uint32_t w,
						 uint32_t h)
{
	unsigned int i;

	for (i = 0; i < out->nr_modes; i++)
		if (out->modes[i].hdisplay == w && out->modes[i].vdisplay == h)
			return &out->modes[i];
	return NULL;
}

/* A dumb buffer with a frame buffer on it, mapped. */
struct buffer {
	uint32_t handle, fb, pitch, w, h, format, bpp;
	uint64_t size;
	uint8_t *map;
};

static int buffer_create(int fd, struct buffer *b, uint32_t w, uint32_t h, uint32_t format)
{
	struct drm_mode_create_dumb create = { .width = w, .height = h };
	struct drm_mode_map_dumb map = { 0 };
	struct drm_mode_fb_cmd2 fb = { .width = w, .height = h, .pixel_format = format };

	memset(b, 0, sizeof(*b));
	create.bpp = format == FMT_XRGB8888 || format == FMT_ARGB8888 ? 32 :
		     format == FMT_RGB565 ? 16 : 8;
	if (xioctl(fd, DRM_IOCTL_MODE_CREATE_DUMB, &create)) {
		fprintf(stderr, PROG ": CREATE_DUMB %ux%u: %s\n", w, h, strerror(errno));
		return -1;
	}
	b->handle = create.handle;
	b->pitch = create.pitch;
	b->size = create.size;
	b->w = w;
	b->h = h;
	b->format = format;
	b->bpp = create.bpp;
	map.handle = b->handle;
	if (xioctl(fd, DRM_IOCTL_MODE_MAP_DUMB, &map)) {
		fprintf(stderr, PROG ": MAP_DUMB: %s\n", strerror(errno));
		return -1;
	}
	b->map = mmap(NULL, b->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, map.offset);
	if (b->map == MAP_FAILED) {
		b->map = NULL;
		fprintf(stderr, PROG ": mmap of the dumb buffer: %s\n", strerror(errno));
		return -1;
	}
	fb.handles[0] = b->handle;
	fb.pitches[0] = b->pitch;
	if (xioctl(fd, DRM_IOCTL_MODE_ADDFB2, &fb)) {
		fprintf(stderr, PROG ": ADDFB2: %s\n", strerror(errno));
		return -1;
	}
	b->fb = fb.fb_id;
	return 0;
}

static void buffer_destroy(int fd, struct buffer *b)
{
	struct drm_mode_destroy_dumb destroy = { .handle = b->handle };

	if (b->fb)
		xioctl(fd, DRM_IOCTL_MODE_RMFB, &b->fb);
	if (b->map)
		munmap(b->map, b->size);
	if (b->handle)
		xioctl(fd, DRM_IOCTL_MODE_DESTROY_DUMB, &destroy);
	memset(b, 0, sizeof(*b));
}

/* The picture of the buffer's format, inverted inside @inv if non-NULL. */
static void buffer_draw(struct buffer *b, const uint32_t *inv)
{
	uint32_t x, y;

	for (y = 0; y < b->h; y++) {
		uint8_t *row = b->map + (size_t)y * b->pitch;

		for (x = 0; x < b->w; x++) {
			bool flip = inv && x >= inv[0] && y >= inv[1] && x < inv[2] && y < inv[3];

			if (b->format == FMT_XRGB8888)
				((uint32_t *)row)[x] = screen_pattern(x, y, b->w, b->h) ^
						       (flip ? 0xffffff : 0);
			else if (b->format == FMT_RGB565)
				((uint16_t *)row)[x] = screen_pattern_565(x, y, b->w, b->h) ^
						       (flip ? 0xffff : 0);
			else
				row[x] = screen_c8_index(x, y);
		}
	}
}

/* The C8 palette through the legacy gamma ioctl (the CRTC's LUT). */
static int set_palette(int fd, const struct output *out)
{
	uint16_t r[256], g[256], b[256];
	struct drm_mode_crtc_lut lut = {
		.crtc_id = out->crtc, .gamma_size = 256,
		.red = ptr(r), .green = ptr(g), .blue = ptr(b),
	};
	unsigned int i;

	if (out->gamma_size != 256) {
		fprintf(stderr, PROG ": the CRTC's gamma LUT has %u entries, not 256\n",
			out->gamma_size);
		return -1;
	}
	for (i = 0; i < 256; i++) {
		uint32_t c = screen_c8_colour(i);

		/* 8-bit colours in the LUT's 16 bits: 0xab becomes 0xabab. */
		r[i] = (c >> 16 & 0xff) * 0x101;
		g[i] = (c >> 8 & 0xff) * 0x101;
		b[i] = (c & 0xff) * 0x101;
	}
	if (xioctl(fd, DRM_IOCTL_MODE_SETGAMMA, &lut)) {
		fprintf(stderr, PROG ": SETGAMMA: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

static int set_crtc(int fd, const struct output *out, const struct buffer *b,
		    const struct drm_mode_modeinfo *mode)
{
	uint32_t conn = out->connector;
	struct drm_mode_crtc crtc = {
		.crtc_id = out->crtc, .fb_id = b->fb,
		.set_connectors_ptr = ptr(&conn), .count_connectors = 1,
		.mode = *mode, .mode_valid = 1,
	};

	if (xioctl(fd, DRM_IOCTL_MODE_SETCRTC, &crtc)) {
		fprintf(stderr, PROG ": SETCRTC %s: %s\n", mode->name, strerror(errno));
		return -1;
	}
	return 0;
}

static int dirty(int fd, const struct buffer *b, const struct drm_clip_rect *clip)
{
	struct drm_mode_fb_dirty_cmd cmd = {
		.fb_id = b->fb, .num_clips = clip ? 1 : 0, .clips_ptr = ptr(clip),
	};

	/* ENOSYS: the driver scans the buffer out itself; nothing to report. */
	if (xioctl(fd, DRM_IOCTL_MODE_DIRTYFB, &cmd) && errno != ENOSYS)
		return -1;
	return 0;
}

static const char *format_name(uint32_t format)
{
	return format == FMT_XRGB8888 ? "xrgb8888" : format == FMT_RGB565 ? "rgb565" : "c8";
}

static int open_card(const char *path)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		fprintf(stderr, PROG ": cannot open %s: %s\n", path, strerror(errno));
	return fd;
}

static int cmd_info(int fd)
{
	char name[64] = "";
	struct drm_version v = { .name = name, .name_len = sizeof(name) - 1 };
	struct output out;
	unsigned int i;

	if (xioctl(fd, DRM_IOCTL_VERSION, &v)) {
		fprintf(stderr, PROG ": VERSION: %s\n", strerror(errno));
		return 1;
	}
	printf(PROG ": driver %s %d.%d\n", name, v.version_major, v.version_minor);
	if (find_output(fd, &out))
		return 1;
	printf(PROG ": connector %u type %u, CRTC %u, gamma LUT %u, %u modes\n",
	       out.connector, out.connector_type, out.crtc, out.gamma_size, out.nr_modes);
	for (i = 0; i < out.nr_modes; i++)
		printf(PROG ": mode %ux%u%s\n", out.modes[i].hdisplay, out.modes[i].vdisplay,
		       out.modes[i].type & DRM_MODE_TYPE_PREFERRED ? " preferred" : "");
	return 0;
}

struct draw_opts {
	uint32_t w, h, format;
	const char *tty;
	bool damage;
};

/* Set the mode with the picture, have it photographed, then a damaged part. */
static int cmd_draw(int fd, const struct draw_opts *o)
{
	const struct drm_mode_modeinfo *mode;
	struct drm_mode_crtc got;
	struct buffer b = { 0 };
	struct output out;
	char name[64], suffix[96];
	int ret = 1;

	snprintf(name, sizeof(name), "kms-%ux%u-%s", o->w, o->h, format_name(o->format));
	if (find_output(fd, &out))
		return 1;
	mode = find_mode(&out, o->w, o->h);
	if (!mode) {
		fprintf(stderr, PROG ": the connector has no %ux%u mode\n", o->w, o->h);
		check(name, false, "no such mode");
		return 1;
	}
	if (buffer_create(fd, &b, o->w, o->h, o->format))
		goto out;
	buffer_draw(&b, NULL);
	if (o->format == FMT_C8 && set_palette(fd, &out))
		goto out;
	if (set_crtc(fd, &out, &b, mode))
		goto out;
	got = (struct drm_mode_crtc){ .crtc_id = out.crtc };
	if (xioctl(fd, DRM_IOCTL_MODE_GETCRTC, &got) || !got.mode_valid || got.fb_id != b.fb ||
	    got.mode.hdisplay != o->w || got.mode.vdisplay != o->h) {
		check(name, false, "GETCRTC does not show the mode and frame buffer just set");
		goto out;
	}
	snprintf(suffix, sizeof(suffix), " %s", o->format == FMT_C8 ? "c8" : "kms");
	if (o->tty && screen_sync(PROG, o->tty, o->w, o->h, b.bpp, suffix))
		goto out;
	if (o->damage) {
		uint32_t r[4] = { o->w / 4, o->h / 4, o->w / 2, o->h / 2 };
		uint32_t all[4] = { 0, 0, o->w, o->h };
		struct drm_clip_rect clip = { r[0], r[1], r[2], r[3] };

		/*
		 * The whole buffer inverted, only the rectangle reported: the
		 * screen must change there and nowhere else.
		 */
		buffer_draw(&b, all);
		if (dirty(fd, &b, &clip)) {
			fprintf(stderr, PROG ": DIRTYFB: %s\n", strerror(errno));
			goto out;
		}
		snprintf(suffix, sizeof(suffix), " kms inv %u,%u,%u,%u", r[0], r[1], r[2], r[3]);
		if (o->tty && screen_sync(PROG, o->tty, o->w, o->h, b.bpp, suffix))
			goto out;
	}
	printf(PROG ": drew %ux%u %s\n", o->w, o->h, format_name(o->format));
	ret = 0;
out:
	check(name, !ret, "see above");
	buffer_destroy(fd, &b);
	return ret;
}

/* The cursor: the top half opaque white, the bottom-left quarter opaque black. */
static void cursor_draw(struct buffer *c)
{
	uint32_t x, y;

	for (y = 0; y < c->h; y++)
		for (x = 0; x < c->w; x++)
			((uint32_t *)(c->map + (size_t)y * c->pitch))[x] =
				y < CURSOR_SIZE / 2 ? 0xffffffff :
				x < CURSOR_SIZE / 2 ? 0xff000000 : 0;
}

/* The legacy cursor ioctl: what X servers and fbcon-less consoles use. */
static int cursor_ioctl(int fd, const struct output *out, uint32_t flags, uint32_t handle,
			int32_t x, int32_t y)
{
	struct drm_mode_cursor req = {
		.flags = flags, .crtc_id = out->crtc, .x = x, .y = y,
		.width = CURSOR_SIZE, .height = CURSOR_SIZE, .handle = handle,
	};

	if (xioctl(fd, DRM_IOCTL_MODE_CURSOR, &req)) {
		fprintf(stderr, PROG ": MODE_CURSOR flags %#x: %s\n", flags, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * The cursor plane: the picture, a cursor shown on it, moved (to a place
 * that is not a multiple of 8), and hidden; the host photographs each.
 */
static int cmd_cursor(int fd, const struct draw_opts *o)
{
	static const int32_t at[2][2] = { { 100, 200 }, { 517, 389 } };
	const struct drm_mode_modeinfo *mode;
	struct drm_get_cap cap = { .capability = DRM_CAP_CURSOR_WIDTH };
	struct buffer b = { 0 }, c = { 0 };
	char suffix[96];
	struct output out;
	int i, ret = 1;

	if (find_output(fd, &out))
		return 1;
	mode = find_mode(&out, o->w, o->h);
	if (!mode) {
		check("kms-cursor", false, "no such mode");
		return 1;
	}
	if (!xioctl(fd, DRM_IOCTL_GET_CAP, &cap))
		printf(PROG ": cursor up to %llux", (unsigned long long)cap.value);
	cap.capability = DRM_CAP_CURSOR_HEIGHT;
	if (!xioctl(fd, DRM_IOCTL_GET_CAP, &cap))
		printf("%llu\n", (unsigned long long)cap.value);
	if (buffer_create(fd, &b, o->w, o->h, o->format) ||
	    buffer_create(fd, &c, CURSOR_SIZE, CURSOR_SIZE, FMT_ARGB8888))
		goto out;
	buffer_draw(&b, NULL);
	cursor_draw(&c);
	if (set_crtc(fd, &out, &b, mode))
		goto out;
	for (i = 0; i < 2; i++) {
		if (cursor_ioctl(fd, &out, i ? DRM_MODE_CURSOR_MOVE :
				 DRM_MODE_CURSOR_BO | DRM_MODE_CURSOR_MOVE, c.handle,
				 at[i][0], at[i][1]))
			goto out;
		printf(PROG ": cursor at %d,%d\n", at[i][0], at[i][1]);
		snprintf(suffix, sizeof(suffix), " cursor inv %d,%d,%d,%d", at[i][0], at[i][1],
			 at[i][0] + CURSOR_SIZE, at[i][1] + CURSOR_SIZE);
		if (o->tty && screen_sync(PROG, o->tty, o->w, o->h, b.bpp, suffix))
			goto out;
	}
	/* A BO of 0 hides the cursor: the picture alone again. */
	if (cursor_ioctl(fd, &out, DRM_MODE_CURSOR_BO, 0, 0, 0))
		goto out;
	printf(PROG ": cursor hidden\n");
	if (o->tty && screen_sync(PROG, o->tty, o->w, o->h, b.bpp, " kms"))
		goto out;
	ret = 0;
out:
	check("kms-cursor", !ret, "see above");
	buffer_destroy(fd, &c);
	buffer_destroy(fd, &b);
	return ret;
}

/*
 * Hold the device with a mode set until @path exists (the adapter is
 * unbound meanwhile), then show what the device answers: ENODEV, no crash.
 */
static int cmd_hold(int fd, const char *path)
{
	struct drm_mode_card_res res = { 0 };
	struct buffer b = { 0 };
	struct output out;
	char ready[512];
	int i, err, fdr;

	if (find_output(fd, &out) || buffer_create(fd, &b, 640, 480, FMT_XRGB8888))
		return 1;
	buffer_draw(&b, NULL);
	if (set_crtc(fd, &out, &b, find_mode(&out, 640, 480) ?: &out.modes[0]))
		return 1;
	snprintf(ready, sizeof(ready), "%s.ready", path);
	fdr = open(ready, O_WRONLY | O_CREAT, 0644);
	if (fdr >= 0)
		close(fdr);
	for (i = 0; i < 600 && access(path, F_OK); i++)
		usleep(100 * 1000);
	err = xioctl(fd, DRM_IOCTL_MODE_GETRESOURCES, &res) ? errno : 0;
	printf(PROG ": after unbind GETRESOURCES: %s\n", err ? strerror(err) : "succeeded");
	check("kms-hold-unbind", err == ENODEV, "GETRESOURCES after the unbind did not fail with ENODEV");
	munmap(b.map, b.size);
	return 0;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Full-screen updates: redraw the whole XRGB8888 frame and report it, @n times. */
static int cmd_bench(int fd, uint32_t w, uint32_t h, unsigned int n)
{
	char name[64] = "";
	struct drm_version v = { .name = name, .name_len = sizeof(name) - 1 };
	const struct drm_mode_modeinfo *mode;
	struct buffer b = { 0 };
	struct output out;
	double t0, t;
	unsigned int i;
	uint32_t x, y;
	int ret = 1;

	if (xioctl(fd, DRM_IOCTL_VERSION, &v) || find_output(fd, &out))
		return 1;
	mode = find_mode(&out, w, h);
	if (!mode || buffer_create(fd, &b, w, h, FMT_XRGB8888) || set_crtc(fd, &out, &b, mode))
		goto out;
	t0 = now_ms();
	for (i = 0; i < n; i++) {
		for (y = 0; y < h; y++) {
			uint32_t *row = (uint32_t *)(b.map + (size_t)y * b.pitch);

			for (x = 0; x < w; x++)
				row[x] = (x + y + i) * 0x010101;
		}
		if (dirty(fd, &b, NULL)) {
			fprintf(stderr, PROG ": DIRTYFB: %s\n", strerror(errno));
			goto out;
		}
	}
	t = now_ms() - t0;
	printf(PROG ": bench %s %ux%u: %u full-screen updates in %.0f ms, %.1f per second\n",
	       name, w, h, n, t, n * 1e3 / t);
	/* Where the time goes: the reports alone, full screen and one pixel. */
	{
		struct drm_clip_rect pixel = { 0, 0, 1, 1 };

		t0 = now_ms();
		for (i = 0; i < n; i++)
			if (dirty(fd, &b, NULL))
				goto out;
		t = now_ms() - t0;
		t0 = now_ms();
		for (i = 0; i < n; i++)
			if (dirty(fd, &b, &pixel))
				goto out;
		printf(PROG ": bench %s %ux%u: DIRTYFB alone %.3f ms full screen, %.3f ms one pixel\n",
		       name, w, h, t / n, (now_ms() - t0) / n);
	}
	ret = 0;
out:
	buffer_destroy(fd, &b);
	return ret;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: " PROG " [-d CARD] COMMAND\n"
		"  info                   driver, connector, CRTC and the connector's modes\n"
		"  draw WxH [--format xrgb8888|rgb565|c8] [--sync TTY] [--damage]\n"
		"                         set the mode with the test picture in a dumb buffer;\n"
		"                         --sync: have the host check it; --damage: then invert\n"
		"                         a rectangle and report only it with DIRTYFB\n"
		"  cursor WxH [--format xrgb8888|rgb565] [--sync TTY]\n"
		"                         the picture with a 32x32 cursor shown, moved, hidden\n"
		"  hold PATH              set 640x480, wait for PATH, then expect ENODEV\n"
		"  bench WxH N            N full-screen updates of an XRGB8888 frame, timed\n"
		"  screen WxHxBPP KIND TTY  have the host check what is on the screen now\n"
		"                         (KIND: console, the console picture)\n"
		"CARD defaults to /dev/dri/card0.\n");
}

static int parse_size(const char *s, uint32_t *w, uint32_t *h)
{
	return sscanf(s, "%ux%u", w, h) == 2 && *w && *h ? 0 : -1;
}

int main(int argc, char **argv)
{
	const char *card = "/dev/dri/card0";
	struct draw_opts o = { .format = FMT_XRGB8888 };
	int fd, i = 1, ret;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 2 && !strcmp(argv[1], "-d")) {
		card = argv[2];
		i = 3;
	}
	if (i >= argc) {
		usage();
		return 2;
	}
	fd = open_card(card);
	if (fd < 0)
		return 1;
	if (!strcmp(argv[i], "info")) {
		ret = cmd_info(fd);
	} else if ((!strcmp(argv[i], "draw") || !strcmp(argv[i], "cursor")) && i + 1 < argc &&
		   !parse_size(argv[i + 1], &o.w, &o.h)) {
		bool cursor = !strcmp(argv[i], "cursor");

		for (i += 2; i < argc; i++) {
			if (!strcmp(argv[i], "--sync") && i + 1 < argc)
				o.tty = argv[++i];
			else if (!strcmp(argv[i], "--damage"))
				o.damage = true;
			else if (!strcmp(argv[i], "--format") && i + 1 < argc && ++i)
				o.format = !strcmp(argv[i], "rgb565") ? FMT_RGB565 :
					   !strcmp(argv[i], "c8") ? FMT_C8 : FMT_XRGB8888;
			else {
				usage();
				return 2;
			}
		}
		ret = cursor ? cmd_cursor(fd, &o) : cmd_draw(fd, &o);
	} else if (!strcmp(argv[i], "screen") && i + 3 < argc) {
		uint32_t bpp = 0;
		char suffix[64];

		/* Someone else drew (the console): only the handshake. */
		if (sscanf(argv[i + 1], "%ux%ux%u", &o.w, &o.h, &bpp) != 3) {
			usage();
			return 2;
		}
		snprintf(suffix, sizeof(suffix), " %s", argv[i + 2]);
		ret = screen_sync(PROG, argv[i + 3], o.w, o.h, bpp, suffix) ? 1 : 0;
	} else if (!strcmp(argv[i], "hold") && i + 1 < argc) {
		ret = cmd_hold(fd, argv[i + 1]);
	} else if (!strcmp(argv[i], "bench") && i + 2 < argc &&
		   !parse_size(argv[i + 1], &o.w, &o.h)) {
		ret = cmd_bench(fd, o.w, o.h, (unsigned int)strtoul(argv[i + 2], NULL, 0));
	} else {
		usage();
		ret = 2;
	}
	close(fd);
	return ret ? ret : failures ? 1 : 0;
}
