/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vpshim.h - the user-space interface of vpshim's request device.
 *
 * Every adapter a miniport binds gets a character device,
 * /dev/vpshim/<PCI device name> (for example /dev/vpshim/0000:00:02.0),
 * readable and writable by root, and by the video group where the udev rule
 * in udev/60-vpshim.rules is installed. One ioctl carries an IOCTL_VIDEO_*
 * request (or a miniport's private one) to the miniport's HwStartIO, the way
 * a Windows display driver's EngDeviceIoControl does.
 *
 * The buffers are the request's METHOD_BUFFERED input and output; their
 * layouts are the 64-bit Windows ones of ntddvdeo.h. Pointers inside them
 * (VIDEO_MEMORY_INFORMATION.FrameBufferBase after IOCTL_VIDEO_MAP_VIDEO_MEMORY)
 * are addresses in the calling process. 32-bit callers are refused.
 */
#ifndef _UAPI_VPSHIM_H_
#define _UAPI_VPSHIM_H_

#include <linux/ioctl.h>
#include <linux/types.h>

/**
 * struct vpshim_video_request - one request for the miniport
 * @code: the Windows I/O control code (IOCTL_VIDEO_*); its device type must
 *	be FILE_DEVICE_VIDEO (0x23)
 * @status: out: the VP_STATUS the miniport set in the STATUS_BLOCK, or
 *	ERROR_INVALID_FUNCTION (1) when HwStartIO did not recognise the code
 * @in_length: bytes at @in_buffer (at most VPSHIM_REQUEST_MAX_LENGTH)
 * @out_length: bytes at @out_buffer (at most VPSHIM_REQUEST_MAX_LENGTH)
 * @in_buffer: user address of the input buffer, or 0 when @in_length is 0
 * @out_buffer: user address of the output buffer, or 0 when @out_length is 0
 * @information: out: bytes the miniport returned in @out_buffer (never more
 *	than @out_length); with @status ERROR_INSUFFICIENT_BUFFER (122) or
 *	ERROR_MORE_DATA (234), the size the miniport said it needs, which may
 *	exceed @out_length (with ERROR_MORE_DATA the first @out_length bytes
 *	are written, with ERROR_INSUFFICIENT_BUFFER none)
 * @reserved: must be zero
 *
 * IOCTL_VIDEO_SAVE_HARDWARE_STATE and IOCTL_VIDEO_RESTORE_HARDWARE_STATE
 * take a VIDEO_HARDWARE_STATE as input whose StateHeader points to the
 * caller's state buffer of StateLength bytes (at most the request limit):
 * the miniport works on a kernel copy, written back to that buffer after a
 * save when the miniport wrote it.
 *
 * The ioctl returns 0 when the miniport saw the request (whatever its
 * @status), or -1 with errno: EINVAL for a malformed request, EFAULT for an
 * unreadable or unwritable buffer, ENOTTY for a code of another device type,
 * ENOMEM, ENODEV once the adapter is unbound, EINTR when interrupted while
 * waiting for an earlier request, EBUSY for a request that would change the
 * display while a kernel driver (the DRM bridge) drives it, EPERM for an
 * answer holding a kernel address that cannot be translated.
 */
struct vpshim_video_request {
	__u32 code;
	__u32 status;
	__u32 in_length;
	__u32 out_length;
	__u64 in_buffer;
	__u64 out_buffer;
	__u64 information;
	__u64 reserved;
};

#define VPSHIM_REQUEST_MAX_LENGTH	(1U << 20)

#define VPSHIM_IOCTL_VIDEO_REQUEST	_IOWR('V', 0xd0, struct vpshim_video_request)

#endif /* _UAPI_VPSHIM_H_ */
