/* libgbo — validating many inputs on a pool of worker threads, results in
 * input order through a bounded reorder window.
 *
 * The calling thread is the producer: it walks the inputs in order, opens
 * each and looks at its first bytes. A single document from a file or from
 * memory becomes one unit of work that a worker reads and checks whole.
 * Every unit takes a slot in a ring of WINDOW_PER_JOB × jobs results; the
 * producer waits for the oldest to be delivered before it reuses a slot, and
 * delivers — calls the caller's function and frees — each result in order
 * as soon as it is done, waking for half a window of results at a time.
 * With one job everything runs on the calling thread.
 *
 * A bundle's reader is sequential, and an item's tree belongs to it. A small
 * bundle (or one from a read callback or a pipe) is read and checked item by
 * item on the calling thread, in place, while the workers take the files
 * around it. A large one, in memory or in a regular file, is read in lanes:
 * each of a few workers reads the whole bundle with a reader of its own and
 * checks every lane-th item (the others it only parses), so every lane sees
 * the same bytes, and so the same items, findings and end, as one reader
 * would, and nothing a worker built crosses to another thread. (Handing
 * items to workers, as copies or as their models, was measured: on two
 * cores the moves between caches cost more than the work shared;
 * docs/performance.md.) */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>
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

/* A bundle at least this large is read in lanes, by at most MAX_LANES
 * workers: each lane parses the whole bundle, so lanes beyond the cores, or
 * beyond a few, cost more parsing than they share checking. */
