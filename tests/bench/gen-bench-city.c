/* gen-bench-city.c — the benchmark city: deterministic layers of a given size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes a made-up city around Bangkok in UTM zone 47N (EPSG:32647) for the benchmarks of
 * issue 6, the same bytes on every run (own seeded PRNG, no clock):
 *
 *   OUTDIR/TIER/green_space.shp    polygons (parks, some with a pond hole) totalling TIER
 *                                  vertices (10k, 100k, 1m, or 10m)
 *   OUTDIR/TIER/transit_lines.shp  50 lines
 *   OUTDIR/TIER/transit_stops.shp  2,000 stops
 *   OUTDIR/TIER/emissions.shp      TIER emission points with a tCO2e field
 *   OUTDIR/TIER/city.gpkg          the same four layers in one GeoPackage
 *
 * Shapefiles get a .prj and a .cpg (UTF-8); names are in Thai and English.
 *
 *   gen-bench-city OUTDIR [TIER…]     (default tiers: 10k 100k 1m)
 *
 * Large data: not run by the test suite. `ninja -C BUILD bench-data` writes BUILD/bench-data.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

/* City centre (UTM 47N, about 100.52 E, 13.75 N) and half the side of the city square. */
#define CENTRE_X   662000.0
#define CENTRE_Y   1520500.0
#define HALF_SIDE  15000.0
#define N_LINES    50
#define N_STOPS    2000

/* ---- splitmix64: tiny, seeded, the same everywhere ---- */

typedef struct
{
  guint64 s;
} Rng;

