/* mercato-generate.c: write a seeded automotive dataset (DESIGN.md schema)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * users.csv, cars.csv, sales.csv and visits.csv with realistic shapes:
 * seasonal sales, platform preferences by age, fuel preferences by
 * platform, discounts, optional reviews that differ by platform, a
 * viewing → configuration → testing → purchasing funnel before each
 * purchase, visitors who never buy, repeat buyers. The same seed gives
 * the same bytes.
 *
 * A few anomalies are planted, a fixed number each, so the quality
 * checks have something to find (listed in app/sample/README.md):
 *   3 users with an empty customer_id, 2 with "data layer field missing";
 *   3 invalid e-mail addresses; 1 duplicated sales row and 1 visits row;
 *   3 sales priced ten times the car's price, with no transaction_id and
 *   a review of 0.0; 2 sales dated before the car's release (the 50th and
 *   500th); 2 sales of customers who are not in users; up to 5 visits that
 *   end before they start (the 100th, 2100th … 8100th); 2 sales whose
 *   customer_id is "data layer field missing".
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

typedef struct
{
  const char *model;
  const char *fuel;
  const char *release;   /* ISO date */
  int         price;
} Car;

static const Car cars[] = {
  { "Sierra", "Diesel", "2013-05-01", 35000 },
  { "3 Series", "Diesel", "2014-12-11", 40000 },
  { "Model 3", "Electric", "2017-07-28", 46990 },
  { "Leaf", "Electric", "2018-01-15", 28000 },
  { "Ioniq 5", "Electric", "2021-06-01", 44000 },
  { "Corolla", "Gasoline", "2015-03-10", 21000 },
  { "Civic", "Gasoline", "2016-09-20", 23000 },
  { "Golf", "Gasoline", "2012-11-02", 25000 },
  { "Prius", "Hybrid", "2016-02-01", 27000 },
  { "RAV4 Hybrid", "Hybrid", "2019-03-26", 33000 },
  { "X5", "Diesel", "2018-11-01", 65000 },
  { "Mustang Mach-E", "Electric", "2020-12-01", 52000 },
};

static const char *platforms[] = { "Dealership", "Mobile App", "Website" };

static const char *first_names[] = {
  "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
  "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Carlos", "Karen",
  "Amélie", "Lucas", "Sofia", "Mateo", "Chloé", "Noah", "Emma", "Léa", "Hugo", "Mia",
};

static const char *last_names[] = {
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
  "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
  "Lee", "Dubois", "Müller", "Rossi", "Nguyen", "Kowalski", "O'Brien", "Silva", "Schmidt", "Moreau",
};

static const char *domains[] = { "example.com", "mail.example", "example.org", "inbox.example" };

/* Sales run from 2021-01-01 for three years and one month. */
#define FIRST_DAY 18628      /* 2021-01-01 */
#define N_DAYS    (365 * 3 + 31)

typedef struct
{
  GRand   *rand;
  FILE    *users;
  FILE    *sales;
  FILE    *visits;
  guint    n_customers;
  guint    n_visits;
  guint    n_sales;
  char     last_sale[256];
  char     last_visit[256];
} Generator;

static void
write_uuid (Generator *g,
            char       out[37])
{
  guint8 b[16];

  for (guint i = 0; i < 16; i += 4)
    {
      guint32 r = g_rand_int (g->rand);
      memcpy (b + i, &r, 4);
    }
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  g_snprintf (out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
              b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
              b[10], b[11], b[12], b[13], b[14], b[15]);
}

