/* libgbo — validating many inputs on a pool of worker threads, results in
 * input order through a bounded reorder window.
 *
 * The calling thread is the producer: it walks the inputs in order, opens
 * each and looks at its first bytes. A single document from a file or from
 * memory becomes one unit of work that a worker reads and checks whole. A
 * bundle is read and checked item by item on the calling thread, in place
 * (its reader is sequential), while the workers take the files around it.
 * Every unit takes a slot in a ring of WINDOW_PER_JOB × jobs results; the
 * producer waits for the oldest to be delivered before it reuses a slot, and
 * delivers — calls the caller's function and frees — each result in order
 * as soon as it is done. While it waits it checks units no worker has taken
 * yet. With one job everything runs on the calling thread. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gbo/batch.h>

#include "alloc.h"
#include "bundle_internal.h"
#include "error.h"
#include "validate_internal.h"
#include "xml.h"
#include "xml_stream.h"

/* What is read of an input before deciding whether it is a bundle (see
 * gbo_is_bundle()). */
#define HEAD_BYTES 65536

/* A regular file smaller than this is read whole into memory at once. */
#define WHOLE_FILE_BYTES (1u << 20)

/* Results in flight per job: enough that the workers seldom wait for the
 * thread that hands work out and delivers it (a ring of 2 x jobs made them
 * trade places at every document), few enough to keep memory flat. */
#define WINDOW_PER_JOB 16

/* ---- inputs ----------------------------------------------------------------- */

typedef enum input_kind { INPUT_FILE, INPUT_MEMORY, INPUT_IO } input_kind;

typedef struct input_spec {
    input_kind kind;
    char *path;
    const char *data;
    size_t size;
    gbo_read_fn read_fn;
    void *source;
} input_spec;

struct gbo_inputs {
    input_spec *items;
    size_t count, cap;
};

gbo_inputs *gbo_inputs_new(gbo_error *err)
{
    gbo_inputs *in = gbop_calloc(1, sizeof *in);
    if (!in)
        gbop_nomem(err);
    return in;
}

void gbo_inputs_free(gbo_inputs *in)
{
    if (!in)
        return;
    for (size_t i = 0; i < in->count; i++)
        gbop_free(in->items[i].path);
    gbop_free(in->items);
    gbop_free(in);
}

static gbo_status add(gbo_inputs *in, const input_spec *item, gbo_error *err)
{
    if (gbop_grow((void **)&in->items, &in->cap, in->count + 1, sizeof *in->items))
        return gbop_nomem(err);
    in->items[in->count++] = *item;
    return GBO_OK;
}

gbo_status gbo_inputs_add_file(gbo_inputs *in, const char *path, gbo_error *err)
{
    input_spec item = { INPUT_FILE, NULL, NULL, 0, NULL, NULL };
    gbo_status status;
    if (!in || !path)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL argument");
    if (!(item.path = gbop_strdup(path)))
        return gbop_nomem(err);
    if ((status = add(in, &item, err)) != GBO_OK)
        gbop_free(item.path);
    return status;
}

gbo_status gbo_inputs_add_memory(gbo_inputs *in, const char *data, size_t size, gbo_error *err)
{
    input_spec item = { INPUT_MEMORY, NULL, data ? data : "", size, NULL, NULL };
    if (!in || (!data && size))
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL argument");
    return add(in, &item, err);
}

gbo_status gbo_inputs_add_io(gbo_inputs *in, gbo_read_fn read_fn, void *source, gbo_error *err)
{
    input_spec item = { INPUT_IO, NULL, NULL, 0, read_fn, source };
    if (!in || !read_fn)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL argument");
    return add(in, &item, err);
}

size_t gbo_inputs_count(const gbo_inputs *in)
{
    return in ? in->count : 0;
}

/* ---- a source whose first bytes were read to look at them ----------------------- */

typedef struct headed {
    char *head;
    size_t size, pos;
    gbo_read_fn read_fn; /* the rest */
    void *source;
    int fd; /* a file's, closed with the source; -1 */
    bool whole; /* the head is all there is */
} headed;

static ptrdiff_t read_fd(void *source, char *buffer, size_t size)
{
    return gbop_read_fd(((const headed *)source)->fd, buffer, size);
}

