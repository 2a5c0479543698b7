/* test-crs.c — reprojection of the regional coordinate systems against values derived
 * independently of PROJ
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reference values are not PROJ checked against itself: they come from formulas written
 * out here from their published sources.
 *
 * - Transverse Mercator (UTM, SVY21): Krüger's series to third order in the third
 *   flattening n, as given by Karney, "Transverse Mercator with an accuracy of a few
 *   nanometers", J. Geodesy 85 (2011), eqs. 35 and 36 truncated at n³, and reproduced in the
 *   Wikipedia article "Universal Transverse Mercator coordinate system" (section
 *   "Simplified formulae").  The n⁴ terms are below 0.1 mm inside a UTM zone, so these
 *   formulas are good to well under 1 cm.
 * - Web Mercator: x = R·λ, y = R·ln tan(π/4 + φ/2) with R = 6378137 m (EPSG guidance
 *   note 7-2, "Popular Visualisation Pseudo Mercator").
 * - Datum shifts: geodetic ↔ geocentric (EPSG guidance note 7-2, §4.1.1) and the
 *   seven-parameter Helmert transformation (§4.4.3, position vector and coordinate frame
 *   conventions) with the parameters published in the EPSG registry:
 *     EPSG:1812 Indian 1975 to WGS 84 (4), Thailand onshore, position vector, 3 m accuracy:
 *       tX 293 m, tY 836 m, tZ 318 m, rX 0.5″, rY 1.6″, rZ −2.8″, dS 2.1 ppm
 *     EPSG:6960 VN-2000 to WGS 84 (2), Vietnam onshore, coordinate frame, 1 m accuracy:
 *       tX −191.90441429 m, tY −39.30318279 m, tZ −111.45032835 m,
 *       rX −0.00928836″, rY 0.01975479″, rZ −0.00427372″, dS 0.252906278 ppm
 *   The transformations themselves are only as good as stated (3 m, 1 m); the test checks that
 *   Green Atlas applies exactly these published operations, to 5 cm.
 * - SVY21 / Singapore TM (EPSG:3414): the projection origin 1°22′00″N 103°50′00″E has by
 *   definition the coordinates E 28001.642 m, N 38744.572 m (the false easting and northing
 *   published by the Singapore Land Authority and in EPSG:19920).  Note: 1°22′02.9154″N
 *   103°49′31.9752″E is the geodetic datum origin (station Base 7 at Pierce Reservoir), not
 *   the projection origin, so it does not map to those false coordinates.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <proj.h>

#include "ga-crs.h"
#include "ga-error.h"

#define DEG (G_PI / 180.0)

typedef struct
{
  double a, f;
} Ellipsoid;

static const Ellipsoid WGS84 = { 6378137.0, 1.0 / 298.257223563 };
/* Everest 1830 (1937 Adjustment), the ellipsoid of Indian 1975 (EPSG:7015) */
static const Ellipsoid EVEREST_1937 = { 6377276.345, 1.0 / 300.8017 };

typedef struct
{
  Ellipsoid ell;
  double lat0, lon0, k0, fe, fn; /* degrees, metres */
} TmParams;

static void
tm_constants (const Ellipsoid *e, double *n, double *A, double alpha[3], double beta[3],
              double delta[3])
{
  double n1 = e->f / (2.0 - e->f);
  double n2 = n1 * n1, n3 = n2 * n1;

  *n = n1;
  *A = e->a / (1.0 + n1) * (1.0 + n2 / 4.0 + n2 * n2 / 64.0);
  alpha[0] = n1 / 2.0 - 2.0 * n2 / 3.0 + 5.0 * n3 / 16.0;
  alpha[1] = 13.0 * n2 / 48.0 - 3.0 * n3 / 5.0;
  alpha[2] = 61.0 * n3 / 240.0;
  beta[0] = n1 / 2.0 - 2.0 * n2 / 3.0 + 37.0 * n3 / 96.0;
  beta[1] = n2 / 48.0 + n3 / 15.0;
  beta[2] = 17.0 * n3 / 480.0;
  delta[0] = 2.0 * n1 - 2.0 * n2 / 3.0 - 2.0 * n3;
  delta[1] = 7.0 * n2 / 3.0 - 8.0 * n3 / 5.0;
  delta[2] = 56.0 * n3 / 15.0;
}

