# slurm.sh - the jobs/ scripts on a real Slurm: scripts/slurm_local starts slurmctld, slurmd and
# munged under a temp dir (inside a private network namespace), then the test submits the
# layout scripts, a strong-scaling array with its merge-and-plot job (--dependency=afterok),
# and a job that runs a program without srun in a 2-task allocation (it must refuse: exit 2);
# then scancel on a running 2-rank srun job: every rank stops, the row is written partial.
# It waits by polling (sbatch --wait polls slowly), checks each job's state, the rows in the
# CSV and the layout logged in the outputs, and stops every daemon by PID.
# Skipped (77) where namespaces are not permitted or Slurm is not installed.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/.." && pwd)
run_inside "$root/scripts/netns" "$@"
# Slurm's daemons look up their listening address with AI_ADDRCONFIG, which finds nothing when
# the only addresses are loopback ones: give lo one more.
ip addr add 10.251.0.1/32 dev lo || exit 1
for tool in slurmctld slurmd munged sbatch; do
  command -v "$tool" >/dev/null || { echo "slurm.sh: $tool is not installed; skipping" >&2; exit 77; }
done
started=$(date +%s.%N)
"$root/scripts/slurm_local" start "$tmp/slurm" 8 >/dev/null || exit 1
trap '"$root/scripts/slurm_local" stop "$tmp/slurm"; rm -rf "$tmp"' EXIT
export SLURM_CONF=$tmp/slurm/slurm.conf
echo "slurm.sh: Slurm up in $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"

# What every job gets: this build, one CSV, small problems.
export HPCKIT_ROOT=$root HPCKIT_BUILD=$(dirname "$POW") HPCKIT_CSV=$tmp/rows.csv
export POW_COINS=2 SIEVE_STOP=1e8 TRIAL_STOP=1e6 FETCH_N=40
cd "$tmp" || exit 1
submit() { sbatch --parsable --output="$tmp/%x-%j.out" "$@"; }

pow_mpi=$(submit -N 1 --ntasks-per-node=4 "$root/jobs/pow_mpi.sbatch")
pow_omp=$(submit -c 2 "$root/jobs/pow_omp.sbatch")
# mpirun in an allocation wants a non-loopback interface for its daemons; this namespace has lo.
mpirun_job=$(HPCKIT_LAUNCHER=mpirun OMPI_MCA_oob_tcp_if_include=lo submit -N 1 --ntasks-per-node=2 --job-name=mpirun \
  "$root/jobs/pow_mpi.sbatch")
pow_hybrid=$(submit -N 1 --ntasks-per-node=2 -c 2 "$root/jobs/pow_hybrid.sbatch")
primes=$(submit -N 1 --ntasks-per-node=2 -c 2 "$root/jobs/primes_hybrid.sbatch")
fetch=$(submit -c 2 "$root/jobs/fetch_omp.sbatch")
strong=$(SWEEP_LAYOUTS="1x1 2x1 1x2" submit --array=0-2%2 --output="$tmp/%x-%A_%a.out" \
  "$root/jobs/strong_scaling.sbatch")
merge=$(MERGE_OUT=$tmp/merged/sweep.csv submit --dependency="afterok:$strong" \
  "$root/jobs/merge_plot.sbatch")
nopmi=$(submit -n 2 --job-name=nopmi --wrap "$SIEVE 1e6")
all="$pow_mpi,$pow_omp,$mpirun_job,$pow_hybrid,$primes,$fetch,$strong,$merge,$nopmi"

# Wait until none of the jobs is queued or running (at most 240 s).
for _ in $(seq 1200); do
  [ -z "$(squeue -h -j "$all" -o %i 2>/dev/null)" ] && break
  sleep 0.2
done
check "every job finished within 240 s" [ -z "$(squeue -h -j "$all" -o %i)" ]
echo "slurm.sh: all jobs done $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s after start"

