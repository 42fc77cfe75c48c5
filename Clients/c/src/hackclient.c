/**
 * @file hackclient.c
 * @brief The connection: handshake, tokens, settings, close.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hack/v1/frames.pb-c.h"
#include "internal.h"

/** How long connect() and the HELLO/WELCOME exchange may each take. */
#define CONNECT_TIMEOUT_MS 10000u

/* ------------------------------------------------------------------------- */
/* Credentials                                                                */
/* ------------------------------------------------------------------------- */

/** Prefix of its value, followed by the token's secret. */
#define BEARER_PREFIX "Bearer "

/* Overwrites a secret before its memory is released (volatile: not optimised away). */
static void free_secret(char *s)
{
    if (s == NULL) {
        return;
    }
    for (volatile char *p = s; *p != '\0'; p++) {
        *p = '\0';
    }
    free(s);
}

/*
 * Builds the value "Bearer <token>" into *out (malloc'd; NULL when token is
 * NULL or empty).
 */
static int make_authorization(const char *token, char **out, hack_error *err)
{
    *out = NULL;
    if (token == NULL || token[0] == '\0') {
        return 0;
    }
    size_t len = strlen(token);
    if (len > HACK_DEFAULT_MAX_FRAME_BYTES) {
        return hack_set_error(err, HACK_ERR_ARG, "token of %zu bytes is too long", len);
    }
    char *value = malloc(sizeof BEARER_PREFIX + len); /* sizeof counts the NUL */
    if (value == NULL) {
        return hack_set_error(err, HACK_ERR_NOMEM, "out of memory");
    }
    memcpy(value, BEARER_PREFIX, sizeof BEARER_PREFIX - 1);
    memcpy(value + sizeof BEARER_PREFIX - 1, token, len + 1);
    *out = value;
    return 0;
}

/* ------------------------------------------------------------------------- */
/* Connection                                                                 */
/* ------------------------------------------------------------------------- */

/* Reads frames until WELCOME (success) or GOAWAY / anything unexpected. */
static int await_welcome(hack_client *c, hack_deadline deadline, hack_error *err)
{
    for (;;) {
        hack_frame f;
        int rc = hack_recv_frame(c, deadline, &f, err);
        if (rc != 0) {
            return rc;
        }
        switch (f.kind) {
        case HACK_FRAME_PING:
            rc = hack_answer_ping(c, &f, deadline, err);
            if (rc != 0) {
                return rc;
            }
            continue;
        case HACK_FRAME_GOAWAY:
            return hack_handle_goaway(c, &f, err);
        case HACK_FRAME_WELCOME:
            break;
        default:
            return hack_set_error(err, HACK_ERR_PROTOCOL, "expected WELCOME, the server sent frame kind %u",
                                  (unsigned)f.kind);
        }

        Hack__V1__Welcome *w = hack__v1__welcome__unpack(NULL, f.body_len, f.body);
        if (w == NULL) {
            return hack_set_error(err, HACK_ERR_DECODE, "the server sent a WELCOME that is not a valid Welcome");
        }
        rc = 0;
        if (w->protocol_version != HACK_PROTOCOL_VERSION) {
            rc = hack_set_error(err, HACK_ERR_PROTOCOL, "the server speaks protocol version %u, not %u",
                                (unsigned)w->protocol_version, HACK_PROTOCOL_VERSION);
        } else {
            if (w->limits != NULL && w->limits->max_frame_bytes >= HACK_FRAME_MIN_LENGTH) {
                c->max_frame_bytes = w->limits->max_frame_bytes;
            }
            c->server_name = strdup(w->server_name != NULL ? w->server_name : "");
            if (c->server_name == NULL) {
                rc = hack_set_error(err, HACK_ERR_NOMEM, "out of memory");
            }
        }
        hack__v1__welcome__free_unpacked(w, NULL);
        return rc;
    }
}

int hack_connect(const char *host, uint16_t port, const char *client_name, hack_client **out,
                 hack_error *err)
{
    return hack_connect_with_token(host, port, client_name, NULL, out, err);
}

