/**
 * @file call.c
 * @brief Calls: unary and server-streaming, with deadlines and cancel.
 *
 * One loop reads the frames of a call: PINGs are answered, frames of other
 * (earlier, cancelled or timed-out) calls are skipped by id, MESSAGE items
 * go to the stream callback, and the RESPONSE ends the call.
 */
#include <stdlib.h>
#include <string.h>

#include "hack/v1/frames.pb-c.h"
#include "internal.h"

/** One call in progress. */
struct call {
    uint32_t id;
    const char *method;
    uint32_t timeout_ms;     /* sent in the REQUEST; 0: none */
    hack_deadline deadline;  /* timeout_ms + grace, or HACK_NO_DEADLINE */
    /* unary: the response's type and where it goes */
    const ProtobufCMessageDescriptor *response_type;
    ProtobufCMessage **response_out;
    /* stream: the items' type and who receives them (NULL for unary) */
    const ProtobufCMessageDescriptor *item_type;
    hack_stream_callback on_item;
    void *user_data;
};

static uint32_t take_call_id(hack_client *c)
{
    uint32_t id = c->next_call_id++;
    if (c->next_call_id == 0) {
        c->next_call_id = 1; /* 0 names the connection, never a call */
    }
    return id;
}

/* The deadline of the next wait: the call's, or sooner with a receive timeout. */
static hack_deadline wait_deadline(const hack_client *c, const struct call *call)
{
    if (c->receive_timeout_ms == 0) {
        return call->deadline;
    }
    hack_deadline idle = hack_deadline_in(c->receive_timeout_ms);
    return call->deadline == HACK_NO_DEADLINE || idle < call->deadline ? idle : call->deadline;
}

/* Packs the request and sends it as REQUEST { method, metadata, timeout_ms, payload }. */
static int send_request(hack_client *c, const struct call *call, const ProtobufCMessage *request, hack_error *err)
{
    Hack__V1__Request req = HACK__V1__REQUEST__INIT;
    req.method = (char *)call->method;
    req.timeout_ms = call->timeout_ms;
    Hack__V1__Request__MetadataEntry auth_entry = HACK__V1__REQUEST__METADATA_ENTRY__INIT;
    Hack__V1__Request__MetadataEntry *entries[1] = { &auth_entry };
    if (c->call_authorization != NULL) {
        auth_entry.key = (char *)HACK_AUTHORIZATION_KEY;
        auth_entry.value = c->call_authorization;
        req.n_metadata = 1;
        req.metadata = entries;
    }

    uint8_t *payload = NULL;
    if (request != NULL) {
        size_t len = protobuf_c_message_get_packed_size(request);
        if (len > c->max_frame_bytes) {
            return hack_set_error(err, HACK_ERR_ARG, "%s: request of %zu bytes exceeds the server's limit of %u bytes",
                                  call->method, len, (unsigned)c->max_frame_bytes);
        }
        payload = malloc(len > 0 ? len : 1);
        if (payload == NULL) {
            return hack_set_error(err, HACK_ERR_NOMEM, "out of memory for a request of %zu bytes", len);
        }
        req.payload.len = protobuf_c_message_pack(request, payload);
        req.payload.data = payload;
    }
    int rc = hack_send_frame(c, HACK_FRAME_REQUEST, call->id, &req.base, wait_deadline(c, call), err);
    free(payload);
    return rc;
}

/* Turns the RESPONSE of the call into its result (and, unary and OK, the response). */
static int finish_call(const struct call *call, const hack_frame *f, hack_error *err)
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
    } else if (call->response_type != NULL) {
        *call->response_out =
            protobuf_c_message_unpack(call->response_type, NULL, resp->payload.len, resp->payload.data);
        if (*call->response_out == NULL) {
            rc = hack_set_error(err, HACK_ERR_DECODE, "the response payload is not a valid %s",
                                call->response_type->name);
        }
    }
    hack__v1__response__free_unpacked(resp, NULL);
    return rc;
}

/*
 * Hands one MESSAGE item to the stream callback.
 * Returns 0 to go on, 1 when the callback stopped the stream, or an error.
 */
static int deliver_item(hack_client *c, const struct call *call, const hack_frame *f, hack_error *err)
{
    if (call->item_type == NULL) {
        hack_send_cancel(c, call->id);
        return hack_set_error(err, HACK_ERR_ARG, "%s streams its response; use hack_call_stream", call->method);
    }
    ProtobufCMessage *item = protobuf_c_message_unpack(call->item_type, NULL, f->body_len, f->body);
    if (item == NULL) {
        hack_send_cancel(c, call->id);
        return hack_set_error(err, HACK_ERR_DECODE, "%s: a stream item is not a valid %s", call->method,
                              call->item_type->name);
    }
    int stop = call->on_item(item, call->user_data);
    protobuf_c_message_free_unpacked(item, NULL);
    if (stop != 0) {
        hack_send_cancel(c, call->id);
        return 1;
    }
    return 0;
}

