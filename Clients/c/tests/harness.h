/**
 * @file harness.h
 * @brief A tiny test harness shared by the test programs: EXPECT macros,
 *        RUN(test) printing "ok"/"FAIL" per test, and the pass/fail counts
 *        for the final "N passed, M failed" line. Include it once per program.
 */
#ifndef HACKCLIENT_TESTS_HARNESS_H
#define HACKCLIENT_TESTS_HARNESS_H

#include <stdio.h>

static int g_passed;
static int g_failed;
static int g_current_failed;

#define EXPECT(cond)                                                                 \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "    %s:%d: expected %s\n", __FILE__, __LINE__, #cond);  \
            g_current_failed = 1;                                                    \
        }                                                                            \
    } while (0)

/* EXPECT with a printf-style explanation on failure. */
#define EXPECTF(cond, ...)                                                           \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "    %s:%d: expected %s: ", __FILE__, __LINE__, #cond);  \
            fprintf(stderr, __VA_ARGS__);                                            \
            fputc('\n', stderr);                                                     \
            g_current_failed = 1;                                                    \
        }                                                                            \
    } while (0)

/* Fails the test when a call did not return OK, and shows the error. */
#define EXPECT_CALL_OK(rc, err) \
    EXPECTF((rc) == 0, "rc %d, %s: %s", (rc), hack_status_name((err).status), (err).message)

static void run_test(const char *name, void (*fn)(void))
{
    g_current_failed = 0;
    fn();
    if (g_current_failed) {
        g_failed++;
        printf("FAIL %s\n", name);
    } else {
        g_passed++;
        printf("ok   %s\n", name);
    }
    fflush(stdout);
}

#define RUN(fn) run_test(#fn, fn)

#endif /* HACKCLIENT_TESTS_HARNESS_H */
