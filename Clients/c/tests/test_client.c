/**
 * @file test_client.c
 * @brief Tests of the hackd C client: frame codec unit tests, then calls
 *        against a live hackd that this program starts and stops itself.
 *
 * Usage: test_client [--unit]
 *   --unit   run only the unit tests (no server needed)
 *
 * The live tests start a real hackd with live_hackd.c (see live_hackd.h:
 * $HACKD, default ../../.build/debug/hackd, with --demo --demo-tokens) and
 * connect as the demo organiser unless they test tokens.
 *
 * Prints one line per test and finally "N passed, M failed"; exits 1 on any
 * failure.
 */
#include <dirent.h>
#include <errno.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "hack/v1/access.pb-c.h"
#include "hack/v1/frames.pb-c.h"
#include "hack/v1/services.pb-c.h"
#include "hackclient.h"

#include "demo_tokens.h"
#include "harness.h"
#include "live_hackd.h"

/* Copies bytes into an exact-size heap block, so ASan catches any over-read. */
static uint8_t *exact_copy(const uint8_t *src, size_t len)
{
    uint8_t *p = malloc(len > 0 ? len : 1);
    if (p == NULL) {
        perror("malloc");
        exit(2);
    }
    if (len > 0) {
        memcpy(p, src, len);
    }
    return p;
}

/* Writes a whole frame (header + packed msg) into a malloc'd buffer. */
static uint8_t *build_frame(uint8_t kind, uint32_t call_id, const ProtobufCMessage *msg, size_t *len_out)
{
    size_t body = msg != NULL ? protobuf_c_message_get_packed_size(msg) : 0;
    uint8_t *buf = malloc(HACK_FRAME_HEADER_SIZE + body);
    if (buf == NULL) {
        perror("malloc");
        exit(2);
    }
    if (hack_frame_encode_header(buf, kind, call_id, body) != HACK_FRAME_OK) {
        fprintf(stderr, "build_frame: cannot encode header\n");
        exit(2);
    }
    if (msg != NULL) {
        protobuf_c_message_pack(msg, buf + HACK_FRAME_HEADER_SIZE);
    }
    *len_out = HACK_FRAME_HEADER_SIZE + body;
    return buf;
}

/* ------------------------------------------------------------------------- */
/* Unit tests: frames and status names                                        */
/* ------------------------------------------------------------------------- */

/* The HELLO example of docs/PROTOCOL.md, byte for byte. */
static const uint8_t SPEC_HELLO[] = {
    0x00, 0x00, 0x00, 0x10, 0x01, 0x00, 0x00, 0x00, 0x00, 0x08, 0x01,
    0x12, 0x07, 0x68, 0x61, 0x63, 0x6b, 0x63, 0x74, 0x6c,
};

static void test_encode_matches_spec_example(void)
{
    Hack__V1__Hello hello = HACK__V1__HELLO__INIT;
    hello.protocol_version = 1;
    hello.client_name = "hackctl";
    size_t len;
    uint8_t *frame = build_frame(HACK_FRAME_HELLO, 0, &hello.base, &len);
    EXPECTF(len == sizeof SPEC_HELLO, "len %zu", len);
    EXPECT(len == sizeof SPEC_HELLO && memcmp(frame, SPEC_HELLO, len) == 0);
    free(frame);
}

static void test_encode_header_fields(void)
{
    uint8_t h[HACK_FRAME_HEADER_SIZE];
    EXPECT(hack_frame_encode_header(h, HACK_FRAME_REQUEST, 0x01020304u, 0x0a0b0c) == HACK_FRAME_OK);
    static const uint8_t want[] = { 0x00, 0x0a, 0x0b, 0x11, 0x03, 0x01, 0x02, 0x03, 0x04 };
    EXPECT(memcmp(h, want, sizeof want) == 0);

    EXPECT(hack_frame_encode_header(h, HACK_FRAME_CANCEL, 0xffffffffu, 0) == HACK_FRAME_OK);
    static const uint8_t empty[] = { 0x00, 0x00, 0x00, 0x05, 0x06, 0xff, 0xff, 0xff, 0xff };
    EXPECT(memcmp(h, empty, sizeof empty) == 0);

    EXPECT(hack_frame_encode_header(h, 1, 0, (size_t)UINT32_MAX - 5) == HACK_FRAME_OK);
#if SIZE_MAX > UINT32_MAX
    EXPECT(hack_frame_encode_header(h, 1, 0, (size_t)UINT32_MAX - 4) == HACK_FRAME_TOO_LARGE);
#endif
}

static void test_decode_whole_frame(void)
{
    uint8_t *buf = exact_copy(SPEC_HELLO, sizeof SPEC_HELLO);
    hack_frame f;
    size_t size = 0;
    EXPECT(hack_frame_decode(buf, sizeof SPEC_HELLO, HACK_DEFAULT_MAX_FRAME_BYTES, &f, &size) == HACK_FRAME_OK);
    EXPECT(size == sizeof SPEC_HELLO);
    EXPECT(f.kind == HACK_FRAME_HELLO);
    EXPECT(f.call_id == 0);
    EXPECT(f.body == buf + HACK_FRAME_HEADER_SIZE);
    EXPECT(f.body_len == 11);

    Hack__V1__Hello *hello = hack__v1__hello__unpack(NULL, f.body_len, f.body);
    EXPECT(hello != NULL);
    if (hello != NULL) {
        EXPECT(hello->protocol_version == 1);
        EXPECT(strcmp(hello->client_name, "hackctl") == 0);
        hack__v1__hello__free_unpacked(hello, NULL);
    }
    free(buf);
}

/* Every prefix of a frame, fed in its own exact-size buffer, asks for more. */
static void test_decode_split_input(void)
{
    for (size_t n = 0; n < sizeof SPEC_HELLO; n++) {
        uint8_t *buf = exact_copy(SPEC_HELLO, n);
        size_t need = 0;
        int r = hack_frame_decode(n > 0 ? buf : NULL, n, HACK_DEFAULT_MAX_FRAME_BYTES, NULL, &need);
        EXPECTF(r == HACK_FRAME_NEED_MORE, "prefix %zu gave %d", n, r);
        size_t want = n < 4 ? HACK_FRAME_HEADER_SIZE : sizeof SPEC_HELLO;
        EXPECTF(need == want, "prefix %zu: need %zu, want %zu", n, need, want);
        free(buf);
    }
}

