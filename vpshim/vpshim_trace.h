/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vpshim_trace.h - vpshim's tracepoints (events/vpshim/ in tracefs).
 *
 * vpshim_common_buffer_alloc records, for every common buffer, what
 * CacheEnabled turned into: the device's DMA coherence, the kernel mapping
 * the buffer lives in and the memory type the MMU applies (memattr.c).
 * vpshim_common_buffer_free pairs with it. Disabled, they cost a branch.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM vpshim

#if !defined(_VPSHIM_TRACE_H_) || defined(TRACE_HEADER_MULTI_READ)
#define _VPSHIM_TRACE_H_

#include <linux/device.h>
#include <linux/tracepoint.h>

TRACE_EVENT(vpshim_common_buffer_alloc,
	    TP_PROTO(struct device *dev, u32 length, u64 logical, bool cached,
		     const struct vpshim_memattr *ma),
	    TP_ARGS(dev, length, logical, cached, ma),
	    TP_STRUCT__entry(__array(char, dev, 32)
			     __field(u64, logical)
			     __field(u32, length)
			     __field(bool, cached)
			     __field(bool, coherent)
			     __array(char, map, 8)
			     __array(char, attr, 32)),
	    TP_fast_assign(strscpy(__entry->dev, dev_name(dev), sizeof(__entry->dev));
			   __entry->logical = logical;
			   __entry->length = length;
			   __entry->cached = cached;
			   __entry->coherent = ma->coherent;
			   strscpy(__entry->map, ma->map, sizeof(__entry->map));
			   strscpy(__entry->attr, ma->attr, sizeof(__entry->attr))),
	    TP_printk("%s: %u bytes at logical 0x%llx, CacheEnabled %d: %s device, %s map, %s",
		      __entry->dev, __entry->length, __entry->logical, __entry->cached,
		      __entry->coherent ? "coherent" : "non-coherent", __entry->map,
		      __entry->attr)
);

TRACE_EVENT(vpshim_common_buffer_free,
	    TP_PROTO(struct device *dev, u32 length, u64 logical, bool cached),
	    TP_ARGS(dev, length, logical, cached),
	    TP_STRUCT__entry(__array(char, dev, 32)
			     __field(u64, logical)
			     __field(u32, length)
			     __field(bool, cached)),
	    TP_fast_assign(strscpy(__entry->dev, dev_name(dev), sizeof(__entry->dev));
			   __entry->logical = logical;
			   __entry->length = length;
			   __entry->cached = cached),
	    TP_printk("%s: %u bytes at logical 0x%llx, CacheEnabled %d",
		      __entry->dev, __entry->length, __entry->logical, __entry->cached)
);

#endif /* _VPSHIM_TRACE_H_ */

/* This part must be outside the include guard. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE vpshim_trace
#include <trace/define_trace.h>
