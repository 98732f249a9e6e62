/*
 * libmodbus_client - one-shot libmodbus (3.1.6) master used by the C# integration tests to
 * talk to OUR slave.  Build: tests/scripts/build-peers.sh
 *
 *   libmodbus_client [-v] [-t MS] tcp HOST PORT UNIT OP ADDR COUNT [VALUES...]
 *   libmodbus_client [-v] [-t MS] rtu DEVICE BAUD UNIT OP ADDR COUNT [VALUES...]
 *
 *   OP            ADDR COUNT          VALUES                     prints
 *   read-coils    start n (1..2000)   -                          n lines 0/1
 *   read-discrete start n (1..2000)   -                          n lines 0/1
 *   read-holding  start n (1..125)    -                          n lines u16 decimal
 *   read-input    start n (1..125)    -                          n lines u16 decimal
 *   write-coil    addr  1             0|1                        OK        (FC05)
 *   write-register addr 1             u16                        OK        (FC06)
 *   write-coils   start n (1..1968)   n x 0|1                    OK        (FC15)
 *   write-registers start n (1..123)  n x u16                    OK        (FC16)
 *   write-read    rstart rn (1..125)  WSTART then wn x u16       rn lines  (FC23;
 *                                     (wn = number of values, 1..121)       write first)
 *   raw           FC  0               data bytes (0..255)        response PDU bytes after
 *                                                                the function code, 1/line
 * Numbers accept decimal or 0x-hex.  RTU is 8N1.  Response timeout 1 s (-t MS to change).
 * -v enables libmodbus debug output (frames) on stdout/stderr.
 *
 * Output / exit status:
 *   success                  values one per line (or OK)   exit 0
 *   Modbus exception         EXCEPTION <code>               exit 2
 *   any other failure        ERROR <errno> <message>        exit 1  (usage errors too)
 */
#include <errno.h>
#include <modbus.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_EXC 2

static void usage(void)
{
    fprintf(stderr,
            "usage: libmodbus_client [-v] [-t MS] tcp HOST PORT UNIT OP ADDR COUNT [VALUES...]\n"
            "       libmodbus_client [-v] [-t MS] rtu DEVICE BAUD UNIT OP ADDR COUNT [VALUES...]\n"
            "OP: read-coils read-discrete read-holding read-input write-coil write-register\n"
            "    write-coils write-registers write-read raw\n"
            "write-read: ADDR COUNT = read range, VALUES = WRITE_ADDR v1 [v2...]\n"
            "raw: ADDR = function code, COUNT ignored, VALUES = data bytes\n");
    printf("ERROR %d usage\n", EINVAL);
}

