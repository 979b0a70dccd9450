// SPDX-License-Identifier: GPL-2.0
/*
 * i2c.c - I2C over the miniport's own clock and data lines: the I2C
 * interface of VideoPortQueryServices and VideoPortDDCMonitorHelper.
 *
 * A miniport gives four callbacks (I2C_CALLBACKS) that drive and read the
 * DDC clock (SCL) and data (SDA) lines of its connector, open-drain: writing
 * 1 releases a line, 0 pulls it low. vpshim runs the I2C protocol on top,
 * at standard-mode speed (100 kHz), with clock stretching, as Windows' video
 * port does: start and stop conditions, bytes with acknowledge, and the
 * VESA E-DDC read of an EDID (segment pointer at 0x30, EEPROM at 0x50).
 */

#include <linux/delay.h>
#include <linux/string.h>

#include "vpshim.h"

#define VPSHIM_I2C_HALF_US	5	/* half of a 100 kHz clock period */
#define VPSHIM_I2C_STRETCH_US	2000	/* how long a slave may hold SCL low */
#define VPSHIM_DDC_ADDRESS	0x50	/* the EDID EEPROM */
#define VPSHIM_DDC_SEGMENT	0x30	/* the E-DDC segment pointer */
#define VPSHIM_DDC_TRIES	3

/* One bus: the miniport's line callbacks and the half period. */
struct vpshim_i2c {
	PVOID ext;
	PVIDEO_WRITE_CLOCK_LINE write_clock;
	PVIDEO_WRITE_DATA_LINE write_data;
	PVIDEO_READ_CLOCK_LINE read_clock;
	PVIDEO_READ_DATA_LINE read_data;
	unsigned int half_us;
};

static void vpshim_i2c_delay(struct vpshim_i2c *bus)
{
	udelay(bus->half_us);
}

static void vpshim_i2c_sda(struct vpshim_i2c *bus, bool high)
{
	bus->write_data(bus->ext, high);
	vpshim_i2c_delay(bus);
}

/* Release SCL and wait for it to go high: a slave may stretch the clock. */
static bool vpshim_i2c_scl_high(struct vpshim_i2c *bus)
{
	unsigned int waited = 0;

	bus->write_clock(bus->ext, 1);
	while (!bus->read_clock(bus->ext)) {
		if (waited >= VPSHIM_I2C_STRETCH_US)
			return false;
		usleep_range(10, 20);
		waited += 10;
	}
	vpshim_i2c_delay(bus);
	return true;
}

static void vpshim_i2c_scl_low(struct vpshim_i2c *bus)
{
	bus->write_clock(bus->ext, 0);
	vpshim_i2c_delay(bus);
}

/* A start (or repeated start) condition: SDA falls while SCL is high. */
static bool vpshim_i2c_start(struct vpshim_i2c *bus)
{
	vpshim_i2c_sda(bus, true);
	if (!vpshim_i2c_scl_high(bus) || !bus->read_data(bus->ext))
		return false;		/* the bus is held by someone */
	vpshim_i2c_sda(bus, false);
	vpshim_i2c_scl_low(bus);
	return true;
}

/* A stop condition: SDA rises while SCL is high. */
static bool vpshim_i2c_stop(struct vpshim_i2c *bus)
{
	vpshim_i2c_sda(bus, false);
	if (!vpshim_i2c_scl_high(bus))
		return false;
	vpshim_i2c_sda(bus, true);
	return bus->read_data(bus->ext);
}

/* One byte out, MSB first; true when the slave acknowledged it. */
static bool vpshim_i2c_write_byte(struct vpshim_i2c *bus, u8 byte)
{
	bool ack;
	int bit;

	for (bit = 7; bit >= 0; bit--) {
		vpshim_i2c_sda(bus, byte & BIT(bit));
		if (!vpshim_i2c_scl_high(bus))
			return false;
		vpshim_i2c_scl_low(bus);
	}
	vpshim_i2c_sda(bus, true);		/* the slave drives the acknowledge */
	if (!vpshim_i2c_scl_high(bus))
		return false;
	ack = !bus->read_data(bus->ext);
	vpshim_i2c_scl_low(bus);
	return ack;
}

