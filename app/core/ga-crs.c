/* ga-crs.c — coordinate reference systems and transformations through PROJ
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-crs"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ga-crs.h"
#include "ga-error.h"
#include "ga-gdal-private.h"

struct _GaTransform
{
  PJ_CONTEXT *ctx;
  PJ *pj;
  char *source_name;

  /* The same operation without PROJ's pipeline around it, when it is one projection
   * between radians and a unit conversion from or to degrees (see bare_operation). */
  PJ *bare;
  PJ_DIRECTION bare_direction;
  double in_scale, out_scale;
};

#define PIPELINE_INVERSE  "+proj=pipeline +step +inv +proj="
#define TO_DEGREES        " +step +proj=unitconvert +xy_in=rad +xy_out=deg"
#define PIPELINE_FROM_DEG "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step +proj="

/* Systems used in South-East Asia, listed first by ga_crs_list () in this order.
 * Codes that PROJ's database does not have are left out. */
static const char * const regional_codes[] = {
  "4326",  /* WGS 84 */
  "32647", /* WGS 84 / UTM zone 47N: Thailand west, Myanmar, Malaysia west */
  "32648", /* WGS 84 / UTM zone 48N: Thailand east, Cambodia, Laos, Vietnam, Singapore */
  "32646", /* WGS 84 / UTM zone 46N: Myanmar west */
  "32649", /* WGS 84 / UTM zone 49N: Vietnam east, Borneo */
  "32650", /* WGS 84 / UTM zone 50N: Borneo, Philippines west */
  "32651", /* WGS 84 / UTM zone 51N: Philippines */
  "24047", /* Indian 1975 / UTM zone 47N: older Thai maps */
  "24048", /* Indian 1975 / UTM zone 48N */
  "3414",  /* SVY21 / Singapore TM */
  "3405",  /* VN-2000 / UTM zone 48N */
  "3406",  /* VN-2000 / UTM zone 49N */
  "4240",  /* Indian 1975 */
  "4756",  /* VN-2000 */
  "3375",  /* GDM2000 / Peninsula RSO */
  "3376",  /* GDM2000 / East Malaysia BRSO */
  "3857",  /* WGS 84 / Pseudo-Mercator */
};

static void
quiet_log (void *data, int level, const char *msg)
{
}

PJ_CONTEXT *
ga_proj_context_new (void)
{
  PJ_CONTEXT *ctx = proj_context_create ();

  proj_log_func (ctx, NULL, quiet_log);
  return ctx;
}

static char *
shorten (const char *text)
{
  g_autofree char *first_line = NULL;
  const char *nl = strchr (text, '\n');

  first_line = nl ? g_strndup (text, nl - text) : g_strdup (text);
  if (g_utf8_validate (first_line, -1, NULL) && g_utf8_strlen (first_line, -1) > 60)
    {
      g_autofree char *head = g_utf8_substring (first_line, 0, 57);
      return g_strconcat (head, "…", NULL);
    }
  if (!g_utf8_validate (first_line, -1, NULL))
    return g_utf8_make_valid (first_line, 60);
  return g_steal_pointer (&first_line);
}

/* Creates a CRS from "EPSG:32647", WKT, PROJJSON or a PROJ string. */
static PJ *
create_crs (PJ_CONTEXT  *ctx,
            const char  *definition,
            GError     **error)
{
  g_autoptr (PJ) crs = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (definition ? definition : ""));

  if (*stripped != '\0')
    crs = proj_create (ctx, stripped);

  /* "+proj=utm +zone=47" alone is a conversion; as a CRS it needs +type=crs. */
  if ((crs == NULL || !proj_is_crs (crs)) &&
      (g_str_has_prefix (stripped, "+") || g_str_has_prefix (stripped, "proj=")) &&
      strstr (stripped, "type=crs") == NULL)
    {
      g_autofree char *with_type = g_strconcat (stripped, " +type=crs", NULL);

      g_clear_pointer (&crs, proj_destroy);
      crs = proj_create (ctx, with_type);
    }

  if (crs == NULL || !proj_is_crs (crs))
    {
      g_autofree char *shown = shorten (stripped);

      g_set_error (error, GA_ERROR, GA_ERROR_BAD_CRS,
                   _("“%s” is not a coordinate system Green Atlas knows. "
                     "Use a code such as EPSG:32647, WKT text or a PROJ string."),
                   shown);
      return NULL;
    }

  return g_steal_pointer (&crs);
}

