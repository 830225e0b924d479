/* fuzz_state.c - the --resume state files, which a crash or a person may have mangled:
 * pow's (pow_resume_read) and linkcheck's journal (link_journal_read). The first byte picks
 * the reader. Whatever they accept must be consistent. */
#define _GNU_SOURCE /* fmemopen */
#include <stdio.h>

#include "fuzz_util.h"
#include "link_journal.h"
#include "pow_resume.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 2)
    return 0;
  FILE *in = fmemopen((void *)(data + 1), size - 1, "r");
  if (!in)
    return 0;
  char err[300];
  if (data[0] & 1) {
    pow_resume st;
    if (pow_resume_read(in, &st, err, sizeof err) == 0) {
      FUZZ_ASSERT(st.shown <= st.n && st.digits >= 1 && st.digits <= 55);
      for (size_t i = 0; i < st.n; i++)
        FUZZ_ASSERT(strlen(st.coins[i].text) == st.digits);
    }
    pow_resume_free(&st);
  } else {
    link_journal j;
    if (link_journal_read(in, &j, err, sizeof err) == 0)
      for (size_t i = 0; i < j.n; i++)
        FUZZ_ASSERT(link_journal_find(&j, j.v[i].url) == &j.v[i].r);
    link_journal_close(&j);
  }
  fclose(in);
  return 0;
}
