/**
 * @file hackclient.c
 * @brief The connection: handshake, unary calls, PING answers, GOAWAY.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hack/v1/frames.pb-c.h"
#include "internal.h"

/** How long connect() and the HELLO/WELCOME exchange may each take. */
#define CONNECT_TIMEOUT_MS 10000u
/** Extra time the client waits after a call's own timeout before giving up. */
#define CALL_TIMEOUT_GRACE_MS 2000u
/** First size of the receive buffer; it grows up to one maximal frame. */
#define INITIAL_RECV_CAPACITY 16384u

struct hack_client {
    int fd;
    uint32_t max_frame_bytes; /* limit on the length field, both directions */
    uint32_t next_call_id;
    char *server_name;

    /* "Bearer <secret>" sent in every REQUEST's metadata (hack_set_call_token),
     * overriding the HELLO's; NULL: none. Owned, wiped before it is freed. */
    char *call_authorization;

    /* Receive buffer: rbuf[0, rlen) holds bytes read; the first rconsumed of
     * them belong to the frame last returned by recv_frame(). */
    uint8_t *rbuf;
    size_t rlen;
    size_t rcap;
    size_t rconsumed;

    /* Set once the connection is unusable; later calls report why. */
    int broken;
    char broken_reason[HACK_ERROR_MESSAGE_SIZE];
};

/* ------------------------------------------------------------------------- */
/* Failure bookkeeping                                                        */
/* ------------------------------------------------------------------------- */

/* Marks the connection unusable after err was filled with a fatal error. */
static int break_connection(hack_client *c, const hack_error *err)
{
    if (!c->broken) {
        c->broken = 1;
        memcpy(c->broken_reason, err->message, sizeof c->broken_reason);
    }
    return err->status;
}

/* ------------------------------------------------------------------------- */
/* Credentials                                                                */
/* ------------------------------------------------------------------------- */

/** The metadata key that carries credentials, in HELLO and in REQUEST. */
#define AUTHORIZATION_KEY "authorization"
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
/* Sending                                                                    */
/* ------------------------------------------------------------------------- */

/* Packs msg (NULL: empty body) into a frame and sends it. */
static int send_frame(hack_client *c, uint8_t kind, uint32_t call_id, const ProtobufCMessage *msg,
                      hack_deadline deadline, hack_error *err)
{
    size_t body_len = msg != NULL ? protobuf_c_message_get_packed_size(msg) : 0;
    if (body_len > (size_t)c->max_frame_bytes - HACK_FRAME_MIN_LENGTH) {
        return hack_set_error(err, HACK_ERR_ARG,
                              "frame of %zu bytes exceeds the server's limit of %u bytes",
                              body_len + HACK_FRAME_MIN_LENGTH, (unsigned)c->max_frame_bytes);
    }
    uint8_t *buf = malloc(HACK_FRAME_HEADER_SIZE + body_len);
    if (buf == NULL) {
        return hack_set_error(err, HACK_ERR_NOMEM, "out of memory for a frame of %zu bytes", body_len);
    }
    (void)hack_frame_encode_header(buf, kind, call_id, body_len); /* length checked above */
    if (msg != NULL) {
        (void)protobuf_c_message_pack(msg, buf + HACK_FRAME_HEADER_SIZE);
    }
    int rc = hack_net_write_all(c->fd, buf, HACK_FRAME_HEADER_SIZE + body_len, deadline, err);
    free(buf);
    return rc;
}

/* Answers a PING with a PONG carrying the same opaque. */
static int answer_ping(hack_client *c, const hack_frame *f, hack_deadline deadline, hack_error *err)
{
    Hack__V1__Ping *ping = hack__v1__ping__unpack(NULL, f->body_len, f->body);
    if (ping == NULL) {
        return hack_set_error(err, HACK_ERR_DECODE, "the server sent a PING that is not a valid Ping");
    }
    Hack__V1__Ping pong = HACK__V1__PING__INIT;
    pong.opaque = ping->opaque;
    hack__v1__ping__free_unpacked(ping, NULL);
    return send_frame(c, HACK_FRAME_PONG, 0, &pong.base, deadline, err);
}

/* ------------------------------------------------------------------------- */
/* Receiving                                                                  */
/* ------------------------------------------------------------------------- */

/* Makes room for at least `need` bytes in the receive buffer. */
static int reserve(hack_client *c, size_t need, hack_error *err)
{
    if (need <= c->rcap) {
        return 0;
    }
    size_t cap = c->rcap > 0 ? c->rcap : INITIAL_RECV_CAPACITY;
    while (cap < need) {
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    }
    uint8_t *p = realloc(c->rbuf, cap);
    if (p == NULL) {
        return hack_set_error(err, HACK_ERR_NOMEM, "out of memory for a frame of %zu bytes", need);
    }
    c->rbuf = p;
    c->rcap = cap;
    return 0;
}

/*
 * Returns the next frame. Its body points into the receive buffer and stays
 * valid until the next call of recv_frame().
 */
