/**
 * @file live_hackd.h
 * @brief Starts and stops a real hackd for the live tests (test support).
 *
 * The server binary is $HACKD, default ../../.build/debug/hackd (relative to
 * Clients/c, where `make check` runs the tests). It is started as
 *   $HACKD --listen 127.0.0.1:0 --db <tmpdir>/t.db --demo --demo-tokens <tmpdir>/tokens.json
 * and must print "listening on HOST:PORT" as its first stdout line, with
 * tokens.json (a JSON array of {role, scope, name, secret}) complete by then.
 * Each start uses a fresh temp dir, so every server begins with the demo
 * event in draft.
 */
#ifndef HACKCLIENT_TESTS_LIVE_HACKD_H
#define HACKCLIENT_TESTS_LIVE_HACKD_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/** A running hackd. Zero-initialise with LIVE_HACKD_INIT. */
struct live_hackd {
    pid_t pid;
    int out_fd;            /**< read end of the server's stdout */
    pthread_t drain;       /**< keeps reading stdout so the server never blocks */
    int drain_started;
    char tmpdir[64];
    char tokens_path[128];
    char host[256];
    uint16_t port;
};

/** The value of a live_hackd that is not running. */
#define LIVE_HACKD_INIT { .pid = -1, .out_fd = -1 }

/**
 * Starts hackd and waits for its listening line (up to 60 s).
 * @return 0, or -1 with the reason in why[0, cap); call live_hackd_stop() either way
 */
int live_hackd_start(struct live_hackd *s, char *why, size_t cap);

/**
 * Copies the secret of the first demo token of @p role ("organiser", "team",
 * "observer", "admin", ...) into secret[0, cap).
 * @return a tokens_result value (demo_tokens.h)
 */
int live_hackd_token(const struct live_hackd *s, const char *role, char *secret, size_t cap);

/**
 * Stops hackd with SIGTERM (SIGKILL after 10 s) and removes its temp dir.
 * @return 0 when it exited with status 0 (or never ran), -1 with the reason in why
 */
int live_hackd_stop(struct live_hackd *s, char *why, size_t cap);

#endif /* HACKCLIENT_TESTS_LIVE_HACKD_H */
