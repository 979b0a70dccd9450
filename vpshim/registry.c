// SPDX-License-Identifier: GPL-2.0
/*
 * registry.c - the adapter key: VideoPortGetRegistryParameters and
 * VideoPortSetRegistryParameters.
 *
 * Windows keeps a miniport's parameters under the adapter's registry key,
 * filled by the INF and by administrators. Here each bound device has a
 * store of named values (DWORD, string, binary, or any other typed bytes),
 * loaded when the device binds from files in the firmware search path
 * (/lib/firmware/vpshim/<miniport>.reg, then
 * /lib/firmware/vpshim/<miniport>-<device>.reg, whose values win), written in
 * the .reg syntax regedit exports. /sys/bus/pci/devices/<device>/vpshim_registry
 * prints the store in the same syntax, values the miniport set included, so
 * it can be saved back as the file for the next load. See
 * Documentation/registry.rst.
 */

#include <linux/ctype.h>
#include <linux/firmware.h>
#include <linux/nls.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include "vpshim.h"
#include "parts.h"

#define REG_SZ		1
#define REG_BINARY	3
#define REG_DWORD	4

#define VPSHIM_REG_MAX_NAME	255
#define VPSHIM_REG_MAX_DATA	SZ_1M

struct vpshim_reg_value {
	struct list_head node;
	WCHAR name[VPSHIM_REG_MAX_NAME + 1];
	u32 type;
	u32 len;
	u8 data[];
};

/* The registry area's state in each device: its adapter key. */
struct vpshim_registry {
	struct mutex lock;		/* values */
	struct list_head values;	/* struct vpshim_reg_value, in file order */
};

static struct vpshim_registry *reg_of(struct vpshim_device *vdev)
{
	return vpshim_part_state(vdev, &vpshim_registry_part);
}

static size_t vpshim_wcslen(const WCHAR *s, size_t max)
{
	size_t n = 0;

	while (n <= max && s[n])
		n++;
	return n;
}

/* Registry names compare without case, as Windows compares them. */
static bool vpshim_name_eq(const WCHAR *a, const WCHAR *b)
{
	for (; *a && *b; a++, b++) {
		WCHAR ca = *a < 0x80 ? tolower(*a) : *a, cb = *b < 0x80 ? tolower(*b) : *b;

		if (ca != cb)
			return false;
	}
	return *a == *b;
}

static struct vpshim_reg_value *vpshim_reg_find(struct vpshim_registry *reg,
						const WCHAR *name)
{
	struct vpshim_reg_value *v;

	list_for_each_entry(v, &reg->values, node)
		if (vpshim_name_eq(v->name, name))
			return v;
	return NULL;
}

/* Add or replace a value; @name is NUL-terminated and at most the maximum. */
static int vpshim_reg_store(struct vpshim_registry *reg, const WCHAR *name, u32 type,
			    const void *data, u32 len)
{
	struct vpshim_reg_value *v, *old;
	size_t nlen = vpshim_wcslen(name, VPSHIM_REG_MAX_NAME);

	if (!nlen || nlen > VPSHIM_REG_MAX_NAME || len > VPSHIM_REG_MAX_DATA)
		return -EINVAL;
	v = kvzalloc(struct_size(v, data, len), GFP_KERNEL);
	if (!v)
		return -ENOMEM;
	memcpy(v->name, name, nlen * sizeof(WCHAR));
	v->type = type;
	v->len = len;
	if (len)
		memcpy(v->data, data, len);
	mutex_lock(&reg->lock);
	old = vpshim_reg_find(reg, name);
	if (old)
		list_replace(&old->node, &v->node);
	else
		list_add_tail(&v->node, &reg->values);
	mutex_unlock(&reg->lock);
	kvfree(old);
	return 0;
}

/* UTF-8 to a NUL-terminated WCHAR string of at most @max units with its NUL. */
static int vpshim_utf8_to_wchar(const char *s, size_t len, WCHAR *out, size_t max)
{
	int n = utf8s_to_utf16s((const u8 *)s, len, UTF16_HOST_ENDIAN, out, max);

	if (n < 0 || n >= max)		/* not UTF-8, or no room for the NUL */
		return -EINVAL;
	out[n] = 0;
	return n;
}

