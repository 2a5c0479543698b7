/* ga-encoding.c — text encodings of attribute tables (DBF): names and detection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-encoding"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ga-encoding.h"

/* TIS-620 (and its superset Windows-874) put Thai in 0xA1–0xFB:
 *   0xA1–0xCE consonants, 0xCF–0xD0/0xD2–0xD3 letters and spacing vowels,
 *   0xD1, 0xD4–0xDA vowel signs above/below (combining), 0xDB–0xDE unassigned, 0xDF baht,
 *   0xE0–0xE6 leading vowels and signs, 0xE7–0xEE tone marks and signs (combining),
 *   0xEF–0xFB signs and Thai digits, 0xFC–0xFF unassigned.
 * Windows-874 adds punctuation in 0x80–0x97 (€ … ‘ ’ “ ” • – —) and NBSP at 0xA0.
 *
 * Thai words are runs of these bytes with no ASCII inside, and every combining mark
 * follows a consonant (or another mark).  Latin-1 text has accented letters alone
 * between ASCII letters (é = 0xE9 after 'f' in "Café"), so a mark after ASCII, lone high
 * bytes and bytes outside the Thai set all count against Thai. */

static inline gboolean
is_thai_consonant (guchar c)
{
  return c >= 0xA1 && c <= 0xCF;
}

static inline gboolean
is_thai_mark (guchar c)
{
  return c == 0xD1 || (c >= 0xD4 && c <= 0xDA) || (c >= 0xE7 && c <= 0xEE);
}

static inline gboolean
is_thai_char (guchar c)
{
  return (c >= 0xA1 && c <= 0xDA) || (c >= 0xDF && c <= 0xFB);
}

static inline gboolean
is_cp874_punct (guchar c)
{
  return c == 0x80 || c == 0x85 || (c >= 0x91 && c <= 0x97) || c == 0xA0;
}

void
ga_encoding_sniffer_init (GaEncodingSniffer *sniffer)
{
  memset (sniffer, 0, sizeof *sniffer);
  sniffer->utf8_valid = TRUE;
}

void
ga_encoding_sniffer_feed (GaEncodingSniffer *sniffer,
                          const char        *text,
                          gssize             len)
{
  const guchar *p = (const guchar *) text;
  gsize n;

  if (text == NULL)
    return;

  n = len < 0 ? strlen (text) : (gsize) len;
  sniffer->n_bytes += n;

  for (gsize i = 0; i < n; i++)
    {
      guchar c = p[i];
      guchar prev = i > 0 ? p[i - 1] : 0;
      guchar next = i + 1 < n ? p[i + 1] : 0;

      if (c < 0x80)
        continue;

      sniffer->n_high++;
      if (prev >= 0x80 || next >= 0x80)
        sniffer->n_in_runs++;
      if (is_thai_char (c) || is_cp874_punct (c))
        sniffer->n_thai++;
      if (is_thai_mark (c))
        {
          sniffer->n_thai_marks++;
          if (!is_thai_consonant (prev) && !is_thai_mark (prev))
            sniffer->n_bad_marks++;
        }
    }

  if (sniffer->utf8_valid)
    {
      const char *end = NULL;

      if (!g_utf8_validate (text, n, &end))
        sniffer->utf8_valid = FALSE;
      else
        {
          for (gsize i = 0; i < n; i++)
            if ((p[i] & 0xC0) == 0xC0)
              sniffer->n_utf8_multi++;
        }
    }
}

GaTextKind
ga_encoding_sniffer_get_kind (const GaEncodingSniffer *s)
{
  if (s->n_high == 0)
    return GA_TEXT_ASCII;
  if (s->utf8_valid)
    return GA_TEXT_UTF8;

  /* Thai: nearly every high byte is a Thai character, most sit in runs,
   * and combining marks follow consonants. */
  if (s->n_thai * 10 >= s->n_high * 9 &&
      s->n_in_runs * 2 >= s->n_high &&
      s->n_bad_marks * 10 <= s->n_thai_marks + 1)
    return GA_TEXT_THAI;

  return GA_TEXT_LATIN1;
}

GaTextKind
ga_encoding_detect (const char *text,
                    gssize      len)
{
  GaEncodingSniffer s;

  ga_encoding_sniffer_init (&s);
  ga_encoding_sniffer_feed (&s, text, len);
  return ga_encoding_sniffer_get_kind (&s);
}

const char *
ga_text_kind_to_encoding (GaTextKind kind)
{
  switch (kind)
    {
    case GA_TEXT_THAI:
      return "CP874";
    case GA_TEXT_LATIN1:
      return "ISO-8859-1";
    case GA_TEXT_ASCII:
    case GA_TEXT_UTF8:
    default:
      return "UTF-8";
    }
}

static gboolean
iconv_knows (const char *name)
{
  GIConv cd = g_iconv_open ("UTF-8", name);

  if (cd == (GIConv) -1)
    return FALSE;
  g_iconv_close (cd);
  return TRUE;
}

static gboolean
all_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

static char *
from_code_page (long cp)
{
  if (cp == 65001)
    return g_strdup ("UTF-8");
  if (cp == 874)
    return g_strdup ("CP874");
  if (cp == 28591)
    return g_strdup ("ISO-8859-1");
  if (cp > 28591 && cp <= 28605)
    return g_strdup_printf ("ISO-8859-%ld", cp - 28590);
  if (cp > 0 && cp < 100000)
    return g_strdup_printf ("CP%ld", cp);
  return NULL;
}

