/* test-encoding.c — encoding names and detection on byte strings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ga-encoding.h"

/* "สวนลุมพินี" (Lumphini Park) in TIS-620 / Windows-874, written out by hand: TIS-620 puts
 * U+0E01…U+0E5B at 0xA1…0xFB (byte = code point − 0x0E00 + 0xA0), so
 * ส U+0E2A → CA, ว U+0E27 → C7, น U+0E19 → B9, ล U+0E25 → C5, ุ U+0E38 → D8,
 * ม U+0E21 → C1, พ U+0E1E → BE, ิ U+0E34 → D4, น → B9, ี U+0E35 → D5. */
static const char thai_tis620[] = "\xca\xc7\xb9\xc5\xd8\xc1\xbe\xd4\xb9\xd5";
static const char thai_utf8[] = "สวนลุมพินี";

static void
test_detect_thai (void)
{
  g_autofree char *converted = NULL;

  g_assert_cmpint (ga_encoding_detect (thai_tis620, -1), ==, GA_TEXT_THAI);
  g_assert_cmpstr (ga_text_kind_to_encoding (GA_TEXT_THAI), ==, "CP874");

  /* the bytes above really are สวนลุมพินี in CP874 */
  converted = ga_encoding_to_utf8 (thai_tis620, -1, "CP874");
  g_assert_cmpstr (converted, ==, thai_utf8);

  /* Thai mixed with ASCII, as in a real attribute table */
  g_assert_cmpint (ga_encoding_detect ("Park \xca\xc7\xb9\xc5\xd8\xc1\xbe\xd4\xb9\xd5 2", -1),
                   ==, GA_TEXT_THAI);
}

static void
test_detect_latin1 (void)
{
  GaEncodingSniffer s;

  /* "Café" in ISO-8859-1: é = 0xE9 is a Thai tone mark position, but after an ASCII 'f' */
  g_assert_cmpint (ga_encoding_detect ("Caf\xe9", -1), ==, GA_TEXT_LATIN1);
  g_assert_cmpint (ga_encoding_detect ("M\xfcnchen", -1), ==, GA_TEXT_LATIN1);
  g_assert_cmpint (ga_encoding_detect ("\xc9" "cole", -1), ==, GA_TEXT_LATIN1);
  g_assert_cmpstr (ga_text_kind_to_encoding (GA_TEXT_LATIN1), ==, "ISO-8859-1");

  /* many values together */
  ga_encoding_sniffer_init (&s);
  ga_encoding_sniffer_feed (&s, "Caf\xe9", -1);
  ga_encoding_sniffer_feed (&s, "S\xe3o Paulo", -1);
  ga_encoding_sniffer_feed (&s, "na\xefve", -1);
  g_assert_cmpint (ga_encoding_sniffer_get_kind (&s), ==, GA_TEXT_LATIN1);
}

static void
test_detect_utf8 (void)
{
  GaEncodingSniffer s;

  g_assert_cmpint (ga_encoding_detect (thai_utf8, -1), ==, GA_TEXT_UTF8);
  g_assert_cmpint (ga_encoding_detect ("Café", -1), ==, GA_TEXT_UTF8);
  g_assert_cmpint (ga_encoding_detect ("Lumphini Park", -1), ==, GA_TEXT_ASCII);
  g_assert_cmpint (ga_encoding_detect ("", -1), ==, GA_TEXT_ASCII);

  /* one invalid value spoils UTF-8 for the whole column */
  ga_encoding_sniffer_init (&s);
  ga_encoding_sniffer_feed (&s, thai_utf8, -1);
  g_assert_cmpint (ga_encoding_sniffer_get_kind (&s), ==, GA_TEXT_UTF8);
  ga_encoding_sniffer_feed (&s, thai_tis620, -1);
  g_assert_cmpint (ga_encoding_sniffer_get_kind (&s), !=, GA_TEXT_UTF8);
}

static void
test_normalize (void)
{
  const struct { const char *label, *expected; } cases[] = {
    { "874", "CP874" },
    { "ANSI 874", "CP874" },
    { "ansi_874", "CP874" },
    { "TIS-620", "CP874" },
    { "tis620", "CP874" },
    { "windows-874", "CP874" },
    { "CP874", "CP874" },
    { " ANSI 1250\r\n", "CP1250" },
    { "CP1250", "CP1250" },
    { "1252", "CP1252" },
    { "8859-1", "ISO-8859-1" },
    { "88591", "ISO-8859-1" },
    { "latin1", "ISO-8859-1" },
    { "UTF-8", "UTF-8" },
    { "utf8", "UTF-8" },
    { "65001", "UTF-8" },
    { "big5", "BIG5" },
    { "shiftjis", "SHIFT_JIS" },
    { "win1251", "CP1251" },
    { "koi8r", "KOI8R" },
    { "<html><head><title>404</title>", NULL },
    { "", NULL },
    { "no-such-encoding", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = ga_encoding_normalize (cases[i].label);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_convert (void)
{
  g_autofree char *latin = ga_encoding_to_utf8 ("Caf\xe9", -1, "ISO-8859-1");
  /* 0xDB is unassigned in CP874: replaced, the rest kept */
  g_autofree char *holes = ga_encoding_to_utf8 ("\xca\xdb\xc7", -1, "CP874");
  g_autofree char *bad_utf8 = ga_encoding_to_utf8 ("a\xffz", -1, "UTF-8");

  g_assert_cmpstr (latin, ==, "Café");
  g_assert_cmpstr (holes, ==, "ส\xef\xbf\xbdว");
  g_assert_true (g_utf8_validate (bad_utf8, -1, NULL));
  g_assert_cmpint (bad_utf8[0], ==, 'a');
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/encoding/detect-thai", test_detect_thai);
  g_test_add_func ("/encoding/detect-latin1", test_detect_latin1);
  g_test_add_func ("/encoding/detect-utf8", test_detect_utf8);
  g_test_add_func ("/encoding/normalize", test_normalize);
  g_test_add_func ("/encoding/convert", test_convert);

  return g_test_run ();
}