/* ξ, η of a point (radians) relative to the central meridian */
static void
tm_xi_eta (const Ellipsoid *e, double lat, double dlon, double *xi, double *eta)
{
  double n, A, alpha[3], beta[3], delta[3];
  double k, t, xi1, eta1;

  tm_constants (e, &n, &A, alpha, beta, delta);
  k = 2.0 * sqrt (n) / (1.0 + n); /* = first eccentricity e */
  t = sinh (atanh (sin (lat)) - k * atanh (k * sin (lat)));
  xi1 = atan2 (t, cos (dlon));
  eta1 = atanh (sin (dlon) / sqrt (1.0 + t * t));
  *xi = xi1;
  *eta = eta1;
  for (int j = 1; j <= 3; j++)
    {
      *xi += alpha[j - 1] * sin (2 * j * xi1) * cosh (2 * j * eta1);
      *eta += alpha[j - 1] * cos (2 * j * xi1) * sinh (2 * j * eta1);
    }
}

static void
tm_forward (const TmParams *p, double lon, double lat, double *E, double *N)
{
  double n, A, alpha[3], beta[3], delta[3];
  double xi, eta, xi0, eta0;

  tm_constants (&p->ell, &n, &A, alpha, beta, delta);
  tm_xi_eta (&p->ell, lat * DEG, (lon - p->lon0) * DEG, &xi, &eta);
  tm_xi_eta (&p->ell, p->lat0 * DEG, 0.0, &xi0, &eta0);
  *E = p->fe + p->k0 * A * eta;
  *N = p->fn + p->k0 * A * (xi - xi0);
}

static void
tm_inverse (const TmParams *p, double E, double N, double *lon, double *lat)
{
  double n, A, alpha[3], beta[3], delta[3];
  double xi0, eta0, xi, eta, xi1, eta1, chi, phi;

  tm_constants (&p->ell, &n, &A, alpha, beta, delta);
  tm_xi_eta (&p->ell, p->lat0 * DEG, 0.0, &xi0, &eta0);
  xi = (N - p->fn) / (p->k0 * A) + xi0;
  eta = (E - p->fe) / (p->k0 * A);
  xi1 = xi;
  eta1 = eta;
  for (int j = 1; j <= 3; j++)
    {
      xi1 -= beta[j - 1] * sin (2 * j * xi) * cosh (2 * j * eta);
      eta1 -= beta[j - 1] * cos (2 * j * xi) * sinh (2 * j * eta);
    }
  chi = asin (sin (xi1) / cosh (eta1));
  phi = chi;
  for (int j = 1; j <= 3; j++)
    phi += delta[j - 1] * sin (2 * j * chi);
  *lat = phi / DEG;
  *lon = p->lon0 + atan2 (sinh (eta1), cos (xi1)) / DEG;
}

static TmParams
utm (const Ellipsoid *e, int zone)
{
  TmParams p = { *e, 0.0, zone * 6.0 - 183.0, 0.9996, 500000.0, 0.0 };
  return p;
}

/* EPSG guidance note 7-2 §4.1.1 */
static void
geodetic_to_geocentric (const Ellipsoid *e, double lon, double lat, double xyz[3])
{
  double e2 = e->f * (2.0 - e->f);
  double nu = e->a / sqrt (1.0 - e2 * sin (lat * DEG) * sin (lat * DEG));

  xyz[0] = nu * cos (lat * DEG) * cos (lon * DEG);
  xyz[1] = nu * cos (lat * DEG) * sin (lon * DEG);
  xyz[2] = nu * (1.0 - e2) * sin (lat * DEG);
}

static void
geocentric_to_geodetic (const Ellipsoid *e, const double xyz[3], double *lon, double *lat)
{
  double e2 = e->f * (2.0 - e->f);
  double p = hypot (xyz[0], xyz[1]);
  double phi = atan2 (xyz[2], p * (1.0 - e2));

  for (int i = 0; i < 20; i++)
    {
      double nu = e->a / sqrt (1.0 - e2 * sin (phi) * sin (phi));
      phi = atan2 (xyz[2] + e2 * nu * sin (phi), p);
    }
  *lat = phi / DEG;
  *lon = atan2 (xyz[1], xyz[0]) / DEG;
}

/* EPSG guidance note 7-2 §4.4.3.1: position vector convention; the coordinate frame
 * convention is the same with the rotations negated. */