state() { scontrol show job -o "$1" | grep -o 'JobState=[A-Z_]*' | sort -u | tr '\n' ' '; }
for j in "$pow_mpi" "$pow_omp" "$mpirun_job" "$pow_hybrid" "$primes" "$fetch" "$strong" "$merge"; do
  check "job $j ($(scontrol show job -o "$j" | grep -o 'JobName=[^ ]*' | head -1)) completed: $(state "$j")" \
    [ "$(state "$j")" = "JobState=COMPLETED " ]
  [ "$(state "$j")" = "JobState=COMPLETED " ] || tail -n 15 "$tmp"/*-"$j"*.out >&2
done
scontrol show job -o "$nopmi" >"$tmp/nopmi.job"
check "a program run without srun in a 2-task job: the job failed with exit 2" \
  grep -q "JobState=FAILED .*ExitCode=2:0" "$tmp/nopmi.job"
grep -q "ExitCode=2:0" "$tmp/nopmi.job" || cat "$tmp/nopmi.job" "$tmp"/nopmi-*.out >&2
check "... and said why" grep -q "Slurm gave this job 2 tasks but MPI sees one process" "$tmp"/nopmi-*.out

# The rows: layouts as launched by srun --mpi=pmix (ranks x threads columns 4 and 5).
rows() { awk -F, -v t="$1" -v r="$2" -v th="$3" '$2 == t && $4 == r && $5 == th' "$tmp/rows.csv"; }
check "pow pure MPI: a row with 4 ranks x 1 thread" [ "$(rows pow 4 1 | wc -l)" -eq 1 ]
check "pow pure OpenMP: a row with 1 rank x 2 threads" [ -n "$(rows pow 1 2)" ]
check "pow hybrid: a row with 2 ranks x 2 threads" [ "$(rows pow 2 2 | wc -l)" -eq 1 ]
check "pow under mpirun in the allocation: 2 ranks x 1 thread" [ "$(rows pow 2 1 | wc -l)" -eq 2 ]
check "pow rows found their coins" [ "$(grep -c '^3,pow,.*coins=2 bad=0' "$tmp/rows.csv")" -eq 7 ]
check "sieve hybrid: 5761455 primes to 1e8 on 2 ranks x 2 threads" \
  grep -q '^3,sieve,count,2,2,.*primes=5761455 ' "$tmp/rows.csv"
check "trial hybrid: 78498 primes below 1e6" grep -q '^3,trial,td,2,2,.*primes=78498' "$tmp/rows.csv"
check "fetch omp: 40 requests, none failed" grep -q '^3,fetch,omp,1,100,urls=40 .*ok=40 failed=0' "$tmp/rows.csv"
check "strong sweep: 3 pow rows tagged strong" [ "$(grep -c '^3,pow,.* tag=strong,' "$tmp/rows.csv")" -eq 3 ]
check "the sidecar records Slurm's variables" grep -q "SLURM_JOB_ID=$pow_mpi" "$tmp/rows.csv.runs"

# The layout in the outputs: Slurm's view and the program's own map.
check "pow_mpi output: scontrol's view of the job" grep -q "JobId=$pow_mpi " "$tmp/pow-mpi-$pow_mpi.out"
check "pow_mpi output: the map of rank 3" grep -q "map: host=.* rank=3/4" "$tmp/pow-mpi-$pow_mpi.out"
check "pow_hybrid output: 2 threads per rank" grep -q "rank=1/2 .* threads=2 " "$tmp/pow-hybrid-$pow_hybrid.out"
check "array outputs: one per task (%A_%a)" [ "$(ls "$tmp"/strong-"$strong"_*.out | wc -l)" -eq 3 ]
check "merge job: the merged CSV" [ "$(grep -c 'tag=strong' "$tmp/merged/sweep.csv")" -eq 3 ]
check "merge job: the strong-scaling plot" [ -s "$tmp/merged/plots/strong-pow.png" ]

# scancel (SIGTERM to every task, SIGKILL only after KillWait): pow on 2 ranks under srun stops,
# writes its row marked partial, and no rank is left.
cancel=$(submit -n 2 --job-name=cancel --wrap \
  "srun --mpi=pmix $POW -v --coins 0 --seconds 120 --csv $tmp/cancel.csv")
for _ in $(seq 300); do # until both ranks are mining (rank 0 prints the map first)
  grep -q "rank=1 thread=0" "$tmp"/cancel-"$cancel".out 2>/dev/null && break
  sleep 0.1
done
sleep 1
scancel "$cancel"
for _ in $(seq 300); do
  [ -z "$(squeue -h -j "$cancel" -o %i 2>/dev/null)" ] && break
  sleep 0.1
done
check "scancel: the job is CANCELLED: $(state "$cancel")" [ "$(state "$cancel")" = "JobState=CANCELLED " ]
check "scancel: the 2 ranks' row, marked partial" grep -q '^3,pow,[a-z0-9]*,2,.*,1$' "$tmp/cancel.csv"
check "scancel: no rank left running" bash -c "! pgrep -f -- '--csv $tmp/cancel.cs[v]' >/dev/null"
finish
