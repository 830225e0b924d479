/* run_record.c - the run's id and command line, its rows, and the run sidecar: facts gathered
 * on rank 0 when the first row of a run is written, so that a plot or a reader months later
 * can say exactly what produced a figure. */
#define _POSIX_C_SOURCE 200809L
#include "run_record.h"

#include <curl/curl.h>
#include <errno.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "csv.h"
#include "collective.h"
#include "runtime.h"
#include "stop.h"
#include "sysinfo.h"
#include "version.h"

extern char **environ;

const char run_record_header[] =
  "run_id,timestamp,host,cpu,cores,pus,l1d_kb,l2_kb,l3_kb,ranks,nodes,threads,bind,command,"
  "omp_env,slurm_env,mpi,hwloc,curl,openssl,source";

/* A run id unique to this process's run into buf. */
static void make_id(char *buf, size_t n)
{
  char host[64], stamp[32];
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
  sysinfo_host(host, sizeof host);
  host[strcspn(host, ".")] = '\0'; /* the short name: ids stay readable */
  snprintf(buf, n, "%s-%s-%ld", stamp, host, (long)getpid());
}

/* Appends "NAME=value" for every variable starting with prefix, space separated. */
static void env_with_prefix(char *buf, size_t n, const char *prefix)
{
  size_t len = 0, k = strlen(prefix);
  buf[0] = '\0';
  for (char **e = environ; *e; e++) {
    if (strncmp(*e, prefix, k) != 0)
      continue;
    int w = snprintf(buf + len, n - len, "%s%s", len ? " " : "", *e);
    if (w < 0 || (size_t)w >= n - len)
      break; /* cut at a whole variable */
    len += (size_t)w;
  }
  buf[len] = '\0';
}

/* The command line into buf: arguments holding a space or a quote in single quotes. */
static void command_line(char *buf, size_t n, int argc, char **argv)
{
  size_t len = 0;
  buf[0] = '\0';
  for (int i = 0; i < argc; i++) {
    int plain = strpbrk(argv[i], " \t'\"") == NULL && argv[i][0];
    int w = snprintf(buf + len, n - len, plain ? "%s%s" : "%s'%s'", i ? " " : "", argv[i]);
    if (w < 0 || (size_t)w >= n - len)
      break;
    len += (size_t)w;
  }
  buf[len] = '\0';
}

static unsigned long cache_kb(hwloc_topology_t topo, hwloc_obj_type_t type)
{
  hwloc_obj_t c = topo ? hwloc_get_obj_by_type(topo, type, 0) : NULL;
  return c && c->attr ? (unsigned long)(c->attr->cache.size / 1024) : 0;
}

static int count_of(hwloc_topology_t topo, hwloc_obj_type_t type)
{
  return topo ? hwloc_get_nbobjs_by_type(topo, type) : 0;
}

/* The MPI library's own name and version, up to its first comma. */
static void mpi_version(char *buf, size_t n)
{
  char text[MPI_MAX_LIBRARY_VERSION_STRING];
  int len = 0;
  if (MPI_Get_library_version(text, &len) != MPI_SUCCESS)
    len = 0;
  text[len] = '\0';
  text[strcspn(text, ",\n")] = '\0';
  snprintf(buf, n, "%s", text);
}

/* Appends the run's line to csv_path + ".runs" (header first when the file is new). Returns 0,
 * or STATUS_SYSTEM with errno set. */