static void
format_day (int   days,
            char  out[11])
{
  g_autoptr(GDate) date = g_date_new_julian (719163 + days);

  g_snprintf (out, 11, "%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

static int
parse_day (const char *iso)
{
  int y, m, d;
  g_autoptr(GDate) date = NULL;

  sscanf (iso, "%d-%d-%d", &y, &m, &d);
  date = g_date_new_dmy (d, m, y);
  return (int) g_date_get_julian (date) - 719163;
}

/* Writes a timestamp; some exports write fractions, some do not. */
static void
format_timestamp (Generator *g,
                  gint64     seconds,
                  char       out[40])
{
  char day[11];
  int s = (int) (seconds % 86400);

  format_day ((int) (seconds / 86400), day);
  if (g_rand_boolean (g->rand))
    g_snprintf (out, 40, "%s %02d:%02d:%02d.%06d", day, s / 3600, s / 60 % 60, s % 60,
                g_rand_int_range (g->rand, 0, 1000000));
  else
    g_snprintf (out, 40, "%s %02d:%02d:%02d", day, s / 3600, s / 60 % 60, s % 60);
}

/* More sales in spring and in December. */
static int
seasonal_day (Generator *g)
{
  for (;;)
    {
      int day = FIRST_DAY + g_rand_int_range (g->rand, 0, N_DAYS);
      g_autoptr(GDate) date = g_date_new_julian (719163 + day);
      int month = g_date_get_month (date);
      double weight = 0.7 + 0.25 * (month >= 3 && month <= 6) + 0.4 * (month == 12)
                      + 0.1 * (day - FIRST_DAY) / N_DAYS;

      if (g_rand_double (g->rand) < weight / 1.25)
        return day;
    }
}

/* Younger customers buy on the app, older ones at the dealership. */
static int
pick_platform (Generator *g,
               int        age)
{
  double r = g_rand_double (g->rand);
  double app = age < 35 ? 0.45 : age < 55 ? 0.30 : 0.12;
  double web = age < 35 ? 0.25 : age < 55 ? 0.25 : 0.15;

  return r < app ? 1 : r < app + web ? 2 : 0;
}

/* Electric cars sell more online; diesels at the dealership. */
static int
pick_car (Generator *g,
          int        platform,
          int        day)
{
  for (;;)
    {
      int car = g_rand_int_range (g->rand, 0, G_N_ELEMENTS (cars));
      double weight = 1.0;

      if (g_str_equal (cars[car].fuel, "Electric"))
        weight = platform == 2 ? 1.0 : platform == 1 ? 0.6 : 0.2;
      else if (g_str_equal (cars[car].fuel, "Diesel"))
        weight = platform == 0 ? 1.0 : 0.35;
      if (parse_day (cars[car].release) <= day && g_rand_double (g->rand) < weight)
        return car;
    }
}

static void
write_visit (Generator  *g,
             const char *customer,
             gint64      start,
             int         minutes,
             const char *type,
             const char *transaction)
{
  char id[37], from[40], to[40];
  gint64 end = start + minutes * 60 + g_rand_int_range (g->rand, 0, 60);

  write_uuid (g, id);
  if (++g->n_visits % 2000 == 100 && g->n_visits < 10000)
    {
      /* Planted: a visit that ends before it starts. */
      end = start - 60 * g_rand_int_range (g->rand, 1, 30);
    }
  format_timestamp (g, start, from);
  format_timestamp (g, end, to);
  g_snprintf (g->last_visit, sizeof g->last_visit, "%s,%s,%s,%s,%s,%s\n", id, customer, from, to, type, transaction);
  fputs (g->last_visit, g->visits);
}

/* Browsing that leads nowhere: visitors who never buy do only this. */
static void
write_browsing (Generator  *g,
                const char *customer,
                guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      gint64 start = (gint64) (FIRST_DAY + g_rand_int_range (g->rand, 0, N_DAYS)) * 86400
                     + g_rand_int_range (g->rand, 7 * 3600, 23 * 3600);
      gboolean configure = g_rand_double (g->rand) < 0.2;

      write_visit (g, customer, start, configure ? g_rand_int_range (g->rand, 10, 40) : g_rand_int_range (g->rand, 1, 15),
                   configure ? "car configuration" : "viewing", "");
    }
}

/* The funnel before a purchase, ending with the purchasing visit. */
static void
write_funnel (Generator  *g,
              const char *customer,
              int         platform,
              int         day,
              const char *transaction)
{
  gint64 purchase = (gint64) day * 86400 + g_rand_int_range (g->rand, platform == 0 ? 9 * 3600 : 7 * 3600,
                                                                    platform == 0 ? 18 * 3600 : 23 * 3600);
  guint viewings = g_rand_int_range (g->rand, 1, 9);

  for (guint i = 0; i < viewings; i++)
    write_visit (g, customer, purchase - g_rand_int_range (g->rand, 3, 60) * 86400 - g_rand_int_range (g->rand, 0, 86400),
                 g_rand_int_range (g->rand, 1, 15), "viewing", "");
  write_visit (g, customer, purchase - g_rand_int_range (g->rand, 1, 20) * 86400, g_rand_int_range (g->rand, 10, 40),
               "car configuration", "");
  if (platform == 0 || g_rand_double (g->rand) < 0.35)
    write_visit (g, customer, purchase - g_rand_int_range (g->rand, 1, 10) * 86400, g_rand_int_range (g->rand, 30, 90),
                 "testing", "");
  write_visit (g, customer, purchase, g_rand_int_range (g->rand, 20, 60), "purchasing", transaction);
}

static void
write_sale (Generator  *g,
            const char *customer,
            int         age,
            const char *car_ids[])
{
  static const double review_means[] = { 3.6, 3.9, 4.3 };
  char transaction[37], day_text[11], review[8] = "";
  int platform = pick_platform (g, age);
  int day = seasonal_day (g);
  int car = pick_car (g, platform, day);
  double discount = g_rand_double_range (g->rand, 0.0, platform == 2 ? 0.09 : platform == 1 ? 0.06 : 0.04);
  long price = lround (cars[car].price * (1.0 - discount) / 10.0) * 10;

  write_uuid (g, transaction);
  if (g_rand_double (g->rand) < 0.15)
    {
      double score = review_means[platform] + g_rand_double_range (g->rand, -1.6, 1.6);

      g_snprintf (review, sizeof review, "%.1f", CLAMP (round (score), 1.0, 5.0));
    }
  if (++g->n_sales == 50 || g->n_sales == 500)
    {
      /* Planted: sold before the car was released. */
      day = parse_day (cars[car].release) - g_rand_int_range (g->rand, 30, 400);
    }
  format_day (day, day_text);
  g_snprintf (g->last_sale, sizeof g->last_sale, "%s,%s,%s,%s,%s,%ld,%s\n", transaction, customer,
              car_ids[car], platforms[platform], day_text, price, review);
  fputs (g->last_sale, g->sales);
  write_funnel (g, customer, platform, day, transaction);
}

static void
write_user (Generator  *g,
            guint       index,
            char        id[37])
{
  const char *first = first_names[g_rand_int_range (g->rand, 0, G_N_ELEMENTS (first_names))];
  const char *last = last_names[g_rand_int_range (g->rand, 0, G_N_ELEMENTS (last_names))];
  const char *genders[] = { "Male", "Female", "Other" };
  double r = g_rand_double (g->rand);
  const char *gender = genders[r < 0.48 ? 0 : r < 0.97 ? 1 : 2];
  g_autofree char *email = NULL;
  g_autofree char *local = g_ascii_strdown (last, -1);

  write_uuid (g, id);
  email = g_strdup_printf ("%c.%s%u@%s", g_ascii_tolower (first[0]), local, index,
                           domains[g_rand_int_range (g->rand, 0, G_N_ELEMENTS (domains))]);
  /* Planted: ids the export lost, and invalid e-mail addresses. */
  if (index == 7 || index == 311 || index == 1201)
    id[0] = '\0';
  if (index == 19 || index == 842)
    strcpy (id, "data layer field missing");
  if (index == 23 || index == 512 || index == 1777)
    {
      g_free (email);
      email = g_strdup_printf ("%s.%s.example", local, first);
    }
  fprintf (g->users, "%s,%s,%s,%s,%s\n", id, first, last, gender, email);
}

static void
plant_odd_sales (Generator   *g,
                 const char  *some_customer,
                 const char  *car_ids[])
{
  char id[37];

  /* Sales of customers the users table does not know. */
  for (guint i = 0; i < 2; i++)
    {
      write_uuid (g, id);
      fprintf (g->sales, "%s,%s,%s,Website,2023-03-1%u,27000,\n", id, "00000000-0000-4000-8000-00000000000a", car_ids[3], i);
    }
  /* Sales whose buyer the export lost. */
  for (guint i = 0; i < 2; i++)
    {
      write_uuid (g, id);
      fprintf (g->sales, "%s,data layer field missing,%s,Dealership,2022-06-0%u,35000,\n", id, car_ids[0], i + 1);
    }
  /* Ten times the list price, no transaction id, a review of 0.0. */
  for (guint i = 0; i < 3; i++)
    fprintf (g->sales, ",%s,%s,Dealership,2022-0%u-15,%d,0.0\n", some_customer, car_ids[i], i + 4, cars[i].price * 10);
}

static FILE *
open_table (const char *folder,
            const char *name,
            const char *header)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  FILE *file = fopen (path, "w");

  if (file == NULL)
    {
      g_printerr ("mercato-generate: cannot write %s: %s\n", path, g_strerror (errno));
      exit (1);
    }
  setvbuf (file, NULL, _IOFBF, 1 << 20);
  fprintf (file, "%s\n", header);
  return file;
}

