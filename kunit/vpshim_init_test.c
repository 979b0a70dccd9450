// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for vpshim/init.c: the VideoPortInitialize contract, seen the
 * way a miniport sees it, through a DriverEntry that vpshim calls.
 */

#include <kunit/test.h>
#include <linux/pci.h>

#include "vpshim.h"

static VP_STATUS init_test_find_adapter(PVOID ext, PVOID ctx, PWSTR args,
					PVIDEO_PORT_CONFIG_INFO info, PUCHAR again)
{
	return ERROR_DEV_NOT_EXIST;
}

static BOOLEAN init_test_initialize(PVOID ext)
{
	return TRUE;
}

static BOOLEAN init_test_start_io(PVOID ext, PVIDEO_REQUEST_PACKET rp)
{
	return TRUE;
}

static VP_STATUS init_test_set_power(PVOID ext, ULONG id, struct _VIDEO_POWER_MANAGEMENT *p)
{
	return NO_ERROR;
}

/* What the scenario's DriverEntry saw, for the test to check. */
static ULONG init_test_status[2];
static PWSTR init_test_registry_path;
static void (*init_test_scenario)(VIDEO_HW_INITIALIZATION_DATA *init, PVOID a1, PVOID a2);

static void init_test_fill(VIDEO_HW_INITIALIZATION_DATA *init)
{
	memset(init, 0, sizeof(*init));
	init->HwInitDataSize = sizeof(*init);
	init->AdapterInterfaceType = PCIBus;
	init->HwFindAdapter = init_test_find_adapter;
	init->HwInitialize = init_test_initialize;
	init->HwStartIO = init_test_start_io;
	init->HwDeviceExtensionSize = 32;
}

static unsigned int init_test_driver_entry(void *a1, void *a2)
{
	VIDEO_HW_INITIALIZATION_DATA init;

	init_test_registry_path = a2;
	init_test_fill(&init);
	init_test_status[1] = 0xdead;
	init_test_scenario(&init, a1, a2);
	return init_test_status[1] == 0xdead ? init_test_status[0] : init_test_status[1];
}

static const struct pci_device_id init_test_no_ids[] = { { } };

/* Run DriverEntry through vpshim; on success unregister again. */
static int init_test_register(struct kunit *test, struct vpshim_miniport *mp)
{
	int err;

	mp->name = "vpshim_init_test";
	/*
	 * No owner: KUnit runs a module's suites before the module's sysfs
	 * entry exists, and the driver core would link the driver to it.
	 */
	mp->owner = NULL;
	mp->driver_entry = init_test_driver_entry;
	mp->pci_ids = init_test_no_ids;
	err = vpshim_register_miniport(mp);
	if (!err) {
		KUNIT_EXPECT_NOT_NULL(test, mp->drv);
		KUNIT_EXPECT_TRUE(test, mp->drv && mp->drv->have_init);
	}
	return err;
}

static void scenario_valid(VIDEO_HW_INITIALIZATION_DATA *init, PVOID a1, PVOID a2)
{
	init_test_status[0] = VideoPortInitialize(a1, a2, init, NULL);
}

static void valid_init_data_registers(struct kunit *test)
{
	struct vpshim_miniport mp = { };
	static const char expect[] =
		"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\vpshim_init_test";
	int i;

	init_test_scenario = scenario_valid;
	KUNIT_ASSERT_EQ(test, init_test_register(test, &mp), 0);
	KUNIT_EXPECT_EQ(test, init_test_status[0], VPSHIM_STATUS_SUCCESS);
	KUNIT_EXPECT_PTR_EQ(test, (void *)mp.drv->init.HwFindAdapter,
			    (void *)init_test_find_adapter);
	KUNIT_EXPECT_EQ(test, mp.drv->init.HwDeviceExtensionSize, 32U);
	/* Argument2 is the service key, in WCHARs. */
	for (i = 0; i < sizeof(expect); i++)
		KUNIT_EXPECT_EQ(test, init_test_registry_path[i], (WCHAR)expect[i]);
	vpshim_unregister_miniport(&mp);
	KUNIT_EXPECT_NULL(test, mp.drv);
}