/* Two frames and a partial third in one read decode one after the other. */
static void test_decode_coalesced_input(void)
{
    uint8_t stream[64];
    size_t len = 0;
    memcpy(stream, SPEC_HELLO, sizeof SPEC_HELLO);
    len += sizeof SPEC_HELLO;
    hack_frame_encode_header(stream + len, HACK_FRAME_CANCEL, 7, 0);
    len += HACK_FRAME_HEADER_SIZE;
    hack_frame_encode_header(stream + len, HACK_FRAME_PING, 0, 2);
    stream[len + HACK_FRAME_HEADER_SIZE] = 0x08;
    len += HACK_FRAME_HEADER_SIZE + 1; /* one body byte of two */

    uint8_t *buf = exact_copy(stream, len);
    size_t off = 0, size = 0;
    hack_frame f;

    EXPECT(hack_frame_decode(buf + off, len - off, 1024, &f, &size) == HACK_FRAME_OK);
    EXPECT(f.kind == HACK_FRAME_HELLO && f.body_len == 11 && size == sizeof SPEC_HELLO);
    off += size;

    EXPECT(hack_frame_decode(buf + off, len - off, 1024, &f, &size) == HACK_FRAME_OK);
    EXPECT(f.kind == HACK_FRAME_CANCEL && f.call_id == 7 && f.body_len == 0 && size == HACK_FRAME_HEADER_SIZE);
    off += size;

    EXPECT(hack_frame_decode(buf + off, len - off, 1024, &f, &size) == HACK_FRAME_NEED_MORE);
    EXPECT(size == HACK_FRAME_HEADER_SIZE + 2);
    free(buf);
}

/* An oversize length is refused from its first 4 bytes, before any body. */
static void test_decode_oversize_length(void)
{
    const uint32_t max = 1000;
    uint8_t h[HACK_FRAME_HEADER_SIZE];

    hack_frame_encode_header(h, HACK_FRAME_RESPONSE, 1, max - 5 + 1); /* length = max + 1 */
    uint8_t *four = exact_copy(h, 4);
    size_t size = 12345;
    EXPECT(hack_frame_decode(four, 4, max, NULL, &size) == HACK_FRAME_TOO_LARGE);
    EXPECT(size == 12345); /* untouched on errors */
    free(four);

    static const uint8_t huge[] = { 0xff, 0xff, 0xff, 0xff, 0x04, 0, 0, 0, 1 };
    EXPECT(hack_frame_decode(huge, sizeof huge, HACK_DEFAULT_MAX_FRAME_BYTES, NULL, NULL) == HACK_FRAME_TOO_LARGE);

    hack_frame_encode_header(h, HACK_FRAME_RESPONSE, 1, max - 5); /* length = max exactly */
    EXPECT(hack_frame_decode(h, sizeof h, max, NULL, &size) == HACK_FRAME_NEED_MORE);
    EXPECT(size == 4 + (size_t)max);
}

static void test_decode_length_below_minimum(void)
{
    for (uint8_t length = 0; length < HACK_FRAME_MIN_LENGTH; length++) {
        uint8_t bytes[HACK_FRAME_HEADER_SIZE] = { 0, 0, 0, length, 4, 0, 0, 0, 1 };
        uint8_t *four = exact_copy(bytes, 4);
        EXPECTF(hack_frame_decode(four, 4, HACK_DEFAULT_MAX_FRAME_BYTES, NULL, NULL) == HACK_FRAME_TOO_SHORT,
                "length %u", (unsigned)length);
        EXPECT(hack_frame_decode(bytes, sizeof bytes, HACK_DEFAULT_MAX_FRAME_BYTES, NULL, NULL) ==
               HACK_FRAME_TOO_SHORT);
        free(four);
    }
}

static void test_status_names(void)
{
    static const char *const want[] = {
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
        "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
        "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
        "UNAUTHENTICATED",
    };
    for (int i = 0; i < 17; i++) {
        EXPECTF(strcmp(hack_status_name(i), want[i]) == 0, "%d -> %s", i, hack_status_name(i));
        /* Same names as the schema's StatusCode, minus the prefix. */
        const ProtobufCEnumValue *v = protobuf_c_enum_descriptor_get_value(&hack__v1__status_code__descriptor, i);
        EXPECT(v != NULL && strncmp(v->name, "STATUS_CODE_", 12) == 0 && strcmp(v->name + 12, want[i]) == 0);
    }
    EXPECT(strcmp(hack_status_name(HACK_ERR_IO), "IO_ERROR") == 0);
    EXPECT(strcmp(hack_status_name(HACK_ERR_RESOLVE), "RESOLVE_ERROR") == 0);
    EXPECT(strcmp(hack_status_name(17), "UNRECOGNIZED_STATUS") == 0);
    EXPECT(strcmp(hack_status_name(-9), "UNRECOGNIZED_STATUS") == 0);
}

/* The header's kind constants match the schema's FrameKind. */
static void test_frame_kinds_match_schema(void)
{
    static const struct {
        int ours, schema;
    } kinds[] = {
        { HACK_FRAME_HELLO, HACK__V1__FRAME_KIND__FRAME_KIND_HELLO },
        { HACK_FRAME_WELCOME, HACK__V1__FRAME_KIND__FRAME_KIND_WELCOME },
        { HACK_FRAME_REQUEST, HACK__V1__FRAME_KIND__FRAME_KIND_REQUEST },
        { HACK_FRAME_RESPONSE, HACK__V1__FRAME_KIND__FRAME_KIND_RESPONSE },
        { HACK_FRAME_MESSAGE, HACK__V1__FRAME_KIND__FRAME_KIND_MESSAGE },
        { HACK_FRAME_CANCEL, HACK__V1__FRAME_KIND__FRAME_KIND_CANCEL },
        { HACK_FRAME_PING, HACK__V1__FRAME_KIND__FRAME_KIND_PING },
        { HACK_FRAME_PONG, HACK__V1__FRAME_KIND__FRAME_KIND_PONG },
        { HACK_FRAME_GOAWAY, HACK__V1__FRAME_KIND__FRAME_KIND_GOAWAY },
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        EXPECTF(kinds[i].ours == kinds[i].schema, "kind %d vs %d", kinds[i].ours, kinds[i].schema);
    }
}

static void test_connect_refused_is_io_error(void)
{
    /* Bind a port, close it, connect to it: nothing listens there now. */
    hack_client *c = (hack_client *)1;
    hack_error err;
    int rc = hack_connect("127.0.0.1", 1, "test", &c, &err);
    EXPECTF(rc == HACK_ERR_IO, "rc %d (%s)", rc, err.message);
    EXPECT(err.status == rc);
    EXPECT(c == NULL);
    EXPECT(err.message[0] != '\0');

    rc = hack_connect("no-such-host.invalid", 7420, "test", &c, &err);
    EXPECTF(rc == HACK_ERR_RESOLVE, "rc %d (%s)", rc, err.message);

    EXPECT(hack_connect(NULL, 7420, "test", &c, NULL) == HACK_ERR_ARG);
}

/* ------------------------------------------------------------------------- */
/* The demo tokens file (demo_tokens.c)                                       */
/* ------------------------------------------------------------------------- */

