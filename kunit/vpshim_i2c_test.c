// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for vpshim/i2c.c and VideoPortQueryServices: an EDID EEPROM
 * (and the E-DDC segment pointer) simulated bit by bit behind the four line
 * callbacks a miniport gives, the way a monitor answers on a DDC cable. The
 * simulated slave samples SDA on rising clock edges, changes it on falling
 * ones, and sees start and stop conditions; it can stretch the clock and
 * refuse to acknowledge. VideoPortDDCMonitorHelper and the I2C interface
 * must read what it holds; the other interfaces must be filled with
 * callbacks that fail as documented.
 */

#include <kunit/test.h>

#include "vpshim_test.h"

/* The simulated monitor: lines, slave state, memory (two 256-byte segments). */
static struct i2c_sim {
	bool m_scl, m_sda, s_sda;	/* what master and slave drive (1 = released) */
	enum { SIM_IDLE, SIM_RX, SIM_RX_ACK, SIM_TX, SIM_TX_ACK } state;
	u8 shift;
	int bits;
	bool address_phase, reading, ignore;
	u8 dev, offset, segment;
	bool offset_set;
	int stretch;			/* reads of SCL that still see it low */
	bool deaf;			/* acknowledges nothing */
	int starts;
	u8 mem[512];
} sim;

static bool sim_sda(void)
{
	return sim.m_sda && sim.s_sda;
}

static void sim_rx_byte(void)
{
	u8 byte = sim.shift;

	sim.bits = 0;
	if (sim.address_phase) {
		sim.address_phase = false;
		sim.dev = byte >> 1;
		sim.reading = byte & 1;
		if (sim.deaf || (sim.dev != 0x50 && !(sim.dev == 0x30 && !sim.reading))) {
			sim.ignore = true;
			sim.state = SIM_IDLE;
			return;
		}
		sim.s_sda = false;	/* ACK */
		sim.state = SIM_RX_ACK;
		return;
	}
	if (sim.dev == 0x30) {
		sim.segment = byte;
	} else if (!sim.offset_set) {
		sim.offset = byte;
		sim.offset_set = true;
	}
	sim.s_sda = false;
	sim.state = SIM_RX_ACK;
}

static void sim_tx_load(void)
{
	sim.shift = sim.mem[(sim.segment & 1) * 256 + sim.offset++];
	sim.s_sda = sim.shift & 0x80;
	sim.bits = 1;
	sim.state = SIM_TX;
}

static VOID sim_write_clock(PVOID ext, UCHAR data)
{
	bool rising = !sim.m_scl && data, falling = sim.m_scl && !data;

	sim.m_scl = data;
	if (rising) {
		if (sim.state == SIM_RX) {
			sim.shift = sim.shift << 1 | sim_sda();
			sim.bits++;
		} else if (sim.state == SIM_TX_ACK) {
			sim.reading = !sim_sda();	/* the master acknowledged: more */
		}
		return;
	}
	if (!falling)
		return;
	switch (sim.state) {
	case SIM_RX:
		if (sim.bits == 8)
			sim_rx_byte();
		break;
	case SIM_RX_ACK:
		sim.s_sda = true;
		if (sim.reading) {
			sim_tx_load();
		} else {
			sim.state = SIM_RX;
			sim.bits = 0;
		}
		break;
	case SIM_TX:
		if (sim.bits < 8) {
			sim.s_sda = sim.shift & (0x80 >> sim.bits);
			sim.bits++;
		} else {
			sim.s_sda = true;
			sim.state = SIM_TX_ACK;
		}
		break;
	case SIM_TX_ACK:
		if (sim.reading) {
			sim_tx_load();
		} else {
			sim.s_sda = true;
			sim.state = SIM_IDLE;
		}
		break;
	default:
		break;
	}
}

static VOID sim_write_data(PVOID ext, UCHAR data)
{
	bool before = sim_sda();

	sim.m_sda = data;
	if (!sim.m_scl || before == sim_sda())
		return;
	if (!sim_sda()) {			/* start (or repeated start) */
		sim.starts++;
		sim.state = SIM_RX;
		sim.bits = 0;
		sim.shift = 0;
		sim.address_phase = true;
		sim.ignore = false;
		sim.s_sda = true;
		if (sim.dev != 0x50)
			sim.offset_set = false;
	} else {				/* stop */
		sim.state = SIM_IDLE;
		sim.s_sda = true;
		sim.offset_set = false;
	}
}

static BOOLEAN sim_read_clock(PVOID ext)
{
	if (sim.m_scl && sim.stretch > 0) {
		sim.stretch--;
		return FALSE;
	}
	return sim.m_scl;
}

static BOOLEAN sim_read_data(PVOID ext)
{
	return sim_sda();
}

