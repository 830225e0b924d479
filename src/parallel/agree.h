/* agree.h - agreement before communication: every rank brings its own outcome, and every rank
 * leaves with the same one, so that a rank whose allocation or check failed never leaves the
 * others waiting in a collective it will not enter. */
#ifndef SRC_PARALLEL_AGREE_H
#define SRC_PARALLEL_AGREE_H

#include "runtime.h"

/* Collective: rc is this rank's outcome (0 or a status code). Returns 0 when every rank's was
 * 0, else the worst code any rank had (status_worst); STATUS_MPI when the agreement itself
 * failed. */
int agree(const runtime *rt, int rc);

/* Collective: agree(rt, rc) and, when every rank is ready, a barrier, so that the timed work
 * after it starts together. Returns as agree does, or STATUS_MPI. */
int agree_then_start(const runtime *rt, int rc);

#endif
