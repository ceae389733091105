/* firmware.h - what tests/embedded-arm/startup.c offers the demo firmware. */
#ifndef FIRMWARE_H
#define FIRMWARE_H

#include <stddef.h>

/* Write n bytes to the host's standard output (semihosting). */
void fw_write(const char *s, size_t n);
/* End the program: qemu exits 0 for status 0, else 1. */
void fw_exit(int status);
/* Bytes of stack below the caller that fn touched (stack painting). */
size_t fw_stack_use(void (*fn)(void));

#endif
