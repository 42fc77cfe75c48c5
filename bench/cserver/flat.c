/**
 * @file flat.c
 * @brief A message of singular scalar fields (strings, bytes, ids) read by
 *        hand, as hackd reads the requests it gets most (CallRequest and
 *        FlatDecodable): fields found through the protobuf-c descriptor and
 *        written into the protobuf-c struct, strings checked as UTF-8 and
 *        copied (NUL-terminated) into the frame arena, bytes left in place
 *        in the frame. Anything else (a repeated or message field, a map, an
 *        unexpected wire type) goes to protobuf-c, as hackd's fall back to
 *        the generated decoder.
 */
#include <string.h>

#include "cserver.h"
#include "varint.h"

static const ProtobufCFieldDescriptor *field(const ProtobufCMessageDescriptor *d, uint64_t id)
{
    for (unsigned i = 0; i < d->n_fields; i++) {
        if (d->fields[i].id == id) {
            return &d->fields[i];
        }
    }
    return NULL;
}

/* 1: read into *m; 0: not a flat message, for protobuf-c; -1: malformed, or a string not UTF-8. */
static int flat_read(const ProtobufCMessageDescriptor *d, const uint8_t *p, size_t len, ProtobufCMessage *m)
{
    d->message_init(m);
    const uint8_t *end = p + len;
    while (p < end) {
        uint64_t tag, v = 0;
        if (read_varint(&p, end, &tag) != 0) {
            return -1;
        }
        unsigned wt = (unsigned)(tag & 7);
        const ProtobufCFieldDescriptor *f = field(d, tag >> 3);
        if (f != NULL && f->label != PROTOBUF_C_LABEL_NONE) {
            return 0;
        }
        if (wt == 0) {
            if (read_varint(&p, end, &v) != 0) {
                return -1;
            }
        } else if (wt == 2) {
            if (read_varint(&p, end, &v) != 0 || v > (uint64_t)(end - p)) {
                return -1;
            }
        } else if (wt == 1 || wt == 5) {
            v = wt == 1 ? 8 : 4;
            if (v > (uint64_t)(end - p) || f != NULL) {
                return f != NULL ? 0 : -1;
            }
        } else {
            return 0;
        }
        if (f == NULL) { /* an unknown field: skipped */
            p += wt == 0 ? 0 : v;
            continue;
        }
        char *member = (char *)m + f->offset;
        switch (f->type) {
        case PROTOBUF_C_TYPE_STRING: {
            if (wt != 2) {
                return 0;
            }
            if (!utf8_valid((const char *)p, v)) {
                return -1;
            }
            char *s = frame_arena.alloc(frame_arena.allocator_data, v + 1);
            memcpy(s, p, v);
            s[v] = '\0';
            *(char **)member = s;
            p += v;
            break;
        }
        case PROTOBUF_C_TYPE_BYTES:
            if (wt != 2) {
                return 0;
            }
            ((ProtobufCBinaryData *)member)->data = (uint8_t *)p;
            ((ProtobufCBinaryData *)member)->len = v;
            p += v;
            break;
        case PROTOBUF_C_TYPE_UINT64:
        case PROTOBUF_C_TYPE_INT64:
            if (wt != 0) {
                return 0;
            }
            *(uint64_t *)member = v;
            break;
        case PROTOBUF_C_TYPE_UINT32:
        case PROTOBUF_C_TYPE_INT32:
        case PROTOBUF_C_TYPE_ENUM:
            if (wt != 0) {
                return 0;
            }
            *(uint32_t *)member = (uint32_t)v;
            break;
        default:
            return 0;
        }
    }
    return 1;
}

ProtobufCMessage *request_read(const ProtobufCMessageDescriptor *d, const uint8_t *payload, size_t len,
                               ProtobufCMessage *flat)
{
    int r = flat_read(d, payload, len, flat);
    if (r > 0) {
        return flat;
    }
    if (r < 0) {
        return NULL;
    }
    ProtobufCMessage *m = protobuf_c_message_unpack(d, &frame_arena, len, payload);
    if (m != NULL && !message_utf8_valid(m)) {
        protobuf_c_message_free_unpacked(m, &frame_arena);
        return NULL;
    }
    return m;
}

void request_free(ProtobufCMessage *m, ProtobufCMessage *flat)
{
    if (m != NULL && m != flat) {
        protobuf_c_message_free_unpacked(m, &frame_arena);
    }
}
