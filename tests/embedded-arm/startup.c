/* startup.c - the smallest Cortex-M4 start for the demo firmware: a vector
 * table, a reset handler that sets up .data and .bss and calls main(), and
 * output and exit through Arm semihosting (qemu -semihosting).  Besides it,
 * firmware.h offers stack painting to measure what a call uses. */
#include <stdint.h>
#include <string.h>

#include "firmware.h"

extern uint32_t __data_start[], __data_end[], __data_load[], __bss_start[], __bss_end[];
extern uint32_t __stack_top[];
int main(void);
void reset_handler(void);

enum { SYS_WRITE0 = 0x04, SYS_EXIT = 0x18, ADP_STOPPED_APPLICATION_EXIT = 0x20026,
       ADP_STOPPED_RUN_TIME_ERROR = 0x20023 };

static uint32_t semihost(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void fw_exit(int status)
{
    semihost(SYS_EXIT, (const void *)(uintptr_t)(status == 0 ? ADP_STOPPED_APPLICATION_EXIT
                                                             : ADP_STOPPED_RUN_TIME_ERROR));
    for (;;)
        ;
}

void fw_write(const char *s, size_t n)
{
    char chunk[65];
    while (n > 0) {
        size_t k = n < 64 ? n : 64;
        memcpy(chunk, s, k);
        chunk[k] = '\0';
        semihost(SYS_WRITE0, chunk);
        s += k;
        n -= k;
    }
}

static void fault_handler(void)
{
    fw_write("fault\n", 6);
    fw_exit(1);
}

void reset_handler(void)
{
    for (uint32_t *s = __data_load, *d = __data_start; d < __data_end;)
        *d++ = *s++;
    for (uint32_t *d = __bss_start; d < __bss_end;)
        *d++ = 0;
    fw_exit(main());
}

__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))(uintptr_t)__stack_top, reset_handler, fault_handler, fault_handler,
    fault_handler, fault_handler, fault_handler,
};

#define PAINT 0xA5C3A5C3u
#define PAINT_WORDS 1024 /* 4 KB below the caller */

/* Paint the stack below this frame, run fn, and find the deepest word it
 * changed.  The figure includes fn's own frame (a wrapper around the call). */
__attribute__((noinline)) size_t fw_stack_use(void (*fn)(void))
{
    uint32_t *sp, *p, *lo;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    lo = sp - PAINT_WORDS;
    for (p = lo; p < sp; p++)
        *(volatile uint32_t *)p = PAINT;
    fn();
    for (p = lo; p < sp && *(volatile uint32_t *)p == PAINT; p++)
        ;
    return (size_t)((char *)sp - (char *)p);
}
