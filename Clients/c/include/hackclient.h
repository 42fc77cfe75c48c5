/**
 * @file hackclient.h
 * @brief A small blocking C client for the hackd protocol, version 1.
 *
 * The wire format is specified in docs/PROTOCOL.md: every frame is a 9-byte
 * header (u32 big-endian length of what follows, u8 kind, u32 big-endian call
 * id) followed by a protobuf body. Messages are the protobuf-c types generated
 * from Proto/hack/v1 (see generated/hack/v1/ *.pb-c.h).
 *
 * Typical use:
 * @code
 *   hack_client *c;
 *   hack_error err;
 *   if (hack_connect("127.0.0.1", 7420, "mytool/0.1", &c, &err) != 0) {
 *       fprintf(stderr, "%s: %s\n", hack_status_name(err.status), err.message);
 *       return 1;
 *   }
 *   Hack__V1__ListEventsRequest req = HACK__V1__LIST_EVENTS_REQUEST__INIT;
 *   ProtobufCMessage *resp;
 *   if (hack_call_unary(c, "hack.v1.Events/List", &req.base,
 *                       &hack__v1__list_events_response__descriptor, 5000,
 *                       &resp, &err) == 0) {
 *       Hack__V1__ListEventsResponse *list = (Hack__V1__ListEventsResponse *)resp;
 *       ...
 *       protobuf_c_message_free_unpacked(resp, NULL);
 *   }
 *   hack_close(c);
 * @endcode
 *
 * Servers with authentication want a token on every call: connect with
 * hack_connect_with_token() (the token then covers every call of the
 * connection), and switch to another token for some calls with
 * hack_set_call_token().
 *
 * Every method also has a typed wrapper in hackclient_methods.h (generated
 * from the .proto files), e.g. hack_events_list(); server streams such as
 * Events/Watch deliver each item to a callback (hack_call_stream(),
 * hack_events_watch()).
 *
 * Deadlines: each call sends a `timeout_ms` that the server enforces
 * (HACK_STATUS_DEADLINE_EXCEEDED); the client gives up
 * HACK_CALL_TIMEOUT_GRACE_MS later, or when nothing arrives for the receive
 * timeout (hack_set_receive_timeout()), sends CANCEL and reports
 * HACK_ERR_TIMEOUT.
 *
 * A hack_client is not thread-safe: use one per thread, or serialise calls.
 * It runs one call at a time; a stream callback that needs to call the
 * server uses another client.
 */
#ifndef HACKCLIENT_H
#define HACKCLIENT_H

#include <stddef.h>
#include <stdint.h>

#include <protobuf-c/protobuf-c.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The protocol version this library speaks (sent in HELLO). */
#define HACK_PROTOCOL_VERSION 1u

/** Size of the fixed frame header: length (4) + kind (1) + call id (4). */
#define HACK_FRAME_HEADER_SIZE 9u

/** Smallest valid value of the length field: kind + call id, empty body. */
#define HACK_FRAME_MIN_LENGTH 5u

/** How much longer than a call's timeout_ms the client waits for its answer. */
#define HACK_CALL_TIMEOUT_GRACE_MS 2000u

/** Largest accepted value of the length field until WELCOME says otherwise (4 MiB). */
#define HACK_DEFAULT_MAX_FRAME_BYTES (4u * 1024u * 1024u)

/** The timeout the generated unary wrappers send until hack_set_call_timeout() (30 s). */
#define HACK_DEFAULT_CALL_TIMEOUT_MS 30000u

/** Frame kinds: the values of hack.v1.FrameKind. */
enum hack_frame_kind {
    HACK_FRAME_HELLO = 1,    /**< client → server, call id 0, body Hello */
    HACK_FRAME_WELCOME = 2,  /**< server → client, call id 0, body Welcome */
    HACK_FRAME_REQUEST = 3,  /**< client → server, opens a call, body Request */
    HACK_FRAME_RESPONSE = 4, /**< server → client, ends a call, body Response */
    HACK_FRAME_MESSAGE = 5,  /**< server → client, one item of a server stream */
    HACK_FRAME_CANCEL = 6,   /**< client → server, ends a call, empty body */
    HACK_FRAME_PING = 7,     /**< either way, call id 0, body Ping */
    HACK_FRAME_PONG = 8,     /**< answer to PING, call id 0, body Ping (same opaque) */
    HACK_FRAME_GOAWAY = 9    /**< server → client, call id 0, body GoAway; then close */
};

