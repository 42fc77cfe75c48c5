/**
 * @file tokens.c
 * @brief The tokens this server knows: read from hackd's --demo-tokens file
 *        (a JSON array of {"name", "role", "scope", "secret"}), kept as hackd
 *        keeps them: the id, the grant, and the SHA-256 of the secret's
 *        verifier (`hk_<id>_<verifier>`), never the secret itself.
 */
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cserver.h"

static token **by_id;
static int64_t n_ids;

const token *token_by_id(int64_t id)
{
    return id > 0 && id < n_ids ? by_id[id] : NULL;
}

/* A JSON string at *p (after its opening quote), unescaped into a new string. */
static char *json_string(const char **p)
{
    const char *s = *p;
    size_t cap = strlen(s) + 1, n = 0;
    char *out = malloc(cap);
    if (out == NULL) {
        return NULL;
    }
    while (*s != '\0' && *s != '"') {
        if (*s == '\\' && s[1] != '\0') {
            s++;
            char e = *s++;
            if (e == 'u') {
                unsigned cp = 0;
                if (sscanf(s, "%4x", &cp) != 1) {
                    free(out);
                    return NULL;
                }
                s += 4;
                if (cp < 0x80) {
                    out[n++] = (char)cp;
                } else if (cp < 0x800) {
                    out[n++] = (char)(0xC0 | cp >> 6);
                    out[n++] = (char)(0x80 | (cp & 0x3F));
                } else { /* no surrogate pairs in hackd's output: names are written as UTF-8 */
                    out[n++] = (char)(0xE0 | cp >> 12);
                    out[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                    out[n++] = (char)(0x80 | (cp & 0x3F));
                }
            } else {
                out[n++] = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == 'b' ? '\b' : e == 'f' ? '\f' : e;
            }
        } else {
            out[n++] = *s++;
        }
    }
    if (*s != '"') {
        free(out);
        return NULL;
    }
    out[n] = '\0';
    *p = s + 1;
    return out;
}

static const char *const role_names[] = {"admin", "organiser", "moderator", "territory",
                                         "juror", "team", "observer"};

static int add_token(char *name, char *role, char *scope, char *secret)
{
    int r = -1;
    for (int i = 0; i < 7; i++) {
        if (strcmp(role, role_names[i]) == 0) {
            r = i;
        }
    }
    long long id = 0;
    int used = 0;
    if (r < 0 || sscanf(secret, "hk_%lld_%n", &id, &used) != 1 || used == 0 || id <= 0 || id > 1000000) {
        return -1;
    }
    token *t = calloc(1, sizeof *t);
    if (t == NULL) {
        return -1;
    }
    t->id = id;
    t->name = name;
    t->role = r;
    const char *verifier = secret + used;
    SHA256((const unsigned char *)verifier, strlen(verifier), t->hash);
    /* The scope: "", "EVENT", "EVENT/TERRITORY" or "EVENT/team N". */
    if (r != ROLE_ADMIN) {
        char *slash = strchr(scope, '/');
        if (slash != NULL) {
            *slash = '\0';
            long long team = 0;
            if (r == ROLE_TEAM && sscanf(slash + 1, "team %lld", &team) == 1) {
                t->team_id = team;
            } else {
                t->territory_slug = strdup(slash + 1);
            }
        }
        t->event_slug = strdup(scope);
    }
    free(scope);
    free(role);
    free(secret);
    if (id >= n_ids) {
        token **grown = realloc(by_id, (size_t)(id + 1) * sizeof *grown);
        if (grown == NULL) {
            return -1;
        }
        memset(grown + n_ids, 0, (size_t)(id + 1 - n_ids) * sizeof *grown);
        by_id = grown;
        n_ids = id + 1;
    }
    by_id[id] = t;
    return 0;
}

int tokens_load(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return -1;
    }
    static char text[1 << 20];
    size_t len = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[len] = '\0';
    /* A flat array of objects of string values: key, value, key, value… */
    const char *p = text;
    char *name = NULL, *role = NULL, *scope = NULL, *secret = NULL, *key = NULL;
    int found = 0;
    while ((p = strpbrk(p, "\"}")) != NULL) {
        if (*p == '}') {
            if (name == NULL || role == NULL || scope == NULL || secret == NULL ||
                add_token(name, role, scope, secret) != 0) {
                return -1;
            }
            name = role = scope = secret = NULL;
            found++;
            p++;
            continue;
        }
        p++;
        char *s = json_string(&p);
        if (s == NULL) {
            return -1;
        }
        if (key == NULL) {
            key = s;
            continue;
        }
        char **slot = strcmp(key, "name") == 0 ? &name : strcmp(key, "role") == 0 ? &role
                    : strcmp(key, "scope") == 0 ? &scope : strcmp(key, "secret") == 0 ? &secret : NULL;
        if (slot != NULL) {
            free(*slot);
            *slot = s;
        } else {
            free(s);
        }
        free(key);
        key = NULL;
    }
    return found > 0 ? 0 : -1;
}
