/*
 * libmodbus_bench_client - closed-loop Modbus master benchmark (libmodbus 3.1.6).
 *
 *   libmodbus_bench_client tcp HOST PORT UNIT SECONDS
 *   libmodbus_bench_client rtu DEVICE BAUD UNIT SECONDS
 *
 * Connects, then reads 10 holding registers at address 0 (FC03) back-to-back, one request
 * in flight, for SECONDS (max 3600) or 10,000,000 attempts, whichever comes first.
 * Response timeout 1 s; failed requests count as errors (the TCP link is re-established
 * by libmodbus' error recovery). Prints exactly one JSON line on stdout:
 *   {"mode":"tcp","transactions":N,"seconds":S,"tx_per_s":X,"mean_us":Y,
 *    "p50_us":P,"p99_us":Q,"max_us":M,"errors":E}
 * transactions = successful request/response pairs; mean_us = mean latency of those.
 * Exit 0 if at least one transaction succeeded, 1 otherwise.
 */
#include <errno.h>
#include <modbus.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_ATTEMPTS 10000000L
#define HIST_US 100000 /* 1 us buckets up to 100 ms; above -> last bucket */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void usage(void)
{
    fprintf(stderr, "usage: libmodbus_bench_client tcp HOST PORT UNIT SECONDS\n"
                    "       libmodbus_bench_client rtu DEVICE BAUD UNIT SECONDS\n");
}

static long percentile(const uint32_t *hist, long n, double p)
{
    long target = (long)(p * (double)n), acc = 0, i;
    if (target >= n)
        target = n - 1;
    for (i = 0; i <= HIST_US; i++) {
        acc += hist[i];
        if (acc > target)
            return i;
    }
    return HIST_US;
}

int main(int argc, char **argv)
{
    modbus_t *ctx;
    uint16_t regs[10];
    uint32_t *hist;
    long attempts = 0, ok = 0, errors = 0, max_us = 0, unit, seconds, param;
    double t0, t_end, elapsed, lat_sum = 0.0;
    char *end = NULL;

    if (argc != 6) {
        usage();
        return 1;
    }
    param = strtol(argv[3], &end, 10);
    unit = strtol(argv[4], NULL, 10);
    seconds = strtol(argv[5], NULL, 10);
    if (*end != '\0' || param < 1 || unit < 0 || unit > 255 || seconds < 1 || seconds > 3600) {
        usage();
        return 1;
    }
    if (strcmp(argv[1], "tcp") == 0 && param <= 65535)
        ctx = modbus_new_tcp(argv[2], (int)param);
    else if (strcmp(argv[1], "rtu") == 0 && param >= 1200)
        ctx = modbus_new_rtu(argv[2], (int)param, 'N', 8, 1);
    else {
        usage();
        return 1;
    }
    if (ctx == NULL) {
        fprintf(stderr, "libmodbus: %s\n", modbus_strerror(errno));
        return 1;
    }
    modbus_set_slave(ctx, (int)unit);
    modbus_set_response_timeout(ctx, 1, 0);
    modbus_set_error_recovery(ctx, MODBUS_ERROR_RECOVERY_LINK | MODBUS_ERROR_RECOVERY_PROTOCOL);
    if (modbus_connect(ctx) == -1) {
        fprintf(stderr, "connect: %s\n", modbus_strerror(errno));
        modbus_free(ctx);
        return 1;
    }
    hist = calloc(HIST_US + 1, sizeof *hist);
    if (hist == NULL) {
        modbus_close(ctx);
        modbus_free(ctx);
        return 1;
    }

    t0 = now_s();
    t_end = t0 + (double)seconds;
    for (;;) {
        double t1 = now_s(), dt;
        long us;
        if (t1 >= t_end || attempts >= MAX_ATTEMPTS)
            break;
        attempts++;
        if (modbus_read_registers(ctx, 0, 10, regs) != 10) {
            errors++;
            continue;
        }
        dt = now_s() - t1;
        ok++;
        lat_sum += dt;
        us = (long)(dt * 1e6);
        if (us > max_us)
            max_us = us;
        hist[us < HIST_US ? us : HIST_US]++;
    }
    elapsed = now_s() - t0;

    printf("{\"mode\":\"%s\",\"transactions\":%ld,\"seconds\":%.3f,\"tx_per_s\":%.1f,"
           "\"mean_us\":%.1f,\"p50_us\":%ld,\"p99_us\":%ld,\"max_us\":%ld,\"errors\":%ld}\n",
           argv[1], ok, elapsed, elapsed > 0 ? (double)ok / elapsed : 0.0,
           ok > 0 ? lat_sum / (double)ok * 1e6 : 0.0, ok > 0 ? percentile(hist, ok, 0.50) : 0,
           ok > 0 ? percentile(hist, ok, 0.99) : 0, max_us, errors);
    fflush(stdout);
    free(hist);
    modbus_close(ctx);
    modbus_free(ctx);
    return ok > 0 ? 0 : 1;
}