/**
 * Status values reported in hack_error::status and returned by the calls.
 *
 * Values 0..16 are gRPC status codes (hack.v1.StatusCode) as sent by the
 * server, in a RESPONSE or a GOAWAY. Negative values are local failures
 * detected by this library; the server never sends them.
 */
enum hack_status {
    HACK_STATUS_OK = 0,                   /**< success */
    HACK_STATUS_CANCELLED = 1,            /**< the server ended the call before completion */
    HACK_STATUS_UNKNOWN = 2,              /**< unknown error */
    HACK_STATUS_INVALID_ARGUMENT = 3,     /**< a request field breaks a rule; see the message */
    HACK_STATUS_DEADLINE_EXCEEDED = 4,    /**< the call's timeout ran out on the server */
    HACK_STATUS_NOT_FOUND = 5,            /**< the named resource does not exist */
    HACK_STATUS_ALREADY_EXISTS = 6,       /**< a unique slug or name is taken */
    HACK_STATUS_PERMISSION_DENIED = 7,    /**< not allowed */
    HACK_STATUS_RESOURCE_EXHAUSTED = 8,   /**< too many calls, or a frame over the limit */
    HACK_STATUS_FAILED_PRECONDITION = 9,  /**< valid request, wrong state */
    HACK_STATUS_ABORTED = 10,             /**< aborted */
    HACK_STATUS_OUT_OF_RANGE = 11,        /**< out of range */
    HACK_STATUS_UNIMPLEMENTED = 12,       /**< unknown method or protocol version */
    HACK_STATUS_INTERNAL = 13,            /**< the server failed; nothing was acknowledged */
    HACK_STATUS_UNAVAILABLE = 14,         /**< the server is shutting down */
    HACK_STATUS_DATA_LOSS = 15,           /**< data loss */
    HACK_STATUS_UNAUTHENTICATED = 16,     /**< missing or bad credentials */

    HACK_ERR_IO = -1,       /**< socket error, or the server closed the connection */
    HACK_ERR_PROTOCOL = -2, /**< the server broke the protocol (bad frame, oversize, unexpected kind) */
    HACK_ERR_DECODE = -3,   /**< a protobuf body could not be unpacked */
    HACK_ERR_NOMEM = -4,    /**< out of memory */
    HACK_ERR_TIMEOUT = -5,  /**< no answer in time (the call was cancelled) */
    HACK_ERR_ARG = -6,      /**< invalid argument from the caller (NULL, request too large, ...) */
    HACK_ERR_CLOSED = -7,   /**< the connection is unusable after an earlier failure or GOAWAY */
    HACK_ERR_RESOLVE = -8   /**< the host name could not be resolved */
};

/** Capacity of hack_error::message, including the terminating NUL. */
#define HACK_ERROR_MESSAGE_SIZE 256

/**
 * The outcome of a failed operation.
 *
 * Functions that take a `hack_error *` fill it on failure (and set status to
 * HACK_STATUS_OK with an empty message on success). The pointer may be NULL
 * when the caller only wants the return value.
 */
typedef struct hack_error {
    /** A gRPC status code (> 0) from the server, or a negative HACK_ERR_* value. */
    int status;
    /** Human-readable reason, NUL-terminated UTF-8 (truncated on a character boundary). */
    char message[HACK_ERROR_MESSAGE_SIZE];
} hack_error;

/**
 * Names a status value.
 *
 * @param status a gRPC code (0..16) or a HACK_ERR_* value
 * @return "OK", "INVALID_ARGUMENT", ... for gRPC codes; "IO_ERROR",
 *         "PROTOCOL_ERROR", ... for local errors; "UNRECOGNIZED_STATUS"
 *         otherwise. The string is static.
 */
const char *hack_status_name(int status);

/* ------------------------------------------------------------------------- */
/* Frames: pure functions, no I/O                                             */
/* ------------------------------------------------------------------------- */

/** Results of hack_frame_decode() and hack_frame_encode_header(). */
enum hack_frame_result {
    HACK_FRAME_OK = 0,         /**< a complete frame was decoded / the header was written */
    HACK_FRAME_NEED_MORE = 1,  /**< the buffer holds only part of a frame */
    HACK_FRAME_TOO_LARGE = -1, /**< the length field exceeds the maximum frame size */
    HACK_FRAME_TOO_SHORT = -2  /**< the length field is below HACK_FRAME_MIN_LENGTH */
};

