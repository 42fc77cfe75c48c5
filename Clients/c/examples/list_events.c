/**
 * @file list_events.c
 * @brief Lists the events of a hackd server, one line each:
 *        slug, name, number of agenda phases, number of territories.
 *
 * Usage: list_events [HOST:PORT]
 * The address comes from the argument, else $HACKCTL_SERVER, else
 * 127.0.0.1:7420. IPv6 literals go in brackets: [::1]:7420.
 * The token comes from $HACKCTL_TOKEN (the same variable as hackctl), sent
 * as "authorization: Bearer <token>"; unset or empty: no token.
 * On failure it prints "STATUS_NAME: message" and exits with status 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hack/v1/services.pb-c.h"
#include "hackclient.h"

#define DEFAULT_SERVER "127.0.0.1:7420"
#define CALL_TIMEOUT_MS 10000u

static void usage(FILE *out)
{
    fputs("usage: list_events [HOST:PORT]\n"
          "  Lists the events of a hackd server: slug, name, phases, territories.\n"
          "  HOST:PORT        the server (IPv6 in brackets: [::1]:7420); default\n"
          "                   $HACKCTL_SERVER, else " DEFAULT_SERVER "\n"
          "environment:\n"
          "  HACKCTL_SERVER   the server address, when no argument is given\n"
          "  HACKCTL_TOKEN    the token's secret (as for hackctl), presented as\n"
          "                   \"authorization: Bearer <secret>\"; unset or empty: none\n",
          out);
}

int main(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        usage(stdout);
        return 0;
    }
    if (argc > 2) {
        usage(stderr);
        return 2;
    }
    const char *addr = argc > 1 ? argv[1] : getenv("HACKCTL_SERVER");
    if (addr == NULL || addr[0] == '\0') {
        addr = DEFAULT_SERVER;
    }
    char host[256];
    uint16_t port;
    if (hack_parse_address(addr, host, sizeof host, &port) != 0) {
        fprintf(stderr, "INVALID_ARGUMENT: \"%s\" is not HOST:PORT\n", addr);
        usage(stderr);
        return 2;
    }

    hack_client *client;
    hack_error err;
    const char *token = getenv("HACKCTL_TOKEN"); /* NULL or "": no token */
    if (hack_connect_with_token(host, port, "list_events (hackclient C)", token, &client, &err) != 0) {
        fprintf(stderr, "%s: %s\n", hack_status_name(err.status), err.message);
        return 1;
    }

    Hack__V1__ListEventsRequest request = HACK__V1__LIST_EVENTS_REQUEST__INIT;
    ProtobufCMessage *response;
    int rc = hack_call_unary(client, "hack.v1.Events/List", &request.base,
                             &hack__v1__list_events_response__descriptor, CALL_TIMEOUT_MS, &response, &err);
    hack_close(client);
    if (rc != 0) {
        fprintf(stderr, "%s: %s\n", hack_status_name(err.status), err.message);
        return 1;
    }

    const Hack__V1__ListEventsResponse *list = (const Hack__V1__ListEventsResponse *)response;
    for (size_t i = 0; i < list->n_events; i++) {
        const Hack__V1__Event *e = list->events[i];
        printf("%s\t%s\t%zu phases\t%zu territories\n", e->slug, e->name, e->n_agenda, e->n_territory_slugs);
    }
    protobuf_c_message_free_unpacked(response, NULL);
    return 0;
}
