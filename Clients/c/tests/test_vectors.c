/**
 * @file test_vectors.c
 * @brief The golden frame vectors of Tests/Vectors/, which the Swift tests
 *        check too: each frames/NAME.bin is decoded with hack_frame_decode()
 *        and protobuf-c to exactly the fields frames.txt lists, then encoded
 *        back (hack_frame_encode_header() + protobuf_c_message_pack()) to the
 *        same bytes. No server needed.
 *
 * Usage: test_vectors [VECTORS_DIR]   (default ../../Tests/Vectors)
 *
 * frames.txt describes its own format. Here a decoded message is written out
 * as the table's lines ("path = value", "path : message" for a bytes field
 * that holds a message) by message_lines.c, which walks protobuf-c's
 * descriptors; the sorted lines must be the table's, sorted: nothing
 * missing, nothing extra.
 *
 * Prints one line per vector and finally "N passed, M failed"; exits 1 on any
 * failure.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hack/v1/frames.pb-c.h"
#include "hackclient.h"

#include "harness.h"
#include "message_lines.h"

#define MAX_LINES MESSAGE_LINES_MAX
#define LINE_SIZE MESSAGE_LINE_SIZE

/* One vector of frames.txt: its header and its body's lines. */
typedef struct vector {
    char name[64];
    char kind[16];
    uint32_t call_id;
    char body_type[64]; /* "-": empty body */
    char lines[MAX_LINES][LINE_SIZE];
    size_t n_lines;
} vector;

static const char *g_dir = "../../Tests/Vectors";
static vector *g_vectors;
static size_t g_n_vectors;
static const vector *g_current;

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "test_vectors: %s: %s\n", what, detail);
    exit(2);
}

/* The message type frames.txt gives for the bytes field at @p path, or NULL. */
static const char *typed_bytes(const char *path, const void *context)
{
    const vector *v = context;
    size_t len = strlen(path);
    for (size_t i = 0; i < v->n_lines; i++) {
        if (strncmp(v->lines[i], path, len) == 0 && strncmp(v->lines[i] + len, " : ", 3) == 0) {
            return v->lines[i] + len + 3;
        }
    }
    return NULL;
}

static int compare_lines(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* Reads a whole file into an exact-size heap block, so ASan catches any over-read. */
static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = malloc(size > 0 ? (size_t)size : 1);
    if (buf == NULL || fread(buf, 1, (size_t)size, f) != (size_t)size) {
        die("cannot read", path);
    }
    fclose(f);
    *len = (size_t)size;
    return buf;
}

/* Decodes g_current's file, checks it against the table, encodes it back. */
static void test_vector(void)
{
    const vector *v = g_current;
    char path[512];
    snprintf(path, sizeof path, "%s/frames/%s.bin", g_dir, v->name);
    size_t len = 0;
    uint8_t *bytes = read_file(path, &len);
    EXPECTF(bytes != NULL, "cannot open %s", path);
    if (bytes == NULL) {
        return;
    }

    hack_frame frame;
    size_t size = 0;
    EXPECT(hack_frame_decode(bytes, len, HACK_DEFAULT_MAX_FRAME_BYTES, &frame, &size) == HACK_FRAME_OK);
    EXPECTF(size == len, "the frame is %zu bytes, the file %zu", size, len);
    char kind_name[32];
    snprintf(kind_name, sizeof kind_name, "FRAME_KIND_%s", v->kind);
    const ProtobufCEnumValue *kind = protobuf_c_enum_descriptor_get_value_by_name(&hack__v1__frame_kind__descriptor,
                                                                                  kind_name);
    EXPECTF(kind != NULL && frame.kind == kind->value, "kind %u, the table says %s", frame.kind, v->kind);
    EXPECTF(frame.call_id == v->call_id, "call id %" PRIu32 ", the table says %" PRIu32, frame.call_id, v->call_id);

    ProtobufCMessage *body = NULL;
    size_t body_size = 0;
    if (strcmp(v->body_type, "-") == 0) {
        EXPECT(frame.body_len == 0);
    } else {
        const ProtobufCMessageDescriptor *d = message_lines_descriptor(v->body_type);
        EXPECTF(d != NULL, "no descriptor for %s", v->body_type);
        body = d != NULL ? protobuf_c_message_unpack(d, NULL, frame.body_len, frame.body) : NULL;
        EXPECTF(body != NULL, "the body is not a valid %s", v->body_type);
    }
    if (body != NULL) {
        static message_lines got;
        static char want[MAX_LINES][LINE_SIZE];
        got.count = 0;
        message_lines_write(body, "", typed_bytes, v, &got);
        memcpy(want, v->lines, sizeof want);
        qsort(got.items, got.count, LINE_SIZE, compare_lines);
        qsort(want, v->n_lines, LINE_SIZE, compare_lines);
        EXPECTF(got.count == v->n_lines, "%zu fields decoded, the table lists %zu", got.count, v->n_lines);
        for (size_t i = 0; i < got.count && i < v->n_lines; i++) {
            EXPECTF(strcmp(got.items[i], want[i]) == 0, "decoded \"%s\", the table says \"%s\"", got.items[i], want[i]);
        }
        body_size = protobuf_c_message_get_packed_size(body);
    }

    /* Encoded back: the header, then the body packed again. */
    uint8_t *out = malloc(HACK_FRAME_HEADER_SIZE + body_size);
    if (out == NULL) {
        die("malloc", "frame");
    }
    EXPECT(hack_frame_encode_header(out, frame.kind, frame.call_id, body_size) == HACK_FRAME_OK);
    if (body != NULL) {
        EXPECT(protobuf_c_message_pack(body, out + HACK_FRAME_HEADER_SIZE) == body_size);
        protobuf_c_message_free_unpacked(body, NULL);
    }
    EXPECTF(HACK_FRAME_HEADER_SIZE + body_size == len && memcmp(out, bytes, len) == 0,
            "%s is not encoded back to the same %zu bytes", path, len);
    free(out);
    free(bytes);
}