static int parse_long(const char *s, long min, long max, long *out)
{
    char *end = NULL;
    long v;
    errno = 0;
    v = strtol(s, &end, 0);
    if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

/* Report the libmodbus error in errno; returns the process exit code. */
static int report_errno(void)
{
    int e = errno;
    if (e > MODBUS_ENOBASE && e <= EMBXGTAR) {
        printf("EXCEPTION %d\n", e - MODBUS_ENOBASE);
        return EXIT_EXC;
    }
    printf("ERROR %d %s\n", e, modbus_strerror(e));
    return 1;
}

static int parse_values(int argc, char **argv, long min, long max, long *out, int expected)
{
    int i;
    if (argc != expected) {
        fprintf(stderr, "expected %d value(s), got %d\n", expected, argc);
        return -1;
    }
    for (i = 0; i < argc; i++) {
        if (parse_long(argv[i], min, max, &out[i]) != 0) {
            fprintf(stderr, "bad value '%s' (range %ld..%ld)\n", argv[i], min, max);
            return -1;
        }
    }
    return 0;
}

static int do_raw(modbus_t *ctx, int unit, long fc, int argc, char **argv)
{
    uint8_t req[MODBUS_MAX_PDU_LENGTH + 1];
    uint8_t rsp[MODBUS_MAX_ADU_LENGTH];
    long v;
    int i, n, hdr;

    if (argc > MODBUS_MAX_PDU_LENGTH - 1) {
        usage();
        return 1;
    }
    req[0] = (uint8_t)unit;
    req[1] = (uint8_t)fc;
    for (i = 0; i < argc; i++) {
        if (parse_long(argv[i], 0, 255, &v) != 0) {
            usage();
            return 1;
        }
        req[2 + i] = (uint8_t)v;
    }
    if (modbus_send_raw_request(ctx, req, 2 + argc) == -1)
        return report_errno();
    n = modbus_receive_confirmation(ctx, rsp);
    if (n == -1)
        return report_errno();
    hdr = modbus_get_header_length(ctx); /* 1 for RTU (unit), 7 for TCP (MBAP) */
    if (n < hdr + 2) {
        printf("ERROR %d short response\n", EMBBADDATA);
        return 1;
    }
    if (rsp[hdr] == (uint8_t)(fc | 0x80)) {
        printf("EXCEPTION %d\n", rsp[hdr + 1]);
        return EXIT_EXC;
    }
    /* RTU: n includes the 2 CRC bytes */
    if (modbus_get_header_length(ctx) == 1)
        n -= 2;
    for (i = hdr + 1; i < n; i++)
        printf("%d\n", rsp[i]);
    return 0;
}

int main(int argc, char **argv)
{
    modbus_t *ctx = NULL;
    long unit, port_or_baud, addr, count, timeout_ms = 1000, tmp;
    const char *op;
    int verbose = 0, argi = 1, rc = 1, i, n;
    uint16_t regs[MODBUS_MAX_READ_REGISTERS];
    uint16_t wregs[MODBUS_MAX_WRITE_REGISTERS];
    uint8_t bits[MODBUS_MAX_READ_BITS];
    long vals[MODBUS_MAX_READ_BITS];

    while (argi < argc && argv[argi][0] == '-') {
        if (strcmp(argv[argi], "-v") == 0) {
            verbose = 1;
            argi++;
        } else if (strcmp(argv[argi], "-t") == 0 && argi + 1 < argc &&
                   parse_long(argv[argi + 1], 1, 60000, &timeout_ms) == 0) {
            argi += 2;
        } else {
            usage();
            return 1;
        }
    }
    if (argc - argi < 7) {
        usage();
        return 1;
    }
    if (parse_long(argv[argi + 2], 1, 4000000, &port_or_baud) != 0 ||
        parse_long(argv[argi + 3], 0, 255, &unit) != 0 ||
        parse_long(argv[argi + 5], 0, 65535, &addr) != 0 ||
        parse_long(argv[argi + 6], 0, 65535, &count) != 0) {
        usage();
        return 1;
    }
    if (strcmp(argv[argi], "tcp") == 0) {
        if (port_or_baud > 65535) {
            usage();
            return 1;
        }
        ctx = modbus_new_tcp(argv[argi + 1], (int)port_or_baud);
    } else if (strcmp(argv[argi], "rtu") == 0) {
        if (port_or_baud < 1200) {
            usage();
            return 1;
        }
        ctx = modbus_new_rtu(argv[argi + 1], (int)port_or_baud, 'N', 8, 1);
    } else {
        usage();
        return 1;
    }
    if (ctx == NULL)
        return report_errno();
    op = argv[argi + 4];
    argv += argi + 7;
    argc -= argi + 7;

    modbus_set_debug(ctx, verbose);
    modbus_set_response_timeout(ctx, (uint32_t)(timeout_ms / 1000),
                                (uint32_t)((timeout_ms % 1000) * 1000));
    if (modbus_set_slave(ctx, (int)unit) == -1) {
        rc = report_errno();
        goto out_free;
    }
    if (modbus_connect(ctx) == -1) {
        rc = report_errno();
        goto out_free;
    }

    if (strcmp(op, "read-coils") == 0 || strcmp(op, "read-discrete") == 0) {
        if (count < 1 || count > MODBUS_MAX_READ_BITS || argc != 0)
            goto bad_usage;
        n = op[5] == 'c' ? modbus_read_bits(ctx, (int)addr, (int)count, bits)
                         : modbus_read_input_bits(ctx, (int)addr, (int)count, bits);
        if (n == -1) {
            rc = report_errno();
            goto out_close;
        }
        for (i = 0; i < n; i++)
            printf("%d\n", bits[i] ? 1 : 0);
        rc = 0;
    } else if (strcmp(op, "read-holding") == 0 || strcmp(op, "read-input") == 0) {
        if (count < 1 || count > MODBUS_MAX_READ_REGISTERS || argc != 0)
            goto bad_usage;
        n = op[5] == 'h' ? modbus_read_registers(ctx, (int)addr, (int)count, regs)
                         : modbus_read_input_registers(ctx, (int)addr, (int)count, regs);
        if (n == -1) {
            rc = report_errno();
            goto out_close;
        }
        for (i = 0; i < n; i++)
            printf("%u\n", (unsigned)regs[i]);
        rc = 0;
    } else if (strcmp(op, "write-coil") == 0 || strcmp(op, "write-register") == 0) {
        int coil = strcmp(op, "write-coil") == 0;
        if (count != 1 || parse_values(argc, argv, 0, coil ? 1 : 65535, vals, 1) != 0)
            goto bad_usage;
        n = coil ? modbus_write_bit(ctx, (int)addr, (int)vals[0])
                 : modbus_write_register(ctx, (int)addr, (uint16_t)vals[0]);
        if (n == -1) {
            rc = report_errno();
            goto out_close;
        }
        printf("OK\n");
        rc = 0;
    } else if (strcmp(op, "write-coils") == 0) {
        if (count < 1 || count > MODBUS_MAX_WRITE_BITS ||
            parse_values(argc, argv, 0, 1, vals, (int)count) != 0)
            goto bad_usage;
        for (i = 0; i < count; i++)
            bits[i] = (uint8_t)vals[i];
        if (modbus_write_bits(ctx, (int)addr, (int)count, bits) == -1) {
            rc = report_errno();
            goto out_close;
        }
        printf("OK\n");
        rc = 0;
    } else if (strcmp(op, "write-registers") == 0) {
        if (count < 1 || count > MODBUS_MAX_WRITE_REGISTERS ||
            parse_values(argc, argv, 0, 65535, vals, (int)count) != 0)
            goto bad_usage;
        for (i = 0; i < count; i++)
            wregs[i] = (uint16_t)vals[i];
        if (modbus_write_registers(ctx, (int)addr, (int)count, wregs) == -1) {
            rc = report_errno();
            goto out_close;
        }
        printf("OK\n");
        rc = 0;
    } else if (strcmp(op, "write-read") == 0) {
        long waddr;
        int wn = argc - 1;
        if (count < 1 || count > MODBUS_MAX_WR_READ_REGISTERS || wn < 1 ||
            wn > MODBUS_MAX_WR_WRITE_REGISTERS || parse_long(argv[0], 0, 65535, &waddr) != 0 ||
            parse_values(wn, argv + 1, 0, 65535, vals, wn) != 0)
            goto bad_usage;
        for (i = 0; i < wn; i++)
            wregs[i] = (uint16_t)vals[i];
        n = modbus_write_and_read_registers(ctx, (int)waddr, wn, wregs, (int)addr, (int)count,
                                            regs);
        if (n == -1) {
            rc = report_errno();
            goto out_close;
        }
        for (i = 0; i < n; i++)
            printf("%u\n", (unsigned)regs[i]);
        rc = 0;
    } else if (strcmp(op, "raw") == 0) {
        if (parse_long(argv[-2], 1, 127, &tmp) != 0)
            goto bad_usage;
        rc = do_raw(ctx, (int)unit, tmp, argc, argv);
    } else {
        goto bad_usage;
    }
    goto out_close;

bad_usage:
    usage();
    rc = 1;
out_close:
    modbus_close(ctx);
out_free:
    modbus_free(ctx);
    fflush(stdout);
    return rc;
}