/* One byte in, MSB first, then ACK (more to come) or NACK (the last). */
static bool vpshim_i2c_read_byte(struct vpshim_i2c *bus, u8 *byte, bool ack)
{
	int bit;

	*byte = 0;
	vpshim_i2c_sda(bus, true);
	for (bit = 7; bit >= 0; bit--) {
		if (!vpshim_i2c_scl_high(bus))
			return false;
		if (bus->read_data(bus->ext))
			*byte |= BIT(bit);
		vpshim_i2c_scl_low(bus);
	}
	vpshim_i2c_sda(bus, !ack);
	if (!vpshim_i2c_scl_high(bus))
		return false;
	vpshim_i2c_scl_low(bus);
	vpshim_i2c_sda(bus, true);
	return true;
}

/*
 * Set up a bus on the miniport's callbacks; they must all be there (a NULL
 * one would be called). @delay_100ns: the half period, 0 for 100 kHz.
 */
static bool vpshim_i2c_init(struct vpshim_i2c *bus, PVOID ext, PVIDEO_WRITE_CLOCK_LINE wc,
			    PVIDEO_WRITE_DATA_LINE wd, PVIDEO_READ_CLOCK_LINE rc,
			    PVIDEO_READ_DATA_LINE rd, ULONG delay_100ns, const char *func,
			    unsigned long caller)
{
	struct vpshim_device *vdev = vpshim_device_get(ext, func, caller);

	if (!vdev)
		return false;
	if (!wc || !wd || !rc || !rd) {
		vpshim_misuse(vdev, func, caller, "missing I2C line callbacks");
		return false;
	}
	if (!vpshim_check_passive(vdev, func, caller))
		return false;
	bus->ext = ext;
	bus->write_clock = wc;
	bus->write_data = wd;
	bus->read_clock = rc;
	bus->read_data = rd;
	bus->half_us = delay_100ns ? clamp_t(ULONG, DIV_ROUND_UP(delay_100ns, 10), 1, 1000) :
				     VPSHIM_I2C_HALF_US;
	return true;
}

static bool vpshim_i2c_callbacks(struct vpshim_i2c *bus, PVOID ext, PI2C_CALLBACKS cb,
				 const char *func, unsigned long caller)
{
	if (!cb) {
		struct vpshim_device *vdev = vpshim_device_get(ext, func, caller);

		if (vdev)
			vpshim_misuse(vdev, func, caller, "NULL I2C callbacks");
		return false;
	}
	return vpshim_i2c_init(bus, ext, cb->WriteClockLine, cb->WriteDataLine,
			       cb->ReadClockLine, cb->ReadDataLine, 0, func, caller);
}

static bool vpshim_i2c_control(struct vpshim_i2c *bus, PVOID ext, PVIDEO_I2C_CONTROL c,
			       const char *func, unsigned long caller)
{
	if (!c) {
		struct vpshim_device *vdev = vpshim_device_get(ext, func, caller);

		if (vdev)
			vpshim_misuse(vdev, func, caller, "NULL I2C control");
		return false;
	}
	return vpshim_i2c_init(bus, ext, c->WriteClockLine, c->WriteDataLine, c->ReadClockLine,
			       c->ReadDataLine, c->I2CDelay, func, caller);
}

static bool vpshim_i2c_write_bytes(struct vpshim_i2c *bus, PUCHAR buf, ULONG len)
{
	ULONG i;

	if (len && !buf)
		return false;
	for (i = 0; i < len; i++)
		if (!vpshim_i2c_write_byte(bus, buf[i]))
			return false;
	return true;
}

/* @end: the last byte is the transfer's last: NACK it. */
static bool vpshim_i2c_read_bytes(struct vpshim_i2c *bus, PUCHAR buf, ULONG len, bool end)
{
	ULONG i;

	if (len && !buf)
		return false;
	for (i = 0; i < len; i++)
		if (!vpshim_i2c_read_byte(bus, &buf[i], !end || i + 1 < len))
			return false;
	return true;
}

/*
 * The I2C interface, version 1 (I2C_CALLBACKS, 100 kHz) and version 2
 * (VIDEO_I2C_CONTROL with its own delay). Each returns FALSE when the bus
 * is held or a byte is not acknowledged.
 */