static void
helmert (const double in[3], double out[3], double tx, double ty, double tz,
         double rx_sec, double ry_sec, double rz_sec, double ds_ppm, gboolean coordinate_frame)
{
  double sign = coordinate_frame ? -1.0 : 1.0;
  double rx = sign * rx_sec / 3600.0 * DEG;
  double ry = sign * ry_sec / 3600.0 * DEG;
  double rz = sign * rz_sec / 3600.0 * DEG;
  double m = 1.0 + ds_ppm * 1e-6;

  out[0] = tx + m * (in[0] - rz * in[1] + ry * in[2]);
  out[1] = ty + m * (rz * in[0] + in[1] - rx * in[2]);
  out[2] = tz + m * (-ry * in[0] + rx * in[1] + in[2]);
}

/* Distance in metres between two nearby lon/lat points (local sphere, enough at cm level) */
static double
ground_distance (double lon1, double lat1, double lon2, double lat2)
{
  double dy = (lat2 - lat1) * DEG * 6371000.0;
  double dx = (lon2 - lon1) * DEG * 6371000.0 * cos (lat1 * DEG);

  return hypot (dx, dy);
}

static void
project (const char *src, const char *dst, double *x, double *y)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GaTransform) t = ga_transform_new (src, dst, &error);

  g_assert_no_error (error);
  g_assert_nonnull (t);
  g_assert_true (ga_transform_apply (t, x, y, 1));
}

static void
test_utm_47n (void)
{
  TmParams p = utm (&WGS84, 47);
  double E, N, lon, lat, x, y;

  /* Lumphini Park, Bangkok: hand-derived with the series above */
  tm_forward (&p, 100.536, 13.727, &E, &N);
  g_assert_cmpfloat_with_epsilon (E, 666085.55, 0.01);
  g_assert_cmpfloat_with_epsilon (N, 1518062.57, 0.01);

  /* PROJ: UTM → lon/lat, then check the result with the independent forward series */
  x = 666085.55;
  y = 1518062.57;
  project ("EPSG:32647", "EPSG:4326", &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 100.536, 1e-6);
  g_assert_cmpfloat_with_epsilon (y, 13.727, 1e-6);
  tm_forward (&p, x, y, &E, &N);
  g_assert_cmpfloat_with_epsilon (E, 666085.55, 0.01);
  g_assert_cmpfloat_with_epsilon (N, 1518062.57, 0.01);

  /* and the independent inverse series agrees with PROJ to 1 cm */
  tm_inverse (&p, 666085.55, 1518062.57, &lon, &lat);
  g_assert_cmpfloat (ground_distance (lon, lat, x, y), <, 0.01);

  /* lon/lat → UTM (axis order: x = easting even though EPSG:4326 is lat, lon) */
  x = 100.536;
  y = 13.727;
  project ("EPSG:4326", "EPSG:32647", &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 666085.55, 0.01);
  g_assert_cmpfloat_with_epsilon (y, 1518062.57, 0.01);
}

/* UTM far outside its zone (a city's data in the zone of the next one, a province across
 * two): PROJ's fast series for points near the central meridian must hand over to the
 * exact one, so the error stays under a centimetre 20° away, as the independent series. */
static void
test_utm_far_from_meridian (void)
{
  TmParams p = utm (&WGS84, 47);
  const double lats[] = { 1.3, 13.727, 21.0 };
  const double offsets[] = { 0.2, 2.9, 6.0, 12.0, 20.0 };

  for (guint i = 0; i < G_N_ELEMENTS (lats); i++)
    for (guint j = 0; j < G_N_ELEMENTS (offsets); j++)
      {
        double lon = 99.0 + offsets[j], lat = lats[i];
        double E, N, x, y;

        tm_forward (&p, lon, lat, &E, &N);
        x = E;
        y = N;
        project ("EPSG:32647", "EPSG:4326", &x, &y);
        g_test_message ("%.1f° from the meridian at %.3f°N: %.2e m", offsets[j], lat,
                        ground_distance (x, y, lon, lat));
        g_assert_cmpfloat (ground_distance (x, y, lon, lat), <, 0.01);

        x = lon;
        y = lat;
        project ("EPSG:4326", "EPSG:32647", &x, &y);
        g_assert_cmpfloat_with_epsilon (x, E, 0.01);
        g_assert_cmpfloat_with_epsilon (y, N, 0.01);
      }
}