/** One decoded frame. The body points into the caller's buffer. */
typedef struct hack_frame {
    uint8_t kind;          /**< a hack_frame_kind value (not validated) */
    uint32_t call_id;      /**< 0 for connection frames */
    const uint8_t *body;   /**< body_len bytes inside the decoded buffer */
    size_t body_len;       /**< length field minus HACK_FRAME_MIN_LENGTH */
} hack_frame;

/**
 * Writes a frame header.
 *
 * @param out      receives exactly HACK_FRAME_HEADER_SIZE bytes
 * @param kind     the frame kind
 * @param call_id  the call id (0 for connection frames)
 * @param body_len size of the body that will follow the header
 * @return HACK_FRAME_OK, or HACK_FRAME_TOO_LARGE when 5 + body_len does not
 *         fit in 32 bits (nothing is written then)
 */
int hack_frame_encode_header(uint8_t out[HACK_FRAME_HEADER_SIZE], uint8_t kind,
                             uint32_t call_id, size_t body_len);

/**
 * Decodes the frame at the start of a buffer, without copying or allocating.
 *
 * The length field is checked as soon as its 4 bytes are present, so an
 * oversize frame is rejected before its body arrives. The function never
 * reads beyond buf[len - 1].
 *
 * @param buf             bytes received so far (may be NULL when len is 0)
 * @param len             number of bytes in buf
 * @param max_frame_bytes largest accepted value of the length field
 * @param frame           on HACK_FRAME_OK, the decoded frame (body points into buf)
 * @param frame_size      on HACK_FRAME_OK, bytes the frame occupies in buf (consume
 *                        them before decoding the next one); on
 *                        HACK_FRAME_NEED_MORE, the total number of bytes needed
 *                        so far (the header size while the length is unknown,
 *                        then 4 + length); untouched on errors. May be NULL.
 * @return a hack_frame_result value
 */
int hack_frame_decode(const uint8_t *buf, size_t len, uint32_t max_frame_bytes,
                      hack_frame *frame, size_t *frame_size);

/* ------------------------------------------------------------------------- */
/* Client                                                                     */
/* ------------------------------------------------------------------------- */

/** A connection to a hackd server. Opaque; create with hack_connect() or hack_connect_with_token(). */
typedef struct hack_client hack_client;

/**
 * Opens a connection and performs the HELLO / WELCOME handshake.
 *
 * Resolves @p host with getaddrinfo (IPv4 or IPv6, name or literal), connects
 * with TCP_NODELAY, sends HELLO with protocol version 1 and waits for WELCOME.
 * Connecting and the handshake each give up after 10 seconds.
 *
 * Presents no token: the same as hack_connect_with_token() with a NULL token.
 *
 * @param host        host name or address, e.g. "127.0.0.1"
 * @param port        TCP port
 * @param client_name free text sent in HELLO, e.g. "mytool/0.1" (NULL: "")
 * @param out         receives the client on success, NULL on failure
 * @param err         filled on failure (may be NULL); a GOAWAY from the
 *                    server is reported with its status and message
 * @return 0 on success, otherwise the status stored in err
 */
int hack_connect(const char *host, uint16_t port, const char *client_name,
                 hack_client **out, hack_error *err);

/**
 * Opens a connection like hack_connect(), presenting a token for every call.
 *
 * The HELLO carries the metadata entry `authorization: Bearer <token>`; the
 * server applies it to every call of the connection, unless a call presents
 * its own token (hack_set_call_token()). A missing, unknown, revoked or
 * expired token is not detected here: each call then fails with
 * HACK_STATUS_UNAUTHENTICATED (16); a valid token without the needed
 * permission makes calls fail with HACK_STATUS_PERMISSION_DENIED (7).
 *
 * The library does not keep the token: it is copied into the HELLO, sent,
 * and the copy is wiped. It never appears in error messages.
 *
 * @param host        host name or address, e.g. "127.0.0.1"
 * @param port        TCP port
 * @param client_name free text sent in HELLO, e.g. "mytool/0.1" (NULL: "")
 * @param token       the token's secret, e.g. "hk_2_..." (without "Bearer ");
 *                    NULL or "" sends no metadata
 * @param out         receives the client on success, NULL on failure
 * @param err         filled on failure (may be NULL); a GOAWAY from the
 *                    server is reported with its status and message
 * @return 0 on success, otherwise the status stored in err
 */