struct bad_init_case {
	const char *name;
	void (*mangle)(VIDEO_HW_INITIALIZATION_DATA *init);
	ULONG status;
};

static void too_big(VIDEO_HW_INITIALIZATION_DATA *init)
{
	init->HwInitDataSize += 4;
}

static void too_small(VIDEO_HW_INITIALIZATION_DATA *init)
{
	init->HwInitDataSize = 16;
}

static void no_find(VIDEO_HW_INITIALIZATION_DATA *init)
{
	init->HwFindAdapter = NULL;
}

static void no_init(VIDEO_HW_INITIALIZATION_DATA *init)
{
	init->HwInitialize = NULL;
}

static void no_start_io(VIDEO_HW_INITIALIZATION_DATA *init)
{
	init->HwStartIO = NULL;
}

static const struct bad_init_case bad_init_cases[] = {
	{ "size above the structure", too_big, VPSHIM_STATUS_REVISION_MISMATCH },
	{ "size below NT4's", too_small, VPSHIM_STATUS_REVISION_MISMATCH },
	{ "no HwFindAdapter", no_find, VPSHIM_STATUS_INVALID_PARAMETER },
	{ "no HwInitialize", no_init, VPSHIM_STATUS_INVALID_PARAMETER },
	{ "no HwStartIO", no_start_io, VPSHIM_STATUS_INVALID_PARAMETER },
};

static void bad_init_case_desc(const struct bad_init_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bad_init, bad_init_cases, bad_init_case_desc);

static const struct bad_init_case *init_test_bad;

static void scenario_bad(VIDEO_HW_INITIALIZATION_DATA *init, PVOID a1, PVOID a2)
{
	init_test_bad->mangle(init);
	init_test_status[0] = VideoPortInitialize(a1, a2, init, NULL);
}

static void bad_init_data_is_refused(struct kunit *test)
{
	struct vpshim_miniport mp = { };

	init_test_bad = test->param_value;
	init_test_scenario = scenario_bad;
	KUNIT_EXPECT_EQ(test, init_test_register(test, &mp), -ENODEV);
	KUNIT_EXPECT_EQ(test, init_test_status[0], init_test_bad->status);
	KUNIT_EXPECT_NULL(test, mp.drv);
}

/* A second HwFindAdapter, to tell which call's data was kept. */
static VP_STATUS init_test_find_adapter_isa(PVOID ext, PVOID ctx, PWSTR args,
					    PVIDEO_PORT_CONFIG_INFO info, PUCHAR again)
{
	return ERROR_DEV_NOT_EXIST;
}

/* NT4-era miniports call once per bus they support, ISA first. */
static void scenario_isa_then_pci(VIDEO_HW_INITIALIZATION_DATA *init, PVOID a1, PVOID a2)
{
	init->AdapterInterfaceType = Isa;
	init->HwFindAdapter = init_test_find_adapter_isa;
	init_test_status[0] = VideoPortInitialize(a1, a2, init, NULL);
	init->AdapterInterfaceType = PCIBus;
	init->HwFindAdapter = init_test_find_adapter;
	init_test_status[1] = VideoPortInitialize(a1, a2, init, NULL);
}

static void several_calls_the_pci_one_is_kept(struct kunit *test)
{
	struct vpshim_miniport mp = { };

	init_test_scenario = scenario_isa_then_pci;
	KUNIT_ASSERT_EQ(test, init_test_register(test, &mp), 0);
	KUNIT_EXPECT_EQ(test, init_test_status[0], VPSHIM_STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, init_test_status[1], VPSHIM_STATUS_SUCCESS);
	KUNIT_EXPECT_PTR_EQ(test, (void *)mp.drv->init.HwFindAdapter,
			    (void *)init_test_find_adapter);
	vpshim_unregister_miniport(&mp);
}