static void
test_utm_48n (void)
{
  TmParams p = utm (&WGS84, 48);
  double E, N, x, y;

  /* Phnom Penh, Independence Monument (approximately) */
  tm_forward (&p, 104.92821, 11.55639, &E, &N);
  x = E;
  y = N;
  project ("EPSG:32648", "EPSG:4326", &x, &y);
  g_assert_cmpfloat (ground_distance (x, y, 104.92821, 11.55639), <, 0.01);

  x = 104.92821;
  y = 11.55639;
  project ("EPSG:4326", "EPSG:32648", &x, &y);
  g_assert_cmpfloat_with_epsilon (x, E, 0.01);
  g_assert_cmpfloat_with_epsilon (y, N, 0.01);
}

static void
test_web_mercator (void)
{
  const double R = 6378137.0;
  double x = 100.5, y = 13.75;
  double ex = R * 100.5 * DEG;
  double ey = R * log (tan (G_PI / 4.0 + 13.75 * DEG / 2.0));

  project ("EPSG:4326", "EPSG:3857", &x, &y);
  g_assert_cmpfloat_with_epsilon (x, ex, 0.001);
  g_assert_cmpfloat_with_epsilon (y, ey, 0.001);
  /* 11187905.8 m: 100.5° of the 20037508.34 m half world */
  g_assert_cmpfloat_with_epsilon (x, 100.5 / 180.0 * 20037508.342789244, 0.001);

  /* UTM straight to Web Mercator */
  x = 666085.55;
  y = 1518062.57;
  project ("EPSG:32647", "EPSG:3857", &x, &y);
  g_assert_cmpfloat_with_epsilon (x, R * 100.536 * DEG, 0.02);
  g_assert_cmpfloat_with_epsilon (y, R * log (tan (G_PI / 4.0 + 13.727 * DEG / 2.0)), 0.02);
}

static void
test_indian_1975 (void)
{
  TmParams p = utm (&EVEREST_1937, 47);
  double lon_i, lat_i, xyz[3], xyz84[3], lon, lat, x, y;

  /* A point in Bangkok in Indian 1975 / UTM zone 47N */
  tm_inverse (&p, 666000.0, 1518000.0, &lon_i, &lat_i);
  geodetic_to_geocentric (&EVEREST_1937, lon_i, lat_i, xyz);
  helmert (xyz, xyz84, 293.0, 836.0, 318.0, 0.5, 1.6, -2.8, 2.1, FALSE);
  geocentric_to_geodetic (&WGS84, xyz84, &lon, &lat);

  /* The datum shift is a few hundred metres: make sure it is really applied */
  g_assert_cmpfloat (ground_distance (lon, lat, lon_i, lat_i), >, 200.0);

  x = 666000.0;
  y = 1518000.0;
  project ("EPSG:24047", "EPSG:4326", &x, &y);
  /* EPSG:1812 itself is good to 3 m; PROJ must apply it exactly (5 cm) */
  g_assert_cmpfloat (ground_distance (x, y, lon, lat), <, 0.05);

  /* and into Web Mercator */
  x = 666000.0;
  y = 1518000.0;
  project ("EPSG:24047", "EPSG:3857", &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 6378137.0 * lon * DEG, 0.06);
  g_assert_cmpfloat_with_epsilon (y, 6378137.0 * log (tan (G_PI / 4.0 + lat * DEG / 2.0)), 0.06);
}

static void
test_svy21 (void)
{
  /* 1°22′00″N 103°50′00″E */
  double lat0 = 1.0 + 22.0 / 60.0;
  double lon0 = 103.0 + 50.0 / 60.0;
  TmParams p = { WGS84, lat0, lon0, 1.0, 28001.642, 38744.572 };
  double x = 28001.642, y = 38744.572, E, N;

  project ("EPSG:3414", "EPSG:4326", &x, &y);
  g_assert_cmpfloat_with_epsilon (x, lon0, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, lat0, 1e-9);

  /* Marina Bay, away from the origin: check with the series (SVY21 uses the WGS 84 ellipsoid
   * and a null datum shift to WGS 84) */
  x = 30500.0;
  y = 29500.0;
  project ("EPSG:3414", "EPSG:4326", &x, &y);
  tm_forward (&p, x, y, &E, &N);
  g_assert_cmpfloat_with_epsilon (E, 30500.0, 0.01);
  g_assert_cmpfloat_with_epsilon (N, 29500.0, 0.01);
}

