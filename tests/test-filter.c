/* test-filter.c — attribute conditions: parsing, evaluation, error messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ga-error.h"
#include "ga-filter.h"

static GaLayer *
make_layer (void)
{
  const char *fields[] = { "name", "type", "TCO2E", "ชื่อเขต", NULL };
  const char *rows[][4] = {
    { "Lumphini Park", "park", "1200", "ปทุมวัน" },
    { "Benjakitti", "Park", "800.5", "คลองเตย" },
    { "Depot", "industry", "5000", "บางซื่อ" },
    { "O'Brien's", "shop", NULL, "ปทุมวัน" },
  };
  GaLayer *layer = ga_layer_new ("test");

  ga_layer_set_fields (layer, fields);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      ga_layer_begin_feature (layer, GA_GEOM_POINT);
      ga_layer_begin_part (layer);
      ga_layer_add_coord (layer, i * 10.0, 0);
      ga_layer_end_feature (layer, rows[i]);
    }
  ga_layer_seal (layer);
  return layer;
}

/* The features (as a bit string "1010") that pass @expression. */
static char *
matches (GaLayer *layer, const char *expression)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GaFilter) filter = ga_filter_new (expression, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < ga_layer_get_n_features (layer); i++)
    g_string_append_c (out, ga_filter_eval (filter, layer, i) ? '1' : '0');
  return g_string_free (out, FALSE);
}

static void
check (GaLayer *layer, const char *expression, const char *expected)
{
  g_autofree char *got = matches (layer, expression);

  if (g_strcmp0 (got, expected) != 0)
    g_error ("“%s”: got %s, expected %s", expression, got, expected);
}

static void
test_eval (void)
{
  g_autoptr (GaLayer) layer = make_layer ();

  check (layer, "tco2e > 1000", "1010");
  check (layer, "TCO2E >= 800.5", "1110");
  check (layer, "tco2e < 1000", "0100");
  check (layer, "tco2e <= 1200 AND tco2e != 800.5", "1000");
  check (layer, "type = 'park'", "1100");          /* text = ignores case */
  check (layer, "type <> 'park'", "0011");
  check (layer, "type == 'PARK'", "1100");
  check (layer, "type IN ('industry', 'shop')", "0011");
  check (layer, "type NOT IN ('industry', 'shop')", "1100");
  check (layer, "name LIKE '%park%'", "1000");
  check (layer, "name LIKE 'b_njakitti'", "0100");
  check (layer, "name NOT LIKE '%park%'", "0111");
  check (layer, "tco2e IS NULL", "0001");
  check (layer, "tco2e IS NOT NULL", "1110");
  check (layer, "tco2e > 0 OR type = 'shop'", "1111");
  check (layer, "NOT (type = 'park' OR type = 'shop')", "0010");
  check (layer, "type = 'park' AND (tco2e > 1000 OR name LIKE 'Ben%')", "1100");
  check (layer, "ชื่อเขต = 'ปทุมวัน'", "1001");
  check (layer, "\"ชื่อเขต\" LIKE 'คลอง%'", "0100");
  check (layer, "name = 'O''Brien''s'", "0001");
  check (layer, "missing = 'x'", "0000");
  check (layer, "tco2e > -5", "1110");
}

static void
check_error (const char *expression, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GaFilter) filter = ga_filter_new (expression, &error);

  g_assert_null (filter);
  g_assert_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT);
  if (g_strcmp0 (error->message, message) != 0)
    g_error ("“%s”: got “%s”, expected “%s”", expression, error->message, message);
}

static void
test_errors (void)
{
  check_error ("tco2e >", "Expected a value after “>” at column 8.");
  check_error ("type = park", "Expected a value after “=” at column 8; put text in single "
               "quotes, like 'park'.");
  check_error ("type = 'park", "The text starting at column 8 has no closing quote (').");
  check_error ("(tco2e > 5", "Missing “)” at column 11.");
  check_error ("tco2e 5", "Expected a comparison (=, !=, <, <=, >, >=, IN, LIKE or IS NULL) "
               "after “tco2e” at column 7.");
  check_error ("tco2e > 5 type = 'x'", "Unexpected “type” at column 11; join conditions with "
               "AND or OR.");
  check_error ("tco2e > 5 AND", "Expected a field name at column 14, but the condition ends "
               "there.");
  check_error ("ชื่อ ~ 'x'", "Unexpected “~” at column 6.");
  check_error ("   ", "The condition is empty.");
  check_error ("type IN ('a' 'b')", "Expected “,” or “)” in the IN list at column 14.");
}

static void
test_bind (void)
{
  g_autoptr (GaLayer) layer = make_layer ();
  g_autoptr (GaFilter) filter = ga_filter_new ("height > 3", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_false (ga_filter_bind (filter, layer, &error));
  g_assert_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "The layer “test” has no field “height”.");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/filter/eval", test_eval);
  g_test_add_func ("/filter/errors", test_errors);
  g_test_add_func ("/filter/bind", test_bind);
  return g_test_run ();
}