int hack_connect_with_token(const char *host, uint16_t port, const char *client_name,
                            const char *token, hack_client **out, hack_error *err);

/**
 * Sets the token presented by the following calls, overriding the
 * connection's (HELLO) token.
 *
 * Every later hack_call_unary() on @p c sends the metadata entry
 * `authorization: Bearer <token>` in its REQUEST, until the next
 * hack_set_call_token(). With NULL (or "") the calls send no metadata again,
 * so the connection's token (if any) applies.
 *
 * The client keeps its own copy of @p token (wiped when replaced, cleared or
 * closed); the caller's string may be freed right after the call.
 *
 * @param c     the client
 * @param token the token's secret (without "Bearer "), or NULL / "" to clear
 * @return 0 on success; HACK_ERR_ARG if @p c is NULL or the token is absurdly
 *         long; HACK_ERR_NOMEM. On failure the previous setting is kept.
 */
int hack_set_call_token(hack_client *c, const char *token);

/**
 * Performs one unary call and waits for its RESPONSE.
 *
 * Sends REQUEST { method, timeout_ms, payload = packed @p request } under a
 * fresh call id, then reads frames until the RESPONSE of that call, answering
 * PINGs on the way. With status OK the payload is unpacked with
 * @p response_type.
 *
 * When @p timeout_ms > 0 the server enforces it (DEADLINE_EXCEEDED); the
 * client waits HACK_CALL_TIMEOUT_GRACE_MS longer, then sends CANCEL and fails
 * with HACK_ERR_TIMEOUT. With 0 it waits as long as the connection lives,
 * or up to the receive timeout (hack_set_receive_timeout()).
 *
 * After a GOAWAY, an I/O error or a protocol error the connection is
 * unusable: this and every later call fail (later ones with HACK_ERR_CLOSED).
 * A non-OK RESPONSE leaves the connection usable.
 *
 * @param c             the client
 * @param method        "hack.v1.<Service>/<Method>", e.g. "hack.v1.Events/List"
 * @param request       the request message (NULL sends an empty payload)
 * @param response_type descriptor of the response message, e.g.
 *                      &hack__v1__list_events_response__descriptor
 * @param timeout_ms    deadline for the call, 0 for none
 * @param response_out  on success, the unpacked response; free it with
 *                      protobuf_c_message_free_unpacked(msg, NULL). NULL on failure.
 * @param err           filled on failure (may be NULL)
 * @return 0 on success; the gRPC status (> 0) sent by the server; or a
 *         negative HACK_ERR_* value. The same value is stored in err->status.
 */
int hack_call_unary(hack_client *c, const char *method, const ProtobufCMessage *request,
                    const ProtobufCMessageDescriptor *response_type, uint32_t timeout_ms,
                    ProtobufCMessage **response_out, hack_error *err);

/**
 * Receives one item of a server stream.
 *
 * Called by hack_call_stream() for every MESSAGE of the call, in order. The
 * item is freed when the callback returns: copy what must outlive it. The
 * callback must not make calls on the same client (they fail with
 * HACK_ERR_ARG); it may use another client.
 *
 * @param item      the unpacked item, of the type given to hack_call_stream()
 * @param user_data the pointer given to hack_call_stream()
 * @return 0 to receive more; non-zero to stop: the client sends CANCEL and
 *         hack_call_stream() returns 0
 */
typedef int (*hack_stream_callback)(const ProtobufCMessage *item, void *user_data);

/**
 * Performs one server-streaming call (e.g. "hack.v1.Events/Watch").
 *
 * Sends REQUEST { method, timeout_ms, payload } and hands every MESSAGE of
 * the call to @p on_item until the server ends the stream with its RESPONSE,
 * the callback asks to stop (then CANCEL is sent), or a timeout.
 *
 * With @p timeout_ms > 0 the server ends the stream with
 * HACK_STATUS_DEADLINE_EXCEEDED when it runs out; 0 lets it run until
 * cancelled. A receive timeout (hack_set_receive_timeout()) also ends it
 * when no frame arrives in time (ask for ticks to keep a quiet stream alive).
 *
 * @param c         the client
 * @param method    "hack.v1.<Service>/<Method>"
 * @param request   the request message (NULL sends an empty payload)
 * @param item_type descriptor of the items, e.g. &hack__v1__event_update__descriptor
 * @param timeout_ms deadline for the whole stream, 0 for none
 * @param on_item   receives each item; returns non-zero to cancel
 * @param user_data passed to @p on_item
 * @param err       filled on failure (may be NULL)
 * @return 0 when the server ended the stream with OK or the callback stopped
 *         it; the gRPC status (> 0) that ended it; or a negative HACK_ERR_*
 *         value (HACK_ERR_TIMEOUT: the client gave up and sent CANCEL)
 */