static void
test_vn2000 (void)
{
  TmParams p = utm (&WGS84, 48); /* VN-2000 uses the WGS 84 ellipsoid */
  double lon_v, lat_v, xyz[3], xyz84[3], lon, lat, x, y;

  /* Hoan Kiem Lake, Hanoi, in VN-2000 / UTM zone 48N */
  tm_inverse (&p, 588000.0, 2325000.0, &lon_v, &lat_v);
  geodetic_to_geocentric (&WGS84, lon_v, lat_v, xyz);
  helmert (xyz, xyz84, -191.90441429, -39.30318279, -111.45032835,
           -0.00928836, 0.01975479, -0.00427372, 0.252906278, TRUE);
  geocentric_to_geodetic (&WGS84, xyz84, &lon, &lat);

  g_assert_cmpfloat (ground_distance (lon, lat, lon_v, lat_v), >, 100.0);

  x = 588000.0;
  y = 2325000.0;
  project ("EPSG:3405", "EPSG:4326", &x, &y);
  g_assert_cmpfloat (ground_distance (x, y, lon, lat), <, 0.05);
}

static void
test_source_name (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GaTransform) t = ga_transform_new ("EPSG:32647", "EPSG:3857", &error);
  g_autofree char *name = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (ga_transform_get_source_name (t), ==, "WGS 84 / UTM zone 47N (EPSG:32647)");

  name = ga_crs_describe ("EPSG:24047", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Indian 1975 / UTM zone 47N (EPSG:24047)");
  g_clear_pointer (&name, g_free);

  name = ga_crs_describe ("+proj=utm +zone=47 +datum=WGS84", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (name, "UTM zone 47N"));
  g_clear_pointer (&name, g_free);

  name = ga_crs_describe ("<html><body>404</body></html>", &error);
  g_assert_error (error, GA_ERROR, GA_ERROR_BAD_CRS);
  g_assert_null (name);
  g_clear_error (&error);

  name = ga_crs_describe ("EPSG:999999", &error);
  g_assert_error (error, GA_ERROR, GA_ERROR_BAD_CRS);
  g_assert_null (name);
}

/* The shortcut around PROJ's pipelines (ga-crs.c, bare_operation) must give the numbers the
 * pipeline gives, to the last bit: this one test compares PROJ with itself on purpose, the
 * pipeline written out as ga_transform_new() makes it (+algo=auto for UTM). */
static void
test_bare_projection (void)
{
  static const struct
  {
    const char *src, *dst, *pipeline;
    double x0, y0, dx, dy;
  } cases[] = {
    { "EPSG:32647", "EPSG:4326",
      "+proj=pipeline +step +inv +proj=utm +zone=47 +ellps=WGS84 +algo=auto "
      "+step +proj=unitconvert +xy_in=rad +xy_out=deg",
      550000.0, 1400000.0, 1370.3, 5123.7 },
    { "EPSG:4326", "EPSG:3857",
      "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad "
      "+step +proj=webmerc +lat_0=0 +lon_0=0 +x_0=0 +y_0=0 +ellps=WGS84",
      97.0, 5.0, 0.0137, 0.197 },
    { "EPSG:3857", "EPSG:4326",
      "+proj=pipeline +step +inv +proj=webmerc +lat_0=0 +lon_0=0 +x_0=0 +y_0=0 +ellps=WGS84 "
      "+step +proj=unitconvert +xy_in=rad +xy_out=deg",
      10800000.0, 550000.0, 1517.1, 21234.9 },
    { "EPSG:2154", "EPSG:4326",
      "+proj=pipeline +step +inv +proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 "
      "+x_0=700000 +y_0=6600000 +ellps=GRS80 +step +proj=unitconvert +xy_in=rad +xy_out=deg",
      150000.0, 6100000.0, 9901.3, 9007.1 },
  };
  enum { N = 1000 };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GaTransform) t = ga_transform_new (cases[c].src, cases[c].dst, &error);
      PJ_CONTEXT *ctx = proj_context_create ();
      PJ *pipeline = proj_create (ctx, cases[c].pipeline);
      double xs[N], ys[N], rx[N], ry[N];

      g_assert_no_error (error);
      g_assert_nonnull (pipeline);
      g_assert_true (_ga_transform_is_bare (t));
      for (guint i = 0; i < N; i++)
        {
          xs[i] = rx[i] = cases[c].x0 + cases[c].dx * (i % 40);
          ys[i] = ry[i] = cases[c].y0 + cases[c].dy * (i / 40);
        }
      g_assert_true (ga_transform_apply (t, xs, ys, N));
      proj_trans_generic (pipeline, PJ_FWD, rx, sizeof (double), N, ry, sizeof (double), N,
                          NULL, 0, 0, NULL, 0, 0);
      for (guint i = 0; i < N; i++)
        {
          g_assert_cmpfloat (xs[i], ==, rx[i]);
          g_assert_cmpfloat (ys[i], ==, ry[i]);
        }
      proj_destroy (pipeline);
      proj_context_destroy (ctx);
    }

  /* a datum shift is more than one projection: PROJ's pipeline does it */
  {
    g_autoptr (GaTransform) t = ga_transform_new ("EPSG:24047", "EPSG:4326", NULL);

    g_assert_nonnull (t);
    g_assert_false (_ga_transform_is_bare (t));
  }
}