/* A file like hackd's, with traps: a fake "role" inside a name, escapes, extra keys. */
static const char SAMPLE_TOKENS[] =
    "[\n"
    "  {\"role\":\"admin\",\"scope\":\"\",\"name\":\"Admin d\\u00e9mo\",\"secret\":\"hk_1_admin\"},\n"
    "  {\"name\":\"x \\\"role\\\":\\\"observer\\\",\\\"secret\\\":\\\"hk_fake\\\"\", \"role\" : \"organiser\",\n"
    "   \"scope\":\"parcours-france-2017\", \"secret\" : \"hk_2_org\\/a\"},\n"
    "  {\"role\":\"moderator\",\"scope\":\"parcours-france-2017/saint-omer\",\"name\":\"Mod\\u00e9 \\ud83d\\ude00\","
    "\"extra\":{\"n\":[1,2.5e3,true,null,{\"role\":\"observer\"}]},\"secret\":\"hk_3_mod\"},\n"
    "  {\"secret\":\"hk_9_obs\",\"role\":\"observer\",\"scope\":\"parcours-france-2017\",\"name\":\"Écran\"}\n"
    "]\n";

static void test_tokens_file_reader(void)
{
    size_t len = sizeof SAMPLE_TOKENS - 1;
    char *json = (char *)exact_copy((const uint8_t *)SAMPLE_TOKENS, len); /* no NUL: over-reads trap */
    char secret[64];
    static const struct {
        const char *role, *secret;
    } want[] = {
        { "admin", "hk_1_admin" },
        { "organiser", "hk_2_org/a" },
        { "moderator", "hk_3_mod" },
        { "observer", "hk_9_obs" },
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        int rc = tokens_secret_for_role(json, len, want[i].role, secret, sizeof secret);
        EXPECTF(rc == TOKENS_FOUND && strcmp(secret, want[i].secret) == 0, "%s: rc %d secret \"%s\"",
                want[i].role, rc, rc == TOKENS_FOUND ? secret : "");
    }
    EXPECT(tokens_secret_for_role(json, len, "juror", secret, sizeof secret) == TOKENS_NO_SUCH_ROLE);
    EXPECT(tokens_secret_for_role(json, len, "admin", secret, 5) == TOKENS_TOO_LONG);
    EXPECT(tokens_secret_for_role(json, len, "admin", secret, 11) == TOKENS_FOUND);
    EXPECT(tokens_secret_for_role(json, len, "admin", secret, 10) == TOKENS_TOO_LONG);

    /* Every truncation: no over-read, and nothing found that is not whole. */
    for (size_t n = 0; n < len; n++) {
        char *part = (char *)exact_copy((const uint8_t *)SAMPLE_TOKENS, n);
        for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
            int rc = tokens_secret_for_role(part, n, want[i].role, secret, sizeof secret);
            EXPECTF(rc == TOKENS_MALFORMED || (rc == TOKENS_FOUND && strcmp(secret, want[i].secret) == 0),
                    "prefix %zu, %s: rc %d", n, want[i].role, rc);
        }
        free(part);
    }
    free(json);

    static const char *const bad[] = {
        "", "{}", "[{\"role\":\"admin\",\"secret\":\"a\\x\"}]", "[{\"role\":\"admin\" \"secret\":\"a\"}]",
        "[{\"role\":\"admin\",\"secret\":\"\\ud800\"}]", "[{\"role\":\"admin\",\"secret\":\"a\nb\"}]",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "[{\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]}]",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *b = (char *)exact_copy((const uint8_t *)bad[i], strlen(bad[i]));
        int rc = tokens_secret_for_role(b, strlen(bad[i]), "admin", secret, sizeof secret);
        EXPECTF(rc == TOKENS_MALFORMED, "bad[%zu]: rc %d", i, rc);
        free(b);
    }
    EXPECT(tokens_secret_for_role("[]", 2, "admin", secret, sizeof secret) == TOKENS_NO_SUCH_ROLE);
    EXPECT(tokens_secret_for_role("[{\"role\":\"admin\"}]", 18, "admin", secret, sizeof secret) ==
           TOKENS_NO_SUCH_ROLE);
    EXPECT(tokens_secret_for_role("[{\"role\":\"admin\",\"secret\":7}]", 29, "admin", secret, sizeof secret) ==
           TOKENS_NO_SUCH_ROLE);
}

/* ------------------------------------------------------------------------- */
/* The live server                                                            */
/* ------------------------------------------------------------------------- */

static struct live_hackd g_hackd = LIVE_HACKD_INIT;

static struct {
    char host[256];
    uint16_t port;
    char organiser_token[512]; /* secrets read from <tmpdir>/tokens.json */
    char observer_token[512];
    char admin_token[512];
} g_server;

static void test_server_starts(void)
{
    char why[256];
    int rc = live_hackd_start(&g_hackd, why, sizeof why);
    EXPECTF(rc == 0, "%s", why);
    if (g_current_failed) {
        return;
    }
    snprintf(g_server.host, sizeof g_server.host, "%s", g_hackd.host);
    g_server.port = g_hackd.port;

    rc = live_hackd_token(&g_hackd, "organiser", g_server.organiser_token, sizeof g_server.organiser_token);
    EXPECTF(rc == TOKENS_FOUND, "no organiser secret in %s (result %d)", g_hackd.tokens_path, rc);
    rc = live_hackd_token(&g_hackd, "observer", g_server.observer_token, sizeof g_server.observer_token);
    EXPECTF(rc == TOKENS_FOUND, "no observer secret in %s (result %d)", g_hackd.tokens_path, rc);
    rc = live_hackd_token(&g_hackd, "admin", g_server.admin_token, sizeof g_server.admin_token);
    EXPECTF(rc == TOKENS_FOUND, "no admin secret in %s (result %d)", g_hackd.tokens_path, rc);
}

static void test_server_stops_on_sigterm(void)
{
    char why[256];
    int rc = live_hackd_stop(&g_hackd, why, sizeof why);
    EXPECTF(rc == 0, "%s", why);
}

/* Connects to the test server with a token (NULL: none); NULL (and a failed test) on error. */
static hack_client *connect_with_token_or_fail(const char *token)
{
    hack_client *c = NULL;
    hack_error err;
    int rc = hack_connect_with_token(g_server.host, g_server.port, "test_client", token, &c, &err);
    EXPECTF(rc == 0 && c != NULL, "hack_connect_with_token: %s: %s", hack_status_name(err.status), err.message);
    return c;
}

/* Connects to the test server as the demo organiser. */
static hack_client *connect_or_fail(void)
{
    return connect_with_token_or_fail(g_server.organiser_token);
}

/* Events/List on c: returns 1 if it answered OK with parcours-france-2017. */
static int list_has_demo_event(hack_client *c)
{
    ProtobufCMessage *resp = NULL;
    hack_error err;
    Hack__V1__ListEventsRequest req = HACK__V1__LIST_EVENTS_REQUEST__INIT;
    int rc = hack_call_unary(c, "hack.v1.Events/List", &req.base, &hack__v1__list_events_response__descriptor,
                             5000, &resp, &err);
    EXPECT_CALL_OK(rc, err);
    int found = 0;
    if (resp != NULL) {
        const Hack__V1__ListEventsResponse *list = (const Hack__V1__ListEventsResponse *)resp;
        for (size_t i = 0; i < list->n_events; i++) {
            found |= strcmp(list->events[i]->slug, "parcours-france-2017") == 0;
        }
        protobuf_c_message_free_unpacked(resp, NULL);
    }
    return found;
}

