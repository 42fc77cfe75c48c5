/**
 * @file message_lines.c
 * @brief See message_lines.h: a decoded message as "path = value" lines.
 */
#include "message_lines.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hack/v1/frames.pb-c.h"
#include "hackclient.h"
#include "hackclient_methods.h"

const ProtobufCMessageDescriptor *message_lines_descriptor(const char *name)
{
    static const ProtobufCMessageDescriptor *const frame_bodies[] = {
        &hack__v1__hello__descriptor, &hack__v1__welcome__descriptor, &hack__v1__request__descriptor,
        &hack__v1__response__descriptor, &hack__v1__ping__descriptor, &hack__v1__go_away__descriptor,
    };
    for (size_t i = 0; i < sizeof frame_bodies / sizeof frame_bodies[0]; i++) {
        if (strcmp(frame_bodies[i]->name, name) == 0) {
            return frame_bodies[i];
        }
    }
    for (size_t i = 0; i < hack_methods_count; i++) {
        if (strcmp(hack_methods[i].request_type->name, name) == 0) {
            return hack_methods[i].request_type;
        }
        if (strcmp(hack_methods[i].response_type->name, name) == 0) {
            return hack_methods[i].response_type;
        }
    }
    return NULL;
}

/* snprintf into an array that refuses to truncate: the table's lines are short. */
#define FORMAT(array, ...)                                                         \
    do {                                                                           \
        if (snprintf((array), sizeof(array), __VA_ARGS__) >= (int)sizeof(array)) { \
            too_long(array);                                                       \
        }                                                                          \
    } while (0)

static void too_long(const char *what)
{
    fprintf(stderr, "message_lines: too long or too many lines at %s\n", what);
    exit(2);
}

/* What the walk needs besides the message. */
typedef struct walk {
    message_lines_bytes_type bytes_type;
    const void *context;
    message_lines *out;
} walk;

static void add_line(message_lines *out, const char *fmt, const char *path, const char *value)
{
    if (out->count == MESSAGE_LINES_MAX) {
        too_long(path);
    }
    FORMAT(out->items[out->count++], fmt, path, value);
}

static void dump_message(const ProtobufCMessage *m, const char *prefix, const walk *w);

/* One value of field @p f at @p member, written at @p path; defaults are
 * skipped unless @p always (elements of repeated fields). */
static void dump_value(const ProtobufCFieldDescriptor *f, const void *member, const char *path, int always,
                       const walk *w)
{
    message_lines *out = w->out;
    char value[64];
    switch (f->type) {
    case PROTOBUF_C_TYPE_INT32:
    case PROTOBUF_C_TYPE_SINT32:
    case PROTOBUF_C_TYPE_SFIXED32:
        if (!always && *(const int32_t *)member == 0) return;
        snprintf(value, sizeof value, "%" PRId32, *(const int32_t *)member);
        break;
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_SFIXED64:
        if (!always && *(const int64_t *)member == 0) return;
        snprintf(value, sizeof value, "%" PRId64, *(const int64_t *)member);
        break;
    case PROTOBUF_C_TYPE_UINT32:
    case PROTOBUF_C_TYPE_FIXED32:
        if (!always && *(const uint32_t *)member == 0) return;
        snprintf(value, sizeof value, "%" PRIu32, *(const uint32_t *)member);
        break;
    case PROTOBUF_C_TYPE_UINT64:
    case PROTOBUF_C_TYPE_FIXED64:
        if (!always && *(const uint64_t *)member == 0) return;
        snprintf(value, sizeof value, "%" PRIu64, *(const uint64_t *)member);
        break;
    case PROTOBUF_C_TYPE_BOOL:
        if (!always && !*(const protobuf_c_boolean *)member) return;
        snprintf(value, sizeof value, "%s", *(const protobuf_c_boolean *)member ? "true" : "false");
        break;
    case PROTOBUF_C_TYPE_ENUM: {
        int number = *(const int *)member;
        if (!always && number == 0) return;
        const ProtobufCEnumValue *named = protobuf_c_enum_descriptor_get_value(f->descriptor, number);
        if (named != NULL) {
            snprintf(value, sizeof value, "%s", named->name);
        } else {
            snprintf(value, sizeof value, "%d", number);
        }
        break;
    }
    case PROTOBUF_C_TYPE_STRING: {
        const char *s = *(char *const *)member;
        if (!always && (s == NULL || s[0] == '\0')) return;
        add_line(out, "%s = %s", path, s != NULL ? s : "");
        return;
    }
    case PROTOBUF_C_TYPE_BYTES: {
        const ProtobufCBinaryData *b = member;
        if (!always && b->len == 0) return;
        const char *type = w->bytes_type != NULL ? w->bytes_type(path, w->context) : NULL;
        const ProtobufCMessageDescriptor *d = type != NULL ? message_lines_descriptor(type) : NULL;
        if (d == NULL) {
            snprintf(value, sizeof value, "<%zu untyped bytes>", b->len);
            break;
        }
        add_line(out, "%s : %s", path, type);
        ProtobufCMessage *inner = protobuf_c_message_unpack(d, NULL, b->len, b->data);
        if (inner == NULL) {
            add_line(out, "%s = %s", path, "<not a valid message>");
            return;
        }
        dump_message(inner, path, w);
        /* The inner message encodes back to the same bytes too. */
        uint8_t *packed = malloc(b->len > 0 ? b->len : 1);
        if (packed == NULL || protobuf_c_message_get_packed_size(inner) != b->len ||
            protobuf_c_message_pack(inner, packed) != b->len || memcmp(packed, b->data, b->len) != 0) {
            add_line(out, "%s = %s", path, "<does not encode back to its bytes>");
        }
        free(packed);
        protobuf_c_message_free_unpacked(inner, NULL);
        return;
    }
    case PROTOBUF_C_TYPE_MESSAGE: {
        const ProtobufCMessage *sub = *(ProtobufCMessage *const *)member;
        if (sub != NULL) {
            dump_message(sub, path, w);
        }
        return;
    }
    default:
        snprintf(value, sizeof value, "<field type %d not in the format>", (int)f->type);
    }
    add_line(out, "%s = %s", path, value);
}

