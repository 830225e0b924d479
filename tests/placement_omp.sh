# placement_omp.sh - OpenMP's own binding variables never collapse a run onto one core: with
# every OMP_PROC_BIND value, OMP_PLACES=cores|threads|{0},{1} and GOMP_CPU_AFFINITY, alone and
# under mpirun --map-by slot:PE=2, pow's two threads run on two distinct cores, as read from
# the OS (/proc/PID/task/TID/status of the two busiest threads while pow works), and nothing
# warns. --bind none leaves OpenMP's places alone: OMP_PROC_BIND=master keeps both threads on
# the master's core. Then SMT on synthetic topologies (HWLOC_SYNTHETIC core:2 pu:2): one
# thread per core by default, one per hardware thread with --smt.
. "$(dirname "$0")/lib.sh"

# busy_cpus PID N: the CPUs the N threads of PID with the most CPU time may run on, one line
# each (Cpus_allowed_list), from the kernel.
busy_cpus() {
  local pid=$1 n=$2 task
  for task in /proc/"$pid"/task/*; do
    # utime + stime (fields 14 and 15; the command name in field 2 has no spaces here).
    echo "$(awk '{ print $14 + $15 }' "$task/stat" 2>/dev/null) $(sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' "$task/status" 2>/dev/null)"
  done | sort -rn | head -n "$n" | awk '{ print $2 }'
}

# placed_cpus OUT ENV... -- COMMAND...: runs COMMAND (pow for ~3 s) with ENV, and after 2 s
# writes the busiest two threads' CPU lists to OUT.
placed_cpus() {
  local out=$1 pid p
  shift
  local envs=()
  while [ "$1" != -- ]; do envs+=("$1"); shift; done
  shift
  env "${envs[@]}" "$@" >/dev/null 2>"$out.err" &
  pid=$!
  sleep 2
  # Under mpirun the worker is its child: the process whose executable is pow.
  for p in $pid $(pgrep -P "$pid" 2>/dev/null); do
    [ "$(readlink -f /proc/"$p"/exe 2>/dev/null)" = "$(readlink -f "$POW")" ] && break
  done
  busy_cpus "$p" 2 >"$out"
  wait "$pid"
}

# two_cores FILE: two lines, each one CPU, and different.
two_cores() {
  [ "$(wc -l <"$1")" -eq 2 ] && [ "$(grep -cE '^[0-9]+$' "$1")" -eq 2 ] &&
    [ "$(sort -u "$1" | wc -l)" -eq 2 ] || { echo "threads on: $(tr '\n' ' ' <"$1")" >&2; return 1; }
}

if [ "$(nproc)" -ge 2 ]; then
  settings=("OMP_PROC_BIND=true" "OMP_PROC_BIND=close" "OMP_PROC_BIND=spread"
            "OMP_PROC_BIND=master" "OMP_PROC_BIND=primary" "OMP_PROC_BIND=false"
            "OMP_PLACES=cores" "OMP_PLACES=threads" "OMP_PLACES={0},{1}" "GOMP_CPU_AFFINITY=0"
            "OMP_PLACES=cores OMP_PROC_BIND=close")
  for s in "${settings[@]}"; do
    read -ra vars <<<"$s"
    placed_cpus "$tmp/alone" "${vars[@]}" -- "$POW" --seconds 3 -t 2
    check "$s: 2 threads on 2 cores" two_cores "$tmp/alone"
    check "$s: no warning" [ "$(grep -c warning "$tmp/alone.err")" -eq 0 ]
    exports=()
    for v in "${vars[@]}"; do exports+=(-x "${v%%=*}"); done
    placed_cpus "$tmp/pe2" "${vars[@]}" -- "$MPIEXEC" "$MPIEXEC_NUMPROC_FLAG" 1 --map-by slot:PE=2 \
      "${exports[@]}" "$POW" --seconds 3 -t 2
    check "$s, mpirun --map-by slot:PE=2: 2 threads on 2 cores" two_cores "$tmp/pe2"
    check "$s, mpirun --map-by slot:PE=2: no warning" [ "$(grep -c warning "$tmp/pe2.err")" -eq 0 ]
  done
  # --bind none: OpenMP's places rule (master: every thread on the master's place).
  placed_cpus "$tmp/none" OMP_PROC_BIND=master -- "$POW" --seconds 3 -t 2 --bind none
  check "--bind none with OMP_PROC_BIND=master: OpenMP keeps both on one core" \
    [ "$(sort -u "$tmp/none" | wc -l)" -eq 1 ]
else
  echo "only $(nproc) core: the two-core checks need 2" >&2
fi

# SMT, on a synthetic machine of 2 cores x 2 hardware threads (binding there does nothing, so
# the map's plan is what tells).
plan() { grep -o 'plan_[a-z]*=[0-9]*' "$1" | tr '\n' ' '; }
HWLOC_SYNTHETIC="core:2 pu:2" "$POW" --coins 1 -v >/dev/null 2>"$tmp/smt_off"
check "SMT: one thread per core by default" [ "$(plan "$tmp/smt_off")" = "plan_core=0 plan_core=1 " ]
check "SMT: no warning by default" [ "$(grep -c warning "$tmp/smt_off")" -eq 0 ]
HWLOC_SYNTHETIC="core:2 pu:2" "$POW" --coins 1 -v --smt >/dev/null 2>"$tmp/smt_on"
check "SMT: --smt, one thread per hardware thread" \
  [ "$(plan "$tmp/smt_on")" = "plan_pu=0 plan_pu=1 plan_pu=2 plan_pu=3 " ]
check "SMT: --smt, no warning" [ "$(grep -c warning "$tmp/smt_on")" -eq 0 ]
HWLOC_SYNTHETIC="core:2 pu:2" "$POW" --coins 1 -t 3 >/dev/null 2>"$tmp/smt_3"
check "SMT: 3 threads on 2 cores warn once, without -v" \
  [ "$(grep -c 'warning: cores oversubscribed: up to 2 threads share one core' "$tmp/smt_3")" -eq 1 ]
# Two ranks on a synthetic 2 packages x 2 cores x 2 PUs machine split it: 2 cores each.
HWLOC_SYNTHETIC="pack:2 core:2 pu:2" mpi_run 2 "$POW" --coins 1 -v >/dev/null 2>"$tmp/smt_np2"
check "SMT: 2 ranks split the cores" \
  [ "$(grep -o 'plan_[a-z]*=[0-9]*' "$tmp/smt_np2" | sort | tr '\n' ' ')" = "plan_core=0 plan_core=1 plan_core=2 plan_core=3 " ]
HWLOC_SYNTHETIC="pack:2 core:2 pu:2" mpi_run 2 "$POW" --coins 1 -v --smt >/dev/null 2>"$tmp/smt_np2_on"
check "SMT: 2 ranks with --smt, 4 hardware threads each" \
  [ "$(grep -c 'plan_pu=' "$tmp/smt_np2_on")" -eq 8 ]
finish
