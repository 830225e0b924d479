/* pow_options.h - pow's command line: its option table, defaults and checks. Rank 0 parses;
 * the struct holds no pointers, so it is broadcast as bytes. */
#ifndef SRC_POW_OPTIONS_H
#define SRC_POW_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"

enum pow_mode { POW_MINE, POW_VERIFY, POW_TEST, POW_LIST };

typedef struct pow_options {
  run_options run;
  enum pow_mode mode;
  uint64_t coins;   /* 0: no limit (needs --seconds) */
  unsigned digits;  /* candidate length, 1..55 */
  unsigned zeros;   /* hex zeros at the end of the digest, 0..32 */
  double seconds;   /* 0: no time limit */
  uint64_t candidates; /* --candidates: per worker; 0: no budget */
  uint64_t seed;
  int seed_given;
  int coins_given;  /* -c given: --seconds then keeps it */
  char kernel[16]; /* a pow_kernel name, or auto */
  char resume[1024]; /* --resume FILE: the state file (pow_resume.h); "" for none */
} pow_options;

/* The command line of pow, for cli_parse (rank 0) or runtime_main. */
extern const cli_program pow_program;

#endif
