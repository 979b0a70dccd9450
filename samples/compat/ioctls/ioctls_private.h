/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ioctls_private.h - the private requests of the ioctls corpus miniport,
 * shared by the miniport and its test program (ioctls_user.c).
 *
 * Each reads the hardware itself, not what the miniport remembers, so that
 * the test can compare what a system-defined request claims with what the
 * VGA registers, the DAC, plane 2 and the text buffer really hold.
 * Function codes 0x800 and up are the vendor's, as the reference says.
 */

#ifndef _IOCTLS_PRIVATE_H_
#define _IOCTLS_PRIVATE_H_

#define IOCTLS_PRIVATE(fn) \
    CTL_CODE(FILE_DEVICE_VIDEO, 0x800 + (fn), METHOD_BUFFERED, FILE_ANY_ACCESS)

/* in: IOCTLS_RANGE (first DAC entry, count); out: 3 bytes per entry, 6 bits each */
#define IOCTL_IOCTLS_READ_DAC           IOCTLS_PRIVATE(0)
/* in: IOCTLS_RANGE (first character, count); out: 32 bytes per character, plane 2 */
#define IOCTL_IOCTLS_READ_FONT          IOCTLS_PRIVATE(1)
/* in: IOCTLS_RANGE (first cell, count); out: character and attribute per cell */
#define IOCTL_IOCTLS_READ_TEXT          IOCTLS_PRIVATE(2)
/* out: IOCTLS_REGISTERS */
#define IOCTL_IOCTLS_READ_REGISTERS     IOCTLS_PRIVATE(3)

typedef struct _IOCTLS_RANGE {
    ULONG First;
    ULONG Count;
} IOCTLS_RANGE, *PIOCTLS_RANGE;

#define IOCTLS_FONT_SLOT                32      /* bytes per character in plane 2 */
#define IOCTLS_FONT_CHARACTERS          256

#define IOCTLS_SEQUENCER_REGISTERS      5
#define IOCTLS_CRTC_REGISTERS           25
#define IOCTLS_GRAPHICS_REGISTERS       9
#define IOCTLS_ATTRIBUTE_REGISTERS      21
#define IOCTLS_DISPI_REGISTERS          10

/* The DISPI registers, as their index */
#define IOCTLS_DISPI_ID                 0
#define IOCTLS_DISPI_XRES               1
#define IOCTLS_DISPI_YRES               2
#define IOCTLS_DISPI_BPP                3
#define IOCTLS_DISPI_ENABLE             4
#define IOCTLS_DISPI_BANK               5

typedef struct _IOCTLS_REGISTERS {
    UCHAR MiscOutput;
    UCHAR DacMask;
    UCHAR Sequencer[IOCTLS_SEQUENCER_REGISTERS];
    UCHAR Crtc[IOCTLS_CRTC_REGISTERS];
    UCHAR Graphics[IOCTLS_GRAPHICS_REGISTERS];
    UCHAR Attribute[IOCTLS_ATTRIBUTE_REGISTERS];
    USHORT Dispi[IOCTLS_DISPI_REGISTERS];
} IOCTLS_REGISTERS, *PIOCTLS_REGISTERS;

/* The modes the miniport offers (IOCTL_VIDEO_QUERY_AVAIL_MODES order) */
#define IOCTLS_MODE_TEXT                0       /* 80 x 25 VGA text, the boot mode */
#define IOCTLS_MODE_640_480_8           1       /* Bochs VBE, palette */
#define IOCTLS_MODE_800_600_16          2       /* Bochs VBE, 5-6-5 */
#define IOCTLS_MODES                    3

/* The one child, the monitor, and its ID (HwGetVideoChildDescriptor's UId) */
#define IOCTLS_MONITOR_UID              0x100

/* The text-mode mouse pointer: one character cell, its attribute inverted */
#define IOCTLS_POINTER_INVERT           0x77

/* The state block that follows VIDEO_HARDWARE_STATE in the request buffer */
#define IOCTLS_STATE_SIZE               1024

#endif /* _IOCTLS_PRIVATE_H_ */
