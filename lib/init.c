/* libgbo — one-time setup. */
#include "config.h"
#include "init.h"

#include <pthread.h>

#include <libxml/parser.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init_once(void)
{
    xmlInitParser();
}

void gbop_init(void)
{
    pthread_once(&once, init_once);
}