/* A valid EDID base block, an extension block, and a block in segment 1. */
static void sim_reset(void)
{
	static const u8 header[8] = { 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00 };
	int b, i;

	memset(&sim, 0, sizeof(sim));
	sim.m_scl = true;
	sim.m_sda = true;
	sim.s_sda = true;
	for (i = 0; i < 512; i++)
		sim.mem[i] = (u8)(i * 7 + 3);
	memcpy(sim.mem, header, sizeof(header));
	sim.mem[126] = 1;		/* one extension block follows */
	for (b = 0; b < 4; b++) {
		u8 sum = 0;

		for (i = 0; i < 127; i++)
			sum += sim.mem[b * 128 + i];
		sim.mem[b * 128 + 127] = (u8)-sum;
	}
}

static const I2C_CALLBACKS sim_callbacks = {
	.WriteClockLine = sim_write_clock,
	.WriteDataLine = sim_write_data,
	.ReadClockLine = sim_read_clock,
	.ReadDataLine = sim_read_data,
};

static DDC_CONTROL sim_ddc(UCHAR segment)
{
	return (DDC_CONTROL){ .Size = sizeof(DDC_CONTROL), .I2CCallbacks = sim_callbacks,
			      .EdidSegment = segment };
}

static void ddc_reads_the_edid(struct kunit *test)
{
	struct vpshim_test_device d;
	DDC_CONTROL ddc = sim_ddc(0);
	UCHAR edid[256];

	vpshim_test_device_add(test, &d, "vpshim-i2c", 16);
	sim_reset();
	KUNIT_EXPECT_TRUE(test, VideoPortDDCMonitorHelper(d.ext, &ddc, edid, 128));
	KUNIT_EXPECT_EQ(test, memcmp(edid, sim.mem, 128), 0);
	/* 256 bytes: the extension block comes in the same transaction. */
	sim_reset();
	sim.stretch = 3;		/* the monitor holds the clock a while */
	KUNIT_EXPECT_TRUE(test, VideoPortDDCMonitorHelper(d.ext, &ddc, edid, sizeof(edid)));
	KUNIT_EXPECT_EQ(test, memcmp(edid, sim.mem, 256), 0);
	KUNIT_EXPECT_EQ(test, sim.starts, 2);	/* write the offset, read */
	/* E-DDC: segment 1 through the segment pointer at 0x30. */
	sim_reset();
	ddc = sim_ddc(1);
	KUNIT_EXPECT_TRUE(test, VideoPortDDCMonitorHelper(d.ext, &ddc, edid, 128));
	KUNIT_EXPECT_EQ(test, memcmp(edid, sim.mem + 256, 128), 0);
	KUNIT_EXPECT_EQ(test, sim.segment, 1);
	vpshim_test_device_remove(test, &d);
}

static void ddc_refuses_what_it_cannot_trust(struct kunit *test)
{
	struct vpshim_test_device d;
	DDC_CONTROL ddc = sim_ddc(0);
	UCHAR edid[128];

	vpshim_test_device_add(test, &d, "vpshim-i2c", 16);
	/* A corrupt checksum: tried three times, then FALSE. */
	sim_reset();
	sim.mem[10] ^= 0xff;
	KUNIT_EXPECT_FALSE(test, VideoPortDDCMonitorHelper(d.ext, &ddc, edid, sizeof(edid)));
	KUNIT_EXPECT_EQ(test, sim.starts, 6);
	/* No monitor: nothing acknowledges. */
	sim_reset();
	sim.deaf = true;
	KUNIT_EXPECT_FALSE(test, VideoPortDDCMonitorHelper(d.ext, &ddc, edid, sizeof(edid)));
	/* Bad arguments: a short buffer, a short DDC_CONTROL, a missing callback. */
	sim_reset();
	KUNIT_EXPECT_FALSE(test, VideoPortDDCMonitorHelper(d.ext, &ddc, edid, 127));
	KUNIT_EXPECT_FALSE(test, VideoPortDDCMonitorHelper(d.ext, NULL, edid, sizeof(edid)));
	ddc.Size = 8;
	KUNIT_EXPECT_FALSE(test, VideoPortDDCMonitorHelper(d.ext, &ddc, edid, sizeof(edid)));
	ddc = sim_ddc(0);
	ddc.I2CCallbacks.ReadDataLine = NULL;
	KUNIT_EXPECT_FALSE(test, VideoPortDDCMonitorHelper(d.ext, &ddc, edid, sizeof(edid)));
	KUNIT_EXPECT_EQ(test, sim.starts, 0);
	vpshim_test_device_remove(test, &d);
}