/* WCHARs (up to a NUL or @count) to NUL-terminated UTF-8 in @size bytes. */
static size_t vpshim_wchar_to_utf8(const WCHAR *s, size_t count, char *out, size_t size)
{
	int n = utf16s_to_utf8s(s, count, UTF16_HOST_ENDIAN, (u8 *)out, size - 1);

	out[n] = 0;
	return n;
}

/* A quoted string with \" and \\ escapes; *p is past the opening quote. */
static int vpshim_parse_quoted(const char **p, const char *end, char *out, size_t size)
{
	size_t n = 0;

	while (*p < end && **p != '"') {
		if (**p == '\\' && *p + 1 < end)
			(*p)++;
		if (n + 1 >= size)
			return -EINVAL;
		out[n++] = *(*p)++;
	}
	if (*p >= end)
		return -EINVAL;
	(*p)++;
	out[n] = 0;
	return n;
}

/* hex:01,02,... into @out; returns the byte count. */
static int vpshim_parse_hex(const char *p, const char *end, u8 *out, size_t size)
{
	size_t n = 0;

	while (p < end) {
		int hi, lo;

		while (p < end && (isspace(*p) || *p == ',' || *p == '\\'))
			p++;
		if (p >= end)
			break;
		if (end - p < 2)
			return -EINVAL;
		hi = hex_to_bin(p[0]);
		lo = hex_to_bin(p[1]);
		if (hi < 0 || lo < 0 || n >= size)
			return -EINVAL;
		out[n++] = (hi << 4) | lo;
		p += 2;
		if (p < end && !isspace(*p) && *p != ',' && *p != '\\')
			return -EINVAL;
	}
	return n;
}

/* One logical line: "name"=value. Returns 1 if stored, 0 if blank, or -errno. */
static int vpshim_parse_line(struct vpshim_registry *reg, const char *p, const char *end,
			     void *scratch, size_t scratch_size)
{
	WCHAR name[VPSHIM_REG_MAX_NAME + 1];
	char text[VPSHIM_REG_MAX_NAME * 3 + 1];
	WCHAR *wdata = scratch;
	unsigned int dword, type;
	int n, err;

	while (p < end && isspace(*p))
		p++;
	while (end > p && isspace(end[-1]))
		end--;
	if (p == end || *p == ';' || *p == '#' || *p == '[' || !strncmp(p, "REGEDIT4", 8) ||
	    !strncmp(p, "Windows Registry Editor", 23))
		return 0;
	if (*p++ != '"')
		return -EINVAL;
	n = vpshim_parse_quoted(&p, end, text, sizeof(text));
	if (n <= 0 || vpshim_utf8_to_wchar(text, n, name, ARRAY_SIZE(name)) < 0)
		return -EINVAL;
	if (p >= end || *p++ != '=')
		return -EINVAL;
	if (p < end && *p == '"') {
		char *s = kvmalloc(end - p, GFP_KERNEL);

		if (!s)
			return -ENOMEM;
		p++;
		n = vpshim_parse_quoted(&p, end, s, end - p + 1);
		if (n >= 0)
			n = vpshim_utf8_to_wchar(s, n, wdata, scratch_size / sizeof(WCHAR));
		kvfree(s);
		if (n < 0 || p != end)
			return -EINVAL;
		/* REG_SZ data includes the terminating NUL, as Windows returns it. */
		err = vpshim_reg_store(reg, name, REG_SZ, wdata, (n + 1) * sizeof(WCHAR));
	} else if (end - p > 6 && !strncmp(p, "dword:", 6)) {
		if (end - p > 14 || sscanf(p + 6, "%x%n", &dword, &n) != 1 || 6 + n != end - p)
			return -EINVAL;
		err = vpshim_reg_store(reg, name, REG_DWORD, &dword, sizeof(dword));
	} else if (end - p >= 4 && !strncmp(p, "hex", 3)) {
		type = REG_BINARY;
		p += 3;
		if (*p == '(') {
			n = 0;
			if (sscanf(p, "(%x)%n", &type, &n) != 1 || !n)
				return -EINVAL;
			p += n;
		}
		if (p >= end || *p++ != ':')
			return -EINVAL;
		n = vpshim_parse_hex(p, end, scratch, scratch_size);
		if (n < 0)
			return n;
		err = vpshim_reg_store(reg, name, type, scratch, n);
	} else {
		return -EINVAL;
	}
	return err ? err : 1;
}