static BOOLEAN vpshim_i2c_start_1(PVOID ext, PI2C_CALLBACKS cb)
{
	struct vpshim_i2c bus;

	return vpshim_i2c_callbacks(&bus, ext, cb, "I2CStart", _RET_IP_) &&
	       vpshim_i2c_start(&bus);
}

static BOOLEAN vpshim_i2c_stop_1(PVOID ext, PI2C_CALLBACKS cb)
{
	struct vpshim_i2c bus;

	return vpshim_i2c_callbacks(&bus, ext, cb, "I2CStop", _RET_IP_) && vpshim_i2c_stop(&bus);
}

static BOOLEAN vpshim_i2c_write_1(PVOID ext, PI2C_CALLBACKS cb, PUCHAR buf, ULONG len)
{
	struct vpshim_i2c bus;

	return vpshim_i2c_callbacks(&bus, ext, cb, "I2CWrite", _RET_IP_) &&
	       vpshim_i2c_write_bytes(&bus, buf, len);
}

static BOOLEAN vpshim_i2c_read_1(PVOID ext, PI2C_CALLBACKS cb, PUCHAR buf, ULONG len)
{
	struct vpshim_i2c bus;

	return vpshim_i2c_callbacks(&bus, ext, cb, "I2CRead", _RET_IP_) &&
	       vpshim_i2c_read_bytes(&bus, buf, len, true);
}

static BOOLEAN vpshim_i2c_start_2(PVOID ext, PVIDEO_I2C_CONTROL c)
{
	struct vpshim_i2c bus;

	return vpshim_i2c_control(&bus, ext, c, "I2CStart", _RET_IP_) && vpshim_i2c_start(&bus);
}

static BOOLEAN vpshim_i2c_stop_2(PVOID ext, PVIDEO_I2C_CONTROL c)
{
	struct vpshim_i2c bus;

	return vpshim_i2c_control(&bus, ext, c, "I2CStop", _RET_IP_) && vpshim_i2c_stop(&bus);
}

static BOOLEAN vpshim_i2c_write_2(PVOID ext, PVIDEO_I2C_CONTROL c, PUCHAR buf, ULONG len)
{
	struct vpshim_i2c bus;

	return vpshim_i2c_control(&bus, ext, c, "I2CWrite", _RET_IP_) &&
	       vpshim_i2c_write_bytes(&bus, buf, len);
}

static BOOLEAN vpshim_i2c_read_2(PVOID ext, PVIDEO_I2C_CONTROL c, PUCHAR buf, ULONG len,
				 BOOLEAN end)
{
	struct vpshim_i2c bus;

	return vpshim_i2c_control(&bus, ext, c, "I2CRead", _RET_IP_) &&
	       vpshim_i2c_read_bytes(&bus, buf, len, end);
}

/**
 * vpshim_i2c_interface() - fill VideoPortQueryServices' I2C interface
 * @iface: the miniport's VIDEO_PORT_I2C_INTERFACE or _2
 * @version: which of the two, as the miniport asked
 */
void vpshim_i2c_interface(PINTERFACE iface, USHORT version)
{
	if (version >= VIDEO_PORT_I2C_INTERFACE_VERSION_2) {
		PVIDEO_PORT_I2C_INTERFACE_2 i2 = (PVIDEO_PORT_I2C_INTERFACE_2)iface;

		i2->I2CStart = vpshim_i2c_start_2;
		i2->I2CStop = vpshim_i2c_stop_2;
		i2->I2CWrite = vpshim_i2c_write_2;
		i2->I2CRead = vpshim_i2c_read_2;
	} else {
		PVIDEO_PORT_I2C_INTERFACE i1 = (PVIDEO_PORT_I2C_INTERFACE)iface;

		i1->I2CStart = vpshim_i2c_start_1;
		i1->I2CStop = vpshim_i2c_stop_1;
		i1->I2CWrite = vpshim_i2c_write_1;
		i1->I2CRead = vpshim_i2c_read_1;
	}
}