int
main (int   argc,
      char *argv[])
{
  gint customers = 1000, seed = 1;
  g_autofree char *out = NULL;
  GOptionEntry entries[] = {
    { "customers", 'n', 0, G_OPTION_ARG_INT, &customers, "Number of customers (default 1000)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Random seed (default 1)", "S" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, "Folder to write the four CSV files into", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- write a generated automotive dataset");
  g_autoptr(GError) error = NULL;
  const char *car_ids[G_N_ELEMENTS (cars)];
  char car_id_text[G_N_ELEMENTS (cars)][37];
  char first_customer[37] = "";
  Generator g = { 0 };
  FILE *cars_file;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || out == NULL || customers < 1)
    {
      g_printerr ("mercato-generate: %s\nUsage: mercato-generate --out DIR [--customers N] [--seed S]\n",
                  error != NULL ? error->message : "--out DIR is required and N must be positive");
      return 2;
    }
  if (g_mkdir_with_parents (out, 0755) != 0)
    {
      g_printerr ("mercato-generate: cannot create %s: %s\n", out, g_strerror (errno));
      return 1;
    }

  g.rand = g_rand_new_with_seed (seed);
  cars_file = open_table (out, "cars.csv", "car_id,car_model,fuel_type,release_date,price");
  for (guint i = 0; i < G_N_ELEMENTS (cars); i++)
    {
      write_uuid (&g, car_id_text[i]);
      car_ids[i] = car_id_text[i];
      fprintf (cars_file, "%s,%s,%s,%s,%d\n", car_ids[i], cars[i].model, cars[i].fuel, cars[i].release, cars[i].price);
    }
  fclose (cars_file);

  g.users = open_table (out, "users.csv", "customer_id,user_first_name,user_last_name,gender,email");
  g.sales = open_table (out, "sales.csv", "transaction_id,customer_id,car_id,platform,purchase_date,purchase_price,user_review");
  g.visits = open_table (out, "visits.csv", "visit_id,customer_id,start_timestamp,end_timestamp,visit_type,transaction_id");

  for (guint c = 0; c < (guint) customers; c++)
    {
      char id[37];
      int age = g_rand_int_range (g.rand, 18, 80);
      double r = g_rand_double (g.rand);
      guint purchases = r < 0.42 ? 0 : r < 0.88 ? 1 : r < 0.97 ? 2 : 3;

      write_user (&g, c, id);
      if (first_customer[0] == '\0' && strlen (id) == 36)
        strcpy (first_customer, id);
      /* Browsing grows with engagement: buyers browse more. */
      write_browsing (&g, id, g_rand_int_range (g.rand, purchases > 0 ? 2 : 1, purchases > 0 ? 19 : 13));
      for (guint p = 0; p < purchases; p++)
        write_sale (&g, id, age, car_ids);
      if (c == (guint) customers / 2)
        {
          /* Planted: one exact duplicate line in each log. */
          fputs (g.last_sale, g.sales);
          fputs (g.last_visit, g.visits);
        }
    }
  plant_odd_sales (&g, first_customer, car_ids);

  fclose (g.users);
  fclose (g.sales);
  fclose (g.visits);
  g_rand_free (g.rand);
  return 0;
}