/* The reference: the video port ignores it; miniports leave it zero. */
static void scenario_interface_type_zero(VIDEO_HW_INITIALIZATION_DATA *init, PVOID a1,
					 PVOID a2)
{
	init->AdapterInterfaceType = 0;
	init_test_status[0] = VideoPortInitialize(a1, a2, init, NULL);
}

static void adapter_interface_type_is_ignored(struct kunit *test)
{
	struct vpshim_miniport mp = { };

	init_test_scenario = scenario_interface_type_zero;
	KUNIT_ASSERT_EQ(test, init_test_register(test, &mp), 0);
	KUNIT_EXPECT_EQ(test, init_test_status[0], VPSHIM_STATUS_SUCCESS);
	vpshim_unregister_miniport(&mp);
}

static void scenario_nt4_size(VIDEO_HW_INITIALIZATION_DATA *init, PVOID a1, PVOID a2)
{
	init->HwInitDataSize = SIZE_OF_NT4_VIDEO_HW_INITIALIZATION_DATA;
	init->HwSetPowerState = init_test_set_power;	/* beyond the declared size */
	init_test_status[0] = VideoPortInitialize(a1, a2, init, NULL);
}

static void fields_beyond_declared_size_are_ignored(struct kunit *test)
{
	struct vpshim_miniport mp = { };

	init_test_scenario = scenario_nt4_size;
	KUNIT_ASSERT_EQ(test, init_test_register(test, &mp), 0);
	KUNIT_EXPECT_EQ(test, init_test_status[0], VPSHIM_STATUS_SUCCESS);
	KUNIT_EXPECT_NULL(test, (void *)mp.drv->init.HwSetPowerState);
	KUNIT_EXPECT_NOT_NULL(test, (void *)mp.drv->init.HwStartIO);
	vpshim_unregister_miniport(&mp);
}

static void scenario_bad_arguments(VIDEO_HW_INITIALIZATION_DATA *init, PVOID a1, PVOID a2)
{
	init_test_status[0] = VideoPortInitialize(NULL, a2, init, NULL);
	init_test_status[1] = VideoPortInitialize(a1, a2, NULL, NULL);
}

static void wrong_arguments_or_caller_refused(struct kunit *test)
{
	struct vpshim_miniport mp = { };
	VIDEO_HW_INITIALIZATION_DATA init;

	init_test_scenario = scenario_bad_arguments;
	KUNIT_EXPECT_EQ(test, init_test_register(test, &mp), -ENODEV);
	KUNIT_EXPECT_EQ(test, init_test_status[0], VPSHIM_STATUS_INVALID_PARAMETER);
	/* DriverEntry returned the second status: also refused. */
	KUNIT_EXPECT_EQ(test, init_test_status[1], VPSHIM_STATUS_INVALID_PARAMETER);

	/* Outside DriverEntry, even with a plausible driver object. */
	init_test_fill(&init);
	KUNIT_EXPECT_EQ(test, VideoPortInitialize(&mp, NULL, &init, NULL),
			VPSHIM_STATUS_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, vpshim_register_miniport(NULL), -EINVAL);
}

static struct kunit_case vpshim_init_cases[] = {
	KUNIT_CASE(valid_init_data_registers),
	KUNIT_CASE_PARAM(bad_init_data_is_refused, bad_init_gen_params),
	KUNIT_CASE(several_calls_the_pci_one_is_kept),
	KUNIT_CASE(adapter_interface_type_is_ignored),
	KUNIT_CASE(fields_beyond_declared_size_are_ignored),
	KUNIT_CASE(wrong_arguments_or_caller_refused),
	{}
};

static struct kunit_suite vpshim_init_suite = {
	.name = "vpshim_init",
	.test_cases = vpshim_init_cases,
};

kunit_test_suite(vpshim_init_suite);
