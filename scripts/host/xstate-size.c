// SPDX-License-Identifier: GPL-2.0
/*
 * xstate-size - what a UML kernel needs from this host, asked the way UML
 * asks: a traced child, PTRACE_GETREGSET(NT_X86_XSTATE) with a buffer larger
 * than any XSAVE area (the host answers with its real size), then
 * PTRACE_SETREGSET with exactly that size. Prints one line:
 *
 *   xstate BYTES      ptrace works; the host's XSAVE area is BYTES
 *   ptrace-denied ... this host does not let a process trace its child
 *   no-xstate ...     the host has no NT_X86_XSTATE regset
 *
 * Exit status: 0 for the first line, 1 otherwise.
 */
#include <elf.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define PROBE_SIZE (64 * 1024)

int main(void)
{
	static unsigned char buf[PROBE_SIZE];
	struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
	int status, rc = 1;
	pid_t pid;

	pid = fork();
	if (pid < 0) {
		printf("ptrace-denied fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0)
			_exit(2);
		raise(SIGSTOP);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFSTOPPED(status)) {
		printf("ptrace-denied PTRACE_TRACEME failed in the child\n");
		goto out;
	}
	if (ptrace(PTRACE_GETREGSET, pid, (void *)NT_X86_XSTATE, &iov) < 0) {
		printf("no-xstate PTRACE_GETREGSET: %s\n", strerror(errno));
		goto out;
	}
	if (ptrace(PTRACE_SETREGSET, pid, (void *)NT_X86_XSTATE, &iov) < 0) {
		printf("ptrace-denied PTRACE_SETREGSET of %zu bytes: %s\n", iov.iov_len,
		       strerror(errno));
		goto out;
	}
	printf("xstate %zu\n", iov.iov_len);
	rc = 0;
out:
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return rc;
}
