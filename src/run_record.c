/* run_record.c - the run sidecar: facts gathered on rank 0 when the first row of a run is
 * written, so that a plot or a reader months later can say exactly what produced a figure. */
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
#include "runtime.h"
#include "sysinfo.h"
#include "version.h"

extern char **environ;

const char run_record_header[] =
  "run_id,timestamp,host,cpu,cores,pus,l1d_kb,l2_kb,l3_kb,ranks,nodes,threads,bind,command,"
  "omp_env,slurm_env,mpi,hwloc,curl,openssl,source";

void run_record_make_id(char *buf, size_t n)
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

void run_record_command(char *buf, size_t n, int argc, char **argv)
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

int run_record_append(const char *csv_path, const runtime *rt)
{
  char path[4096], line[16384], cpu[256], stamp[64], omp[1024], slurm[2048];
  char mpi[256], hwloc[32];
  if ((size_t)snprintf(path, sizeof path, "%s.runs", csv_path) >= sizeof path)
    return -ENAMETOOLONG;
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
  csv_text(&b, rt->run_id, 0);
  csv_text(&b, stamp, 0);
  csv_text(&b, rt->host, 0);
  csv_text(&b, cpu, 0);
  csv_raw(&b, "%d,%d,%lu,%lu,%lu,%d,%d,%u,%s,", count_of(topo, HWLOC_OBJ_CORE),
          count_of(topo, HWLOC_OBJ_PU), cache_kb(topo, HWLOC_OBJ_L1CACHE),
          cache_kb(topo, HWLOC_OBJ_L2CACHE), cache_kb(topo, HWLOC_OBJ_L3CACHE), rt->size,
          rt->nodes, rt->plan.nthreads, rt->topo ? (rt->bind ? "core" : "none") : "unplaced");
  csv_text(&b, rt->command, 0);
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
    return -EOVERFLOW;
  return csv_append(path, run_record_header, line, b.len);
}