/* ------------------------------------------------------------------------- */
/* Live tests                                                                 */
/* ------------------------------------------------------------------------- */

static void test_handshake(void)
{
    hack_client *c = connect_or_fail();
    if (c != NULL) {
        EXPECT(hack_client_server_name(c) != NULL);
        EXPECT(hack_client_max_frame_bytes(c) >= HACK_FRAME_MIN_LENGTH);
        hack_close(c);
    }
}

static void test_events_list_has_demo_event(void)
{
    hack_client *c = connect_or_fail();
    if (c == NULL) {
        return;
    }
    ProtobufCMessage *resp = NULL;
    hack_error err;
    Hack__V1__ListEventsRequest req = HACK__V1__LIST_EVENTS_REQUEST__INIT;
    int rc = hack_call_unary(c, "hack.v1.Events/List", &req.base, &hack__v1__list_events_response__descriptor,
                             5000, &resp, &err);
    EXPECT_CALL_OK(rc, err);
    if (resp != NULL) {
        const Hack__V1__ListEventsResponse *list = (const Hack__V1__ListEventsResponse *)resp;
        const Hack__V1__Event *event = NULL;
        for (size_t i = 0; i < list->n_events; i++) {
            if (strcmp(list->events[i]->slug, "parcours-france-2017") == 0) {
                event = list->events[i];
            }
        }
        EXPECTF(event != NULL, "parcours-france-2017 not among %zu events", list->n_events);
        if (event != NULL) {
            EXPECTF(event->n_agenda == 5, "%zu phases", event->n_agenda);
            EXPECTF(event->n_territory_slugs == 3, "%zu territory slugs", event->n_territory_slugs);
            static const char *const want[] = { "saint-omer", "orleans", "haute-saintonge" };
            for (size_t w = 0; w < 3; w++) {
                int seen = 0;
                for (size_t i = 0; i < event->n_territory_slugs; i++) {
                    seen |= strcmp(event->territory_slugs[i], want[w]) == 0;
                }
                EXPECTF(seen, "territory %s missing", want[w]);
            }
        }
        protobuf_c_message_free_unpacked(resp, NULL);
    }
    hack_close(c);
}

/* Only the admin, who may see every event, is told NOT_FOUND (docs/PERMISSIONS.md). */
static void test_get_unknown_event_is_not_found(void)
{
    hack_client *c = connect_with_token_or_fail(g_server.admin_token);
    if (c == NULL) {
        return;
    }
    ProtobufCMessage *resp = (ProtobufCMessage *)1;
    hack_error err;
    Hack__V1__GetEventRequest req = HACK__V1__GET_EVENT_REQUEST__INIT;
    req.slug = "no-such-event-42";
    int rc = hack_call_unary(c, "hack.v1.Events/Get", &req.base, &hack__v1__event__descriptor, 5000, &resp, &err);
    EXPECTF(rc == HACK_STATUS_NOT_FOUND, "rc %d %s: %s", rc, hack_status_name(rc), err.message);
    EXPECT(err.status == HACK_STATUS_NOT_FOUND);
    EXPECT(strcmp(hack_status_name(err.status), "NOT_FOUND") == 0);
    EXPECT(err.message[0] != '\0');
    EXPECT(resp == NULL);

    /* A failed call leaves the connection usable. */
    EXPECT(list_has_demo_event(c));
    hack_close(c);
}

static void test_unknown_method_is_unimplemented(void)
{
    hack_client *c = connect_or_fail();
    if (c == NULL) {
        return;
    }
    ProtobufCMessage *resp = NULL;
    hack_error err;
    int rc = hack_call_unary(c, "hack.v1.Events/Explode", NULL, &hack__v1__event__descriptor, 5000, &resp, &err);
    EXPECTF(rc == HACK_STATUS_UNIMPLEMENTED, "rc %d %s: %s", rc, hack_status_name(rc), err.message);
    EXPECT(err.status == HACK_STATUS_UNIMPLEMENTED);
    EXPECT(resp == NULL);
    EXPECT(list_has_demo_event(c));
    hack_close(c);
}

static void test_territory_utf8_round_trip(void)
{
    hack_client *c = connect_or_fail();
    if (c == NULL) {
        return;
    }
    static const char slug[] = "pays-de-l-ecluse";
    static const char name[] = "Pays de l’Écluse — Saint-Étienne-lès-Orgues, é";
    static const char person[] = "Zoé Lefèvre";

    Hack__V1__Person rep = HACK__V1__PERSON__INIT;
    rep.name = (char *)person;
    rep.role = "élue";
    Hack__V1__CreateTerritoryRequest create = HACK__V1__CREATE_TERRITORY_REQUEST__INIT;
    create.slug = (char *)slug;
    create.name = (char *)name;
    create.representative = &rep;

    ProtobufCMessage *resp = NULL;
    hack_error err;
    int rc = hack_call_unary(c, "hack.v1.Territories/Create", &create.base, &hack__v1__territory__descriptor,
                             5000, &resp, &err);
    EXPECT_CALL_OK(rc, err);
    if (resp != NULL) {
        const Hack__V1__Territory *t = (const Hack__V1__Territory *)resp;
        EXPECTF(strcmp(t->name, name) == 0, "created name \"%s\"", t->name);
        protobuf_c_message_free_unpacked(resp, NULL);
        resp = NULL;
    }

    Hack__V1__GetTerritoryRequest get = HACK__V1__GET_TERRITORY_REQUEST__INIT;
    get.slug = (char *)slug;
    rc = hack_call_unary(c, "hack.v1.Territories/Get", &get.base, &hack__v1__territory__descriptor, 5000, &resp,
                         &err);
    EXPECT_CALL_OK(rc, err);
    if (resp != NULL) {
        const Hack__V1__Territory *t = (const Hack__V1__Territory *)resp;
        EXPECTF(strcmp(t->slug, slug) == 0, "slug \"%s\"", t->slug);
        EXPECTF(strlen(t->name) == strlen(name) && memcmp(t->name, name, sizeof name) == 0, "name \"%s\"",
                t->name);
        EXPECT(t->representative != NULL);
        if (t->representative != NULL) {
            EXPECTF(strcmp(t->representative->name, person) == 0, "representative \"%s\"",
                    t->representative->name);
        }
        protobuf_c_message_free_unpacked(resp, NULL);
    }
    hack_close(c);
}

/* ------------------------------------------------------------------------- */
/* Live tests: tokens                                                         */
/* ------------------------------------------------------------------------- */

/* Events/List on c; returns the status (0 on OK). */
static int list_events_status(hack_client *c, hack_error *err)
{
    ProtobufCMessage *resp = NULL;
    Hack__V1__ListEventsRequest req = HACK__V1__LIST_EVENTS_REQUEST__INIT;
    int rc = hack_call_unary(c, "hack.v1.Events/List", &req.base, &hack__v1__list_events_response__descriptor,
                             5000, &resp, err);
    if (resp != NULL) {
        protobuf_c_message_free_unpacked(resp, NULL);
    }
    EXPECT((rc == 0) == (resp != NULL));
    return rc;
}

