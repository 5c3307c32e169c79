/* libgbo internal — one-time process setup of the libraries we use. */
#ifndef GBOP_INIT_H
#define GBOP_INIT_H

/* Initialise libxml2 exactly once (xmlInitParser is not safe to race). */
void gbop_init(void);

#endif