static void
test_failed_points (void)
{
  g_autoptr (GaTransform) t = ga_transform_new ("EPSG:4326", "EPSG:3857", NULL);
  double x[2] = { 100.0, 100.0 }, y[2] = { 13.0, 95.0 };

  /* there is no latitude 95° */
  g_assert_false (ga_transform_apply (t, x, y, 2));
  g_assert_true (isfinite (x[0]) && isfinite (y[0]));
  g_assert_cmpfloat (x[1], ==, HUGE_VAL);
}

static void
test_list (void)
{
  g_autoptr (GPtrArray) all = ga_crs_list (NULL);
  g_autoptr (GPtrArray) found = ga_crs_list ("47N");
  g_autoptr (GPtrArray) svy = ga_crs_list ("svy21");
  g_autoptr (GPtrArray) none = ga_crs_list ("no such coordinate system");
  const GaCrsInfo *info;
  gboolean seen_nonregional = FALSE;
  gboolean has_32647 = FALSE;

  g_assert_cmpuint (all->len, >, 3000);
  info = all->pdata[0];
  g_assert_cmpstr (info->code, ==, "EPSG:4326");
  g_assert_true (info->regional);
  info = all->pdata[1];
  g_assert_cmpstr (info->code, ==, "EPSG:32647");
  g_assert_cmpstr (info->name, ==, "WGS 84 / UTM zone 47N");

  /* regional entries come first, then the rest */
  for (guint i = 0; i < all->len; i++)
    {
      info = all->pdata[i];
      if (!info->regional)
        seen_nonregional = TRUE;
      else
        g_assert_false (seen_nonregional);
    }

  for (guint i = 0; i < found->len; i++)
    {
      info = found->pdata[i];
      g_assert_nonnull (strstr (info->name, "47N"));
      if (g_str_equal (info->code, "EPSG:32647"))
        has_32647 = TRUE;
    }
  g_assert_true (has_32647);
  info = found->pdata[0];
  g_assert_cmpstr (info->code, ==, "EPSG:32647");

  g_assert_cmpuint (svy->len, >=, 1);
  info = svy->pdata[0];
  g_assert_cmpstr (info->code, ==, "EPSG:3414");
  g_assert_cmpuint (none->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crs/utm-47n", test_utm_47n);
  g_test_add_func ("/crs/utm-48n", test_utm_48n);
  g_test_add_func ("/crs/utm-far-from-meridian", test_utm_far_from_meridian);
  g_test_add_func ("/crs/web-mercator", test_web_mercator);
  g_test_add_func ("/crs/indian-1975", test_indian_1975);
  g_test_add_func ("/crs/svy21", test_svy21);
  g_test_add_func ("/crs/vn2000", test_vn2000);
  g_test_add_func ("/crs/source-name", test_source_name);
  g_test_add_func ("/crs/bare-projection", test_bare_projection);
  g_test_add_func ("/crs/failed-points", test_failed_points);
  g_test_add_func ("/crs/list", test_list);

  return g_test_run ();
}