/* Writes every field of @p m that differs from its default, under @p prefix. */
static void dump_message(const ProtobufCMessage *m, const char *prefix, const walk *w)
{
    const ProtobufCMessageDescriptor *d = m->descriptor;
    for (unsigned i = 0; i < d->n_fields; i++) {
        const ProtobufCFieldDescriptor *f = &d->fields[i];
        const char *base = (const char *)m;
        char path[MESSAGE_LINE_SIZE / 2];
        FORMAT(path, "%s%s%s", prefix, prefix[0] != '\0' ? "." : "", f->name);

        if ((f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) && *(const uint32_t *)(base + f->quantifier_offset) != f->id) {
            continue;
        }
        if (f->label == PROTOBUF_C_LABEL_OPTIONAL && f->type != PROTOBUF_C_TYPE_MESSAGE &&
            f->type != PROTOBUF_C_TYPE_STRING && !(f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) &&
            !*(const protobuf_c_boolean *)(base + f->quantifier_offset)) {
            continue;
        }
        if (f->label != PROTOBUF_C_LABEL_REPEATED) {
            dump_value(f, base + f->offset, path, 0, w);
            continue;
        }
        size_t count = *(const size_t *)(base + f->quantifier_offset);
        const char *elements = *(char *const *)(base + f->offset);
        const ProtobufCMessageDescriptor *entry = f->type == PROTOBUF_C_TYPE_MESSAGE ? f->descriptor : NULL;
        int is_map = entry != NULL && entry->n_fields == 2 && strcmp(entry->fields[0].name, "key") == 0 &&
                     strcmp(entry->fields[1].name, "value") == 0;
        for (size_t k = 0; k < count; k++) {
            if (is_map) {
                /* map<string, string>: "path.KEY = VALUE" */
                const ProtobufCMessage *e = ((ProtobufCMessage *const *)elements)[k];
                const char *key = *(char *const *)((const char *)e + entry->fields[0].offset);
                char keyed[MESSAGE_LINE_SIZE / 2];
                FORMAT(keyed, "%s.%s", path, key);
                dump_value(&entry->fields[1], (const char *)e + entry->fields[1].offset, keyed, 1, w);
                continue;
            }
            char element[MESSAGE_LINE_SIZE / 2];
            FORMAT(element, "%s[%zu]", path, k);
            size_t size = f->type == PROTOBUF_C_TYPE_MESSAGE || f->type == PROTOBUF_C_TYPE_STRING ? sizeof(void *)
                          : f->type == PROTOBUF_C_TYPE_BYTES ? sizeof(ProtobufCBinaryData)
                          : f->type == PROTOBUF_C_TYPE_INT64 || f->type == PROTOBUF_C_TYPE_SINT64 ||
                                  f->type == PROTOBUF_C_TYPE_SFIXED64 || f->type == PROTOBUF_C_TYPE_UINT64 ||
                                  f->type == PROTOBUF_C_TYPE_FIXED64 || f->type == PROTOBUF_C_TYPE_DOUBLE
                              ? 8
                              : 4;
            dump_value(f, elements + k * size, element, 1, w);
        }
    }
}

void message_lines_write(const ProtobufCMessage *m, const char *prefix, message_lines_bytes_type bytes_type,
                         const void *context, message_lines *out)
{
    walk w = { bytes_type, context, out };
    dump_message(m, prefix, &w);
}