/**
 * vpshim_registry_parse() - add the values of a .reg text to a device's store
 * @vdev: the device
 * @text: the file contents (need not be NUL-terminated)
 * @len: bytes at @text
 *
 * Lines ending in a backslash continue on the next (long hex values). Bad
 * lines are reported by number and skipped; the others are stored.
 *
 * Return: the number of values stored, or -EINVAL if any line was bad,
 * -ENOMEM.
 */
int vpshim_registry_parse(struct vpshim_device *vdev, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	size_t scratch_size = min_t(size_t, len + 2, VPSHIM_REG_MAX_DATA) * sizeof(WCHAR);
	unsigned int line = 1, stored = 0;
	char *logical, *scratch;
	bool bad = false;
	int ret = 0;

	logical = kvmalloc(len + 1, GFP_KERNEL);
	scratch = kvmalloc(scratch_size, GFP_KERNEL);
	if (!logical || !scratch) {
		ret = -ENOMEM;
		goto out;
	}
	while (p < end) {
		unsigned int first = line;
		size_t n = 0;

		/* Join continuation lines (a trailing backslash). */
		for (;;) {
			const char *nl = memchr(p, '\n', end - p);
			const char *stop = nl ? nl : end, *e = stop;

			while (e > p && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
				e--;
			memcpy(logical + n, p, e - p);
			n += e - p;
			p = nl ? nl + 1 : end;
			line++;
			if (!n || logical[n - 1] != '\\' || p >= end)
				break;
			logical[n - 1] = ' ';
		}
		logical[n] = 0;
		ret = vpshim_parse_line(reg_of(vdev), logical, logical + n, scratch,
					scratch_size);
		if (ret == -ENOMEM)
			goto out;
		if (ret < 0) {
			dev_warn(vdev->dev, "vpshim: registry line %u is not a value; skipped\n",
				 first);
			bad = true;
		}
		stored += ret > 0;
	}
	ret = bad ? -EINVAL : stored;
out:
	kvfree(logical);
	kvfree(scratch);
	return ret;
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_registry_parse);

static void vpshim_registry_load(struct vpshim_device *vdev, const char *name)
{
	const struct firmware *fw;
	int n;

	if (firmware_request_nowarn(&fw, name, vdev->dev))
		return;
	n = vpshim_registry_parse(vdev, fw->data, fw->size);
	dev_info(vdev->dev, "vpshim: registry: %s: %s\n", name,
		 n < 0 ? "has bad lines (skipped)" : "loaded");
	release_firmware(fw);
}

/* Fill a PCI device's store from its files, before HwFindAdapter. */
static void vpshim_registry_load_files(struct vpshim_device *vdev)
{
	char name[160];

	snprintf(name, sizeof(name), "vpshim/%s.reg", vdev->drv->mp->name);
	vpshim_registry_load(vdev, name);
	snprintf(name, sizeof(name), "vpshim/%s-%s.reg", vdev->drv->mp->name, vdev->name);
	vpshim_registry_load(vdev, name);
}

/*
 * Part init: the device's store, filled from the miniport's files when a
 * miniport binds it (a device glue code attaches starts empty).
 */
static int vpshim_registry_init(struct vpshim_device *vdev)
{
	mutex_init(&reg_of(vdev)->lock);
	INIT_LIST_HEAD(&reg_of(vdev)->values);
	if (vdev->drv)
		vpshim_registry_load_files(vdev);
	return 0;
}

/* Part release: drop the device's store. */
static unsigned int vpshim_registry_free(struct vpshim_device *vdev)
{
	struct vpshim_reg_value *v, *tmp;

	list_for_each_entry_safe(v, tmp, &reg_of(vdev)->values, node)
		kvfree(v);
	mutex_destroy(&reg_of(vdev)->lock);
	return 0;
}

/**
 * vpshim_registry_get_dword() - read a DWORD value of the adapter key
 * @vdev: the bound device
 * @name: the value's name, ASCII, compared without case as Windows does
 * @value: set to the value when it exists and is a DWORD
 *
 * For vpshim's own modules (the DRM bridge reads VpshimDrm): the same store
 * VideoPortGetRegistryParameters reads, without a callback.
 *
 * Return: 0, or -ENOENT when there is no such DWORD (@value untouched).
 */
int vpshim_registry_get_dword(struct vpshim_device *vdev, const char *name, u32 *value)
{
	struct vpshim_registry *reg = reg_of(vdev);

	WCHAR wname[VPSHIM_REG_MAX_NAME + 1];
	struct vpshim_reg_value *v;
	int err = -ENOENT;

	if (vpshim_utf8_to_wchar(name, strlen(name), wname, ARRAY_SIZE(wname)) < 0)
		return -ENOENT;
	mutex_lock(&reg->lock);
	v = vpshim_reg_find(reg, wname);
	if (v && v->type == REG_DWORD && v->len == sizeof(u32)) {
		memcpy(value, v->data, sizeof(*value));
		err = 0;
	}
	mutex_unlock(&reg->lock);
	return err;
}
EXPORT_SYMBOL_VPSHIM(vpshim_registry_get_dword);

/* A quoted .reg string: backslashes and quotes escaped. */
static size_t vpshim_reg_quote(const char *s, char *buf, size_t size)
{
	size_t n = scnprintf(buf, size, "\"");

	for (; *s; s++)
		n += scnprintf(buf + n, size - n, "%s%c", *s == '"' || *s == '\\' ? "\\" : "",
			       *s);
	return n + scnprintf(buf + n, size - n, "\"");
}

/* A value as a .reg line. */
static size_t vpshim_reg_format(const struct vpshim_reg_value *v, char *buf, size_t size)
{
	char name[VPSHIM_REG_MAX_NAME * 3 + 1];
	size_t n, i;

	vpshim_wchar_to_utf8(v->name, VPSHIM_REG_MAX_NAME, name, sizeof(name));
	n = vpshim_reg_quote(name, buf, size);
	n += scnprintf(buf + n, size - n, "=");
	if (v->type == REG_DWORD && v->len == 4) {
		n += scnprintf(buf + n, size - n, "dword:%08x\n", *(const u32 *)v->data);
	} else if (v->type == REG_SZ && v->len >= 2 && !((const WCHAR *)v->data)[v->len / 2 - 1]) {
		char *s = kmalloc(v->len * 2 + 1, GFP_KERNEL);

		if (!s)
			return n;
		vpshim_wchar_to_utf8((const WCHAR *)v->data, v->len / 2, s, v->len * 2 + 1);
		n += vpshim_reg_quote(s, buf + n, size - n);
		n += scnprintf(buf + n, size - n, "\n");
		kfree(s);
	} else {
		n += v->type == REG_BINARY ? scnprintf(buf + n, size - n, "hex:") :
					     scnprintf(buf + n, size - n, "hex(%x):", v->type);
		for (i = 0; i < v->len; i++)
			n += scnprintf(buf + n, size - n, "%02x%s", v->data[i],
				       i + 1 < v->len ? "," : "");
		n += scnprintf(buf + n, size - n, "\n");
	}
	return n;
}

/**
 * vpshim_registry_show() - the store as .reg text
 * @vdev: the device
 * @buf: output
 * @size: bytes at @buf
 *
 * Return: bytes written (truncated at @size).
 */
ssize_t vpshim_registry_show(struct vpshim_device *vdev, char *buf, size_t size)
{
	struct vpshim_registry *reg = reg_of(vdev);
	struct vpshim_reg_value *v;
	size_t n;

	n = scnprintf(buf, size, "; vpshim registry of %s (%s)\n", vdev->name,
		      vdev->drv ? vdev->drv->mp->name : "attached");
	mutex_lock(&reg->lock);
	list_for_each_entry(v, &reg->values, node)
		n += vpshim_reg_format(v, buf + n, size - n);
	mutex_unlock(&reg->lock);
	return n;
}
EXPORT_SYMBOL_IF_VPSHIM_KUNIT(vpshim_registry_show);

static ssize_t vpshim_registry_attr_show(struct device *dev, struct device_attribute *attr,
					 char *buf)
{
	struct vpshim_device *vdev = dev_get_drvdata(dev);

	return vdev ? vpshim_registry_show(vdev, buf, PAGE_SIZE) : -ENODEV;
}

static struct device_attribute vpshim_registry_attr =
	__ATTR(vpshim_registry, 0444, vpshim_registry_attr_show, NULL);

/* Part bind: publish the store of a bound PCI device (drvdata set). */
static int vpshim_registry_add_sysfs(struct vpshim_device *vdev)
{
	return device_create_file(vdev->dev, &vpshim_registry_attr);
}

/* Part unbind: undo vpshim_registry_add_sysfs(). */
static void vpshim_registry_remove_sysfs(struct vpshim_device *vdev)
{
	device_remove_file(vdev->dev, &vpshim_registry_attr);
}

VPSHIM_PART(registry, struct vpshim_registry,
	    .init = vpshim_registry_init,
	    .bind = vpshim_registry_add_sysfs,
	    .unbind = vpshim_registry_remove_sysfs,
	    .release = vpshim_registry_free);

/**
 * VideoPortGetRegistryParameters() - read a value of the adapter key
 * @HwDeviceExtension: the miniport's device extension
 * @ParameterName: the value's name (case does not matter; "Sub\\Name" names a
 *	value below the key)
 * @IsParameterFileName: the value is a file name; pass the file's contents
 * @GetRegistryRoutine: called with the data
 * @Context: passed to @GetRegistryRoutine
 *
 * Windows: looks the value up under the adapter key and calls the callback
 * with it (REG_SZ data includes its NUL). Linux: the device's store (see the
 * file comment); with @IsParameterFileName the value is a string naming a
 * file in the firmware search path, read with request_firmware(). The
 * callback runs without vpshim's locks held, at PASSIVE_LEVEL, and may set
 * values itself.
 *
 * Return: NO_ERROR when the value was found and the callback returned
 * NO_ERROR; ERROR_INVALID_PARAMETER otherwise (no such value or file, bad
 * arguments, a call from atomic context, or the callback's failure);
 * ERROR_NOT_ENOUGH_MEMORY.
 */
VP_STATUS VideoPortGetRegistryParameters(PVOID HwDeviceExtension, PWSTR ParameterName,
					 UCHAR IsParameterFileName,
					 PMINIPORT_GET_REGISTRY_ROUTINE GetRegistryRoutine,
					 PVOID Context)
{
	const struct firmware *fw = NULL;
	struct vpshim_reg_value *v, *copy = NULL;
	struct vpshim_device *vdev;
	VP_STATUS status;
	void *data;
	u32 len;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return ERROR_INVALID_PARAMETER;
	if (!ParameterName || !GetRegistryRoutine ||
	    vpshim_wcslen(ParameterName, VPSHIM_REG_MAX_NAME) > VPSHIM_REG_MAX_NAME) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "NULL or overlong name, or NULL callback");
		return ERROR_INVALID_PARAMETER;
	}
	/* A private copy: the callback may replace the value while it runs. */
	mutex_lock(&reg_of(vdev)->lock);
	v = vpshim_reg_find(reg_of(vdev), ParameterName);
	if (v) {
		copy = kvmalloc(struct_size(v, data, v->len), GFP_KERNEL);
		if (copy)
			memcpy(copy, v, struct_size(v, data, v->len));
	}
	mutex_unlock(&reg_of(vdev)->lock);
	if (!v)
		return ERROR_INVALID_PARAMETER;
	if (!copy)
		return ERROR_NOT_ENOUGH_MEMORY;
	data = copy->data;
	len = copy->len;
	if (IsParameterFileName) {
		char path[VPSHIM_REG_MAX_NAME * 3 + 1];

		if (copy->type != REG_SZ ||
		    !vpshim_wchar_to_utf8((WCHAR *)copy->data, copy->len / 2, path, sizeof(path)) ||
		    request_firmware(&fw, path, vdev->dev)) {
			dev_err_ratelimited(vdev->dev, "vpshim: %s: cannot read the file the value names\n",
					    __func__);
			kvfree(copy);
			return ERROR_INVALID_PARAMETER;
		}
		data = (void *)fw->data;
		len = fw->size;
	}
	status = GetRegistryRoutine(HwDeviceExtension, Context, copy->name, data, len);
	release_firmware(fw);
	kvfree(copy);
	return status == NO_ERROR ? NO_ERROR : ERROR_INVALID_PARAMETER;
}
EXPORT_SYMBOL_VPSHIM(VideoPortGetRegistryParameters);

