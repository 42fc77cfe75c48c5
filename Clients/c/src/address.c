/**
 * @file address.c
 * @brief Parsing "HOST:PORT" addresses, as given to hackctl and the examples.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int hack_parse_address(const char *addr, char *host, size_t cap, uint16_t *port)
{
    if (addr == NULL || host == NULL || port == NULL) {
        return HACK_ERR_ARG;
    }
    const char *colon = strrchr(addr, ':');
    if (colon == NULL || colon == addr || colon[1] == '\0') {
        return HACK_ERR_ARG;
    }
    const char *start = addr;
    const char *end = colon;
    if (addr[0] == '[') {
        if (end[-1] != ']') {
            return HACK_ERR_ARG;
        }
        start++;
        end--;
    }
    size_t len = (size_t)(end - start);
    if (len == 0 || len >= cap) {
        return HACK_ERR_ARG;
    }

    char *stop;
    errno = 0;
    unsigned long p = strtoul(colon + 1, &stop, 10);
    if (errno != 0 || *stop != '\0' || colon[1] < '0' || colon[1] > '9' || p == 0 || p > 65535) {
        return HACK_ERR_ARG;
    }
    memcpy(host, start, len);
    host[len] = '\0';
    *port = (uint16_t)p;
    return 0;
}