static char *
normalize_upper (const char *up)
{
  static const char * const thai[] = {
    "TIS-620", "TIS620", "TIS_620", "TIS 620", "TIS-620-2533", "ISO-8859-11", "ISO8859-11",
    "8859-11", "885911", "THAI", "WINDOWS-874", "WIN874", "MS874", "X-IBM874", "IBM874",
  };
  static const char * const latin1[] = { "LATIN1", "LATIN-1", "L1", "ISO88591", "ISO_8859-1", "WESTERN" };
  static const char * const utf8[] = { "UTF-8", "UTF8", "UTF_8", "UNICODE" };
  static const char * const prefixes[] = { "ANSI ", "ANSI_", "ANSI-", "ANSI", "WINDOWS-", "WINDOWS",
                                           "WIN-", "WIN", "CP-", "CP_", "CP ", "CP", "MS", "IBM",
                                           "DOS" };
  const char *rest;

  for (guint i = 0; i < G_N_ELEMENTS (thai); i++)
    if (g_str_equal (up, thai[i]))
      return g_strdup ("CP874");
  for (guint i = 0; i < G_N_ELEMENTS (latin1); i++)
    if (g_str_equal (up, latin1[i]))
      return g_strdup ("ISO-8859-1");
  for (guint i = 0; i < G_N_ELEMENTS (utf8); i++)
    if (g_str_equal (up, utf8[i]))
      return g_strdup ("UTF-8");

  if (all_digits (up))
    {
      /* "88591" and "8859-1" style ISO names, else a Windows/DOS code page number */
      if (g_str_has_prefix (up, "8859") && strlen (up) > 4)
        return g_strdup_printf ("ISO-8859-%s", up + 4);
      return from_code_page (strtol (up, NULL, 10));
    }

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (up, prefixes[i]) && all_digits (up + strlen (prefixes[i])))
      return from_code_page (strtol (up + strlen (prefixes[i]), NULL, 10));

  rest = NULL;
  if (g_str_has_prefix (up, "8859-") || g_str_has_prefix (up, "8859_"))
    rest = up + 5;
  else if (g_str_has_prefix (up, "ISO8859-") || g_str_has_prefix (up, "ISO8859_") ||
           g_str_has_prefix (up, "ISO-8859-") || g_str_has_prefix (up, "ISO_8859-"))
    rest = strrchr (up, '-') ? strrchr (up, '-') + 1 : strrchr (up, '_') + 1;
  if (rest != NULL && all_digits (rest))
    return g_strdup_printf ("ISO-8859-%s", rest);

  if (g_str_equal (up, "SHIFTJIS") || g_str_equal (up, "SJIS"))
    return g_strdup ("SHIFT_JIS");

  return g_strdup (up);
}

char *
ga_encoding_normalize (const char *label)
{
  g_autofree char *s = NULL;
  g_autofree char *up = NULL;
  g_autofree char *result = NULL;
  gsize n;

  if (label == NULL)
    return NULL;

  s = g_strstrip (g_strdup (label));
  n = strlen (s);
  if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0])
    {
      memmove (s, s + 1, n - 2);
      s[n - 2] = '\0';
      g_strstrip (s);
    }

  n = strlen (s);
  if (n == 0 || n > 40)
    return NULL;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (s[i]) && strchr (" -_.:", s[i]) == NULL)
      return NULL;

  up = g_ascii_strup (s, -1);
  result = normalize_upper (up);
  if (result == NULL || !iconv_knows (result))
    return NULL;
  return g_steal_pointer (&result);
}

char *
ga_encoding_to_utf8 (const char *text,
                     gssize      len,
                     const char *encoding)
{
  GString *out;
  const char *p = text;
  gsize left;

  if (text == NULL)
    return NULL;

  left = len < 0 ? strlen (text) : (gsize) len;
  if (encoding == NULL || g_ascii_strcasecmp (encoding, "UTF-8") == 0)
    return g_utf8_make_valid (text, left);

  out = g_string_sized_new (left * 2);
  while (left > 0)
    {
      gsize bytes_read = 0;
      gsize bytes_written = 0;
      g_autoptr (GError) error = NULL;
      g_autofree char *chunk = g_convert (p, left, "UTF-8", encoding,
                                          &bytes_read, &bytes_written, &error);

      if (chunk != NULL)
        {
          g_string_append_len (out, chunk, bytes_written);
          break;
        }

      if (g_error_matches (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE) ||
          g_error_matches (error, G_CONVERT_ERROR, G_CONVERT_ERROR_PARTIAL_INPUT))
        {
          /* Convert the good prefix, replace one byte, go on. */
          if (bytes_read > 0)
            {
              g_autofree char *good = g_convert (p, bytes_read, "UTF-8", encoding,
                                                 NULL, &bytes_written, NULL);
              if (good != NULL)
                g_string_append_len (out, good, bytes_written);
            }
          g_string_append (out, "\xEF\xBF\xBD");
          p += bytes_read + 1;
          left -= MIN (left, bytes_read + 1);
          continue;
        }

      /* Unknown encoding: keep what is valid UTF-8. */
      {
        char *valid = g_utf8_make_valid (p, left);
        g_string_append (out, valid);
        g_free (valid);
      }
      break;
    }

  return g_string_free (out, FALSE);
}