/**
 * VideoPortSetRegistryParameters() - write a value of the adapter key
 * @HwDeviceExtension: the miniport's device extension
 * @ValueName: the value's name; created if missing
 * @ValueData: the data
 * @ValueLength: bytes at @ValueData (at most 1 MiB)
 *
 * Windows: writes the data (as REG_BINARY) under the adapter key. Linux: the
 * device's store, shown in its vpshim_registry file until the device unbinds.
 *
 * Return: NO_ERROR; ERROR_INVALID_PARAMETER for a NULL, empty, overlong or
 * "DefaultSettings." name, NULL data, an oversized value or a call from
 * atomic context; ERROR_NOT_ENOUGH_MEMORY.
 */
VP_STATUS VideoPortSetRegistryParameters(PVOID HwDeviceExtension, PWSTR ValueName,
					 PVOID ValueData, ULONG ValueLength)
{
	static const char reserved[] = "defaultsettings.";
	struct vpshim_device *vdev;
	size_t i, nlen;
	int err;

	vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);
	if (!vdev || !vpshim_check_passive(vdev, __func__, _RET_IP_))
		return ERROR_INVALID_PARAMETER;
	nlen = ValueName ? vpshim_wcslen(ValueName, VPSHIM_REG_MAX_NAME) : 0;
	if (!nlen || nlen > VPSHIM_REG_MAX_NAME || (!ValueData && ValueLength) ||
	    ValueLength > VPSHIM_REG_MAX_DATA) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "bad name, data or length (%u)",
			      ValueLength);
		return ERROR_INVALID_PARAMETER;
	}
	for (i = 0; i < sizeof(reserved) - 1 && i < nlen; i++)
		if (ValueName[i] >= 0x80 || tolower(ValueName[i]) != reserved[i])
			break;
	if (i == sizeof(reserved) - 1) {
		vpshim_misuse(vdev, __func__, _RET_IP_, "DefaultSettings.* is read-only");
		return ERROR_INVALID_PARAMETER;
	}
	err = vpshim_reg_store(reg_of(vdev), ValueName, REG_BINARY, ValueData, ValueLength);
	return err == -ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : err ? ERROR_INVALID_PARAMETER : NO_ERROR;
}
EXPORT_SYMBOL_VPSHIM(VideoPortSetRegistryParameters);

/**
 * VideoPortFlushRegistry() - write the miniport's registry values to disk
 * @HwDeviceExtension: the miniport's device extension
 *
 * Windows: flushes the registry hive. Linux: vpshim's registry lives in
 * memory (filled from the administrator's .reg files, shown in sysfs); there
 * is nothing to flush, and the values set are not kept across a reload.
 *
 * Return: NO_ERROR, as documented.
 */
VP_STATUS VideoPortFlushRegistry(PVOID HwDeviceExtension)
{
	struct vpshim_device *vdev = vpshim_device_get(HwDeviceExtension, __func__, _RET_IP_);

	if (vdev)
		dev_dbg(vdev->dev, "vpshim: %s: values live in memory; nothing to flush\n",
			__func__);
	return NO_ERROR;
}
EXPORT_SYMBOL_VPSHIM(VideoPortFlushRegistry);
