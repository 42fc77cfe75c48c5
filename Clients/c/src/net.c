/**
 * @file net.c
 * @brief Sockets with deadlines: connect, write everything, read what is there.
 *
 * Sockets are non-blocking; every wait goes through poll() with the time left
 * until the caller's deadline.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

#ifdef MSG_NOSIGNAL
#define SEND_FLAGS MSG_NOSIGNAL
#else
#define SEND_FLAGS 0 /* SO_NOSIGPIPE is set on the socket instead */
#endif

int64_t hack_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

hack_deadline hack_deadline_in(uint32_t ms)
{
    return hack_now_ms() + ms;
}

/*
 * Waits for @p events on @p fd until the deadline.
 * Returns 1 when ready, 0 on timeout, -1 on error (errno set).
 */
static int wait_fd(int fd, short events, hack_deadline deadline)
{
    for (;;) {
        int timeout = -1;
        if (deadline != HACK_NO_DEADLINE) {
            int64_t left = deadline - hack_now_ms();
            if (left <= 0) {
                return 0;
            }
            timeout = left > 0x7fffffff ? 0x7fffffff : (int)left;
        }
        struct pollfd p = { .fd = fd, .events = events, .revents = 0 };
        int r = poll(&p, 1, timeout);
        if (r > 0) {
            return 1; /* readable, writable, or an error the next syscall reports */
        }
        if (r == 0) {
            return 0;
        }
        if (errno != EINTR) {
            return -1;
        }
    }
}

static int set_socket_options(int fd)
{
    int flags = fcntl(fd, F_GETFL, 0);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
        return -1;
    }
    if (fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) {
        return -1;
    }
#ifdef SO_NOSIGPIPE
    int one_sp = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one_sp, sizeof one_sp) < 0) {
        return -1;
    }
#endif
    return 0;
}

/* Connects one resolved address. Returns the socket or -1 with errno set. */
static int connect_one(const struct addrinfo *ai, hack_deadline deadline)
{
    int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (fd < 0) {
        return -1;
    }
    if (set_socket_options(fd) < 0) {
        goto fail;
    }
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0) {
        if (errno != EINPROGRESS && errno != EINTR) {
            goto fail;
        }
        int r = wait_fd(fd, POLLOUT, deadline);
        if (r <= 0) {
            if (r == 0) {
                errno = ETIMEDOUT;
            }
            goto fail;
        }
        int so_error = 0;
        socklen_t so_len = sizeof so_error;
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &so_len) < 0) {
            goto fail;
        }
        if (so_error != 0) {
            errno = so_error;
            goto fail;
        }
    }
    /* TCP_NODELAY matters for latency only; a failure is not fatal. */
    int one = 1;
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;

fail:;
    int saved = errno;
    close(fd);
    errno = saved;
    return -1;
}

int hack_net_connect(const char *host, uint16_t port, hack_deadline deadline, hack_error *err)
{
    char service[8];
    snprintf(service, sizeof service, "%u", (unsigned)port);

    struct addrinfo hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;

    struct addrinfo *list = NULL;
    int gai = getaddrinfo(host, service, &hints, &list);
    if (gai != 0) {
        hack_set_error(err, HACK_ERR_RESOLVE, "cannot resolve %s: %s", host, gai_strerror(gai));
        return -1;
    }

    int fd = -1;
    int last_errno = 0;
    for (const struct addrinfo *ai = list; ai != NULL && fd < 0; ai = ai->ai_next) {
        fd = connect_one(ai, deadline);
        if (fd < 0) {
            last_errno = errno;
        }
    }
    freeaddrinfo(list);

    if (fd < 0) {
        int v6 = strchr(host, ':') != NULL;
        hack_set_error(err, HACK_ERR_IO, "cannot connect to %s%s%s:%u: %s", v6 ? "[" : "", host, v6 ? "]" : "",
                       (unsigned)port, strerror(last_errno));
    }
    return fd;
}

int hack_net_write_all(int fd, const uint8_t *buf, size_t len, hack_deadline deadline, hack_error *err)
{
    while (len > 0) {
        ssize_t n = send(fd, buf, len, SEND_FLAGS);
        if (n > 0) {
            buf += n;
            len -= (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            int r = wait_fd(fd, POLLOUT, deadline);
            if (r == 0) {
                return hack_set_error(err, HACK_ERR_TIMEOUT, "timed out sending to the server");
            }
            if (r < 0) {
                return hack_set_error(err, HACK_ERR_IO, "poll failed: %s", strerror(errno));
            }
            continue;
        }
        return hack_set_error(err, HACK_ERR_IO, "cannot send to the server: %s",
                              n < 0 ? strerror(errno) : "no progress");
    }
    return 0;
}

long hack_net_read_some(int fd, uint8_t *buf, size_t cap, hack_deadline deadline, hack_error *err)
{
    for (;;) {
        ssize_t n = recv(fd, buf, cap, 0);
        if (n > 0) {
            return (long)n;
        }
        if (n == 0) {
            return hack_set_error(err, HACK_ERR_IO, "the server closed the connection");
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
            return hack_set_error(err, HACK_ERR_IO, "cannot read from the server: %s", strerror(errno));
        }
        int r = wait_fd(fd, POLLIN, deadline);
        if (r == 0) {
            return hack_set_error(err, HACK_ERR_TIMEOUT, "timed out waiting for the server");
        }
        if (r < 0) {
            return hack_set_error(err, HACK_ERR_IO, "poll failed: %s", strerror(errno));
        }
    }
}
