/* stop.h - how a run learns that it must stop early. SIGINT (Ctrl-C, srun passing on a
 * Ctrl-C) and SIGTERM (scancel, a Slurm time limit, mpirun tearing a job down) set one flag;
 * work loops poll it between units of work, finish the unit in hand, and the program then
 * writes its results rows marked partial and exits 128 + the signal (130, 143). A second
 * signal of either kind kills at once, for the user who does not want to wait. */
#ifndef SRC_STOP_H
#define SRC_STOP_H

/* Installs the handlers (runtime_init does, before MPI_Init, so every rank has them). */
void stop_install(void);

/* The signal that asked this process to stop (SIGINT or SIGTERM), or 0. Async-signal-safe
 * to read from any thread. */
int stop_signal(void);

/* Whether a stop was asked for: stop_signal() != 0. */
int stop_requested(void);

/* The exit status a stopped run ends with: 128 + the signal, 0 when none came. */
int stop_exit_status(void);

#endif
