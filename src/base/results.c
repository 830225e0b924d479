/* results.c - formats results rows in the one schema (csv.c quotes and appends them). */
#define _POSIX_C_SOURCE 200809L
#include "results.h"

#include <errno.h>

#include "csv.h"
#include "status.h"
#include "sysinfo.h"

const char results_header[] =
  "schema,tool,variant,ranks,threads,params,items,seconds,rate,unit,result,host,cpu,"
  "timestamp,version,cpu_user_s,cpu_sys_s,max_rss_kb,run_id,partial";

int results_format(char *buf, size_t n, const results_row *row)
{
  char host[256], cpu[256], stamp[64];
  csv_line b = csv_line_in(buf, n);
  sysinfo_host(host, sizeof host);
  sysinfo_cpu_model(cpu, sizeof cpu);
  sysinfo_timestamp(stamp, sizeof stamp);
  double rate = row->seconds > 0 ? (double)row->items / row->seconds : 0.0;

  csv_raw(&b, "%d,", RESULTS_SCHEMA);
  csv_text(&b, row->tool, 0);
  csv_text(&b, row->variant, 0);
  csv_raw(&b, "%d,%d,", row->ranks, row->threads);
  csv_text(&b, row->params, 0);
  csv_raw(&b, "%llu,%.6f,%.3f,", (unsigned long long)row->items, row->seconds, rate);
  csv_text(&b, row->unit, 0);
  csv_text(&b, row->result, 0);
  csv_text(&b, host, 0);
  csv_text(&b, cpu, 0);
  csv_text(&b, stamp, 0);
  csv_text(&b, sysinfo_version(), 0);
  csv_raw(&b, "%.3f,%.3f,%.0f,", row->cpu_user_s, row->cpu_sys_s, row->max_rss_kb);
  csv_text(&b, row->run_id, 0);
  csv_raw(&b, "%d\n", row->partial ? 1 : 0);
  return b.overflow ? status_errno(EOVERFLOW) : (int)b.len;
}

int results_append(const char *path, const results_row *row)
{
  char line[8192];
  int len = results_format(line, sizeof line, row);
  if (len < 0)
    return len;
  return csv_append(path, results_header, line, (size_t)len);
}