static int append_sidecar(const run_record *rec, const char *csv_path, const runtime *rt)
{
  char path[4096], line[16384], cpu[256], stamp[64], omp[1024], slurm[2048];
  char mpi[256], hwloc[32];
  if ((size_t)snprintf(path, sizeof path, "%s.runs", csv_path) >= sizeof path)
    return status_errno(ENAMETOOLONG);
  sysinfo_cpu_model(cpu, sizeof cpu);
  sysinfo_timestamp(stamp, sizeof stamp);
  env_with_prefix(omp, sizeof omp, "OMP_");
  env_with_prefix(slurm, sizeof slurm, "SLURM_");
  mpi_version(mpi, sizeof mpi);
  unsigned api = hwloc_get_api_version();
  snprintf(hwloc, sizeof hwloc, "%u.%u.%u", api >> 16, (api >> 8) & 0xff, api & 0xff);

  /* Programs that place no threads (fetch, linkcheck) have not read the topology. */
  hwloc_topology_t topo = rt->topo, own = NULL;
  if (!topo && hwloc_topology_init(&own) == 0) {
    if (hwloc_topology_load(own) == 0)
      topo = own;
  }

  csv_line b = csv_line_in(line, sizeof line);
  csv_text(&b, rec->id, 0);
  csv_text(&b, stamp, 0);
  csv_text(&b, rt->host, 0);
  csv_text(&b, cpu, 0);
  csv_raw(&b, "%d,%d,%lu,%lu,%lu,%d,%d,%u,%s,", count_of(topo, HWLOC_OBJ_CORE),
          count_of(topo, HWLOC_OBJ_PU), cache_kb(topo, HWLOC_OBJ_L1CACHE),
          cache_kb(topo, HWLOC_OBJ_L2CACHE), cache_kb(topo, HWLOC_OBJ_L3CACHE), rt->size,
          rt->nodes, rt->plan.nthreads, rt->topo ? (rt->bind ? "core" : "none") : "unplaced");
  csv_text(&b, rec->command, 0);
  csv_text(&b, omp, 0);
  csv_text(&b, slurm, 0);
  csv_text(&b, mpi, 0);
  csv_text(&b, hwloc, 0);
  csv_text(&b, curl_version_info(CURLVERSION_NOW)->version, 0);
  csv_text(&b, OpenSSL_version(OPENSSL_VERSION), 0);
  csv_text(&b, HPCKIT_GIT, 1);
  if (own)
    hwloc_topology_destroy(own);
  if (b.overflow)
    return status_errno(EOVERFLOW);
  return csv_append(path, run_record_header, line, b.len);
}

void run_record_begin(run_record *rec, int argc, char **argv)
{
  memset(rec, 0, sizeof *rec);
  command_line(rec->command, sizeof rec->command, argc, argv);
}

int run_record_share(run_record *rec, const runtime *rt)
{
  if (rt->rank == 0)
    make_id(rec->id, sizeof rec->id);
  return collective_bcast(rt, rec->id, (int)sizeof rec->id, MPI_CHAR);
}

void run_record_use_options(run_record *rec, const run_options *o)
{
  snprintf(rec->tag, sizeof rec->tag, "%s", o->tag);
}

int run_record_sum_usage(run_record *rec, const runtime *rt, clock_usage *total)
{
  clock_usage u = clock_usage_now();
  double in[4] = { u.user_s, u.sys_s, u.max_rss_kb, stop_requested() };
  double out[4] = { 0, 0, 0, 0 };
  int rc = collective_reduce(rt, in, out, 4, MPI_DOUBLE, MPI_SUM);
  if (rc != 0)
    return rc;
  if (rt->rank == 0) {
    total->user_s = out[0];
    total->sys_s = out[1];
    total->max_rss_kb = out[2];
    rec->stopped |= out[3] > 0;
  }
  return 0;
}

int run_record_write_row(run_record *rec, const runtime *rt, const char *prog, const char *path,
                         results_row *row)
{
  if (rt->rank != 0 || !path[0])
    return 0;
  char params[1024];
  const char *given = row->params;
  row->run_id = rec->id;
  row->partial |= rec->stopped || stop_requested();
  if (rec->tag[0]) {
    snprintf(params, sizeof params, "%s%stag=%s", row->params ? row->params : "",
             row->params && row->params[0] ? " " : "", rec->tag);
    row->params = params;
  }
  int rc = results_append(path, row), sidecar = 0;
  row->params = given;
  if (rc == 0 && strcmp(rec->recorded, path) != 0) {
    rc = append_sidecar(rec, path, rt);
    sidecar = 1;
    if (rc == 0)
      snprintf(rec->recorded, sizeof rec->recorded, "%s", path);
  }
  if (rc == STATUS_USAGE)
    fprintf(stderr, "%s: %s%s holds lines of another schema (its first line is not this "
            "version's header): %s; give a new file\n", prog, path, sidecar ? ".runs" : "",
            sidecar ? "the row is in the CSV, the run's line is not" : "the row is not appended");
  else if (rc != 0)
    fprintf(stderr, "%s: cannot append to %s%s: %s\n", prog, path, sidecar ? ".runs" : "",
            strerror(errno));
  return rc;
}

int run_record_append_row(run_record *rec, const runtime *rt, const char *prog,
                          const char *path, results_row *row)
{
  clock_usage total = { 0, 0, 0 };
  int rc = run_record_sum_usage(rec, rt, &total);
  if (rc != 0)
    return rc;
  row->cpu_user_s = total.user_s;
  row->cpu_sys_s = total.sys_s;
  row->max_rss_kb = total.max_rss_kb;
  return run_record_write_row(rec, rt, prog, path, row);
}