/* Reads frames until the call ends: its RESPONSE, a stop from the callback, a timeout or a failure. */
static int run_call(hack_client *c, const struct call *call, hack_error *err)
{
    for (;;) {
        hack_deadline deadline = wait_deadline(c, call);
        hack_frame f;
        int rc = hack_recv_frame(c, deadline, &f, err);
        if (rc == HACK_ERR_TIMEOUT) {
            hack_send_cancel(c, call->id);
            int overall = call->deadline != HACK_NO_DEADLINE && hack_now_ms() >= call->deadline;
            return overall ? hack_set_error(err, HACK_ERR_TIMEOUT, "%s: no answer within %u ms (+%u ms); cancelled",
                                            call->method, (unsigned)call->timeout_ms, HACK_CALL_TIMEOUT_GRACE_MS)
                           : hack_set_error(err, HACK_ERR_TIMEOUT, "%s: nothing received for %u ms; cancelled",
                                            call->method, (unsigned)c->receive_timeout_ms);
        }
        if (rc != 0) {
            return hack_break_connection(c, err);
        }

        switch (f.kind) {
        case HACK_FRAME_PING:
            if (hack_answer_ping(c, &f, deadline, err) != 0) {
                return hack_break_connection(c, err);
            }
            break;
        case HACK_FRAME_PONG:
            break; /* we never ping; ignore */
        case HACK_FRAME_GOAWAY:
            return hack_handle_goaway(c, &f, err);
        case HACK_FRAME_RESPONSE:
            if (f.call_id == call->id) {
                return finish_call(call, &f, err);
            }
            break; /* the late answer of an earlier, timed-out call */
        case HACK_FRAME_MESSAGE:
            if (f.call_id == call->id) {
                rc = deliver_item(c, call, &f, err);
                if (rc != 0) {
                    return rc > 0 ? 0 : rc;
                }
            }
            break; /* an item of a stream cancelled earlier */
        default:
            hack_set_error(err, HACK_ERR_PROTOCOL, "unexpected frame kind %u (call id %u) during %s",
                           (unsigned)f.kind, (unsigned)f.call_id, call->method);
            return hack_break_connection(c, err);
        }
    }
}

/* Checks the client, sends the REQUEST and runs the call to its end. */
static int perform(hack_client *c, struct call *call, const ProtobufCMessage *request, hack_error *err)
{
    if (c->broken) {
        return hack_set_error(err, HACK_ERR_CLOSED, "connection unusable: %s", c->broken_reason);
    }
    if (c->in_call) {
        return hack_set_error(err, HACK_ERR_ARG, "%s: a call is already running on this client "
                              "(a stream callback must use another client)", call->method);
    }
    call->deadline =
        call->timeout_ms > 0 ? hack_deadline_in(call->timeout_ms) + HACK_CALL_TIMEOUT_GRACE_MS : HACK_NO_DEADLINE;
    call->id = take_call_id(c);

    int rc = send_request(c, call, request, err);
    if (rc == HACK_ERR_ARG || rc == HACK_ERR_NOMEM) {
        return rc; /* nothing was sent */
    }
    if (rc != 0) {
        return hack_break_connection(c, err); /* a partial frame may be on the wire */
    }
    c->in_call = 1;
    rc = run_call(c, call, err);
    c->in_call = 0;
    return rc;
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
    struct call call = { .method = method, .timeout_ms = timeout_ms, .response_type = response_type,
                         .response_out = response_out };
    return perform(c, &call, request, err);
}

int hack_call_stream(hack_client *c, const char *method, const ProtobufCMessage *request,
                     const ProtobufCMessageDescriptor *item_type, uint32_t timeout_ms,
                     hack_stream_callback on_item, void *user_data, hack_error *err)
{
    hack_error scratch;
    if (err == NULL) {
        err = &scratch;
    }
    hack_clear_error(err);
    if (c == NULL || method == NULL || item_type == NULL || on_item == NULL) {
        return hack_set_error(err, HACK_ERR_ARG,
                              "hack_call_stream: client, method, item_type and on_item are required");
    }
    struct call call = { .method = method, .timeout_ms = timeout_ms, .item_type = item_type,
                         .on_item = on_item, .user_data = user_data };
    return perform(c, &call, request, err);
}
