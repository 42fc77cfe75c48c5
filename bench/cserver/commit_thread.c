/**
 * @file commit_thread.c
 * @brief The commits on a thread of their own (--commit-thread,
 *        --stream-rows): the loop hands over work (a batch's rows, its
 *        COMMIT, or both) in order, under a mutex, waking the thread with a
 *        condition variable; each finished transaction comes back to the
 *        loop through a uv_async_t.
 */
#include <pthread.h>
#include <stdlib.h>

#include "commit.h"

typedef struct op {
    batch *b;
    change **items; /* the thread's to free */
    int n, commit;
    struct op *next;
} op;

static pthread_t thread;
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static op *ops_head, *ops_tail;
static batch *landed_head, *landed_tail;
static int stopping, running;
static uv_async_t *async;
static void (*on_landed_batch)(batch *b);

static void *thread_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mutex);
    for (;;) {
        while (ops_head == NULL && !stopping) {
            pthread_cond_wait(&wake, &mutex);
        }
        if (ops_head == NULL) {
            break;
        }
        op *o = ops_head;
        ops_head = o->next;
        if (ops_head == NULL) {
            ops_tail = NULL;
        }
        pthread_mutex_unlock(&mutex);
        if (o->n > 0) {
            store_rows(o->b, o->items, o->n);
        }
        if (o->commit) {
            store_end(o->b);
        }
        if (o->items != o->b->items) {
            free(o->items);
        }
        pthread_mutex_lock(&mutex);
        if (o->commit) {
            o->b->next = NULL;
            if (landed_tail != NULL) {
                landed_tail->next = o->b;
            } else {
                landed_head = o->b;
            }
            landed_tail = o->b;
            uv_async_send(async);
        }
        free(o);
    }
    pthread_mutex_unlock(&mutex);
    return NULL;
}

static void on_async(uv_async_t *a)
{
    (void)a;
    pthread_mutex_lock(&mutex);
    batch *b = landed_head;
    landed_head = landed_tail = NULL;
    pthread_mutex_unlock(&mutex);
    while (b != NULL) {
        batch *next = b->next;
        on_landed_batch(b);
        b = next;
    }
}

void thread_post(batch *b, change **items, int n, int commit)
{
    op *o = calloc(1, sizeof *o);
    if (o == NULL) {
        abort();
    }
    o->b = b;
    o->items = items;
    o->n = n;
    o->commit = commit;
    pthread_mutex_lock(&mutex);
    if (ops_tail != NULL) {
        ops_tail->next = o;
    } else {
        ops_head = o;
    }
    ops_tail = o;
    pthread_cond_signal(&wake);
    pthread_mutex_unlock(&mutex);
}

void thread_start(void (*landed)(batch *b))
{
    on_landed_batch = landed;
    if ((async = calloc(1, sizeof *async)) == NULL || uv_async_init(loop, async, on_async) != 0 ||
        pthread_create(&thread, NULL, thread_main, NULL) != 0) {
        abort();
    }
    running = 1;
}

static void free_handle(uv_handle_t *h)
{
    free(h);
}

void thread_stop(void)
{
    if (!running) {
        return;
    }
    running = 0;
    pthread_mutex_lock(&mutex);
    stopping = 1;
    pthread_cond_signal(&wake);
    pthread_mutex_unlock(&mutex);
    pthread_join(thread, NULL); /* what was handed over lands first */
    on_async(async);
    uv_close((uv_handle_t *)async, free_handle);
}