static char *
crs_display_name (PJ_CONTEXT *ctx,
                  PJ         *crs)
{
  g_autoptr (PJ) base = NULL;
  g_autoptr (PJ_OBJ_LIST) matches = NULL;
  PJ *named = crs;
  const char *name;
  const char *auth;
  const char *code;
  int *confidence = NULL;
  char *result = NULL;

  if (proj_get_type (crs) == PJ_TYPE_BOUND_CRS)
    {
      base = proj_get_source_crs (ctx, crs);
      if (base != NULL)
        named = base;
    }

  name = proj_get_name (named);
  if (name == NULL || *name == '\0')
    name = _("Unnamed coordinate system");

  auth = proj_get_id_auth_name (named, 0);
  code = proj_get_id_code (named, 0);
  if (auth != NULL && code != NULL)
    return g_strdup_printf ("%s (%s:%s)", name, auth, code);

  matches = proj_identify (ctx, named, "EPSG", NULL, &confidence);
  if (matches != NULL && proj_list_get_count (matches) > 0 && confidence != NULL &&
      confidence[0] >= 70)
    {
      g_autoptr (PJ) match = proj_list_get (ctx, matches, 0);
      const char *match_code = proj_get_id_code (match, 0);

      if (match_code != NULL)
        result = g_strdup_printf ("%s (EPSG:%s)", proj_get_name (match), match_code);
    }
  proj_int_list_destroy (confidence);

  return result ? result : g_strdup (name);
}

/* The same operation with PROJ's "auto" transverse Mercator: the Evenden/Snyder series
 * where its error stays under 0.1 mm (in a UTM zone, everywhere), the exact Poder/Engsager
 * one elsewhere. The inverse UTM of a million points takes ~105 ms instead of ~140 ms.
 * NULL when @op is no single PROJ pipeline or has no transverse Mercator step. */
static PJ *
with_auto_tmerc (PJ_CONTEXT *ctx,
                 PJ         *op)
{
  const char *definition = proj_as_proj_string (ctx, op, PJ_PROJ_5, NULL);
  g_auto (GStrv) words = NULL;
  g_autoptr (GStrvBuilder) b = NULL;
  g_auto (GStrv) changed = NULL;
  g_autofree char *joined = NULL;
  gboolean any = FALSE;

  if (definition == NULL || strstr (definition, "+algo=") != NULL ||
      strstr (definition, "+approx") != NULL)
    return NULL;
  words = g_strsplit (definition, " ", -1);
  b = g_strv_builder_new ();
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_strv_builder_add (b, words[i]);
      if (g_str_equal (words[i], "+proj=utm") || g_str_equal (words[i], "+proj=tmerc"))
        {
          g_strv_builder_add (b, "+algo=auto");
          any = TRUE;
        }
    }
  if (!any)
    return NULL;
  changed = g_strv_builder_end (b);
  joined = g_strjoinv (" ", changed);
  return proj_create (ctx, joined);
}

/* PROJ runs each coordinate through every step of a pipeline, and the wrapping costs more
 * than the projection: UTM to longitude/latitude and on to Web Mercator takes ~210 ms a
 * million points as two pipelines, ~140 ms as the two projections alone. So when @op is
 * "the inverse of a projection, then radians to degrees" or "degrees to radians, then a
 * projection", this returns that projection alone, with the factors the unit conversion
 * applies (computed as PROJ computes them, so the results are the same); else NULL. */
