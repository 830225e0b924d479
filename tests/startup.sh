# startup.sh - a process no MPI launcher started never starts MPI: --version, --help, a usage
# error and small runs of every program load none of Open MPI's components (the dynamic
# loader's own record, LD_DEBUG=files, of every library any process of the run opened: an MPI
# start dlopens dozens of mca_*.so and spawns a daemon that would load its own). Under mpirun
# the launched path is unchanged: 2 ranks, MPI on; --version and usage errors print once.
. "$(dirname "$0")/lib.sh"

# mca_loads COMMAND...: how many Open MPI components the processes of COMMAND loaded.
mca_loads() {
  rm -rf "$tmp/ld"
  mkdir "$tmp/ld"
  LD_DEBUG=files LD_DEBUG_OUTPUT="$tmp/ld/log" "$@" >/dev/null 2>&1
  cat "$tmp/ld"/log* 2>/dev/null | grep -c 'file=.*mca_.*\.so'
}

for cmd in "$POW --version" "$SIEVE --help" "$TRIAL --no-such-option" "$SIEVE 100" \
           "$TRIAL 17" "$RACE --tasks 1" "$POW --coins 1" "$FETCH --version" \
           "$LINKCHECK --help"; do
  read -ra argv <<<"$cmd"
  check "no MPI without a launcher: ${argv[0]##*/} ${argv[*]:1}" [ "$(mca_loads "${argv[@]}")" -eq 0 ]
done
# The probe itself works: a launched run loads them.
check "a launched run loads MPI's components" [ "$(mca_loads mpi_run 1 "$SIEVE" 100)" -gt 0 ]

"$SIEVE" 1e6 -v >/dev/null 2>"$tmp/solo"
check "no launcher: rank 0 of 1, mpi=no" grep -q 'map: .* rank=0/1 .* mpi=no' "$tmp/solo"
mpi_run 2 "$SIEVE" 1e6 -v >"$tmp/out2" 2>"$tmp/np2"
check "mpirun -np 2: rank 0 of 2 with MPI" grep -q 'map: .* rank=0/2 .* mpi=yes' "$tmp/np2"
check "mpirun -np 2: rank 1 of 2 with MPI" grep -q 'map: .* rank=1/2 .* mpi=yes' "$tmp/np2"
check "mpirun -np 2: one answer" [ "$(grep -c '^Primes: 78498$' "$tmp/out2")" -eq 1 ]

mpi_run 2 "$POW" --version >"$tmp/v2" 2>&1
check "mpirun -np 2 pow --version: printed once" [ "$(grep -c '^pow ' "$tmp/v2")" -eq 1 ]
mpi_run 2 "$SIEVE" --no-such-option >"$tmp/u2" 2>&1
rc=$?
check "mpirun -np 2, a usage error: exit 2 (got $rc)" [ "$rc" -eq 2 ]
check "mpirun -np 2, a usage error: said once" \
  [ "$(grep -c "^sieve: unknown option '--no-such-option'" "$tmp/u2")" -eq 1 ]
finish
