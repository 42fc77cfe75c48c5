/**
 * @file live_hackd.c
 * @brief Starts and stops a real hackd for the live tests (test support).
 */
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "demo_tokens.h"
#include "live_hackd.h"

/* Formats the reason of a failure into why and returns -1. */
static int fail(char *why, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, cap, fmt, ap);
    va_end(ap);
    return -1;
}

static void *drain_stdout(void *arg)
{
    int fd = *(int *)arg;
    char sink[4096];
    while (read(fd, sink, sizeof sink) > 0 || errno == EINTR) {
    }
    return NULL;
}

/* Reads one line (without the newline) from fd within timeout_ms. */
static int read_line(int fd, char *line, size_t cap, int timeout_ms)
{
    size_t len = 0;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long elapsed = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
        if (elapsed >= timeout_ms) {
            return -1;
        }
        struct pollfd p = { .fd = fd, .events = POLLIN, .revents = 0 };
        int r = poll(&p, 1, (int)(timeout_ms - elapsed));
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            return -1;
        }
        char ch;
        ssize_t n = read(fd, &ch, 1); /* byte by byte: leave the rest for the drain thread */
        if (n <= 0) {
            return -1;
        }
        if (ch == '\n') {
            line[len] = '\0';
            return 0;
        }
        if (len + 1 < cap) {
            line[len++] = ch;
        }
    }
}

/* Removes the server's temp dir (a flat directory of database files). */
static void remove_tmpdir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d != NULL) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
                continue;
            }
            char path[512];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            if (unlink(path) != 0) {
                fprintf(stderr, "    cannot remove %s: %s\n", path, strerror(errno));
            }
        }
        closedir(d);
    }
    if (rmdir(dir) != 0) {
        fprintf(stderr, "    cannot remove %s: %s\n", dir, strerror(errno));
    }
}

int live_hackd_start(struct live_hackd *s, char *why, size_t cap)
{
    const char *hackd = getenv("HACKD");
    if (hackd == NULL || hackd[0] == '\0') {
        hackd = "../../.build/debug/hackd";
    }
    if (access(hackd, X_OK) != 0) {
        return fail(why, cap, "cannot execute %s (set HACKD): %s", hackd, strerror(errno));
    }

    snprintf(s->tmpdir, sizeof s->tmpdir, "/tmp/hackclient-test-XXXXXX");
    if (mkdtemp(s->tmpdir) == NULL) {
        int e = errno;
        s->tmpdir[0] = '\0';
        return fail(why, cap, "mkdtemp: %s", strerror(e));
    }
    char db[128];
    snprintf(db, sizeof db, "%s/t.db", s->tmpdir);
    snprintf(s->tokens_path, sizeof s->tokens_path, "%s/tokens.json", s->tmpdir);

    int pipefd[2];
    if (pipe(pipefd) != 0) {
        return fail(why, cap, "pipe: %s", strerror(errno));
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(pipefd[0]);
        close(pipefd[1]);
        return fail(why, cap, "fork: %s", strerror(e));
    }
    if (pid == 0) {
        dup2(pipefd[1], STDOUT_FILENO);
        close(pipefd[0]);
        close(pipefd[1]);
        execl(hackd, hackd, "--listen", "127.0.0.1:0", "--db", db, "--demo", "--demo-tokens", s->tokens_path,
              (char *)NULL);
        fprintf(stderr, "exec %s: %s\n", hackd, strerror(errno));
        _exit(127);
    }
    close(pipefd[1]);
    s->pid = pid;
    s->out_fd = pipefd[0];

    char line[256];
    if (read_line(s->out_fd, line, sizeof line, 60000) != 0) {
        return fail(why, cap, "hackd printed no first line within 60 s");
    }
    const char *prefix = "listening on ";
    char *colon = strrchr(line, ':');
    if (strncmp(line, prefix, strlen(prefix)) != 0 || colon == NULL) {
        return fail(why, cap, "first line \"%s\"", line);
    }
    *colon = '\0';
    snprintf(s->host, sizeof s->host, "%s", line + strlen(prefix));
    long port = strtol(colon + 1, NULL, 10);
    if (port <= 0 || port >= 65536) {
        return fail(why, cap, "port \"%s\"", colon + 1);
    }
    s->port = (uint16_t)port;

    if (pthread_create(&s->drain, NULL, drain_stdout, &s->out_fd) == 0) {
        s->drain_started = 1;
    }
    return 0;
}

int live_hackd_token(const struct live_hackd *s, const char *role, char *secret, size_t cap)
{
    /* hackd finished tokens.json before it printed the listening line. */
    return read_token_file(s->tokens_path, role, secret, cap);
}

int live_hackd_stop(struct live_hackd *s, char *why, size_t cap)
{
    int rc = 0;
    if (s->pid > 0) {
        kill(s->pid, SIGTERM);
        int status = 0;
        pid_t r = 0;
        for (int i = 0; i < 200 && r == 0; i++) { /* up to 10 s */
            r = waitpid(s->pid, &status, WNOHANG);
            if (r == 0) {
                nanosleep(&(struct timespec){ .tv_sec = 0, .tv_nsec = 50 * 1000000L }, NULL);
            }
        }
        if (r == 0) {
            kill(s->pid, SIGKILL);
            waitpid(s->pid, &status, 0);
            rc = fail(why, cap, "hackd did not stop within 10 s of SIGTERM");
        } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            rc = fail(why, cap, "hackd ended with wait status 0x%x", status);
        }
        s->pid = -1;
    }
    if (s->drain_started) {
        pthread_join(s->drain, NULL); /* ends at EOF, i.e. when hackd is gone */
        s->drain_started = 0;
    }
    if (s->out_fd >= 0) {
        close(s->out_fd);
        s->out_fd = -1;
    }
    if (s->tmpdir[0] != '\0') {
        remove_tmpdir(s->tmpdir);
        s->tmpdir[0] = '\0';
    }
    return rc;
}