static guint64
rng_next (Rng *r)
{
  guint64 z = (r->s += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* [0, 1) */
static double
rng_uniform (Rng *r)
{
  return (rng_next (r) >> 11) * (1.0 / 9007199254740992.0);
}

static double
rng_range (Rng *r, double lo, double hi)
{
  return lo + (hi - lo) * rng_uniform (r);
}

static guint
rng_int (Rng *r, guint n)
{
  return (guint) (rng_uniform (r) * n);
}

/* standard normal (Box–Muller) */
static double
rng_normal (Rng *r)
{
  double u = MAX (rng_uniform (r), 1e-300), v = rng_uniform (r);

  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

/* ---- names ---- */

static const char * const park_th[] = {
  "สวนลุมพินี", "สวนจตุจักร", "สวนเบญจกิติ", "สวนรถไฟ", "สวนสันติภาพ", "สวนเบญจสิริ",
  "สวนหลวง ร.9", "สวนธนบุรีรมย์", "สวนวชิรเบญจทัศ", "สวนสราญรมย์",
};
static const char * const park_en[] = {
  "Lumphini Park", "Chatuchak Park", "Benjakitti Park", "Rot Fai Park", "Santiphap Park",
  "Benjasiri Park", "Suan Luang Rama IX", "Thonburirom Park", "Vachirabenjatas Park",
  "Saranrom Park",
};
static const char * const stop_th[] = {
  "สยาม", "ชิดลม", "เพลินจิต", "นานา", "อโศก", "พร้อมพงษ์", "ทองหล่อ", "เอกมัย", "อารีย์",
  "สะพานควาย", "หมอชิต", "สีลม", "สาทร", "บางรัก", "ห้วยขวาง", "รัชดา", "ลาดพร้าว",
};
static const char * const sector[] = {
  "transport", "energy", "industry", "buildings", "waste",
};

/* ---- OGR helpers ---- */

typedef struct
{
  GDALDatasetH ds;
  OGRLayerH    layer;
  OGRFeatureDefnH defn;
} Out;

static GDALDatasetH
create_dataset (const char *driver_name, const char *path)
{
  GDALDriverH driver = GDALGetDriverByName (driver_name);
  GDALDatasetH ds;

  if (driver == NULL)
    g_error ("GDAL has no %s driver", driver_name);
  ds = GDALCreate (driver, path, 0, 0, 0, GDT_Unknown, NULL);
  if (ds == NULL)
    g_error ("Cannot create %s: %s", path, CPLGetLastErrorMsg ());
  return ds;
}

typedef struct
{
  const char  *name;
  OGRFieldType type;
  int          width;
} FieldSpec;

static OGRLayerH
create_layer (GDALDatasetH             ds,
              const char              *name,
              OGRwkbGeometryType       type,
              OGRSpatialReferenceH     srs,
              gboolean                 shapefile,
              const FieldSpec         *fields,
              guint                    n_fields)
{
  char *shp_options[] = { (char *) "ENCODING=UTF-8", NULL };
  OGRLayerH layer = GDALDatasetCreateLayer (ds, name, srs, type, shapefile ? shp_options : NULL);

  if (layer == NULL)
    g_error ("Cannot create layer %s: %s", name, CPLGetLastErrorMsg ());
  for (guint i = 0; i < n_fields; i++)
    {
      OGRFieldDefnH fd = OGR_Fld_Create (fields[i].name, fields[i].type);

      if (fields[i].width > 0)
        OGR_Fld_SetWidth (fd, fields[i].width);
      if (fields[i].type == OFTReal)
        OGR_Fld_SetPrecision (fd, 3);
      OGR_L_CreateField (layer, fd, TRUE);
      OGR_Fld_Destroy (fd);
    }
  return layer;
}

static void
write_feature (OGRLayerH layer, OGRFeatureH f)
{
  if (OGR_L_CreateFeature (layer, f) != OGRERR_NONE)
    g_error ("Cannot write a feature: %s", CPLGetLastErrorMsg ());
}

/* One set of outputs: a shapefile per layer, or a layer of the GeoPackage. */
typedef struct
{
  GDALDatasetH gpkg;
  const char  *dir;
  OGRSpatialReferenceH srs;
} Sink;

typedef struct
{
  GDALDatasetH shp_ds;
  OGRLayerH    shp;
  OGRLayerH    gpkg;
} LayerPair;

static void
pair_open (LayerPair *p, Sink *sink, const char *name, OGRwkbGeometryType type,
           const FieldSpec *fields, guint n_fields)
{
  g_autofree char *shp_path = g_strdup_printf ("%s/%s.shp", sink->dir, name);

  p->shp_ds = create_dataset ("ESRI Shapefile", shp_path);
  p->shp = create_layer (p->shp_ds, name, type, sink->srs, TRUE, fields, n_fields);
  p->gpkg = create_layer (sink->gpkg, name, type, sink->srs, FALSE, fields, n_fields);
}

static void
pair_write (LayerPair *p, OGRFeatureH shp_f, OGRFeatureH gpkg_f)
{
  write_feature (p->shp, shp_f);
  write_feature (p->gpkg, gpkg_f);
}

static void
pair_close (LayerPair *p)
{
  GDALClose (p->shp_ds);
}

/* Sets the same geometry and fields on the two features (shapefile and GeoPackage). */
static void
features_set (OGRFeatureH a, OGRFeatureH b, OGRGeometryH g)
{
  OGR_F_SetGeometry (a, g);
  OGR_F_SetGeometry (b, g);
}

#define SET_STRING(a, b, i, v) G_STMT_START { OGR_F_SetFieldString (a, i, v); OGR_F_SetFieldString (b, i, v); } G_STMT_END
#define SET_DOUBLE(a, b, i, v) G_STMT_START { OGR_F_SetFieldDouble (a, i, v); OGR_F_SetFieldDouble (b, i, v); } G_STMT_END
#define SET_INT(a, b, i, v) G_STMT_START { OGR_F_SetFieldInteger (a, i, v); OGR_F_SetFieldInteger (b, i, v); } G_STMT_END

/* ---- layers ---- */

/* A wobbly closed ring of @n distinct vertices (plus the closing one) around cx, cy. */
static OGRGeometryH
make_ring (Rng *r, double cx, double cy, double radius, double aspect, double rot, guint n,
           gboolean clockwise)
{
  OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);
  double phase = rng_range (r, 0, 2 * G_PI);

  for (guint i = 0; i <= n; i++)
    {
      guint k = i % n;
      double a = 2.0 * G_PI * k / n * (clockwise ? -1.0 : 1.0);
      double rr = radius * (1.0 + 0.18 * sin (3.0 * a + phase) + 0.07 * sin (11.0 * a));
      double x = rr * cos (a), y = rr * aspect * sin (a);

      OGR_G_AddPoint_2D (ring, cx + x * cos (rot) - y * sin (rot),
                         cy + x * sin (rot) + y * cos (rot));
    }
  return ring;
}

static void
write_green_space (Sink *sink, Rng *r, guint64 target)
{
  static const FieldSpec fields[] = {
    { "park_id", OFTInteger, 9 }, { "name_th", OFTString, 80 }, { "name_en", OFTString, 40 },
    { "area_m2", OFTReal, 14 },
  };
  LayerPair p;
  guint64 done = 0;
  int id = 0;

  pair_open (&p, sink, "green_space", wkbPolygon, fields, G_N_ELEMENTS (fields));
  while (done < target)
    {
      OGRFeatureH a = OGR_F_Create (OGR_L_GetLayerDefn (p.shp));
      OGRFeatureH b = OGR_F_Create (OGR_L_GetLayerDefn (p.gpkg));
      OGRGeometryH poly = OGR_G_CreateGeometry (wkbPolygon);
      /* vertices per ring 16..84 (50 on average), counting the closing vertex */
      guint n = 15 + rng_int (r, 69);
      double cx = CENTRE_X + rng_normal (r) * HALF_SIDE * 0.45;
      double cy = CENTRE_Y + rng_normal (r) * HALF_SIDE * 0.45;
      double radius = 30.0 + 400.0 * pow (rng_uniform (r), 3.0);
      double aspect = rng_range (r, 0.5, 1.0), rot = rng_range (r, 0, G_PI);
      gboolean hole = rng_uniform (r) < 0.1;
      guint idx = rng_int (r, G_N_ELEMENTS (park_th));
      g_autofree char *th = NULL, *en = NULL;

      if (done + n + 1 > target)
        n = MAX (3, (guint) (target - done) - 1);
      OGR_G_AddGeometryDirectly (poly, make_ring (r, cx, cy, radius, aspect, rot, n, TRUE));
      done += n + 1;
      if (hole && done + 13 <= target)
        {
          OGR_G_AddGeometryDirectly (poly, make_ring (r, cx, cy, radius * 0.3, aspect, rot,
                                                      12, FALSE));
          done += 13;
        }
      th = g_strdup_printf ("%s %d", park_th[idx], id + 1);
      en = g_strdup_printf ("%s %d", park_en[idx], id + 1);
      features_set (a, b, poly);
      SET_INT (a, b, 0, id + 1);
      SET_STRING (a, b, 1, th);
      SET_STRING (a, b, 2, en);
      SET_DOUBLE (a, b, 3, OGR_G_Area (poly));
      pair_write (&p, a, b);
      OGR_G_DestroyGeometry (poly);
      OGR_F_Destroy (a);
      OGR_F_Destroy (b);
      id++;
    }
  pair_close (&p);
  g_print ("  green_space: %d polygons, %" G_GUINT64_FORMAT " vertices\n", id, done);
}

static void
write_transit (Sink *sink, Rng *r)
{
  static const FieldSpec line_fields[] = {
    { "line_id", OFTInteger, 4 }, { "name_th", OFTString, 60 }, { "name_en", OFTString, 30 },
    { "mode", OFTString, 10 },
  };
  static const FieldSpec stop_fields[] = {
    { "stop_id", OFTInteger, 6 }, { "line_id", OFTInteger, 4 }, { "name_th", OFTString, 80 },
    { "boardings", OFTInteger, 8 },
  };
  static const char * const modes[] = { "bus", "bts", "mrt", "boat" };
  double line_x[N_LINES][201], line_y[N_LINES][201];
  LayerPair lines, stops;
  int stop_id = 0;

  pair_open (&lines, sink, "transit_lines", wkbLineString, line_fields,
             G_N_ELEMENTS (line_fields));
  for (int l = 0; l < N_LINES; l++)
    {
      OGRFeatureH a = OGR_F_Create (OGR_L_GetLayerDefn (lines.shp));
      OGRFeatureH b = OGR_F_Create (OGR_L_GetLayerDefn (lines.gpkg));
      OGRGeometryH g = OGR_G_CreateGeometry (wkbLineString);
      double heading = rng_range (r, 0, 2 * G_PI);
      double x = CENTRE_X + rng_normal (r) * HALF_SIDE * 0.3;
      double y = CENTRE_Y + rng_normal (r) * HALF_SIDE * 0.3;
      g_autofree char *th = g_strdup_printf ("สาย %d", l + 1);
      g_autofree char *en = g_strdup_printf ("Line %d", l + 1);

      /* a random walk of 200 steps of 120 m that keeps roughly its heading */
      for (int i = 0; i <= 200; i++)
        {
          line_x[l][i] = x;
          line_y[l][i] = y;
          OGR_G_AddPoint_2D (g, x, y);
          heading += rng_normal (r) * 0.15;
          x += 120.0 * cos (heading);
          y += 120.0 * sin (heading);
        }
      features_set (a, b, g);
      SET_INT (a, b, 0, l + 1);
      SET_STRING (a, b, 1, th);
      SET_STRING (a, b, 2, en);
      SET_STRING (a, b, 3, modes[l % G_N_ELEMENTS (modes)]);
      pair_write (&lines, a, b);
      OGR_G_DestroyGeometry (g);
      OGR_F_Destroy (a);
      OGR_F_Destroy (b);
    }
  pair_close (&lines);

  pair_open (&stops, sink, "transit_stops", wkbPoint, stop_fields, G_N_ELEMENTS (stop_fields));
  for (int l = 0; l < N_LINES; l++)
    for (int s = 0; s < N_STOPS / N_LINES; s++)
      {
        OGRFeatureH a = OGR_F_Create (OGR_L_GetLayerDefn (stops.shp));
        OGRFeatureH b = OGR_F_Create (OGR_L_GetLayerDefn (stops.gpkg));
        OGRGeometryH g = OGR_G_CreateGeometry (wkbPoint);
        int i = s * 5;
        g_autofree char *th = g_strdup_printf ("%s %d",
                                               stop_th[rng_int (r, G_N_ELEMENTS (stop_th))],
                                               stop_id + 1);

        OGR_G_SetPoint_2D (g, 0, line_x[l][i], line_y[l][i]);
        features_set (a, b, g);
        SET_INT (a, b, 0, stop_id + 1);
        SET_INT (a, b, 1, l + 1);
        SET_STRING (a, b, 2, th);
        SET_INT (a, b, 3, (int) (100 + 20000 * pow (rng_uniform (r), 4.0)));
        pair_write (&stops, a, b);
        OGR_G_DestroyGeometry (g);
        OGR_F_Destroy (a);
        OGR_F_Destroy (b);
        stop_id++;
      }
  pair_close (&stops);
  g_print ("  transit: %d lines, %d stops\n", N_LINES, stop_id);
}

static void
write_emissions (Sink *sink, Rng *r, guint64 n_points)
{
  static const FieldSpec fields[] = {
    { "src_id", OFTInteger, 9 }, { "sector", OFTString, 12 }, { "tco2e", OFTReal, 12 },
  };
  /* hot spots: points cluster around 40 centres, a third are spread evenly */
  double hx[40], hy[40], hs[40];
  LayerPair p;

  for (int i = 0; i < 40; i++)
    {
      hx[i] = CENTRE_X + rng_normal (r) * HALF_SIDE * 0.4;
      hy[i] = CENTRE_Y + rng_normal (r) * HALF_SIDE * 0.4;
      hs[i] = rng_range (r, 300, 2500);
    }

  pair_open (&p, sink, "emissions", wkbPoint, fields, G_N_ELEMENTS (fields));
  for (guint64 i = 0; i < n_points; i++)
    {
      OGRFeatureH a = OGR_F_Create (OGR_L_GetLayerDefn (p.shp));
      OGRFeatureH b = OGR_F_Create (OGR_L_GetLayerDefn (p.gpkg));
      OGRGeometryH g = OGR_G_CreateGeometry (wkbPoint);
      double x, y;
      guint s = rng_int (r, G_N_ELEMENTS (sector));

      if (rng_uniform (r) < 0.33)
        {
          x = CENTRE_X + rng_range (r, -HALF_SIDE, HALF_SIDE);
          y = CENTRE_Y + rng_range (r, -HALF_SIDE, HALF_SIDE);
        }
      else
        {
          guint h = rng_int (r, 40);

          x = hx[h] + rng_normal (r) * hs[h];
          y = hy[h] + rng_normal (r) * hs[h];
        }
      OGR_G_SetPoint_2D (g, 0, x, y);
      features_set (a, b, g);
      SET_INT (a, b, 0, (int) i + 1);
      SET_STRING (a, b, 1, sector[s]);
      SET_DOUBLE (a, b, 2, round (1000.0 * 50.0 * pow (rng_uniform (r), 3.0)) / 1000.0);
      pair_write (&p, a, b);
      OGR_G_DestroyGeometry (g);
      OGR_F_Destroy (a);
      OGR_F_Destroy (b);
    }
  pair_close (&p);
  g_print ("  emissions: %" G_GUINT64_FORMAT " points\n", n_points);
}

static gboolean
parse_tier (const char *text, guint64 *n)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  char *end = NULL;
  guint64 v = g_ascii_strtoull (lower, &end, 10);

  if (end == lower)
    return FALSE;
  if (g_str_equal (end, "k"))
    v *= 1000;
  else if (g_str_equal (end, "m"))
    v *= 1000000;
  else if (*end != '\0')
    return FALSE;
  *n = v;
  return v > 0;
}

int
main (int argc, char *argv[])
{
  const char *default_tiers[] = { "10k", "100k", "1m", NULL };
  const char **tiers = argc > 2 ? (const char **) argv + 2 : default_tiers;
  OGRSpatialReferenceH srs;

  /* an option (--help) is not a folder to fill with 240 MB */
  if (argc < 2 || argv[1][0] == '-')
    {
      fprintf (stderr, "Usage: %s OUTDIR [TIER…]   (tiers like 10k 100k 1m 10m)\n", argv[0]);
      return 2;
    }

  GDALAllRegister ();
  srs = OSRNewSpatialReference (NULL);
  OSRImportFromEPSG (srs, 32647);
  OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);

  for (guint t = 0; tiers[t] != NULL; t++)
    {
      g_autofree char *dir = g_build_filename (argv[1], tiers[t], NULL);
      g_autofree char *gpkg_path = g_build_filename (dir, "city.gpkg", NULL);
      guint64 n;
      Sink sink;
      Rng r = { G_GUINT64_CONSTANT (20261127) };

      if (!parse_tier (tiers[t], &n))
        {
          fprintf (stderr, "%s: invalid tier “%s” (use e.g. 10k, 1m)\n", argv[0], tiers[t]);
          return 2;
        }
      if (g_mkdir_with_parents (dir, 0755) != 0)
        g_error ("Cannot create %s", dir);
      g_print ("%s (%" G_GUINT64_FORMAT "):\n", dir, n);
      /* a fresh tree each time: GDAL appends to an existing shapefile set otherwise */
      for (const char *const *name = (const char *const[]) { "green_space", "transit_lines",
                                                            "transit_stops", "emissions",
                                                            NULL }; *name; name++)
        for (const char *const *ext = (const char *const[]) { "shp", "shx", "dbf", "prj", "cpg",
                                                             NULL }; *ext; ext++)
          {
            g_autofree char *f = g_strdup_printf ("%s/%s.%s", dir, *name, *ext);
            g_remove (f);
          }
      g_remove (gpkg_path);

      sink.dir = dir;
      sink.srs = srs;
      sink.gpkg = create_dataset ("GPKG", gpkg_path);
      GDALDatasetStartTransaction (sink.gpkg, FALSE);
      write_green_space (&sink, &r, n);
      write_transit (&sink, &r);
      write_emissions (&sink, &r, n);
      GDALDatasetCommitTransaction (sink.gpkg);
      GDALClose (sink.gpkg);
    }

  OSRDestroySpatialReference (srs);
  return 0;
}
