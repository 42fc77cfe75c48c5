/**
 * @file wbuf.c
 * @brief See wbuf.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>

#include "wbuf.h"

void wbuf_init(wbuf *w, uv_stream_t *stream)
{
    memset(w, 0, sizeof *w);
    w->stream = stream;
    w->req.data = w;
}

void wbuf_free(wbuf *w)
{
    free(w->pending);
    free(w->flying);
    w->pending = w->flying = NULL;
    w->len = w->cap = w->flying_cap = 0;
}

uint8_t *wbuf_reserve(wbuf *w, size_t n)
{
    if (w->len + n > w->cap) {
        size_t cap = w->cap ? w->cap : 4096;
        while (cap < w->len + n) {
            cap *= 2;
        }
        uint8_t *p = realloc(w->pending, cap);
        if (p == NULL) {
            fprintf(stderr, "out of memory for an output buffer of %zu bytes\n", cap);
            abort();
        }
        w->pending = p;
        w->cap = cap;
    }
    return w->pending + w->len;
}

void wbuf_commit(wbuf *w, size_t n)
{
    w->len += n;
}

void wbuf_append(wbuf *w, const void *bytes, size_t n)
{
    memcpy(wbuf_reserve(w, n), bytes, n);
    wbuf_commit(w, n);
}

static void on_written(uv_write_t *req, int status)
{
    wbuf *w = req->data;
    w->writing = 0;
    if (status < 0) {
        w->failed = 1;
        return;
    }
    if (w->stream != NULL) {
        (void)wbuf_flush(w);
    }
}

int wbuf_flush(wbuf *w)
{
    if (w->failed) {
        return UV_EPIPE;
    }
    if (w->writing || w->len == 0) {
        return 0;
    }
    uv_buf_t buf = uv_buf_init((char *)w->pending, (unsigned)w->len);
    int n = uv_try_write(w->stream, &buf, 1);
    if (n == (int)w->len) {
        w->bytes_out += (uint64_t)n;
        w->len = 0;
        return 0;
    }
    if (n < 0 && n != UV_EAGAIN) {
        w->failed = 1;
        return n;
    }
    size_t done = n > 0 ? (size_t)n : 0;
    w->bytes_out += done;
    /* Swap: what is left flies with uv_write; appends go to the other buffer. */
    uint8_t *rest = w->pending + done;
    size_t rest_len = w->len - done;
    if (w->flying_cap < rest_len) {
        free(w->flying);
        w->flying = malloc(rest_len);
        if (w->flying == NULL) {
            abort();
        }
        w->flying_cap = rest_len;
    }
    memcpy(w->flying, rest, rest_len);
    w->len = 0;
    buf = uv_buf_init((char *)w->flying, (unsigned)rest_len);
    w->writing = 1;
    w->bytes_out += rest_len;
    int rc = uv_write(&w->req, w->stream, &buf, 1, on_written);
    if (rc < 0) {
        w->writing = 0;
        w->failed = 1;
    }
    return rc;
}

void wbuf_trim(wbuf *w)
{
    if (w->len == 0 && !w->writing) {
        wbuf_free(w);
    }
}

long raise_nofile(long want)
{
    struct rlimit lim;
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0) {
        return -1;
    }
    if ((long)lim.rlim_cur < want) {
        struct rlimit raised = lim;
        raised.rlim_cur = (rlim_t)want;
        if ((long)raised.rlim_max < want) {
            raised.rlim_max = (rlim_t)want; /* root only */
        }
        if (setrlimit(RLIMIT_NOFILE, &raised) != 0) {
            raised.rlim_max = lim.rlim_max;
            raised.rlim_cur = lim.rlim_max;
            (void)setrlimit(RLIMIT_NOFILE, &raised);
        }
        (void)getrlimit(RLIMIT_NOFILE, &lim);
    }
    return (long)lim.rlim_cur;
}

int split_hostport(const char *addr, char *host, size_t cap, int *port)
{
    const char *colon = strrchr(addr, ':');
    if (colon == NULL || colon == addr || (size_t)(colon - addr) >= cap) {
        return -1;
    }
    char *end;
    long p = strtol(colon + 1, &end, 10);
    if (*end != '\0' || colon[1] == '\0' || p < 0 || p > 65535) {
        return -1;
    }
    memcpy(host, addr, (size_t)(colon - addr));
    host[colon - addr] = '\0';
    *port = (int)p;
    return 0;
}

int serve_tcp(uv_loop_t *loop, uv_tcp_t *server, const char *listen_at, uv_connection_cb on_connection)
{
    char host[256];
    int port;
    if (split_hostport(listen_at, host, sizeof host, &port) != 0) {
        fprintf(stderr, "--listen must be HOST:PORT, got %s\n", listen_at);
        return 2;
    }
    raise_nofile(65536);
    signal(SIGPIPE, SIG_IGN);
    struct sockaddr_storage addr;
    if (uv_ip4_addr(host, port, (struct sockaddr_in *)&addr) != 0 &&
        uv_ip6_addr(host, port, (struct sockaddr_in6 *)&addr) != 0) {
        fprintf(stderr, "bad address %s\n", listen_at);
        return 2;
    }
    uv_tcp_init(loop, server);
    int rc = uv_tcp_bind(server, (const struct sockaddr *)&addr, 0);
    if (rc == 0) {
        rc = uv_listen((uv_stream_t *)server, 511, on_connection);
    }
    if (rc != 0) {
        fprintf(stderr, "listen on %s: %s\n", listen_at, uv_strerror(rc));
        return 1;
    }
    struct sockaddr_storage bound;
    int len = sizeof bound;
    uv_tcp_getsockname(server, (struct sockaddr *)&bound, &len);
    char name[64] = "";
    if (bound.ss_family == AF_INET6) {
        uv_ip6_name((struct sockaddr_in6 *)&bound, name, sizeof name);
        port = ntohs(((struct sockaddr_in6 *)&bound)->sin6_port);
    } else {
        uv_ip4_name((struct sockaddr_in *)&bound, name, sizeof name);
        port = ntohs(((struct sockaddr_in *)&bound)->sin_port);
    }
    printf("listening on %s:%d\n", name, port);
    fflush(stdout);
    return 0;
}