int hack_call_stream(hack_client *c, const char *method, const ProtobufCMessage *request,
                     const ProtobufCMessageDescriptor *item_type, uint32_t timeout_ms,
                     hack_stream_callback on_item, void *user_data, hack_error *err);

/**
 * One method of the protocol, as listed in hack_methods[] (hackclient_methods.h).
 */
typedef struct hack_method {
    /** "hack.v1.<Service>/<Method>" */
    const char *name;
    /** descriptor of the request message */
    const ProtobufCMessageDescriptor *request_type;
    /** descriptor of the response message (of each item, for a stream) */
    const ProtobufCMessageDescriptor *response_type;
    /** 1 for a server stream (call it with hack_call_stream()), 0 for unary */
    int server_streaming;
} hack_method;

/**
 * Sets the timeout_ms that the generated unary wrappers (hack_events_get(),
 * ...) send; HACK_DEFAULT_CALL_TIMEOUT_MS until changed.
 *
 * @param c          the client (NULL: no-op)
 * @param timeout_ms the deadline of each call, 0 for none
 */
void hack_set_call_timeout(hack_client *c, uint32_t timeout_ms);

/**
 * Sets the timeout_ms that the generated stream wrappers (hack_events_watch())
 * send; 0 (none: the stream runs until cancelled) until changed.
 *
 * @param c          the client (NULL: no-op)
 * @param timeout_ms the deadline of each stream, 0 for none
 */
void hack_set_stream_timeout(hack_client *c, uint32_t timeout_ms);

/**
 * Sets the client-side receive timeout: while a call runs, the client gives
 * up when no frame arrives for this long, sends CANCEL and reports
 * HACK_ERR_TIMEOUT (the connection stays usable).
 *
 * @param c          the client (NULL: no-op)
 * @param timeout_ms the longest wait for one frame, 0 for none (the default)
 */
void hack_set_receive_timeout(hack_client *c, uint32_t timeout_ms);

/**
 * The timeout the generated unary wrappers send (hack_set_call_timeout()).
 *
 * @param c the client
 * @return milliseconds, 0 for none
 */
uint32_t hack_client_call_timeout(const hack_client *c);

/**
 * The timeout the generated stream wrappers send (hack_set_stream_timeout()).
 *
 * @param c the client
 * @return milliseconds, 0 for none
 */
uint32_t hack_client_stream_timeout(const hack_client *c);

/**
 * The server name announced in WELCOME.
 *
 * @param c the client
 * @return a string owned by the client, valid until hack_close(); "" if none
 */
const char *hack_client_server_name(const hack_client *c);

/**
 * The largest frame length this connection accepts and sends: the server's
 * Limits.max_frame_bytes, or HACK_DEFAULT_MAX_FRAME_BYTES when it sent none.
 *
 * @param c the client
 * @return the limit in bytes (value of the length field)
 */
uint32_t hack_client_max_frame_bytes(const hack_client *c);

/**
 * Splits an address "HOST:PORT" (IPv6 in brackets: "[::1]:7420"), as given
 * to hackctl, into a host for hack_connect() and a port.
 *
 * @param addr the address
 * @param host receives the host, NUL-terminated
 * @param cap  capacity of @p host
 * @param port receives the port (1 to 65535)
 * @return 0, or HACK_ERR_ARG when the address is malformed or the host does
 *         not fit (then @p host and @p port are untouched)
 */
int hack_parse_address(const char *addr, char *host, size_t cap, uint16_t *port);

/**
 * Closes the connection and frees the client.
 *
 * @param c the client; NULL is a no-op
 */
void hack_close(hack_client *c);

#ifdef __cplusplus
}
#endif

#endif /* HACKCLIENT_H */
