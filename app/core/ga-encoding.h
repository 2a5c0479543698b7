/* ga-encoding.h — text encodings of attribute tables (DBF): names and detection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions on byte strings; no GDAL.  The reader feeds the raw bytes of a DBF's
 * text fields to a GaEncodingSniffer and asks which encoding they are most likely in.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GA_TEXT_ASCII,   /* no byte above 0x7F: any encoding reads it */
  GA_TEXT_UTF8,    /* valid UTF-8 with multi-byte characters */
  GA_TEXT_THAI,    /* single-byte Thai: TIS-620 / Windows-874 */
  GA_TEXT_LATIN1,  /* anything else that is not UTF-8 (read as ISO-8859-1) */
} GaTextKind;

typedef struct
{
  gsize    n_bytes;
  gsize    n_high;          /* bytes >= 0x80 */
  gsize    n_thai;          /* high bytes that are Thai characters in TIS-620 / CP874 */
  gsize    n_thai_marks;    /* Thai vowel signs and tone marks (combining) */
  gsize    n_bad_marks;     /* combining marks not after a Thai consonant or mark */
  gsize    n_in_runs;       /* high bytes next to another high byte */
  gsize    n_utf8_multi;    /* multi-byte UTF-8 characters */
  gboolean utf8_valid;
} GaEncodingSniffer;

void         ga_encoding_sniffer_init      (GaEncodingSniffer *sniffer);
/* @len may be -1 for a NUL-terminated string. */
void         ga_encoding_sniffer_feed      (GaEncodingSniffer *sniffer,
                                            const char        *text,
                                            gssize             len);
GaTextKind   ga_encoding_sniffer_get_kind  (const GaEncodingSniffer *sniffer);

/* The kind of @text alone. */
GaTextKind   ga_encoding_detect            (const char        *text,
                                            gssize             len);
/* "UTF-8" for ASCII and UTF-8, "CP874" for Thai, "ISO-8859-1" otherwise. */
const char  *ga_text_kind_to_encoding      (GaTextKind         kind);

/* Canonical iconv name for an encoding label as found in .cpg files, DBF language
 * drivers or typed by a user: "874", "ANSI 874", "TIS-620", "windows-874" → "CP874";
 * "ANSI 1250" → "CP1250"; "8859-1", "latin1" → "ISO-8859-1"; "utf8" → "UTF-8".
 * NULL if the label is not an encoding this system can convert from. */
char        *ga_encoding_normalize         (const char        *label);

/* Converts @text from @encoding to UTF-8; invalid sequences become U+FFFD.
 * Never returns NULL for non-NULL @text. */
char        *ga_encoding_to_utf8           (const char        *text,
                                            gssize             len,
                                            const char        *encoding);

G_END_DECLS