/* The I2C interface drives the same monitor by hand, as a miniport would. */
static void i2c_interface_talks_to_the_monitor(struct kunit *test)
{
	struct vpshim_test_device d;
	VIDEO_PORT_I2C_INTERFACE i2c = { .Size = sizeof(i2c),
					 .Version = VIDEO_PORT_I2C_INTERFACE_VERSION_1 };
	VIDEO_PORT_I2C_INTERFACE_2 i2c2 = { .Size = sizeof(i2c2),
					    .Version = VIDEO_PORT_I2C_INTERFACE_VERSION_2 };
	VIDEO_I2C_CONTROL ctl = { sim_write_clock, sim_write_data, sim_read_clock,
				  sim_read_data, 50 };
	I2C_CALLBACKS cb = sim_callbacks;
	UCHAR wr[2] = { 0xa0, 0x08 }, rd = 0xa1, bytes[4];

	vpshim_test_device_add(test, &d, "vpshim-i2c", 16);
	sim_reset();
	KUNIT_ASSERT_EQ(test, VideoPortQueryServices(d.ext, VideoPortServicesI2C,
						     (void *)&i2c), (VP_STATUS)NO_ERROR);
	KUNIT_ASSERT_NOT_NULL(test, (void *)i2c.I2CStart);
	KUNIT_EXPECT_PTR_EQ(test, i2c.Context, d.ext);
	KUNIT_EXPECT_TRUE(test, i2c.I2CStart(d.ext, &cb));
	KUNIT_EXPECT_TRUE(test, i2c.I2CWrite(d.ext, &cb, wr, sizeof(wr)));
	KUNIT_EXPECT_TRUE(test, i2c.I2CStart(d.ext, &cb));
	KUNIT_EXPECT_TRUE(test, i2c.I2CWrite(d.ext, &cb, &rd, 1));
	KUNIT_EXPECT_TRUE(test, i2c.I2CRead(d.ext, &cb, bytes, sizeof(bytes)));
	KUNIT_EXPECT_TRUE(test, i2c.I2CStop(d.ext, &cb));
	KUNIT_EXPECT_EQ(test, memcmp(bytes, sim.mem + 8, sizeof(bytes)), 0);
	/* Nobody at 0x37: the address is not acknowledged. */
	wr[0] = 0x6e;
	KUNIT_EXPECT_TRUE(test, i2c.I2CStart(d.ext, &cb));
	KUNIT_EXPECT_FALSE(test, i2c.I2CWrite(d.ext, &cb, wr, 1));
	KUNIT_EXPECT_TRUE(test, i2c.I2CStop(d.ext, &cb));
	/* Version 2: the same through VIDEO_I2C_CONTROL, its own bit delay. */
	sim_reset();
	wr[0] = 0xa0;
	KUNIT_ASSERT_EQ(test, VideoPortQueryServices(d.ext, VideoPortServicesI2C,
						     (void *)&i2c2), (VP_STATUS)NO_ERROR);
	KUNIT_EXPECT_TRUE(test, i2c2.I2CStart(d.ext, &ctl));
	KUNIT_EXPECT_TRUE(test, i2c2.I2CWrite(d.ext, &ctl, wr, sizeof(wr)));
	KUNIT_EXPECT_TRUE(test, i2c2.I2CStart(d.ext, &ctl));
	KUNIT_EXPECT_TRUE(test, i2c2.I2CWrite(d.ext, &ctl, &rd, 1));
	KUNIT_EXPECT_TRUE(test, i2c2.I2CRead(d.ext, &ctl, bytes, sizeof(bytes), TRUE));
	KUNIT_EXPECT_TRUE(test, i2c2.I2CStop(d.ext, &ctl));
	KUNIT_EXPECT_EQ(test, memcmp(bytes, sim.mem + 8, sizeof(bytes)), 0);
	/* NULL callbacks: refused, not called. */
	KUNIT_EXPECT_FALSE(test, i2c.I2CStart(d.ext, NULL));
	vpshim_test_device_remove(test, &d);
}

/*
 * Every other interface is filled, Size and Version permitting, with
 * callbacks that fail as documented: a miniport that ignores the status and
 * calls them gets an error, never a NULL call.
 */