static int recv_frame(hack_client *c, hack_deadline deadline, hack_frame *f, hack_error *err)
{
    if (c->rconsumed > 0) {
        memmove(c->rbuf, c->rbuf + c->rconsumed, c->rlen - c->rconsumed);
        c->rlen -= c->rconsumed;
        c->rconsumed = 0;
    }
    for (;;) {
        size_t size = 0;
        int r = hack_frame_decode(c->rbuf, c->rlen, c->max_frame_bytes, f, &size);
        switch (r) {
        case HACK_FRAME_OK:
            c->rconsumed = size;
            return 0;
        case HACK_FRAME_TOO_LARGE:
            return hack_set_error(err, HACK_ERR_PROTOCOL,
                                  "the server sent a frame of length %u, over the limit of %u",
                                  (unsigned)hack_get_be32(c->rbuf), (unsigned)c->max_frame_bytes);
        case HACK_FRAME_TOO_SHORT:
            return hack_set_error(err, HACK_ERR_PROTOCOL,
                                  "the server sent a frame of length %u (the minimum is %u)",
                                  (unsigned)hack_get_be32(c->rbuf), HACK_FRAME_MIN_LENGTH);
        default: /* HACK_FRAME_NEED_MORE: size is bounded by the checked length */
            break;
        }
        if (reserve(c, size, err) != 0) {
            return HACK_ERR_NOMEM;
        }
        long n = hack_net_read_some(c->fd, c->rbuf + c->rlen, c->rcap - c->rlen, deadline, err);
        if (n < 0) {
            return (int)n;
        }
        c->rlen += (size_t)n;
    }
}

/* Reports a GOAWAY frame as an error and marks the connection unusable. */
static int handle_goaway(hack_client *c, const hack_frame *f, hack_error *err)
{
    Hack__V1__GoAway *ga = hack__v1__go_away__unpack(NULL, f->body_len, f->body);
    if (ga == NULL) {
        hack_set_error(err, HACK_ERR_DECODE, "the server sent a GOAWAY that is not a valid GoAway");
    } else {
        int status = (int)ga->status > 0 ? (int)ga->status : HACK_ERR_CLOSED;
        const char *why = ga->message != NULL && ga->message[0] != '\0' ? ga->message
                                                                        : "the server is closing the connection";
        hack_set_error(err, status, "%s", why);
        hack__v1__go_away__free_unpacked(ga, NULL);
    }
    return break_connection(c, err);
}

/* ------------------------------------------------------------------------- */
/* Connection                                                                 */
/* ------------------------------------------------------------------------- */

