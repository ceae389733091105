/* gen_log.c - a deterministic generated device log for the annotate tests
 * and benchmark.
 *
 * Usage: gen_log [-b BYTES | -n LINES] [-p PERCENT] [-s SEED] [-e EXPECT]
 * Writes lines to stdout until at least BYTES bytes or LINES lines (default
 * 1000 lines).  PERCENT (default 5) of the lines carry exactly one code, as a
 * hex value, a decimal value after a keyword or a symbolic name; every other
 * line is full of plain numbers that must not be taken for codes: timestamps,
 * temperatures, addresses, sizes and counters, often in the code range
 * (e.g. "chunk 268/512", "offset 0x10C00", "temp=385"), and look-alikes of
 * the NetX core and crypto codes outside a status context ("reg 0x38",
 * "len=56", "id 0x20003", "errno=5").  With -e, writes
 * "LINE NAME" for each code line to EXPECT (line numbers from 1). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nxmsg.h"

static unsigned long long state = 88172645463325252ULL;

static unsigned rnd(unsigned n)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (unsigned)((state >> 11) % n);
}

static int plain_line(char *b, size_t size, const char *ts, const char *dev)
{
    unsigned r = 257 + rnd(255); /* a number in the code range */
    switch (rnd(9)) {
    case 0:
        return snprintf(b, size, "%s %s [INFO] sensor: temp=%u.%uC hum=%u%% rssi=-%udBm\n", ts, dev,
                        rnd(60), rnd(10), rnd(100), 40 + rnd(60));
    case 1:
        return snprintf(b, size, "%s %s [DEBUG] mem: heap_free=%u addr=0x%08X stack=0x%04X\n", ts, dev,
                        rnd(200000), 0x20000000u + rnd(0x10000), rnd(0x10000));
    case 2:
        return snprintf(b, size, "%s %s [INFO] ota: chunk %u/512 written at offset 0x%X00 len: %u bytes\n",
                        ts, dev, r, r, r);
    case 3:
        return snprintf(b, size, "%s %s [INFO] net: rx=%u tx=%u uptime %u s temp=%u count: %u\n", ts, dev,
                        rnd(100000), rnd(100000), rnd(864000), r, r);
    case 4:
        return snprintf(b, size, "%s %s [WARN] power: battery %u.%02uV drop %u mV id 0x%X0 reg[0x%X]=0x%02X\n",
                        ts, dev, 3 + rnd(2), rnd(100), r, r, rnd(0x100), rnd(0x100));
    case 5:
        /* status values that are no code: 0 (never recognized) or 200-255 */
        return snprintf(b, size, "%s %s [INFO] tls: session %u started, cipher 0x%04X, status=%u ok\n", ts,
                        dev, rnd(1000), 0xC000 + rnd(0x100), rnd(4) ? 0 : 200 + rnd(56));
    case 7:
        /* core and crypto values where they are no status */
        return snprintf(b, size, "%s %s [DEBUG] spi: reg 0x%02X=0x%X len=%u id 0x%X errno=%u irq %u\n", ts,
                        dev, 1 + rnd(0x56), 1 + rnd(0x56), 1 + rnd(86), 0x20001 + rnd(16), 1 + rnd(86),
                        1 + rnd(86));
    case 6:
        return snprintf(b, size, "%s %s [DEBUG] sched: task=%u prio %u ticks=%u.%u nx_thread_%u\n", ts, dev,
                        rnd(64), rnd(32), r, r, rnd(10));
    default:
        return snprintf(b, size, "%s %s [INFO] dhcp: lease 192.168.%u.%u for %u s, error count %u\n", ts,
                        dev, rnd(256), rnd(256), r, r);
    }
}

static int code_line(char *b, size_t size, const char *ts, const char *dev, const nxmsg_entry **out)
{
    static const char *const kw[] = { "status=", "status: ", "error ", "err=", "ret=", "returned ",
                                      "rc = ", "Error: " };
    const nxmsg_entry *e;
    unsigned v;

    do
        e = nxmsg_entry_at(rnd((unsigned)nxmsg_count()));
    while (nxmsg_entry_value(e) == 0 && rnd(4) != 0);
    v = nxmsg_entry_value(e);
    *out = e;
    if (v >= 0x20000) /* crypto values: in hex after a keyword */
        return snprintf(b, size, "%s %s [ERROR] crypto: %s0x%X at offset 0x%X00\n", ts, dev,
                        kw[rnd(sizeof kw / sizeof kw[0])], v, v);
    if (v == 0 || rnd(3) == 0)
        return snprintf(b, size, "%s %s [ERROR] tls: connect failed with %s, retrying in %u s\n", ts, dev,
                        nxmsg_entry_name(e), 1 + rnd(30));
    if (rnd(2))
        return snprintf(b, size, "%s %s [ERROR] tls: nx_secure_tls_session_start returned 0x%X (temp=%u)\n",
                        ts, dev, v, rnd(80));
    return snprintf(b, size, "%s %s [ERROR] x509: verify %s%u at offset 0x%X00\n", ts, dev,
                    kw[rnd(sizeof kw / sizeof kw[0])], v, v);
}

int main(int argc, char **argv)
{
    unsigned long long bytes = 0, lines = 1000, total = 0, n = 0;
    unsigned percent = 5;
    FILE *expect = NULL;
    static char out[1 << 16];
    size_t olen = 0;
    int c;

    while ((c = getopt(argc, argv, "b:n:p:s:e:")) != -1) {
        switch (c) {
        case 'b': bytes = strtoull(optarg, NULL, 10); lines = 0; break;
        case 'n': lines = strtoull(optarg, NULL, 10); bytes = 0; break;
        case 'p': percent = (unsigned)atoi(optarg); break;
        case 's': state = strtoull(optarg, NULL, 10) * 2654435761u + 1; break;
        case 'e':
            if (!(expect = fopen(optarg, "w"))) {
                perror(optarg);
                return 2;
            }
            break;
        default:
            fprintf(stderr, "usage: gen_log [-b BYTES | -n LINES] [-p PERCENT] [-s SEED] [-e EXPECT]\n");
            return 2;
        }
    }
    while (bytes ? total < bytes : n < lines) {
        char ts[64], dev[16];
        const nxmsg_entry *e = NULL;
        unsigned long long t = 1709640000000ULL + n * 37;
        int len;
        snprintf(ts, sizeof ts, "2024-03-05T%02llu:%02llu:%02llu.%03lluZ", t / 3600000 % 24, t / 60000 % 60,
                 t / 1000 % 60, t % 1000);
        snprintf(dev, sizeof dev, "dev-%04u", rnd(10000));
        if (rnd(100) < percent)
            len = code_line(out + olen, sizeof out - olen, ts, dev, &e);
        else
            len = plain_line(out + olen, sizeof out - olen, ts, dev);
        n++;
        if (e && expect)
            fprintf(expect, "%llu %s\n", n, nxmsg_entry_name(e));
        olen += (size_t)len;
        total += (unsigned long long)len;
        if (olen > sizeof out - 512) {
            fwrite(out, 1, olen, stdout);
            olen = 0;
        }
    }
    fwrite(out, 1, olen, stdout);
    if (expect && fclose(expect) != 0)
        return 2;
    return fflush(stdout) == 0 ? 0 : 2;
}