#define LANE_MIN_BYTES (1u << 20)
#define MAX_LANES 4

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
    bool regular; /* the file is a regular one: it can be read again */
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
        h->regular = fstat(h->fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0;
        if (h->regular && (uintmax_t)st.st_size < WHOLE_FILE_BYTES)
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

/* A slot's result: free, to be checked, being checked, done; a lane's
 * result, delivered, is freed by its lane when it reuses the slot. */
typedef enum slot_state { SLOT_FREE, SLOT_PENDING, SLOT_RUNNING, SLOT_DONE, SLOT_DELIVERED } slot_state;

typedef struct worker_state worker_state;

struct gbo_result {
    size_t seq; /* its place in the run */
    worker_state *maker; /* the worker that built it, or NULL */
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

typedef struct lanes lanes;
typedef struct run run;

/* What a worker built and the caller has seen, for the worker to free:
 * glibc frees fastest on the thread that allocated (measured: freeing
 * every document's model on the calling thread made 2 000 files 20 %
 * slower on two cores). */
typedef struct leftovers {
    char *document_id;
    gbo_diagnostics *diags;
    gbo_entity *entity;
} leftovers;

struct worker_state {
    run *R;
    leftovers *bin; /* the run's lock's */
    size_t count, cap;
};

struct run {
    const gbo_validator *v;
    gbo_lang lang;
    gbo_result_fn fn;
    void *user;
    unsigned jobs;         /* threads that may check units: workers, or 1 */
    gbo_result *ring;
    size_t window;
    size_t next;           /* sequence number of the next result */
    size_t delivered;      /* results handed to fn so far */
    size_t awaited;        /* the calling thread waits for this result */
    bool cancelled;        /* fn asked to stop */
    lanes *bundle;         /* a bundle being read in lanes, or NULL */
    /* the workers */
    pthread_t *threads;
    worker_state *workers;
    unsigned started;
    bool closing;
    pthread_mutex_t lock;
    pthread_cond_t work, done, space;
};

static void run_lane(run *R, lanes *B, unsigned lane);

/* Lane k (of n) checks items k+1, k+1+n, ... and only parses the others. A
 * lane that ends the bundle (or fails where the bundle does not) sets `end`:
 * the bundle's results are its items 1 .. end-1. Item i's result takes slot
 * (i-1) mod `slots`, a multiple of n: a lane reuses only its own slots, and
 * frees there what it built (glibc frees fastest on the allocating thread).
 * Shared fields are the run's lock's. */
struct lanes {
    size_t input;
    const char *data; /* the bundle in memory, or */
    size_t size;
    int fd;           /* a regular file, read with pread(2) */
    unsigned count, claimed, finished;
    size_t slots;
    size_t base;      /* the run's sequence number of item 1 */
    unsigned waiting; /* lanes waiting for a slot */
    size_t awaited;   /* the delivery waits until this result is done */
    size_t end;
    size_t abort_at;  /* an item no lane could read, 0 */
    gbo_status abort_status;
    gbo_error abort_err;
};


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
    if (status == GBO_E_NOMEM)
        gbo_diagnostics_clear(r->diags); /* not examined: no findings */
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

/* Free what the worker's bin holds (the run's lock held, and released
 * meanwhile). */
static void empty_bin(run *R, worker_state *w)
{
    leftovers *items = w->bin;
    size_t n = w->count, cap = w->cap;
    if (n == 0)
        return;
    w->bin = NULL;
    w->count = w->cap = 0;
    pthread_mutex_unlock(&R->lock);
    for (size_t k = 0; k < n; k++) {
        gbop_free(items[k].document_id);
        gbo_diagnostics_free(items[k].diags);
        gbo_entity_free(items[k].entity);
    }
    pthread_mutex_lock(&R->lock);
    if (!w->bin) { /* nothing came meanwhile: keep the array */
        w->bin = items;
        w->cap = cap;
    } else {
        gbop_free(items);
    }
}

/* Move what the delivered result holds to the bin of the worker that built
 * it (the run's lock held). false when it stays (none, or no memory). */
static bool put_in_bin(gbo_result *r)
{
    worker_state *w = r->maker;
    leftovers *l;
    if (!w || gbop_grow((void **)&w->bin, &w->cap, w->count + 1, sizeof *w->bin))
        return false;
    l = &w->bin[w->count++];
    l->document_id = r->document_id;
    l->diags = r->diags;
    l->entity = r->entity;
    r->document_id = NULL;
    r->diags = NULL;
    r->entity = NULL;
    return true;
}

static void *worker(void *arg)
{
    worker_state *w = arg;
    run *R = w->R;
    /* libxml2 allocates a thread's state at the thread's first call into
     * it, and cannot fail that cleanly: first, here */
    gbop_fragile_call = "xmlGetGlobalState";
    (void)xmlGetGlobalState();
    gbop_fragile_call = NULL;
    pthread_mutex_lock(&R->lock);
    for (;;) {
        gbo_result *r = NULL;
        empty_bin(R, w);
        for (size_t seq = R->delivered; seq < R->next && !r; seq++)
            if (R->ring[seq % R->window].state == SLOT_PENDING)
                r = &R->ring[seq % R->window];
        if (r) {
            r->state = SLOT_RUNNING;
            r->maker = w;
            pthread_mutex_unlock(&R->lock);
            check(R, r);
            pthread_mutex_lock(&R->lock);
            r->state = SLOT_DONE;
            if (r->seq == R->awaited)
                pthread_cond_signal(&R->done);
        } else if (R->bundle && R->bundle->claimed < R->bundle->count) {
            lanes *B = R->bundle;
            unsigned lane = B->claimed++;
            pthread_mutex_unlock(&R->lock);
            run_lane(R, B, lane);
            pthread_mutex_lock(&R->lock);
            B->finished++;
            pthread_cond_signal(&R->done);
        } else if (R->closing) {
            if (w->count == 0)
                break; /* else empty the bin first */
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
    R->workers = gbop_calloc(R->jobs, sizeof *R->workers);
    if (!R->threads || !R->workers) {
        gbop_free(R->threads);
        gbop_free(R->workers);
        R->threads = NULL;
        R->workers = NULL;
        return; /* no workers: the calling thread checks every unit */
    }
    for (unsigned t = 0; t < R->jobs; t++) {
        R->workers[R->started].R = R;
        if (pthread_create(&R->threads[R->started], NULL, worker, &R->workers[R->started]) != 0)
            break; /* fewer workers (none: the calling thread checks every unit) */
        R->started++;
    }
}

/* Hand a result to fn, unless the run was stopped: true when fn stops it. */
static bool hand_over(run *R, gbo_result *r)
{
    return !R->cancelled && R->fn(R->user, r) != 0;
}

/* Hand the oldest result to fn when it is done; with `wait`, wait for it
 * (checking it here if no worker has taken it). false when there is none,
 * or it is not done and we do not wait. */
static bool deliver_one(run *R, bool wait)
{
    gbo_result *r;
    bool done, stop;
    if (R->delivered == R->next)
        return false;
    r = &R->ring[R->delivered % R->window];
    pthread_mutex_lock(&R->lock);
    if (R->cancelled) /* stopped: what no one has taken is not checked */
        for (size_t seq = R->delivered; seq < R->next; seq++)
            if (R->ring[seq % R->window].state == SLOT_PENDING)
                R->ring[seq % R->window].state = SLOT_DONE;
    while (r->state != SLOT_DONE && wait) {
        /* with no worker, check the oldest unit here */
        gbo_result *own = NULL;
        for (size_t seq = R->delivered; seq < R->next && !own && !R->started; seq++)
            if (R->ring[seq % R->window].state == SLOT_PENDING)
                own = &R->ring[seq % R->window];
        if (!own) {
            /* woken when half the window is done, not for every result
             * (unless that one is done already) */
            size_t last = R->delivered + R->window / 2 - 1;
            R->awaited = last < R->next ? last : R->next - 1;
            if (R->ring[R->awaited % R->window].state == SLOT_DONE)
                R->awaited = R->delivered;
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
    stop = hand_over(R, r);
    /* out of every worker's scan before it is cleared */
    pthread_mutex_lock(&R->lock);
    R->cancelled = R->cancelled || stop;
    R->delivered++;
    put_in_bin(r);
    pthread_mutex_unlock(&R->lock);
    result_clear(r);
    return true;
}

/* A result about item `index` of `input`, its diagnostics list ready:
 * false when out of memory. */
static bool result_begin(const run *R, gbo_result *r, size_t input, size_t index)
{
    r->input = input;
    r->index = index;
    r->diags = gbo_diagnostics_new(&r->err);
    if (!r->diags)
        return false;
    gbo_diagnostics_set_lang(r->diags, R->lang);
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
    r->seq = R->next;
    return result_begin(R, r, input, index) ? r : NULL;
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
    gbo_result *r;
    bool called;
} item_ctx;

/* An expanded item: its model, built from the tree in place. */
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

/* A lane's item of another lane: parsed (as far as expanding it), no more. */
static gbo_status pass_item(void *arg, xmlNodePtr item, const gbo_limits *limits,
                            gbo_diagnostics *diags, size_t start, gbo_error *err)
{
    (void)item, (void)limits, (void)diags, (void)start, (void)err;
    ((item_ctx *)arg)->called = true;
    return GBO_OK;
}

/* Read the bundle's next item into r and check it: false when the bundle
 * ended with nothing to say (r holds no result then). *last: nothing
 * follows (the end, or the bundle or the run failed). */
static bool read_item(const run *R, gbo_bundle_reader *b, gbo_result *r, bool *last)
{
    item_ctx c = { r, false };
    double start = now();
    gbo_status status = gbop_bundle_next_with(b, take_item, &c, r->diags, &r->err);
    bool ended = status == GBO_OK && !c.called;

    *last = ended || (status != GBO_OK && (status != GBO_E_DOCUMENT || gbo_bundle_failed(b)));
    if (ended && gbo_diagnostics_count(r->diags) == 0)
        return false;
    if (c.called && status == GBO_OK)
        finish(R, r, r->entity ? GBO_OK : GBO_E_DOCUMENT); /* the rules */
    else
        finish(R, r, status == GBO_E_DOCUMENT || status == GBO_OK ? GBO_E_DOCUMENT : status);
    r->seconds = now() - start;
    return true;
}

/* A small bundle, or one that cannot be read twice: here, item by item. */
static void produce_bundle(run *R, size_t input, gbo_bundle_reader *b)
{
    for (;;) {
        gbo_result *r = reserve(R, input, gbo_bundle_index(b) + 1);
        bool last;
        if (!r) {
            publish_failure(R, input, gbo_bundle_index(b) + 1, GBO_E_NOMEM, NULL);
            return;
        }
        if (!read_item(R, b, r, &last)) {
            result_clear(r); /* the end of the bundle: no item */
            return;
        }
        publish(R, r, false);
        if (last || R->cancelled)
            return;
    }
}

/* ---- large bundles, in lanes ------------------------------------------------------ */

typedef struct lane_source {
    int fd;
    off_t offset;
} lane_source;

static ptrdiff_t read_lane(void *source, char *buffer, size_t size)
{
    lane_source *src = source;
    for (;;) {
        ssize_t n = pread(src->fd, buffer, size, src->offset);
        if (n >= 0) {
            src->offset += n;
            return n;
        }
        if (errno != EINTR)
            return -1;
    }
}

/* The slot for item i, once its last result was delivered (and freed
 * here); NULL when the run or the bundle stopped before it. */
static gbo_result *lane_slot(run *R, lanes *B, size_t i)
{
    gbo_result *r = &R->ring[(i - 1) % B->slots], old;
    bool stopped;
    pthread_mutex_lock(&R->lock);
    B->waiting++;
    while (!R->cancelled && i < B->end && B->base + i - 1 >= R->delivered + B->slots)
        pthread_cond_wait(&R->space, &R->lock);
    B->waiting--;
    stopped = R->cancelled || i >= B->end;
    if (!stopped) {
        /* the delivered result it held leaves the slot here, and is freed
         * below, unlocked */
        old = *r;
        memset(r, 0, sizeof *r);
        r->seq = B->base + i - 1;
        r->state = SLOT_RUNNING;
    }
    pthread_mutex_unlock(&R->lock);
    if (stopped)
        return NULL;
    if (old.state != SLOT_FREE)
        result_clear(&old);
    return r;
}

static bool lane_stopped(run *R, const lanes *B, size_t i)
{
    bool stopped;
    pthread_mutex_lock(&R->lock);
    stopped = R->cancelled || i >= B->end;
    pthread_mutex_unlock(&R->lock);
    return stopped;
}

/* Item i is done; with `last` the bundle's results end after it (or before
 * it, when it is no result). */
static void lane_publish(run *R, lanes *B, gbo_result *r, size_t i, bool result, bool last)
{
    pthread_mutex_lock(&R->lock);
    r->state = SLOT_DONE; /* past the end, the sweep frees it */
    if (last && (result ? i + 1 : i) < B->end) {
        B->end = result ? i + 1 : i;
        pthread_cond_broadcast(&R->space); /* lanes past the end stop */
    }
    if (last || r->seq == B->awaited)
        pthread_cond_signal(&R->done);
    pthread_mutex_unlock(&R->lock);
}

/* Lane k cannot go on from item i (memory ran out, or reading failed where
 * the other lanes read): its next item is that failure, and the last. */
static void lane_abort(run *R, lanes *B, unsigned k, size_t i, gbo_status status,
                       const gbo_error *err)
{
    size_t at = i + (k + B->count - (i - 1) % B->count) % B->count;
    pthread_mutex_lock(&R->lock);
    if (at < B->end) {
        B->end = at + 1;
        B->abort_at = at;
        B->abort_status = status;
        B->abort_err = *err;
        pthread_cond_broadcast(&R->space); /* lanes past the end stop */
    }
    pthread_cond_signal(&R->done);
    pthread_mutex_unlock(&R->lock);
}

static void run_lane(run *R, lanes *B, unsigned k)
{
    lane_source src = { B->fd, 0 };
    gbo_error err;
    gbo_diagnostics *scratch = gbo_diagnostics_new(&err);
    gbo_bundle_reader *b = !scratch ? NULL
                           : B->data ? gbo_bundle_open_memory(B->data, B->size, &R->v->limits, &err)
                                     : gbo_bundle_open_io(read_lane, &src, &R->v->limits, &err);
    bool last = false;

    if (!b) {
        lane_abort(R, B, k, 1, err.status, &err);
        last = true;
    }
    while (!last) {
        size_t i = gbo_bundle_index(b) + 1;
        if ((i - 1) % B->count == k) {
            gbo_result *r = lane_slot(R, B, i);
            bool result;
            if (!r)
                break;
            if (!result_begin(R, r, B->input, i)) {
                err = r->err;
                lane_abort(R, B, k, i, GBO_E_NOMEM, &err);
                break;
            }
            result = read_item(R, b, r, &last);
            lane_publish(R, B, r, i, result, last);
        } else {
            item_ctx c = { NULL, false };
            gbo_status status;
            if (lane_stopped(R, B, i))
                break;
            gbo_diagnostics_clear(scratch);
            status = gbop_bundle_next_with(b, pass_item, &c, scratch, &err);
            if (status != GBO_OK && status != GBO_E_DOCUMENT) {
                lane_abort(R, B, k, i, status, &err);
                break;
            }
            /* the end, or a broken bundle: the lane of item i says so.
             * Should it not (the file changed between the lanes' reads),
             * this lane's next item is a failure, and the last. */
            last = (status == GBO_OK && !c.called) || gbo_bundle_failed(b);
            if (last) {
                gbop_fail(&err, GBO_E_IO, NULL, NULL, "the bundle changed while it was read");
                lane_abort(R, B, k, i, GBO_E_IO, &err);
            }
        }
    }
    gbo_bundle_close(b);
    gbo_diagnostics_free(scratch);
}

/* Whether the result with sequence number seq is done (the lock held). */
static bool lane_done(const run *R, const lanes *B, size_t seq)
{
    const gbo_result *r = &R->ring[(seq - B->base) % B->slots];
    return r->state == SLOT_DONE && r->seq == seq;
}

/* Deliver the bundle's results in order as the lanes finish them. */
static void deliver_lanes(run *R, lanes *B)
{
    pthread_mutex_lock(&R->lock);
    for (;;) {
        size_t i = R->delivered - B->base + 1;
        gbo_result *r = &R->ring[(i - 1) % B->slots];
        gbo_result failure;
        bool stop;
        if (B->finished == B->count && !R->cancelled && i < B->end &&
            !lane_done(R, B, R->delivered) && i != B->abort_at) {
            /* every lane stopped short of the end: never expected, never silent */
            gbop_fail(&B->abort_err, GBO_E_INTERNAL, NULL, NULL, "a lane stopped early");
            B->abort_status = GBO_E_INTERNAL;
            B->abort_at = i;
            B->end = i + 1;
        }
        if (i < B->end && i == B->abort_at) {
            memset(&failure, 0, sizeof failure);
            failure.input = B->input;
            failure.index = i;
            failure.status = B->abort_status;
            failure.err = B->abort_err;
            failure.diags = gbo_diagnostics_new(NULL); /* none, as for any failure */
            r = &failure;
        } else if (i >= B->end || !lane_done(R, B, R->delivered)) {
            if (B->finished == B->count)
                break;
            /* woken for half a window at a time, not for every item
             * (unless that one is done already) */
            B->awaited = R->delivered + B->slots / 2 - 1;
            if (lane_done(R, B, B->awaited))
                B->awaited = R->delivered;
            pthread_cond_wait(&R->done, &R->lock);
            continue;
        }
        pthread_mutex_unlock(&R->lock);
        stop = hand_over(R, r);
        if (r == &failure)
            result_clear(&failure);
        pthread_mutex_lock(&R->lock);
        R->cancelled = R->cancelled || stop;
        R->delivered++;
        if (r != &failure)
            r->state = SLOT_DELIVERED; /* its lane frees it */
        if (B->waiting)
            pthread_cond_broadcast(&R->space);
    }
    R->next = R->delivered; /* the workers' scan, [delivered, next), is empty */
    pthread_mutex_unlock(&R->lock);
    /* the lanes are done: free what is left in their slots */
    for (size_t slot = 0; slot < B->slots; slot++)
        if (R->ring[slot].state != SLOT_FREE)
            result_clear(&R->ring[slot]);
}

/* Read a large bundle in lanes: true when it was (false: too small, or too
 * few workers; read it in place). */
static bool produce_lanes(run *R, size_t input, const char *data, size_t size, const headed *h)
{
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    struct stat st;
    lanes B;

    memset(&B, 0, sizeof B);
    B.input = input;
    B.fd = -1;
    if (data) {
        B.data = data;
        B.size = size;
    } else if (h->whole) {
        B.data = h->head;
        B.size = h->size;
    } else if (h->regular && h->fd >= 0 && fstat(h->fd, &st) == 0) {
        B.fd = h->fd;
        B.size = (size_t)st.st_size;
    } else {
        return false;
    }
    /* as many lanes as jobs, up to the cores (but two when two jobs or more
     * were asked for) and MAX_LANES */
    B.count = R->jobs < MAX_LANES ? R->jobs : MAX_LANES;
    if (online > 0 && (unsigned long)online < B.count)
        B.count = online > 2 ? (unsigned)online : 2;
    if (B.size < LANE_MIN_BYTES || B.count < 2)
        return false;
    while (deliver_one(R, true)) /* what came before, first */
        ;
    start_workers(R);
    if (R->started < B.count)
        B.count = R->started;
    if (B.count < 2)
        return false;
    B.slots = R->window / B.count * B.count;
    B.base = R->next;
    B.end = B.awaited = SIZE_MAX;
    pthread_mutex_lock(&R->lock);
    R->bundle = &B;
    pthread_cond_broadcast(&R->work);
    pthread_mutex_unlock(&R->lock);
    deliver_lanes(R, &B);
    pthread_mutex_lock(&R->lock);
    R->bundle = NULL;
    pthread_mutex_unlock(&R->lock);
    return true;
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
        gbo_bundle_reader *b = NULL;
        if (produce_lanes(R, i, h ? NULL : in->data, in->size, h))
            ;
        else if ((b = h ? gbo_bundle_open_io(read_headed, h, &R->v->limits, &err)
                        : gbo_bundle_open_memory(in->data, in->size, &R->v->limits, &err)))
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
    R.awaited = SIZE_MAX;
    R.ring = gbop_calloc(R.window, sizeof *R.ring);
    if (!R.ring)
        return gbop_nomem(err);
    gbop_schema(NULL); /* compiled once, before any thread needs it */
    pthread_mutex_init(&R.lock, NULL);
    pthread_cond_init(&R.work, NULL);
    pthread_cond_init(&R.done, NULL);
    pthread_cond_init(&R.space, NULL);

    for (size_t i = 0; i < inputs->count && !R.cancelled; i++)
        produce(&R, i, &inputs->items[i]);
    while (deliver_one(&R, true))
        ;

    pthread_mutex_lock(&R.lock);
    R.closing = true;
    pthread_cond_broadcast(&R.work);
    pthread_mutex_unlock(&R.lock);
    for (unsigned t = 0; t < R.started; t++) {
        pthread_join(R.threads[t], NULL);
        gbop_free(R.workers[t].bin); /* emptied before it ended */
    }
    gbop_free(R.threads);
    gbop_free(R.workers);
    pthread_cond_destroy(&R.done);
    pthread_cond_destroy(&R.space);
    pthread_cond_destroy(&R.work);
    pthread_mutex_destroy(&R.lock);
    gbop_free(R.ring);
    if (R.cancelled)
        status = gbop_fail(err, GBO_E_CANCELLED, NULL, NULL, "the result function stopped the run");
    return status;
}