/* Tokens/WhoAmI on c: the caller's role, or -1 (and a failed test) on error. */
static int whoami_role(hack_client *c, char *event_slug, size_t cap)
{
    ProtobufCMessage *resp = NULL;
    hack_error err;
    Hack__V1__WhoAmIRequest req = HACK__V1__WHO_AM_IREQUEST__INIT;
    int rc = hack_call_unary(c, "hack.v1.Tokens/WhoAmI", &req.base, &hack__v1__token__descriptor, 5000, &resp,
                             &err);
    EXPECT_CALL_OK(rc, err);
    if (resp == NULL) {
        return -1;
    }
    const Hack__V1__Token *t = (const Hack__V1__Token *)resp;
    int role = (int)t->role;
    if (event_slug != NULL) {
        snprintf(event_slug, cap, "%s", t->event_slug != NULL ? t->event_slug : "");
    }
    protobuf_c_message_free_unpacked(resp, NULL);
    return role;
}

/* Territories/Create with a fresh slug; returns the status, err filled. */
static int create_territory(hack_client *c, const char *slug, hack_error *err)
{
    Hack__V1__CreateTerritoryRequest create = HACK__V1__CREATE_TERRITORY_REQUEST__INIT;
    Hack__V1__Person representative = HACK__V1__PERSON__INIT;
    representative.name = "Zoé Lefèvre";
    create.slug = (char *)slug;
    create.name = (char *)slug;
    create.representative = &representative;
    ProtobufCMessage *resp = NULL;
    int rc = hack_call_unary(c, "hack.v1.Territories/Create", &create.base, &hack__v1__territory__descriptor,
                             5000, &resp, err);
    if (resp != NULL) {
        const Hack__V1__Territory *t = (const Hack__V1__Territory *)resp;
        EXPECTF(strcmp(t->slug, slug) == 0, "created slug \"%s\"", t->slug);
        protobuf_c_message_free_unpacked(resp, NULL);
    }
    return rc;
}

static void test_no_token_is_unauthenticated(void)
{
    hack_client *c = connect_with_token_or_fail(NULL);
    if (c == NULL) {
        return;
    }
    hack_error err;
    int rc = list_events_status(c, &err);
    EXPECTF(rc == HACK_STATUS_UNAUTHENTICATED, "rc %d %s: %s", rc, hack_status_name(rc), err.message);
    EXPECT(err.status == rc);

    /* The refusal leaves the connection usable: a per-call token gets through. */
    EXPECT(hack_set_call_token(c, g_server.organiser_token) == 0);
    EXPECT(list_has_demo_event(c));
    hack_close(c);
}

static void test_garbage_token_is_unauthenticated(void)
{
    hack_client *c = connect_with_token_or_fail("hk_0_this-is-not-a-token");
    if (c == NULL) {
        return;
    }
    hack_error err;
    int rc = list_events_status(c, &err);
    EXPECTF(rc == HACK_STATUS_UNAUTHENTICATED, "rc %d %s: %s", rc, hack_status_name(rc), err.message);
    EXPECT(strstr(err.message, "this-is-not-a-token") == NULL); /* secrets are not echoed */

    /* A garbage per-call token is refused too, over a valid connection token. */
    hack_close(c);
    c = connect_or_fail();
    if (c == NULL) {
        return;
    }
    EXPECT(hack_set_call_token(c, "garbage") == 0);
    rc = list_events_status(c, &err);
    EXPECTF(rc == HACK_STATUS_UNAUTHENTICATED, "per-call: rc %d %s: %s", rc, hack_status_name(rc), err.message);
    hack_close(c);
}

static void test_observer_whoami(void)
{
    hack_client *c = connect_with_token_or_fail(g_server.observer_token);
    if (c == NULL) {
        return;
    }
    int role = whoami_role(c, NULL, 0);
    EXPECTF(role == HACK__V1__ROLE__ROLE_OBSERVER, "role %d", role);
    hack_close(c);
}

static void test_observer_cannot_create_territory(void)
{
    hack_client *c = connect_with_token_or_fail(g_server.observer_token);
    if (c == NULL) {
        return;
    }
    hack_error err;
    int rc = create_territory(c, "c-client-observer-denied", &err);
    EXPECTF(rc == HACK_STATUS_PERMISSION_DENIED, "rc %d %s: %s", rc, hack_status_name(rc), err.message);
    EXPECT(err.status == rc);
    EXPECT(err.message[0] != '\0');
    if (rc == HACK_STATUS_PERMISSION_DENIED) {
        printf("     (denied: %s)\n", err.message);
    }
    hack_close(c);
}

/* A per-call token overrides the connection's; clearing it restores the connection's. */
static void test_call_token_overrides_connection_token(void)
{
    hack_client *c = connect_with_token_or_fail(g_server.observer_token);
    if (c == NULL) {
        return;
    }
    /* Set from a heap copy freed at once: the client must keep its own. */
    char *organiser = strdup(g_server.organiser_token);
    EXPECT(organiser != NULL);
    EXPECT(hack_set_call_token(c, organiser) == 0);
    free(organiser);

    hack_error err;
    int rc = create_territory(c, "c-client-override", &err);
    EXPECT_CALL_OK(rc, err);
    char event[128] = "";
    int role = whoami_role(c, event, sizeof event);
    EXPECTF(role == HACK__V1__ROLE__ROLE_ORGANISER, "role with the override %d", role);
    EXPECTF(strcmp(event, "parcours-france-2017") == 0, "organiser's event \"%s\"", event);

    EXPECT(hack_set_call_token(c, NULL) == 0);
    role = whoami_role(c, NULL, 0);
    EXPECTF(role == HACK__V1__ROLE__ROLE_OBSERVER, "role after clearing %d", role);
    rc = create_territory(c, "c-client-override-cleared", &err);
    EXPECTF(rc == HACK_STATUS_PERMISSION_DENIED, "after clearing: rc %d %s: %s", rc, hack_status_name(rc),
            err.message);
    hack_close(c);
}