static PJ *
bare_operation (PJ_CONTEXT   *ctx,
                PJ           *op,
                PJ_DIRECTION *direction,
                double       *in_scale,
                double       *out_scale)
{
  const char *definition = proj_as_proj_string (ctx, op, PJ_PROJ_5, NULL);
  g_autofree char *projection = NULL;
  PJ_DIRECTION dir;
  double in, out;
  PJ *bare;

  if (definition == NULL)
    return NULL;
  if (g_str_has_prefix (definition, PIPELINE_INVERSE) && g_str_has_suffix (definition, TO_DEGREES))
    {
      gsize start = strlen (PIPELINE_INVERSE) - strlen ("+proj=");

      projection = g_strndup (definition + start,
                              strlen (definition) - start - strlen (TO_DEGREES));
      dir = PJ_INV;
      in = 1.0;
      out = 1.0 / (G_PI / 180.0);
    }
  else if (g_str_has_prefix (definition, PIPELINE_FROM_DEG))
    {
      projection = g_strdup (definition + strlen (PIPELINE_FROM_DEG) - strlen ("+proj="));
      dir = PJ_FWD;
      in = G_PI / 180.0;
      out = 1.0;
    }
  else
    return NULL;

  /* one projection: no further step, nothing inverted inside */
  if (strstr (projection, "+step") != NULL || strstr (projection, "+inv") != NULL ||
      strstr (projection, "+proj=pipeline") != NULL)
    return NULL;
  bare = proj_create (ctx, projection);
  if (bare == NULL)
    return NULL;
  if (dir == PJ_INV ? !proj_angular_output (bare, PJ_INV) || proj_angular_input (bare, PJ_INV)
                    : !proj_angular_input (bare, PJ_FWD) || proj_angular_output (bare, PJ_FWD))
    {
      proj_destroy (bare);
      return NULL;
    }
  *direction = dir;
  *in_scale = in;
  *out_scale = out;
  return bare;
}

GaTransform *
ga_transform_new (const char  *src,
                  const char  *dst,
                  GError     **error)
{
  g_autoptr (PJ_CONTEXT) ctx = ga_proj_context_new ();
  g_autoptr (PJ) src_crs = NULL;
  g_autoptr (PJ) dst_crs = NULL;
  g_autoptr (PJ) op = NULL;
  GaTransform *self;
  PJ *norm;

  g_return_val_if_fail (src != NULL && dst != NULL, NULL);

  src_crs = create_crs (ctx, src, error);
  if (src_crs == NULL)
    return NULL;
  dst_crs = create_crs (ctx, dst, error);
  if (dst_crs == NULL)
    return NULL;

  op = proj_create_crs_to_crs_from_pj (ctx, src_crs, dst_crs, NULL, NULL);
  norm = op ? proj_normalize_for_visualization (ctx, op) : NULL;
  if (norm == NULL)
    {
      g_autofree char *a = crs_display_name (ctx, src_crs);
      g_autofree char *b = crs_display_name (ctx, dst_crs);

      g_set_error (error, GA_ERROR, GA_ERROR_BAD_CRS,
                   _("Coordinates cannot be converted from “%s” to “%s”."), a, b);
      return NULL;
    }

  {
    PJ *faster = with_auto_tmerc (ctx, norm);

    if (faster != NULL)
      {
        proj_destroy (norm);
        norm = faster;
      }
  }

  self = g_new0 (GaTransform, 1);
  self->source_name = crs_display_name (ctx, src_crs);
  self->pj = norm;
  self->in_scale = self->out_scale = 1.0;
  self->bare = bare_operation (ctx, norm, &self->bare_direction, &self->in_scale,
                               &self->out_scale);
  self->ctx = g_steal_pointer (&ctx);
  return self;
}

gboolean
ga_transform_apply (GaTransform *self,
                    double      *x,
                    double      *y,
                    gsize        n)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);

  if (n == 0)
    return TRUE;

  if (self->bare != NULL)
    {
      if (self->in_scale != 1.0)
        for (gsize i = 0; i < n; i++)
          {
            x[i] *= self->in_scale;
            y[i] *= self->in_scale;
          }
      proj_errno_reset (self->bare);
      proj_trans_generic (self->bare, self->bare_direction,
                          x, sizeof (double), n,
                          y, sizeof (double), n,
                          NULL, 0, 0,
                          NULL, 0, 0);
    }
  else
    {
      proj_errno_reset (self->pj);
      proj_trans_generic (self->pj, PJ_FWD,
                          x, sizeof (double), n,
                          y, sizeof (double), n,
                          NULL, 0, 0,
                          NULL, 0, 0);
    }

  for (gsize i = 0; i < n; i++)
    {
      if (!isfinite (x[i]) || !isfinite (y[i]) || x[i] == HUGE_VAL || y[i] == HUGE_VAL)
        {
          x[i] = y[i] = HUGE_VAL;
          ok = FALSE;
        }
      else if (self->out_scale != 1.0)
        {
          x[i] *= self->out_scale;
          y[i] *= self->out_scale;
        }
    }

  return ok;
}

