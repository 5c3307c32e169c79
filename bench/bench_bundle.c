/* bench_bundle — read a bundle item by item and report throughput and peak
 * memory (getrusage ru_maxrss). Usage: bench_bundle FILE
 * bench/run-bundle-bench.sh generates bundles of several sizes and runs this,
 * so flat memory (SPEC §8: ≤ 16 MiB peak RSS whatever the size) is measured,
 * not asserted by a timed test. */
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

#include <gbo/gbo.h>

int main(int argc, char **argv)
{
    struct timespec t0, t1;
    struct rusage ru;
    gbo_error err;
    gbo_bundle_reader *b;
    size_t items = 0, refused = 0;
    double seconds;

    if (argc != 2) {
        fprintf(stderr, "usage: bench_bundle FILE\n");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    b = gbo_bundle_open_file(argv[1], NULL, &err);
    if (!b) {
        fprintf(stderr, "%s: %s\n", argv[1], err.message);
        return 2;
    }
    for (;;) {
        gbo_entity *item = NULL;
        gbo_status status = gbo_bundle_next(b, &item, NULL, &err);
        if (status == GBO_OK && !item)
            break;
        if (status != GBO_OK) {
            refused++;
            if (gbo_bundle_failed(b))
                break;
            continue;
        }
        items++;
        gbo_entity_free(item);
    }
    gbo_bundle_close(b);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    getrusage(RUSAGE_SELF, &ru);
    seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("items %zu refused %zu seconds %.3f items/s %.0f peak_rss_kib %ld\n", items, refused,
           seconds, (double)items / seconds, ru.ru_maxrss);
    return refused ? 1 : 0;
}