/* An EDID block: the fixed header (base block only) and a zero checksum. */
static bool vpshim_edid_block_ok(const u8 *block, bool base)
{
	static const u8 header[8] = { 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00 };
	u8 sum = 0;
	int i;

	if (base && memcmp(block, header, sizeof(header)))
		return false;
	for (i = 0; i < 128; i++)
		sum += block[i];
	return !sum;
}

/*
 * One E-DDC read: select the segment (when not 0), then read @len bytes from
 * offset 0 of the EEPROM in one transaction.
 */
static bool vpshim_ddc_read(struct vpshim_i2c *bus, u8 segment, u8 *buf, unsigned int len)
{
	bool ok = true;
	unsigned int i;

	if (segment)
		ok = vpshim_i2c_start(bus) &&
		     vpshim_i2c_write_byte(bus, VPSHIM_DDC_SEGMENT << 1) &&
		     vpshim_i2c_write_byte(bus, segment);
	ok = ok && vpshim_i2c_start(bus) &&
	     vpshim_i2c_write_byte(bus, VPSHIM_DDC_ADDRESS << 1) &&
	     vpshim_i2c_write_byte(bus, 0) &&
	     vpshim_i2c_start(bus) &&
	     vpshim_i2c_write_byte(bus, VPSHIM_DDC_ADDRESS << 1 | 1);
	for (i = 0; ok && i < len; i++)
		ok = vpshim_i2c_read_byte(bus, &buf[i], i + 1 < len);
	vpshim_i2c_stop(bus);
	return ok;
}

/**
 * VideoPortDDCMonitorHelper() - read a monitor's EDID over DDC
 * @HwDeviceExtension: the miniport's device extension
 * @DDCControl: the DDC_CONTROL with the line callbacks and the EDID segment
 * @EdidBuffer: receives the EDID
 * @EdidBufferSize: its size: 128 or more; 256 reads an extension block too
 *
 * Windows: reads the EDID over the I2C lines the miniport's callbacks drive.
 * Linux: the same, by vpshim's own bit-banged I2C at 100 kHz: an E-DDC read
 * (segment pointer 0x30 when the segment is not 0, EEPROM 0x50), the base
 * block checked (header and checksum), retried up to three times. Sleeps:
 * PASSIVE_LEVEL (HwGetVideoChildDescriptor).
 *
 * Context: PASSIVE_LEVEL (the bus is clocked with sleeps); FALSE and a message
 * from atomic context.
 *
 * Return: TRUE when a valid EDID is in @EdidBuffer; FALSE for no answer, a
 * corrupt EDID, a buffer under 128 bytes, missing callbacks or a
 * DDC_CONTROL whose Size is too small.
 */
BOOLEAN VideoPortDDCMonitorHelper(PVOID HwDeviceExtension, PVOID DDCControl, PUCHAR EdidBuffer,
				  ULONG EdidBufferSize)
{
	PDDC_CONTROL ddc = DDCControl;
	struct vpshim_device *vdev;
	struct vpshim_i2c bus;
	unsigned int len, try;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return FALSE;
	if (!ddc || ddc->Size < sizeof(*ddc) || !EdidBuffer || EdidBufferSize < 128) {
		vpshim_misuse(vdev, __func__, _RET_IP_,
			      "needs a DDC_CONTROL of %zu bytes and a buffer of 128 at least",
			      sizeof(*ddc));
		return FALSE;
	}
	if (!vpshim_i2c_callbacks(&bus, HwDeviceExtension, &ddc->I2CCallbacks, __func__,
				  _RET_IP_))
		return FALSE;
	len = EdidBufferSize >= 256 ? 256 : 128;
	for (try = 0; try < VPSHIM_DDC_TRIES; try++) {
		memset(EdidBuffer, 0, len);
		if (!vpshim_ddc_read(&bus, ddc->EdidSegment, EdidBuffer, len))
			continue;
		/* Segment 0 starts with the base block; others hold extensions. */
		if (vpshim_edid_block_ok(EdidBuffer, !ddc->EdidSegment))
			return TRUE;
	}
	dev_dbg(vdev->dev, "vpshim: %s: no valid EDID on segment %u\n", __func__,
		ddc->EdidSegment);
	return FALSE;
}
EXPORT_SYMBOL_VPSHIM(VideoPortDDCMonitorHelper);