gboolean
_ga_transform_is_bare (GaTransform *self)
{
  return self->bare != NULL;
}

const char *
ga_transform_get_source_name (GaTransform *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->source_name;
}

void
ga_transform_free (GaTransform *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->bare, proj_destroy);
  g_clear_pointer (&self->pj, proj_destroy);
  g_clear_pointer (&self->ctx, proj_context_destroy);
  g_free (self->source_name);
  g_free (self);
}

char *
ga_crs_describe (const char  *definition,
                 GError     **error)
{
  g_autoptr (PJ_CONTEXT) ctx = ga_proj_context_new ();
  g_autoptr (PJ) crs = create_crs (ctx, definition, error);

  if (crs == NULL)
    return NULL;
  return crs_display_name (ctx, crs);
}

void
ga_crs_info_free (GaCrsInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->code);
  g_free (info->name);
  g_free (info);
}

static int
regional_rank (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (regional_codes); i++)
    if (g_str_equal (code, regional_codes[i]))
      return (int) i;
  return -1;
}

static int
compare_crs_info (gconstpointer a,
                  gconstpointer b)
{
  const GaCrsInfo *ia = *(const GaCrsInfo * const *) a;
  const GaCrsInfo *ib = *(const GaCrsInfo * const *) b;
  int ra = regional_rank (ia->code + strlen ("EPSG:"));
  int rb = regional_rank (ib->code + strlen ("EPSG:"));
  long ca, cb;

  if (ra >= 0 && rb >= 0)
    return ra - rb;
  if (ra >= 0)
    return -1;
  if (rb >= 0)
    return 1;

  ca = strtol (ia->code + strlen ("EPSG:"), NULL, 10);
  cb = strtol (ib->code + strlen ("EPSG:"), NULL, 10);
  return (ca > cb) - (ca < cb);
}

GPtrArray *
ga_crs_list (const char *filter)
{
  g_autoptr (PJ_CONTEXT) ctx = ga_proj_context_new ();
  g_autoptr (GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) ga_crs_info_free);
  g_autofree char *needle = NULL;
  PROJ_CRS_LIST_PARAMETERS *params;
  PROJ_CRS_INFO **list;
  PJ_TYPE types[] = { PJ_TYPE_PROJECTED_CRS, PJ_TYPE_GEOGRAPHIC_2D_CRS };
  int count = 0;

  if (filter != NULL && *filter != '\0')
    {
      g_autofree char *stripped = g_strstrip (g_strdup (filter));
      needle = g_utf8_casefold (stripped, -1);
    }

  params = proj_get_crs_list_parameters_create ();
  params->types = types;
  params->typesCount = G_N_ELEMENTS (types);
  params->allow_deprecated = 0;
  list = proj_get_crs_info_list_from_database (ctx, "EPSG", params, &count);
  proj_get_crs_list_parameters_destroy (params);

  for (int i = 0; list != NULL && i < count; i++)
    {
      const PROJ_CRS_INFO *ci = list[i];
      g_autofree char *code = NULL;
      GaCrsInfo *info;

      if (ci->deprecated || ci->code == NULL || ci->name == NULL)
        continue;

      code = g_strdup_printf ("%s:%s", ci->auth_name, ci->code);
      if (needle != NULL)
        {
          g_autofree char *hay = g_strdup_printf ("%s %s", code, ci->name);
          g_autofree char *folded = g_utf8_casefold (hay, -1);

          if (strstr (folded, needle) == NULL)
            continue;
        }

      info = g_new0 (GaCrsInfo, 1);
      info->code = g_steal_pointer (&code);
      info->name = g_strdup (ci->name);
      info->regional = regional_rank (ci->code) >= 0;
      g_ptr_array_add (result, info);
    }
  proj_crs_info_list_destroy (list);

  g_ptr_array_sort (result, compare_crs_info);
  return g_steal_pointer (&result);
}