static ptrdiff_t read_headed(void *source, char *buffer, size_t size)
{
    headed *h = source;
    if (h->pos < h->size) {
        size_t n = h->size - h->pos < size ? h->size - h->pos : size;
        memcpy(buffer, h->head + h->pos, n);
        h->pos += n;
        return (ptrdiff_t)n;
    }
    if (h->whole)
        return 0; /* the head was all there is */
    return h->read_fn(h->fd >= 0 ? (void *)h : h->source, buffer, size);
}

static void headed_free(headed *h)
{
    if (!h)
        return;
    if (h->fd >= 0)
        close(h->fd);
    gbop_free(h->head);
    gbop_free(h);
}

/* Open an input that is read (a file, a callback) and read its head. */
static gbo_status headed_open(const input_spec *in, headed **out, gbo_error *err)
{
    headed *h = gbop_calloc(1, sizeof *h);
    int saved;

    size_t cap = HEAD_BYTES;
    struct stat st;

    *out = NULL;
    if (!h)
        return gbop_nomem(err);
    h->fd = -1;
    if (in->kind == INPUT_FILE) {
        h->fd = open(in->path, O_RDONLY | O_CLOEXEC);
        if (h->fd < 0) {
            saved = errno;
            headed_free(h);
            gbop_fail(err, GBO_E_IO, NULL, NULL, "cannot open the input: %s", strerror(saved));
            errno = saved;
            return GBO_E_IO;
        }
        /* a regular file of a document's size is read whole, at once */
        if (fstat(h->fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0 &&
            (uintmax_t)st.st_size < WHOLE_FILE_BYTES)
            cap = (size_t)st.st_size + 1;
        h->read_fn = read_fd;
    } else {
        h->read_fn = in->read_fn;
        h->source = in->source;
    }
    if (!(h->head = gbop_malloc(cap))) {
        headed_free(h);
        return gbop_nomem(err);
    }
    if (gbop_read_head(h->read_fn, h->fd >= 0 ? (void *)h : h->source, h->head, cap, &h->size,
                       "input", err) != GBO_OK) {
        saved = errno;
        headed_free(h);
        errno = saved;
        return GBO_E_IO;
    }
    h->whole = h->size < cap; /* the source ended within the head */
    if (h->whole && h->fd >= 0) { /* read: no descriptor stays open while it waits */
        close(h->fd);
        h->fd = -1;
    }
    *out = h;
    return GBO_OK;
}

/* ---- results ------------------------------------------------------------------ */

typedef enum slot_state { SLOT_FREE, SLOT_PENDING, SLOT_RUNNING, SLOT_DONE } slot_state;

struct gbo_result {
    size_t input, index;
    gbo_status status;
    gbo_error err;
    char *document_id;
    gbo_diagnostics *diags;
    gbo_entity *entity;
    double seconds;
    /* the work: a document to read (from `source`, or `data`) */
    headed *source;
    const char *data;
    size_t size;
    slot_state state;
};

size_t gbo_result_input(const gbo_result *r) { return r ? r->input : 0; }
size_t gbo_result_index(const gbo_result *r) { return r ? r->index : 0; }
gbo_status gbo_result_status(const gbo_result *r) { return r ? r->status : GBO_E_INVALID_ARG; }
const gbo_error *gbo_result_error(const gbo_result *r) { return r ? &r->err : NULL; }
const gbo_diagnostics *gbo_result_diagnostics(const gbo_result *r) { return r ? r->diags : NULL; }
const gbo_entity *gbo_result_entity(const gbo_result *r) { return r ? r->entity : NULL; }
double gbo_result_seconds(const gbo_result *r) { return r ? r->seconds : 0; }

const char *gbo_result_document_id(const gbo_result *r)
{
    return r && r->document_id ? r->document_id : "";
}

gbo_diagnostics *gbo_result_take_diagnostics(gbo_result *r)
{
    gbo_diagnostics *d = r ? r->diags : NULL;
    if (r)
        r->diags = NULL;
    return d;
}

gbo_entity *gbo_result_take_entity(gbo_result *r)
{
    gbo_entity *e = r ? r->entity : NULL;
    if (r)
        r->entity = NULL;
    return e;
}

static void result_clear(gbo_result *r)
{
    gbop_free(r->document_id);
    gbo_diagnostics_free(r->diags);
    gbo_entity_free(r->entity);
    headed_free(r->source);
    memset(r, 0, sizeof *r);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- the run ------------------------------------------------------------------- */

typedef struct run {
    const gbo_validator *v;
    gbo_lang lang;
    gbo_result_fn fn;
    void *user;
    unsigned jobs;         /* threads that may check units: workers, or 1 */
    gbo_result *ring;
    size_t window;
    size_t next;           /* sequence number of the next result */
    size_t delivered;      /* results handed to fn so far */
    bool cancelled;        /* fn asked to stop */
    /* the workers */
    pthread_t *threads;
    unsigned started;
    bool closing;
    pthread_mutex_t lock;
    pthread_cond_t work, done;
} run;

/* The model's verdict on a read document: validated, or refused. */
static void finish(const run *R, gbo_result *r, gbo_status status)
{
    if (status == GBO_OK) {
        const char *id = gbo_entity_get(r->entity, GBO_EXCHANGE_ID);
        if (!(r->document_id = gbop_strdup(id ? id : "")))
            status = gbop_nomem(&r->err);
        else
            status = gbo_validate_entity(R->v, r->entity, r->diags, &r->err);
    } else if (status == GBO_E_DOCUMENT) {
        status = GBO_OK; /* examined: the findings are the result */
    }
    r->status = status;
}

/* Check one unit: read and validate a document. */
static void check(const run *R, gbo_result *r)
{
    double start = now();
    gbo_status status;
    if (r->source && r->source->whole) {
        status = gbo_exchange_read_memory(r->source->head, r->source->size, &R->v->limits,
                                          &r->entity, r->diags, &r->err);
        headed_free(r->source);
        r->source = NULL;
    } else if (r->source) {
        status = gbo_exchange_read_io(read_headed, r->source, &R->v->limits, &r->entity, r->diags,
                                      &r->err);
        headed_free(r->source);
        r->source = NULL;
    } else {
        status = gbo_exchange_read_memory(r->data, r->size, &R->v->limits, &r->entity, r->diags,
                                          &r->err);
    }
    finish(R, r, status);
    r->seconds += now() - start;
}

static void *worker(void *arg)
{
    run *R = arg;
    pthread_mutex_lock(&R->lock);
    for (;;) {
        gbo_result *r = NULL;
        for (size_t seq = R->delivered; seq < R->next && !r; seq++)
            if (R->ring[seq % R->window].state == SLOT_PENDING)
                r = &R->ring[seq % R->window];
        if (r) {
            r->state = SLOT_RUNNING;
            pthread_mutex_unlock(&R->lock);
            check(R, r);
            pthread_mutex_lock(&R->lock);
            r->state = SLOT_DONE;
            /* the calling thread waits only ever for the oldest result */
            if (r == &R->ring[R->delivered % R->window])
                pthread_cond_signal(&R->done);
        } else if (R->closing) {
            break;
        } else {
            pthread_cond_wait(&R->work, &R->lock);
        }
    }
    pthread_mutex_unlock(&R->lock);
    return NULL;
}

/* Start the workers once there is more than one unit to share. */
static void start_workers(run *R)
{
    if (R->threads || R->jobs < 2)
        return;
    R->threads = gbop_calloc(R->jobs, sizeof *R->threads);
    for (unsigned t = 0; R->threads && t < R->jobs; t++) {
        if (pthread_create(&R->threads[R->started], NULL, worker, R) != 0)
            break; /* fewer workers; the calling thread helps in any case */
        R->started++;
    }
}

/* Hand the oldest result to fn when it is done; with `wait`, wait for it
 * (checking it here if no worker has taken it). false when there is none,
 * or it is not done and we do not wait. */
static bool deliver_one(run *R, bool wait)
{
    gbo_result *r;
    bool done;
    if (R->delivered == R->next)
        return false;
    r = &R->ring[R->delivered % R->window];
    pthread_mutex_lock(&R->lock);
    if (R->cancelled) /* stopped: what no one has taken is not checked */
        for (size_t seq = R->delivered; seq < R->next; seq++)
            if (R->ring[seq % R->window].state == SLOT_PENDING)
                R->ring[seq % R->window].state = SLOT_DONE;
    while (r->state != SLOT_DONE && wait) {
        /* rather than wait, check a unit no worker has taken, the oldest first */
        gbo_result *own = NULL;
        for (size_t seq = R->delivered; seq < R->next && !own; seq++)
            if (R->ring[seq % R->window].state == SLOT_PENDING)
                own = &R->ring[seq % R->window];
        if (!own) {
            pthread_cond_wait(&R->done, &R->lock);
            continue;
        }
        own->state = SLOT_RUNNING;
        pthread_mutex_unlock(&R->lock);
        check(R, own);
        pthread_mutex_lock(&R->lock);
        own->state = SLOT_DONE;
    }
    done = r->state == SLOT_DONE;
    pthread_mutex_unlock(&R->lock);
    if (!done)
        return false;
    if (!R->cancelled && R->fn(R->user, r) != 0)
        R->cancelled = true;
    /* out of every worker's scan before it is cleared */
    pthread_mutex_lock(&R->lock);
    R->delivered++;
    pthread_mutex_unlock(&R->lock);
    result_clear(r);
    return true;
}

/* A free slot for the next result, its diagnostics list ready. NULL when
 * out of memory. */
static gbo_result *reserve(run *R, size_t input, size_t index)
{
    gbo_result *r;
    while (R->next - R->delivered >= R->window)
        deliver_one(R, true);
    r = &R->ring[R->next % R->window];
    r->input = input;
    r->index = index;
    r->diags = gbo_diagnostics_new(&r->err);
    if (!r->diags)
        return NULL;
    gbo_diagnostics_set_lang(r->diags, R->lang);
    return r;
}

/* Publish the reserved result: to be checked (pending), or done already. */
static void publish(run *R, gbo_result *r, bool pending)
{
    if (pending && R->jobs < 2) {
        check(R, r); /* one job: here and now */
        pending = false;
    }
    pthread_mutex_lock(&R->lock);
    r->state = pending ? SLOT_PENDING : SLOT_DONE;
    R->next++;
    if (pending)
        pthread_cond_signal(&R->work);
    pthread_mutex_unlock(&R->lock);
    if (pending && R->next - R->delivered > 1)
        start_workers(R);
    while (deliver_one(R, false))
        ;
}

/* A result that says why an input or an item could not be examined. */
static void publish_failure(run *R, size_t input, size_t index, gbo_status status,
                            const gbo_error *err)
{
    gbo_result *r = reserve(R, input, index);
    if (!r) {
        r = &R->ring[R->next % R->window];
        status = GBO_E_NOMEM;
    }
    r->status = status;
    if (err && r->err.status != GBO_E_NOMEM)
        r->err = *err;
    publish(R, r, false);
}

/* ---- bundles ------------------------------------------------------------------- */

typedef struct item_ctx {
    run *R;
    gbo_result *r;
    bool called;
} item_ctx;

/* An expanded item, built in place: the rules run when it is published.
 * (Copying each item into a tree of its own for a worker was measured:
 * on two cores the copies' allocation and release made a bundle 1.7 times
 * slower than reading it here, so items stay on this thread while workers
 * take the files; docs/performance.md.) */
static gbo_status take_item(void *arg, xmlNodePtr item, const gbo_limits *limits,
                            gbo_diagnostics *diags, size_t start, gbo_error *err)
{
    item_ctx *c = arg;
    gbo_status status;
    (void)start;
    c->called = true;
    status = gbop_exchange_from_element(item, limits, &c->r->entity, diags, err);
    return status == GBO_E_DOCUMENT ? GBO_OK : status; /* a refusal is a finding */
}

static void produce_bundle(run *R, size_t input, gbo_bundle_reader *b)
{
    for (;;) {
        item_ctx c = { R, NULL, false };
        double start;
        gbo_status status;
        bool ended, failed;

        if (!(c.r = reserve(R, input, gbo_bundle_index(b) + 1))) {
            publish_failure(R, input, gbo_bundle_index(b) + 1, GBO_E_NOMEM, NULL);
            return;
        }
        start = now(); /* the item's own time, not the wait for a slot */
        status = gbop_bundle_next_with(b, take_item, &c, c.r->diags, &c.r->err);
        c.r->seconds = now() - start;
        ended = status == GBO_OK && !c.called;
        failed = status != GBO_OK && (status != GBO_E_DOCUMENT || gbo_bundle_failed(b));
        if (ended && gbo_diagnostics_count(c.r->diags) == 0) {
            result_clear(c.r); /* the end of the bundle: no item */
            return;
        }
        if (c.called && status == GBO_OK) {
            /* built in place; the rules now */
            double t = now();
            finish(R, c.r, c.r->entity ? GBO_OK : GBO_E_DOCUMENT);
            c.r->seconds += now() - t;
        } else {
            c.r->status = status == GBO_E_DOCUMENT ? GBO_OK : status;
        }
        publish(R, c.r, false);
        if (ended || failed || R->cancelled)
            return;
    }
}

/* ---- inputs to units ------------------------------------------------------------ */

static void produce(run *R, size_t i, const input_spec *in)
{
    gbo_error err;
    headed *h = NULL;
    gbo_result *r;
    bool bundle;

    if (in->kind == INPUT_MEMORY) {
        bundle = gbo_is_bundle(in->data, in->size < HEAD_BYTES ? in->size : HEAD_BYTES);
    } else {
        gbo_status status = headed_open(in, &h, &err);
        if (status != GBO_OK) {
            publish_failure(R, i, 0, status, &err);
            return;
        }
        bundle = gbo_is_bundle(h->head, h->size);
    }
    if (bundle) {
        gbo_bundle_reader *b = h ? gbo_bundle_open_io(read_headed, h, &R->v->limits, &err)
                                 : gbo_bundle_open_memory(in->data, in->size, &R->v->limits, &err);
        if (b)
            produce_bundle(R, i, b);
        else
            publish_failure(R, i, 0, err.status, &err);
        gbo_bundle_close(b);
        headed_free(h);
        return;
    }
    if (!(r = reserve(R, i, 0))) {
        headed_free(h);
        publish_failure(R, i, 0, GBO_E_NOMEM, NULL);
        return;
    }
    r->source = h;
    r->data = in->data;
    r->size = in->size;
    if (in->kind == INPUT_IO) { /* the callback is read on this thread */
        check(R, r);
        publish(R, r, false);
    } else {
        publish(R, r, true);
    }
}

gbo_status gbo_validate_many(const gbo_validator *v, const gbo_inputs *inputs, unsigned jobs,
                             gbo_lang lang, gbo_result_fn fn, void *user, gbo_error *err)
{
    run R;
    gbo_status status = GBO_OK;

    if (!v || !inputs || !fn)
        return gbop_fail(err, GBO_E_INVALID_ARG, NULL, NULL, "NULL argument");
    memset(&R, 0, sizeof R);
    if (jobs == 0) {
        long online = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = online > 0 ? (unsigned)online : 1;
    }
    R.v = v;
    R.lang = lang;
    R.fn = fn;
    R.user = user;
    R.jobs = jobs;
    R.window = WINDOW_PER_JOB * (size_t)jobs;
    R.ring = gbop_calloc(R.window, sizeof *R.ring);
    if (!R.ring)
        return gbop_nomem(err);
    gbop_schema(NULL); /* compiled once, before any thread needs it */
    pthread_mutex_init(&R.lock, NULL);
    pthread_cond_init(&R.work, NULL);
    pthread_cond_init(&R.done, NULL);

    for (size_t i = 0; i < inputs->count && !R.cancelled; i++)
        produce(&R, i, &inputs->items[i]);
    while (deliver_one(&R, true))
        ;

    pthread_mutex_lock(&R.lock);
    R.closing = true;
    pthread_cond_broadcast(&R.work);
    pthread_mutex_unlock(&R.lock);
    for (unsigned t = 0; t < R.started; t++)
        pthread_join(R.threads[t], NULL);
    gbop_free(R.threads);
    pthread_cond_destroy(&R.done);
    pthread_cond_destroy(&R.work);
    pthread_mutex_destroy(&R.lock);
    gbop_free(R.ring);
    if (R.cancelled)
        status = gbop_fail(err, GBO_E_CANCELLED, NULL, NULL, "the result function stopped the run");
    return status;
}