/* A plain blocking TCP connection to the test server, or -1. */
static int raw_connect(void)
{
    char port[8];
    snprintf(port, sizeof port, "%u", (unsigned)g_server.port);
    struct addrinfo hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    struct addrinfo *list = NULL;
    if (getaddrinfo(g_server.host, port, &hints, &list) != 0) {
        return -1;
    }
    int fd = -1;
    for (const struct addrinfo *ai = list; ai != NULL && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(list);
    return fd;
}

static int raw_send(int fd, const void *data, size_t len)
{
    const uint8_t *p = data;
    while (len > 0) {
        ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

enum raw_result { RAW_FRAME, RAW_CLOSED, RAW_TIMEOUT, RAW_BAD_FRAME };

/*
 * Reads the next frame from a raw socket into buf (which keeps leftovers
 * between calls in *have). On RAW_FRAME, *used is the size of the frame.
 */
static enum raw_result raw_read_frame(int fd, uint8_t *buf, size_t cap, size_t *have, hack_frame *f, size_t *used)
{
    for (;;) {
        int r = hack_frame_decode(buf, *have, (uint32_t)(cap - 4), f, used);
        if (r == HACK_FRAME_OK) {
            return RAW_FRAME;
        }
        if (r != HACK_FRAME_NEED_MORE) {
            return RAW_BAD_FRAME;
        }
        struct pollfd p = { .fd = fd, .events = POLLIN, .revents = 0 };
        int pr = poll(&p, 1, 5000);
        if (pr < 0 && errno == EINTR) {
            continue;
        }
        if (pr <= 0) {
            return RAW_TIMEOUT;
        }
        ssize_t n = recv(fd, buf + *have, cap - *have, 0);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return RAW_CLOSED; /* EOF or reset: the server dropped us */
        }
        *have += (size_t)n;
    }
}

/* Drops the first `used` bytes of a raw buffer. */
static void raw_consume(uint8_t *buf, size_t *have, size_t used)
{
    memmove(buf, buf + used, *have - used);
    *have -= used;
}

/*
 * One connection handshakes by hand, then sends garbage. The server must
 * drop it (GOAWAY then close, or just close) while a connection opened
 * before and one opened after keep working.
 */
static void test_garbage_connection_does_not_hurt_others(void)
{
    hack_client *bystander = connect_or_fail();
    int fd = raw_connect();
    EXPECTF(fd >= 0, "raw connect to %s:%u failed", g_server.host, (unsigned)g_server.port);
    if (bystander == NULL || fd < 0) {
        hack_close(bystander);
        if (fd >= 0) {
            close(fd);
        }
        return;
    }

    uint8_t buf[65536];
    size_t have = 0, used = 0;
    hack_frame f;

    Hack__V1__Hello hello = HACK__V1__HELLO__INIT;
    hello.protocol_version = HACK_PROTOCOL_VERSION;
    hello.client_name = "garbage-sender";
    size_t len;
    uint8_t *frame = build_frame(HACK_FRAME_HELLO, 0, &hello.base, &len);
    EXPECT(raw_send(fd, frame, len) == 0);
    free(frame);
    enum raw_result r = raw_read_frame(fd, buf, sizeof buf, &have, &f, &used);
    EXPECTF(r == RAW_FRAME && f.kind == HACK_FRAME_WELCOME, "hand-made HELLO: result %d, kind %u", (int)r,
            r == RAW_FRAME ? (unsigned)f.kind : 0u);
    if (r == RAW_FRAME) {
        raw_consume(buf, &have, used);
    }

    static const char garbage[] = "this is not a hackd frame\r\n\x01\x02\x03\xff\xfe";
    (void)raw_send(fd, garbage, sizeof garbage - 1); /* may fail if the server already closed */

    hack_client *second = connect_or_fail();
    if (second != NULL) {
        EXPECT(list_has_demo_event(second));
        hack_close(second);
    }

    /* The garbage connection ends: an optional GOAWAY (non-OK), then EOF. */
    int saw_goaway = 0;
    for (;;) {
        r = raw_read_frame(fd, buf, sizeof buf, &have, &f, &used);
        if (r != RAW_FRAME) {
            break;
        }
        if (f.kind == HACK_FRAME_GOAWAY) {
            Hack__V1__GoAway *ga = hack__v1__go_away__unpack(NULL, f.body_len, f.body);
            EXPECT(ga != NULL);
            if (ga != NULL) {
                EXPECTF(ga->status != HACK__V1__STATUS_CODE__STATUS_CODE_OK, "GOAWAY with status OK");
                hack__v1__go_away__free_unpacked(ga, NULL);
            }
            saw_goaway = 1;
        }
        raw_consume(buf, &have, used);
    }
    EXPECTF(r == RAW_CLOSED, "garbage connection not closed (result %d)", (int)r);
    printf("     (garbage connection: %s)\n", saw_goaway ? "GOAWAY, then closed" : "closed without GOAWAY");
    close(fd);

    EXPECT(list_has_demo_event(bystander));
    hack_close(bystander);
}

/* ------------------------------------------------------------------------- */
/* Scripted peer: a fake server thread misbehaving on purpose                 */
/* ------------------------------------------------------------------------- */

enum peer_script {
    PEER_GOAWAY_AT_HELLO,    /* answer HELLO with GOAWAY UNAVAILABLE */
    PEER_PING_THEN_OVERSIZE, /* WELCOME (max 1024), PING, then a 1025-byte frame */
    PEER_BAD_PAYLOAD,        /* WELCOME, then RESPONSE OK with a payload that is not protobuf */
    PEER_RECORD_AUTH,        /* WELCOME, then RESPONSE OK (empty) to every REQUEST; records metadata */
};

#define PEER_MAX_RECORDED 8
#define PEER_AUTH_CAP 128

/* What a PEER_RECORD_AUTH peer saw: metadata count and "authorization" value ("" if absent). */
struct peer_auth {
    size_t n_metadata;
    char authorization[PEER_AUTH_CAP];
};

struct peer {
    int listen_fd;
    uint16_t port;
    enum peer_script script;
    int pong_ok; /* set when the client answered our PING correctly */
    struct peer_auth hello;                       /* PEER_RECORD_AUTH */
    struct peer_auth requests[PEER_MAX_RECORDED]; /* PEER_RECORD_AUTH, in order */
    size_t n_requests;
    pthread_t thread;
};

/* Records a metadata map (Hello's and Request's entries have the same layout). */
#define RECORD_AUTH(rec, msg)                                                                         \
    do {                                                                                              \
        (rec)->n_metadata = (msg)->n_metadata;                                                        \
        (rec)->authorization[0] = '\0';                                                               \
        for (size_t i_ = 0; i_ < (msg)->n_metadata; i_++) {                                           \
            if (strcmp((msg)->metadata[i_]->key, "authorization") == 0) {                             \
                snprintf((rec)->authorization, PEER_AUTH_CAP, "%s", (msg)->metadata[i_]->value);       \
            }                                                                                         \
        }                                                                                             \
    } while (0)

static void peer_send(int fd, uint8_t kind, uint32_t call_id, const ProtobufCMessage *msg)
{
    size_t len;
    uint8_t *frame = build_frame(kind, call_id, msg, &len);
    (void)raw_send(fd, frame, len);
    free(frame);
}

static void *peer_main(void *arg)
{
    struct peer *p = arg;
    int fd = accept(p->listen_fd, NULL, NULL);
    if (fd < 0) {
        return NULL;
    }
    uint8_t buf[4096];
    size_t have = 0, used = 0;
    hack_frame f;
    if (raw_read_frame(fd, buf, sizeof buf, &have, &f, &used) != RAW_FRAME || f.kind != HACK_FRAME_HELLO) {
        close(fd);
        return NULL;
    }
    if (p->script == PEER_RECORD_AUTH) {
        Hack__V1__Hello *hello = hack__v1__hello__unpack(NULL, f.body_len, f.body);
        if (hello != NULL) {
            RECORD_AUTH(&p->hello, hello);
            hack__v1__hello__free_unpacked(hello, NULL);
        }
    }
    raw_consume(buf, &have, used);

    if (p->script == PEER_GOAWAY_AT_HELLO) {
        Hack__V1__GoAway ga = HACK__V1__GO_AWAY__INIT;
        ga.status = HACK__V1__STATUS_CODE__STATUS_CODE_UNAVAILABLE;
        ga.message = "draining — à bientôt";
        peer_send(fd, HACK_FRAME_GOAWAY, 0, &ga.base);
        close(fd);
        return NULL;
    }

    Hack__V1__Limits limits = HACK__V1__LIMITS__INIT;
    limits.max_frame_bytes = 1024;
    limits.max_concurrent_calls = 1;
    Hack__V1__Welcome welcome = HACK__V1__WELCOME__INIT;
    welcome.protocol_version = 1;
    welcome.server_name = "scripted-peer";
    welcome.limits = &limits;
    peer_send(fd, HACK_FRAME_WELCOME, 0, &welcome.base);

    if (p->script == PEER_RECORD_AUTH) {
        while (raw_read_frame(fd, buf, sizeof buf, &have, &f, &used) == RAW_FRAME) {
            if (f.kind == HACK_FRAME_REQUEST) {
                Hack__V1__Request *req = hack__v1__request__unpack(NULL, f.body_len, f.body);
                if (req != NULL && p->n_requests < PEER_MAX_RECORDED) {
                    RECORD_AUTH(&p->requests[p->n_requests], req);
                    p->n_requests++;
                }
                if (req != NULL) {
                    hack__v1__request__free_unpacked(req, NULL);
                }
                Hack__V1__Response ok = HACK__V1__RESPONSE__INIT; /* empty payload: an empty message */
                peer_send(fd, HACK_FRAME_RESPONSE, f.call_id, &ok.base);
            }
            raw_consume(buf, &have, used);
        }
        close(fd);
        return NULL;
    }

    if (raw_read_frame(fd, buf, sizeof buf, &have, &f, &used) != RAW_FRAME || f.kind != HACK_FRAME_REQUEST) {
        close(fd);
        return NULL;
    }
    uint32_t call_id = f.call_id;
    raw_consume(buf, &have, used);

    if (p->script == PEER_PING_THEN_OVERSIZE) {
        Hack__V1__Ping ping = HACK__V1__PING__INIT;
        ping.opaque = 0x1122334455667788u;
        peer_send(fd, HACK_FRAME_PING, 0, &ping.base);
        if (raw_read_frame(fd, buf, sizeof buf, &have, &f, &used) == RAW_FRAME && f.kind == HACK_FRAME_PONG) {
            Hack__V1__Ping *pong = hack__v1__ping__unpack(NULL, f.body_len, f.body);
            p->pong_ok = pong != NULL && pong->opaque == ping.opaque;
            if (pong != NULL) {
                hack__v1__ping__free_unpacked(pong, NULL);
            }
        }
        uint8_t header[HACK_FRAME_HEADER_SIZE];
        hack_frame_encode_header(header, HACK_FRAME_RESPONSE, call_id, 1021); /* length 1026 > 1024 */
        (void)raw_send(fd, header, sizeof header);
    } else {
        static const uint8_t junk[] = { 0xff, 0xff, 0xff };
        Hack__V1__Response resp = HACK__V1__RESPONSE__INIT;
        resp.payload.data = (uint8_t *)junk;
        resp.payload.len = sizeof junk;
        peer_send(fd, HACK_FRAME_RESPONSE, call_id, &resp.base);
    }
    /* Wait for the client to hang up. */
    while (raw_read_frame(fd, buf, sizeof buf, &have, &f, &used) == RAW_FRAME) {
        raw_consume(buf, &have, used);
    }
    close(fd);
    return NULL;
}

/* Starts a scripted peer on 127.0.0.1, port chosen by the kernel. */
static int peer_start(struct peer *p, enum peer_script script)
{
    memset(p, 0, sizeof *p);
    p->script = script;
    p->listen_fd = socket(AF_INET, SOCK_STREAM, 0);
    if (p->listen_fd < 0) {
        return -1;
    }
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t alen = sizeof addr;
    if (bind(p->listen_fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(p->listen_fd, 1) != 0 ||
        getsockname(p->listen_fd, (struct sockaddr *)&addr, &alen) != 0 ||
        pthread_create(&p->thread, NULL, peer_main, p) != 0) {
        close(p->listen_fd);
        return -1;
    }
    p->port = ntohs(addr.sin_port);
    return 0;
}

static void peer_stop(struct peer *p)
{
    pthread_join(p->thread, NULL);
    close(p->listen_fd);
}

static void test_goaway_at_handshake_is_reported(void)
{
    struct peer p;
    if (peer_start(&p, PEER_GOAWAY_AT_HELLO) != 0) {
        EXPECTF(0, "cannot start the scripted peer: %s", strerror(errno));
        return;
    }
    hack_client *c = (hack_client *)1;
    hack_error err;
    int rc = hack_connect("127.0.0.1", p.port, "test", &c, &err);
    EXPECTF(rc == HACK_STATUS_UNAVAILABLE, "rc %d %s", rc, err.message);
    EXPECT(c == NULL);
    EXPECT(strcmp(err.message, "draining — à bientôt") == 0);
    peer_stop(&p);
}

static void test_ping_answered_and_oversize_frame_rejected(void)
{
    struct peer p;
    if (peer_start(&p, PEER_PING_THEN_OVERSIZE) != 0) {
        EXPECTF(0, "cannot start the scripted peer: %s", strerror(errno));
        return;
    }
    hack_client *c = NULL;
    hack_error err;
    int rc = hack_connect("127.0.0.1", p.port, "test", &c, &err);
    EXPECTF(rc == 0, "connect: %s", err.message);
    if (c != NULL) {
        EXPECT(strcmp(hack_client_server_name(c), "scripted-peer") == 0);
        EXPECT(hack_client_max_frame_bytes(c) == 1024);
        ProtobufCMessage *resp = NULL;
        rc = hack_call_unary(c, "hack.v1.Events/List", NULL, &hack__v1__list_events_response__descriptor, 5000,
                             &resp, &err);
        EXPECTF(rc == HACK_ERR_PROTOCOL, "rc %d %s", rc, err.message);
        EXPECT(resp == NULL);
        EXPECT(strstr(err.message, "1026") != NULL);
        /* The connection is now unusable, and says why. */
        rc = hack_call_unary(c, "hack.v1.Events/List", NULL, &hack__v1__list_events_response__descriptor, 5000,
                             &resp, &err);
        EXPECTF(rc == HACK_ERR_CLOSED && strstr(err.message, "1026") != NULL, "rc %d %s", rc, err.message);
        hack_close(c);
    }
    peer_stop(&p);
    EXPECT(p.pong_ok);
}

static void test_bad_response_payload_is_decode_error(void)
{
    struct peer p;
    if (peer_start(&p, PEER_BAD_PAYLOAD) != 0) {
        EXPECTF(0, "cannot start the scripted peer: %s", strerror(errno));
        return;
    }
    hack_client *c = NULL;
    hack_error err;
    int rc = hack_connect("127.0.0.1", p.port, "test", &c, &err);
    EXPECTF(rc == 0, "connect: %s", err.message);
    if (c != NULL) {
        ProtobufCMessage *resp = NULL;
        rc = hack_call_unary(c, "hack.v1.Events/Get", NULL, &hack__v1__event__descriptor, 5000, &resp, &err);
        EXPECTF(rc == HACK_ERR_DECODE, "rc %d %s", rc, err.message);
        EXPECT(strstr(err.message, "hack.v1.Event") != NULL);
        EXPECT(resp == NULL);
        hack_close(c);
    }
    peer_stop(&p);
}

/* One Events/List on a scripted peer; it answers OK with an empty message. */
static void peer_call(hack_client *c)
{
    ProtobufCMessage *resp = NULL;
    hack_error err;
    int rc = hack_call_unary(c, "hack.v1.Events/List", NULL, &hack__v1__list_events_response__descriptor, 5000,
                             &resp, &err);
    EXPECT_CALL_OK(rc, err);
    if (resp != NULL) {
        protobuf_c_message_free_unpacked(resp, NULL);
    }
}

/* The wire: HELLO metadata from hack_connect_with_token, REQUEST metadata from hack_set_call_token. */
static void test_tokens_sent_as_bearer_metadata(void)
{
    struct peer p;
    if (peer_start(&p, PEER_RECORD_AUTH) != 0) {
        EXPECTF(0, "cannot start the scripted peer: %s", strerror(errno));
        return;
    }
    char *conn_token = strdup("hk_1_connection");
    EXPECT(conn_token != NULL);
    hack_client *c = NULL;
    hack_error err;
    int rc = hack_connect_with_token("127.0.0.1", p.port, "test", conn_token, &c, &err);
    free(conn_token); /* the library must not keep the caller's string */
    EXPECTF(rc == 0, "connect: %s", err.message);
    if (c != NULL) {
        peer_call(c); /* connection token only: no REQUEST metadata */

        char *call_token = strdup("hk_2_per-call");
        EXPECT(call_token != NULL);
        EXPECT(hack_set_call_token(c, call_token) == 0);
        free(call_token);
        peer_call(c);
        peer_call(c); /* the override stays until changed */

        EXPECT(hack_set_call_token(c, "hk_3_replaced") == 0);
        peer_call(c);

        EXPECT(hack_set_call_token(c, NULL) == 0);
        peer_call(c);
        EXPECT(hack_set_call_token(c, "hk_4_left-set-at-close") == 0); /* freed by hack_close */
        hack_close(c);
    }
    peer_stop(&p);

    EXPECT(p.hello.n_metadata == 1);
    EXPECTF(strcmp(p.hello.authorization, "Bearer hk_1_connection") == 0, "HELLO authorization \"%s\"",
            p.hello.authorization);
    static const char *const want[] = { NULL, "Bearer hk_2_per-call", "Bearer hk_2_per-call",
                                        "Bearer hk_3_replaced", NULL };
    EXPECTF(p.n_requests == 5, "%zu requests", p.n_requests);
    for (size_t i = 0; i < p.n_requests && i < 5; i++) {
        if (want[i] == NULL) {
            EXPECTF(p.requests[i].n_metadata == 0, "request %zu: %zu metadata", i, p.requests[i].n_metadata);
        } else {
            EXPECT(p.requests[i].n_metadata == 1);
            EXPECTF(strcmp(p.requests[i].authorization, want[i]) == 0, "request %zu: \"%s\"", i,
                    p.requests[i].authorization);
        }
    }
    EXPECT(hack_set_call_token(NULL, "x") == HACK_ERR_ARG);
}

/* hack_connect, and a NULL or empty token, send no metadata at all. */
static void test_no_token_sends_no_metadata(void)
{
    for (int variant = 0; variant < 3; variant++) {
        struct peer p;
        if (peer_start(&p, PEER_RECORD_AUTH) != 0) {
            EXPECTF(0, "cannot start the scripted peer: %s", strerror(errno));
            return;
        }
        hack_client *c = NULL;
        hack_error err;
        int rc = variant == 0 ? hack_connect("127.0.0.1", p.port, "test", &c, &err)
                              : hack_connect_with_token("127.0.0.1", p.port, "test", variant == 1 ? NULL : "", &c,
                                                        &err);
        EXPECTF(rc == 0, "variant %d: connect: %s", variant, err.message);
        if (c != NULL) {
            EXPECT(hack_set_call_token(c, "") == 0); /* "" clears, like NULL */
            peer_call(c);
            hack_close(c);
        }
        peer_stop(&p);
        EXPECTF(p.hello.n_metadata == 0, "variant %d: HELLO with %zu metadata", variant, p.hello.n_metadata);
        EXPECTF(p.n_requests == 1 && p.requests[0].n_metadata == 0, "variant %d: %zu requests", variant,
                p.n_requests);
    }
}

/* ------------------------------------------------------------------------- */

int main(int argc, char **argv)
{
    int unit_only = argc > 1 && strcmp(argv[1], "--unit") == 0;
    signal(SIGPIPE, SIG_IGN);

    RUN(test_encode_matches_spec_example);
    RUN(test_encode_header_fields);
    RUN(test_decode_whole_frame);
    RUN(test_decode_split_input);
    RUN(test_decode_coalesced_input);
    RUN(test_decode_oversize_length);
    RUN(test_decode_length_below_minimum);
    RUN(test_status_names);
    RUN(test_frame_kinds_match_schema);
    RUN(test_tokens_file_reader);
    RUN(test_connect_refused_is_io_error);
    RUN(test_goaway_at_handshake_is_reported);
    RUN(test_ping_answered_and_oversize_frame_rejected);
    RUN(test_bad_response_payload_is_decode_error);
    RUN(test_tokens_sent_as_bearer_metadata);
    RUN(test_no_token_sends_no_metadata);

    if (!unit_only) {
        int before = g_failed;
        RUN(test_server_starts);
        if (g_failed == before) {
            RUN(test_handshake);
            RUN(test_events_list_has_demo_event);
            RUN(test_get_unknown_event_is_not_found);
            RUN(test_unknown_method_is_unimplemented);
            RUN(test_territory_utf8_round_trip);
            RUN(test_garbage_connection_does_not_hurt_others);
            RUN(test_no_token_is_unauthenticated);
            RUN(test_garbage_token_is_unauthenticated);
            RUN(test_observer_whoami);
            RUN(test_observer_cannot_create_territory);
            RUN(test_call_token_overrides_connection_token);
        } else {
            printf("     (live tests skipped: hackd did not start)\n");
        }
        RUN(test_server_stops_on_sigterm);
    }

    printf("%d passed, %d failed\n", g_passed, g_failed);
    return g_failed == 0 ? 0 : 1;
}
