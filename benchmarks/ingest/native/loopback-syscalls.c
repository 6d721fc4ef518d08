/*
 * What batching the gateway's UDP system calls could save on this machine: the cost per datagram of
 * sendto / recv against sendmmsg / recvmmsg (batches of 64) on loopback, beside a bare system call.
 * docs/benchmarks.md, "Ingest", batched system calls. Build and run (pinned, as the gateway is):
 *
 *   gcc -O2 -o /tmp/loopback-syscalls benchmarks/ingest/native/loopback-syscalls.c
 *   taskset -c 0 /tmp/loopback-syscalls
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { DATAGRAM = 120, BATCH = 64, ROUNDS = 5, PER_ROUND = 6400 };

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(void) {
    int calls = 200000;
    double start = now();
    for (int i = 0; i < calls; i++) {
        syscall(SYS_getppid);
    }
    printf("bare system call (getppid): %.2f us\n", (now() - start) / calls * 1e6);

    int receiver = socket(AF_INET, SOCK_DGRAM, 0), sender = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in to = {0};
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof to;
    if (bind(receiver, (struct sockaddr *) &to, sizeof to) != 0
            || getsockname(receiver, (struct sockaddr *) &to, &length) != 0) {
        perror("bind");
        return 1;
    }
    int buffer = 16 << 20; /* capped by net.core.rmem_max: each round sends no more than the socket holds */
    setsockopt(receiver, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);

    static char out[DATAGRAM], in[BATCH][2048];
    memset(out, 1, sizeof out);
    struct mmsghdr sends[BATCH], receives[BATCH];
    struct iovec sendVectors[BATCH], receiveVectors[BATCH];
    for (int k = 0; k < BATCH; k++) {
        sendVectors[k] = (struct iovec) {out, sizeof out};
        receiveVectors[k] = (struct iovec) {in[k], sizeof in[k]};
        memset(&sends[k], 0, sizeof sends[k]);
        memset(&receives[k], 0, sizeof receives[k]);
        sends[k].msg_hdr.msg_iov = &sendVectors[k];
        sends[k].msg_hdr.msg_iovlen = 1;
        sends[k].msg_hdr.msg_name = &to;
        sends[k].msg_hdr.msg_namelen = sizeof to;
        receives[k].msg_hdr.msg_iov = &receiveVectors[k];
        receives[k].msg_hdr.msg_iovlen = 1;
    }
    printf("per %d-byte datagram on loopback, rounds of %d (the first warms up):\n", DATAGRAM, PER_ROUND);
    for (int round = 0; round < ROUNDS; round++) {
        start = now();
        for (int i = 0; i < PER_ROUND; i++) {
            sendto(sender, out, sizeof out, 0, (struct sockaddr *) &to, sizeof to);
        }
        double sendto_us = (now() - start) / PER_ROUND * 1e6;
        int received = 0;
        start = now();
        while (recv(receiver, in[0], sizeof in[0], MSG_DONTWAIT) > 0) {
            received++;
        }
        double recv_us = (now() - start) / (received ? received : 1) * 1e6;

        start = now();
        for (int i = 0; i < PER_ROUND / BATCH; i++) {
            sendmmsg(sender, sends, BATCH, 0);
        }
        double sendmmsg_us = (now() - start) / PER_ROUND * 1e6;
        int batched = 0, got;
        start = now();
        while ((got = recvmmsg(receiver, receives, BATCH, MSG_DONTWAIT, NULL)) > 0) {
            batched += got;
        }
        double recvmmsg_us = (now() - start) / (batched ? batched : 1) * 1e6;
        printf("  sendto %.2f us, sendmmsg %.2f us; recv %.2f us (%d), recvmmsg %.2f us (%d)\n",
                sendto_us, sendmmsg_us, recv_us, received, recvmmsg_us, batched);
    }
    return 0;
}