int hack_connect_with_token(const char *host, uint16_t port, const char *client_name, const char *token,
                            hack_client **out, hack_error *err)
{
    hack_error scratch;
    if (err == NULL) {
        err = &scratch; /* internal code always has somewhere to write */
    }
    hack_clear_error(err);
    if (out == NULL) {
        return hack_set_error(err, HACK_ERR_ARG, "hack_connect: out must not be NULL");
    }
    *out = NULL;
    if (host == NULL || host[0] == '\0') {
        return hack_set_error(err, HACK_ERR_ARG, "hack_connect: host must not be empty");
    }

    char *authorization = NULL;
    if (make_authorization(token, &authorization, err) != 0) {
        return err->status;
    }

    hack_client *c = calloc(1, sizeof *c);
    if (c == NULL) {
        free_secret(authorization);
        return hack_set_error(err, HACK_ERR_NOMEM, "out of memory");
    }
    c->max_frame_bytes = HACK_DEFAULT_MAX_FRAME_BYTES;
    c->next_call_id = 1;
    c->call_timeout_ms = HACK_DEFAULT_CALL_TIMEOUT_MS;

    c->fd = hack_net_connect(host, port, hack_deadline_in(CONNECT_TIMEOUT_MS), err);
    if (c->fd < 0) {
        free_secret(authorization);
        free(c);
        return err->status;
    }

    hack_deadline deadline = hack_deadline_in(CONNECT_TIMEOUT_MS);
    Hack__V1__Hello hello = HACK__V1__HELLO__INIT;
    hello.protocol_version = HACK_PROTOCOL_VERSION;
    hello.client_name = (char *)(client_name != NULL ? client_name : "");
    Hack__V1__Hello__MetadataEntry auth_entry = HACK__V1__HELLO__METADATA_ENTRY__INIT;
    Hack__V1__Hello__MetadataEntry *entries[1] = { &auth_entry };
    if (authorization != NULL) {
        auth_entry.key = (char *)HACK_AUTHORIZATION_KEY;
        auth_entry.value = authorization;
        hello.n_metadata = 1;
        hello.metadata = entries;
    }

    int rc = hack_send_frame(c, HACK_FRAME_HELLO, 0, &hello.base, deadline, err);
    free_secret(authorization); /* the connection remembers it on the server side */
    if (rc == 0) {
        rc = await_welcome(c, deadline, err);
    }
    if (rc != 0) {
        hack_close(c);
        return rc;
    }
    *out = c;
    return 0;
}

const char *hack_client_server_name(const hack_client *c)
{
    return c != NULL && c->server_name != NULL ? c->server_name : "";
}

int hack_set_call_token(hack_client *c, const char *token)
{
    if (c == NULL) {
        return HACK_ERR_ARG;
    }
    char *authorization = NULL;
    int rc = make_authorization(token, &authorization, NULL);
    if (rc != 0) {
        return rc; /* the previous override stays */
    }
    free_secret(c->call_authorization);
    c->call_authorization = authorization;
    return 0;
}

void hack_set_call_timeout(hack_client *c, uint32_t timeout_ms)
{
    if (c != NULL) {
        c->call_timeout_ms = timeout_ms;
    }
}

void hack_set_stream_timeout(hack_client *c, uint32_t timeout_ms)
{
    if (c != NULL) {
        c->stream_timeout_ms = timeout_ms;
    }
}

void hack_set_receive_timeout(hack_client *c, uint32_t timeout_ms)
{
    if (c != NULL) {
        c->receive_timeout_ms = timeout_ms;
    }
}

uint32_t hack_client_call_timeout(const hack_client *c)
{
    return c != NULL ? c->call_timeout_ms : HACK_DEFAULT_CALL_TIMEOUT_MS;
}

uint32_t hack_client_stream_timeout(const hack_client *c)
{
    return c != NULL ? c->stream_timeout_ms : 0;
}

uint32_t hack_client_max_frame_bytes(const hack_client *c)
{
    return c != NULL ? c->max_frame_bytes : HACK_DEFAULT_MAX_FRAME_BYTES;
}

void hack_close(hack_client *c)
{
    if (c == NULL) {
        return;
    }
    if (c->fd >= 0) {
        close(c->fd);
    }
    free(c->server_name);
    free_secret(c->call_authorization);
    free(c->rbuf);
    free(c);
}