/* Reads frames until WELCOME (success) or GOAWAY / anything unexpected. */
static int await_welcome(hack_client *c, hack_deadline deadline, hack_error *err)
{
    for (;;) {
        hack_frame f;
        int rc = recv_frame(c, deadline, &f, err);
        if (rc != 0) {
            return rc;
        }
        switch (f.kind) {
        case HACK_FRAME_PING:
            rc = answer_ping(c, &f, deadline, err);
            if (rc != 0) {
                return rc;
            }
            continue;
        case HACK_FRAME_GOAWAY:
            return handle_goaway(c, &f, err);
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
        auth_entry.key = (char *)AUTHORIZATION_KEY;
        auth_entry.value = authorization;
        hello.n_metadata = 1;
        hello.metadata = entries;
    }

    int rc = send_frame(c, HACK_FRAME_HELLO, 0, &hello.base, deadline, err);
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

/* ------------------------------------------------------------------------- */
/* Unary calls                                                                */
/* ------------------------------------------------------------------------- */

static uint32_t take_call_id(hack_client *c)
{
    uint32_t id = c->next_call_id++;
    if (c->next_call_id == 0) {
        c->next_call_id = 1; /* 0 names the connection, never a call */
    }
    return id;
}

/* Packs the request and sends it as REQUEST { method, timeout_ms, payload }. */
static int send_request(hack_client *c, uint32_t call_id, const char *method, const ProtobufCMessage *request,
                        uint32_t timeout_ms, hack_deadline deadline, hack_error *err)
{
    Hack__V1__Request req = HACK__V1__REQUEST__INIT;
    req.method = (char *)method;
    req.timeout_ms = timeout_ms;
    Hack__V1__Request__MetadataEntry auth_entry = HACK__V1__REQUEST__METADATA_ENTRY__INIT;
    Hack__V1__Request__MetadataEntry *entries[1] = { &auth_entry };
    if (c->call_authorization != NULL) {
        auth_entry.key = (char *)AUTHORIZATION_KEY;
        auth_entry.value = c->call_authorization;
        req.n_metadata = 1;
        req.metadata = entries;
    }

    uint8_t *payload = NULL;
    if (request != NULL) {
        size_t len = protobuf_c_message_get_packed_size(request);
        if (len > c->max_frame_bytes) {
            return hack_set_error(err, HACK_ERR_ARG, "request of %zu bytes exceeds the server's limit of %u bytes",
                                  len, (unsigned)c->max_frame_bytes);
        }
        payload = malloc(len > 0 ? len : 1);
        if (payload == NULL) {
            return hack_set_error(err, HACK_ERR_NOMEM, "out of memory for a request of %zu bytes", len);
        }
        req.payload.len = protobuf_c_message_pack(request, payload);
        req.payload.data = payload;
    }
    int rc = send_frame(c, HACK_FRAME_REQUEST, call_id, &req.base, deadline, err);
    free(payload);
    return rc;
}

/* Turns the RESPONSE of our call into the result of hack_call_unary(). */
static int finish_call(const hack_frame *f, const ProtobufCMessageDescriptor *response_type,
                       ProtobufCMessage **response_out, hack_error *err)
{
    Hack__V1__Response *resp = hack__v1__response__unpack(NULL, f->body_len, f->body);
    if (resp == NULL) {
        return hack_set_error(err, HACK_ERR_DECODE, "the server sent a RESPONSE that is not a valid Response");
    }
    int rc = 0;
    if (resp->status != HACK__V1__STATUS_CODE__STATUS_CODE_OK) {
        /* Negative codes would collide with local errors; they are not gRPC codes anyway. */
        int status = (int)resp->status > 0 ? (int)resp->status : HACK_STATUS_UNKNOWN;
        rc = hack_set_error(err, status, "%s", resp->message != NULL ? resp->message : "");
    } else {
        *response_out = protobuf_c_message_unpack(response_type, NULL, resp->payload.len, resp->payload.data);
        if (*response_out == NULL) {
            rc = hack_set_error(err, HACK_ERR_DECODE, "the response payload is not a valid %s",
                                response_type->name);
        }
    }
    hack__v1__response__free_unpacked(resp, NULL);
    return rc;
}

/* Waits for the RESPONSE of call_id, answering PINGs and skipping stale frames. */
static int await_response(hack_client *c, uint32_t call_id, const char *method,
                          const ProtobufCMessageDescriptor *response_type, hack_deadline deadline,
                          ProtobufCMessage **response_out, hack_error *err)
{
    for (;;) {
        hack_frame f;
        int rc = recv_frame(c, deadline, &f, err);
        if (rc == HACK_ERR_TIMEOUT) {
            /* Best effort: the server drops the call; a late RESPONSE is skipped by id. */
            (void)send_frame(c, HACK_FRAME_CANCEL, call_id, NULL, hack_deadline_in(100), NULL);
            return hack_set_error(err, HACK_ERR_TIMEOUT, "%s: no response in time", method);
        }
        if (rc != 0) {
            return break_connection(c, err);
        }

        switch (f.kind) {
        case HACK_FRAME_PING:
            rc = answer_ping(c, &f, deadline, err);
            if (rc != 0) {
                return break_connection(c, err);
            }
            break;
        case HACK_FRAME_PONG:
            break; /* we never ping; ignore */
        case HACK_FRAME_GOAWAY:
            return handle_goaway(c, &f, err);
        case HACK_FRAME_RESPONSE:
            if (f.call_id == call_id) {
                return finish_call(&f, response_type, response_out, err);
            }
            break; /* the late answer of an earlier, timed-out call */
        case HACK_FRAME_MESSAGE:
            if (f.call_id == call_id) {
                (void)send_frame(c, HACK_FRAME_CANCEL, call_id, NULL, hack_deadline_in(100), NULL);
                return hack_set_error(err, HACK_ERR_ARG,
                                      "%s streams its response; hack_call_unary cannot read it", method);
            }
            break;
        default:
            hack_set_error(err, HACK_ERR_PROTOCOL, "unexpected frame kind %u (call id %u) during %s",
                           (unsigned)f.kind, (unsigned)f.call_id, method);
            return break_connection(c, err);
        }
    }
}

int hack_call_unary(hack_client *c, const char *method, const ProtobufCMessage *request,
                    const ProtobufCMessageDescriptor *response_type, uint32_t timeout_ms,
                    ProtobufCMessage **response_out, hack_error *err)
{
    hack_error scratch;
    if (err == NULL) {
        err = &scratch; /* internal code always has somewhere to write */
    }
    hack_clear_error(err);
    if (response_out != NULL) {
        *response_out = NULL;
    }
    if (c == NULL || method == NULL || response_type == NULL || response_out == NULL) {
        return hack_set_error(err, HACK_ERR_ARG,
                              "hack_call_unary: client, method, response_type and response_out are required");
    }
    if (c->broken) {
        return hack_set_error(err, HACK_ERR_CLOSED, "connection unusable: %s", c->broken_reason);
    }

    hack_deadline deadline =
        timeout_ms > 0 ? hack_deadline_in(timeout_ms) + CALL_TIMEOUT_GRACE_MS : HACK_NO_DEADLINE;
    uint32_t call_id = take_call_id(c);

    int rc = send_request(c, call_id, method, request, timeout_ms, deadline, err);
    if (rc == HACK_ERR_ARG || rc == HACK_ERR_NOMEM) {
        return rc; /* nothing was sent */
    }
    if (rc != 0) {
        return break_connection(c, err); /* a partial frame may be on the wire */
    }
    return await_response(c, call_id, method, response_type, deadline, response_out, err);
}
