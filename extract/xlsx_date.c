/* xlsx_date.c — dates and times in a workbook: a serial number of days
 * (and its fraction) to a calendar date and a time of day, in the 1900
 * date system (with the 29 February 1900 that Lotus 1-2-3 invented and
 * Excel kept: serial 60) or the 1904 one (18.17.4.1), and each part as
 * a date format shows it.
 */
#include "xlsx_int.h"

#include <math.h>

/* The last serial Excel shows as a date: 9999-12-31 in the 1900 system. */
#define SERIAL_MAX 2958466.0

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; H. Hinnant's
 * days_from_civil). */
static long days_from_civil(long y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yoe + era * 400 + (*m <= 2));
}

bool dx_xl_serial_date(xl_datetime *out, double serial, bool date1904, bool ms) {
  if (!(serial >= 0 && serial < SERIAL_MAX)) return false;
  /* the time rounded as shown: to the millisecond or to the second,
   * which may carry into the next day */
  long long total = ms ? llround(serial * 86400000.0) : llround(serial * 86400.0) * 1000;
  long days = (long)(total / 86400000);
  long msec = (long)(total % 86400000);
  *out = (xl_datetime){.days = serial};
  if (date1904) {
    civil_from_days(days_from_civil(1904, 1, 1) + days, &out->year, &out->month, &out->day);
    out->weekday = (int)((days + 5) % 7); /* 1904-01-01 was a Friday */
  } else {
    if (days == 0) { /* 0 January 1900 */
      out->year = 1900;
      out->month = 1;
      out->day = 0;
    } else if (days == 60) { /* the leap day 1900 never had */
      out->year = 1900;
      out->month = 2;
      out->day = 29;
    } else {
      /* before the false leap day serial 1 is 1900-01-01; after it one
       * day too many has been counted */
      long base = days < 60 ? days_from_civil(1899, 12, 31) : days_from_civil(1899, 12, 30);
      civil_from_days(base + days, &out->year, &out->month, &out->day);
    }
    /* Excel's weekdays: serial 1 a Sunday (right from March 1900 on) */
    out->weekday = (int)((days + 6) % 7);
  }
  out->hour = (int)(msec / 3600000);
  out->minute = (int)(msec / 60000 % 60);
  out->second = (int)(msec / 1000 % 60);
  out->msec = (int)(msec % 1000);
  return true;
}

static const char *const MONTHS[] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};
static const char *const DAYS[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                   "Thursday", "Friday", "Saturday"};
/* The aaa format writes the weekday as a zh-CN Excel does: its
 * characters are the format's output, not vocabulary the rules match. */
static const char *const DAYS_CN[] = {"日", "一", "二", "三", "四", "五", "六"};

static void two(GString *out, int v, int n) {
  g_string_append_printf(out, n >= 2 ? "%02d" : "%d", v);
}

void dx_xl_date_part(GString *out, xl_datepart k, int n, const xl_datetime *dt, bool hour12) {
  int month = CLAMP(dt->month, 1, 12);
  switch (k) {
  case XD_YEAR:
    if (n <= 2)
      g_string_append_printf(out, "%02d", dt->year % 100);
    else
      g_string_append_printf(out, "%04d", dt->year);
    break;
  case XD_MONTH:
    if (n <= 2)
      two(out, dt->month, n);
    else if (n == 3)
      g_string_append_len(out, MONTHS[month - 1], 3);
    else if (n == 4)
      g_string_append(out, MONTHS[month - 1]);
    else
      g_string_append_c(out, MONTHS[month - 1][0]);
    break;
  case XD_DAY:
    if (n <= 2)
      two(out, dt->day, n);
    else if (n == 3)
      g_string_append_len(out, DAYS[dt->weekday], 3);
    else
      g_string_append(out, DAYS[dt->weekday]);
    break;
  case XD_HOUR:
    two(out, hour12 ? (dt->hour % 12 ? dt->hour % 12 : 12) : dt->hour, n);
    break;
  case XD_MINUTE:
    two(out, dt->minute, n);
    break;
  case XD_SECOND:
    two(out, dt->second, n);
    break;
  case XD_SUBSEC: {
    char ms[4];
    g_snprintf(ms, sizeof ms, "%03d", dt->msec);
    g_string_append_len(out, ms, CLAMP(n, 1, 3));
    break;
  }
  case XD_ELAPSED_H:
    two(out, (int)floor(dt->days * 24 + 1e-9), n);
    break;
  case XD_ELAPSED_M:
    two(out, (int)floor(dt->days * 1440 + 1e-9), n);
    break;
  case XD_ELAPSED_S:
    two(out, (int)floor(dt->days * 86400 + 0.5), n);
    break;
  case XD_AMPM:
    if (n == 2)
      g_string_append(out, dt->hour < 12 ? "上午" : "下午"); /* the token's zh-CN output */
    else if (n == 1)
      g_string_append(out, dt->hour < 12 ? "A" : "P");
    else
      g_string_append(out, dt->hour < 12 ? "AM" : "PM");
    break;
  case XD_WEEKDAY_CN:
    if (n >= 4) g_string_append(out, "星期");
    g_string_append(out, DAYS_CN[dt->weekday]);
    break;
  }
}
