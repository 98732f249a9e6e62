/*
 * libmodbus_bench_server - libmodbus (3.1.6) slave for the libmodbus->libmodbus reference
 * figure and for benchmarking OUR master against a C slave.
 *
 *   libmodbus_bench_server tcp PORT [--max-seconds S]
 *   libmodbus_bench_server rtu DEVICE BAUD UNIT [--max-seconds S]
 *
 * Data: 200 holding registers (value = address), 200 input registers (value = address*3),
 * 200 coils / 200 discrete inputs (address % 2 == 0). Out of range -> exception 02
 * (libmodbus' own mapping checks). TCP listens on 127.0.0.1, serves up to 16 clients
 * concurrently with select(), answers every unit id. RTU is 8N1, answers UNIT only.
 * Prints "READY" on stdout once listening. Exits 0 on SIGTERM/SIGINT, 3 when
 * --max-seconds (default 600) expires, 1 on errors.
 */
#include <errno.h>
#include <modbus.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CLIENTS 16
#define EXIT_WATCHDOG 3

static volatile sig_atomic_t g_stop = 0;

static void on_signal(int sig)
{
    (void)sig;
    g_stop = 1;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void usage(void)
{
    fprintf(stderr, "usage: libmodbus_bench_server tcp PORT [--max-seconds S]\n"
                    "       libmodbus_bench_server rtu DEVICE BAUD UNIT [--max-seconds S]\n");
}

static modbus_mapping_t *make_mapping(void)
{
    int i;
    modbus_mapping_t *mb = modbus_mapping_new(200, 200, 200, 200);
    if (mb == NULL)
        return NULL;
    for (i = 0; i < 200; i++) {
        mb->tab_registers[i] = (uint16_t)i;
        mb->tab_input_registers[i] = (uint16_t)(i * 3);
        mb->tab_bits[i] = (uint8_t)(i % 2 == 0);
        mb->tab_input_bits[i] = (uint8_t)(i % 2 == 0);
    }
    return mb;
}

/* Wait until fd set is readable, the deadline passes or a signal arrives.
 * Returns select()'s result (0 on timeout slice, -1 on EINTR). */
static int wait_readable(fd_set *rd, int maxfd)
{
    struct timeval tv = {0, 200000};
    return select(maxfd + 1, rd, NULL, NULL, &tv);
}

static int serve_tcp(int port, double deadline, modbus_mapping_t *mb)
{
    uint8_t query[MODBUS_TCP_MAX_ADU_LENGTH];
    int clients[MAX_CLIENTS];
    int listen_fd, i, nclients = 0;
    modbus_t *ctx = modbus_new_tcp("127.0.0.1", port);

    if (ctx == NULL) {
        fprintf(stderr, "modbus_new_tcp: %s\n", modbus_strerror(errno));
        return 1;
    }
    listen_fd = modbus_tcp_listen(ctx, MAX_CLIENTS);
    if (listen_fd == -1) {
        fprintf(stderr, "listen 127.0.0.1:%d: %s\n", port, modbus_strerror(errno));
        modbus_free(ctx);
        return 1;
    }
    printf("LISTENING tcp 127.0.0.1:%d\nREADY\n", port);
    fflush(stdout);

    while (!g_stop && now_s() < deadline) {
        fd_set rd;
        int maxfd = listen_fd;
        FD_ZERO(&rd);
        FD_SET(listen_fd, &rd);
        for (i = 0; i < nclients; i++) {
            FD_SET(clients[i], &rd);
            if (clients[i] > maxfd)
                maxfd = clients[i];
        }
        if (wait_readable(&rd, maxfd) <= 0)
            continue;
        if (FD_ISSET(listen_fd, &rd)) {
            int fd = accept(listen_fd, NULL, NULL);
            if (fd >= 0) {
                if (nclients < MAX_CLIENTS)
                    clients[nclients++] = fd;
                else
                    close(fd);
            }
        }
        for (i = 0; i < nclients; i++) {
            int rc;
            if (!FD_ISSET(clients[i], &rd))
                continue;
            modbus_set_socket(ctx, clients[i]);
            rc = modbus_receive(ctx, query);
            if (rc > 0) {
                modbus_reply(ctx, query, rc, mb);
            } else if (rc == -1) { /* closed by peer or broken frame: drop the client */
                close(clients[i]);
                clients[i] = clients[--nclients];
                i--;
            }
        }
    }
    for (i = 0; i < nclients; i++)
        close(clients[i]);
    close(listen_fd);
    modbus_set_socket(ctx, -1);
    modbus_free(ctx);
    return g_stop ? 0 : EXIT_WATCHDOG;
}

static int serve_rtu(const char *dev, int baud, int unit, double deadline, modbus_mapping_t *mb)
{
    uint8_t query[MODBUS_RTU_MAX_ADU_LENGTH];
    int fd;
    modbus_t *ctx = modbus_new_rtu(dev, baud, 'N', 8, 1);

    if (ctx == NULL) {
        fprintf(stderr, "modbus_new_rtu: %s\n", modbus_strerror(errno));
        return 1;
    }
    if (modbus_set_slave(ctx, unit) == -1 || modbus_connect(ctx) == -1) {
        fprintf(stderr, "open %s: %s\n", dev, modbus_strerror(errno));
        modbus_free(ctx);
        return 1;
    }
    fd = modbus_get_socket(ctx);
    printf("LISTENING rtu %s %d 8N1 unit %d\nREADY\n", dev, baud, unit);
    fflush(stdout);

    while (!g_stop && now_s() < deadline) {
        fd_set rd;
        int rc;
        FD_ZERO(&rd);
        FD_SET(fd, &rd);
        if (wait_readable(&rd, fd) <= 0)
            continue;
        rc = modbus_receive(ctx, query); /* 0 = frame for another unit, ignored */
        if (rc > 0)
            modbus_reply(ctx, query, rc, mb);
        else if (rc == -1)
            modbus_flush(ctx); /* CRC error / garbage: resync */
    }
    modbus_close(ctx);
    modbus_free(ctx);
    return g_stop ? 0 : EXIT_WATCHDOG;
}

int main(int argc, char **argv)
{
    double max_seconds = 600.0;
    struct sigaction sa;
    modbus_mapping_t *mb;
    int rc, nargs = argc;

    if (argc >= 3 && strcmp(argv[argc - 2], "--max-seconds") == 0) {
        char *end = NULL;
        max_seconds = strtod(argv[argc - 1], &end);
        if (end == argv[argc - 1] || *end != '\0' || max_seconds <= 0) {
            usage();
            return 1;
        }
        nargs -= 2;
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; /* no SA_RESTART: select() returns EINTR */
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    mb = make_mapping();
    if (mb == NULL) {
        fprintf(stderr, "modbus_mapping_new: %s\n", modbus_strerror(errno));
        return 1;
    }
    if (nargs == 3 && strcmp(argv[1], "tcp") == 0) {
        int port = atoi(argv[2]);
        if (port < 1 || port > 65535) {
            usage();
            rc = 1;
        } else {
            rc = serve_tcp(port, now_s() + max_seconds, mb);
        }
    } else if (nargs == 5 && strcmp(argv[1], "rtu") == 0) {
        int baud = atoi(argv[3]), unit = atoi(argv[4]);
        if (baud < 1200 || unit < 1 || unit > 247) {
            usage();
            rc = 1;
        } else {
            rc = serve_rtu(argv[2], baud, unit, now_s() + max_seconds, mb);
        }
    } else {
        usage();
        rc = 1;
    }
    if (rc == EXIT_WATCHDOG)
        fprintf(stderr, "libmodbus_bench_server: --max-seconds %.0f expired\n", max_seconds);
    modbus_mapping_free(mb);
    return rc;
}