static void every_interface_is_filled(struct kunit *test)
{
	struct vpshim_test_device d;
	VIDEO_PORT_INT10_INTERFACE int10 = { .Size = sizeof(int10), .Version = 1 };
	VIDEO_PORT_AGP_INTERFACE_2 agp = { .Size = sizeof(agp),
					   .Version = VIDEO_PORT_AGP_INTERFACE_VERSION_2 };
	VIDEO_PORT_DEBUG_REPORT_INTERFACE dbg = { .Size = sizeof(dbg), .Version = 1 };
	VIDEO_PORT_WCMEMORYPROTECTION_INTERFACE wc = { .Size = sizeof(wc), .Version = 1 };
	VIDEO_PORT_AGP_SERVICES services;
	INT10_BIOS_ARGUMENTS args = { .Eax = 0x4f00 };
	PVOID ctx = (PVOID)1;
	USHORT seg = 0, off = 0;
	ULONG len = 4096;

	vpshim_test_device_add(test, &d, "vpshim-i2c", 16);
	KUNIT_EXPECT_EQ(test, VideoPortQueryServices(d.ext, VideoPortServicesInt10,
						     (void *)&int10),
			(VP_STATUS)ERROR_INVALID_FUNCTION);
	KUNIT_ASSERT_NOT_NULL(test, (void *)int10.Int10CallBios);
	KUNIT_ASSERT_NOT_NULL(test, (void *)int10.InterfaceReference);
	int10.InterfaceReference(int10.Context);
	KUNIT_EXPECT_EQ(test, int10.Int10AllocateBuffer(int10.Context, &seg, &off, &len),
			(VP_STATUS)ERROR_INVALID_FUNCTION);
	KUNIT_EXPECT_EQ(test, int10.Int10CallBios(int10.Context, &args),
			(VP_STATUS)ERROR_INVALID_FUNCTION);
	KUNIT_EXPECT_EQ(test, args.Eax, 0x4f00U);
	KUNIT_EXPECT_EQ(test, int10.Int10FreeBuffer(int10.Context, seg, off),
			(VP_STATUS)ERROR_INVALID_FUNCTION);
	int10.InterfaceDereference(int10.Context);

	KUNIT_EXPECT_EQ(test, VideoPortQueryServices(d.ext, VideoPortServicesAGP,
						     (void *)&agp),
			(VP_STATUS)ERROR_INVALID_FUNCTION);
	KUNIT_ASSERT_NOT_NULL(test, (void *)agp.AgpSetRate);
	KUNIT_EXPECT_EQ(test, agp.AgpReservePhysical(d.ext, 16, VpCached, &ctx).QuadPart, 0LL);
	KUNIT_EXPECT_NULL(test, ctx);
	KUNIT_EXPECT_FALSE(test, agp.AgpCommitPhysical(d.ext, ctx, 16, 0));
	KUNIT_EXPECT_FALSE(test, agp.AgpSetRate(d.ext, VIDEO_AGP_RATE_4X));
	KUNIT_EXPECT_FALSE(test, VideoPortGetAgpServices(d.ext, &services));
	KUNIT_EXPECT_NOT_NULL(test, (void *)services.AgpFreeVirtual);

	KUNIT_EXPECT_EQ(test, VideoPortQueryServices(d.ext, VideoPortServicesDebugReport,
						     (void *)&dbg),
			(VP_STATUS)ERROR_INVALID_FUNCTION);
	KUNIT_ASSERT_NOT_NULL(test, (void *)dbg.DbgReportCreate);
	KUNIT_EXPECT_NULL(test, dbg.DbgReportCreate(d.ext, 0xea, 1, 2, 3, 4));
	dbg.DbgReportComplete(NULL);

	KUNIT_EXPECT_EQ(test, VideoPortQueryServices(d.ext, VideoPortServicesWCMemoryProtection,
						     (void *)&wc),
			(VP_STATUS)ERROR_INVALID_FUNCTION);
	KUNIT_ASSERT_NOT_NULL(test, (void *)wc.VideoPortProtectWCMemory);
	KUNIT_EXPECT_EQ(test, wc.VideoPortProtectWCMemory(wc.Context, d.ext),
			(VP_STATUS)ERROR_INVALID_FUNCTION);

	/* Too small for what it asks: refused, nothing written. */
	memset(&int10, 0, sizeof(int10));
	int10.Size = sizeof(INTERFACE);
	KUNIT_EXPECT_EQ(test, VideoPortQueryServices(d.ext, VideoPortServicesInt10,
						     (void *)&int10),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	KUNIT_EXPECT_NULL(test, (void *)int10.Int10CallBios);
	KUNIT_EXPECT_EQ(test, VideoPortQueryServices(d.ext, VideoPortServicesInt10, NULL),
			(VP_STATUS)ERROR_INVALID_PARAMETER);
	vpshim_test_device_remove(test, &d);
}

static struct kunit_case vpshim_i2c_cases[] = {
	KUNIT_CASE(ddc_reads_the_edid),
	KUNIT_CASE(ddc_refuses_what_it_cannot_trust),
	KUNIT_CASE(i2c_interface_talks_to_the_monitor),
	KUNIT_CASE(every_interface_is_filled),
	{}
};

static struct kunit_suite vpshim_i2c_suite = {
	.name = "vpshim_i2c",
	.test_cases = vpshim_i2c_cases,
};

kunit_test_suite(vpshim_i2c_suite);
