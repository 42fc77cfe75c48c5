/**
 * @file list_events.c
 * @brief Lists the events of a hackd server, one line each:
 *        slug, name, number of agenda phases, number of territories.
 *
 * Usage: list_events [HOST:PORT]
 * The address comes from the argument, else $HACKCTL_SERVER, else
 * 127.0.0.1:7420. IPv6 literals go in brackets: [::1]:7420.
 * On failure it prints "STATUS_NAME: message" and exits with status 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hack/v1/services.pb-c.h"
#include "hackclient.h"

#define DEFAULT_SERVER "127.0.0.1:7420"
#define CALL_TIMEOUT_MS 10000u

/**
 * Splits "host:port" or "[v6]:port" into @p host (capacity @p cap) and @p port.
 * @return 0 on success, -1 if the address is malformed
 */
static int parse_address(const char *addr, char *host, size_t cap, uint16_t *port)
{
    const char *colon = strrchr(addr, ':');
    if (colon == NULL || colon == addr || colon[1] == '\0') {
        return -1;
    }
    const char *start = addr;
    const char *end = colon;
    if (addr[0] == '[') {
        if (end[-1] != ']') {
            return -1;
        }
        start++;
        end--;
    }
    size_t len = (size_t)(end - start);
    if (len == 0 || len >= cap) {
        return -1;
    }
    memcpy(host, start, len);
    host[len] = '\0';

    char *stop;
    errno = 0;
    unsigned long p = strtoul(colon + 1, &stop, 10);
    if (errno != 0 || *stop != '\0' || p == 0 || p > 65535) {
        return -1;
    }
    *port = (uint16_t)p;
    return 0;
}

int main(int argc, char **argv)
{
    const char *addr = argc > 1 ? argv[1] : getenv("HACKCTL_SERVER");
    if (addr == NULL || addr[0] == '\0') {
        addr = DEFAULT_SERVER;
    }
    char host[256];
    uint16_t port;
    if (parse_address(addr, host, sizeof host, &port) != 0) {
        fprintf(stderr, "INVALID_ARGUMENT: \"%s\" is not HOST:PORT\n", addr);
        return 2;
    }

    hack_client *client;
    hack_error err;
    if (hack_connect(host, port, "list_events (hackclient C)", &client, &err) != 0) {
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