/* Parses frames.txt into g_vectors. */
static void load_table(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/frames.txt", g_dir);
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        die("cannot open", path);
    }
    char line[LINE_SIZE];
    size_t capacity = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '\0' || line[0] == '#') {
            continue;
        }
        if (strncmp(line, "frame ", 6) == 0) {
            if (g_n_vectors == capacity) {
                capacity = capacity > 0 ? capacity * 2 : 16;
                g_vectors = realloc(g_vectors, capacity * sizeof *g_vectors);
                if (g_vectors == NULL) {
                    die("realloc", "vectors");
                }
            }
            vector *v = &g_vectors[g_n_vectors++];
            memset(v, 0, sizeof *v);
            unsigned long call_id = 0;
            if (sscanf(line, "frame %63s %15s %lu %63s", v->name, v->kind, &call_id, v->body_type) != 4 ||
                call_id > UINT32_MAX) {
                die("bad frame line", line);
            }
            v->call_id = (uint32_t)call_id;
        } else if (strncmp(line, "  ", 2) == 0 && g_n_vectors > 0 && g_vectors[g_n_vectors - 1].n_lines < MAX_LINES) {
            vector *v = &g_vectors[g_n_vectors - 1];
            snprintf(v->lines[v->n_lines++], LINE_SIZE, "%s", line + 2);
        } else {
            die("bad line", line);
        }
    }
    fclose(f);
}

/* Every frame kind of the schema has at least one vector. */
static void test_every_kind_has_a_vector(void)
{
    const ProtobufCEnumDescriptor *kinds = &hack__v1__frame_kind__descriptor;
    for (unsigned i = 0; i < kinds->n_values; i++) {
        if (kinds->values[i].value == 0) {
            continue;
        }
        int found = 0;
        for (size_t k = 0; k < g_n_vectors; k++) {
            char name[32];
            snprintf(name, sizeof name, "FRAME_KIND_%s", g_vectors[k].kind);
            found |= strcmp(name, kinds->values[i].name) == 0;
        }
        EXPECTF(found, "no vector of %s", kinds->values[i].name);
    }
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        g_dir = argv[1];
    }
    load_table();
    RUN(test_every_kind_has_a_vector);
    for (size_t i = 0; i < g_n_vectors; i++) {
        g_current = &g_vectors[i];
        char name[96];
        snprintf(name, sizeof name, "vector %s", g_vectors[i].name);
        run_test(name, test_vector);
    }
    free(g_vectors);
    printf("%d passed, %d failed\n", g_passed, g_failed);
    return g_failed == 0 ? 0 : 1;
}
