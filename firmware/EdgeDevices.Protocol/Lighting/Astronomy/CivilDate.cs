namespace EdgeDevices.Firmware.Lighting.Astronomy
{
    /// <summary>
    /// Whole-day arithmetic on the proleptic Gregorian calendar in integers (H. Hinnant's days-from-civil),
    /// so dates never pass through floating point.
    /// </summary>
    public static class CivilDate
    {
        /// <summary>Days since 1970-01-01 of a calendar date.</summary>
        public static int DaysFromCivil(int year, int month, int day)
        {
            int y = month <= 2 ? year - 1 : year;
            int era = (y >= 0 ? y : y - 399) / 400;
            int yearOfEra = y - era * 400;
            int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
            int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
            return era * 146097 + dayOfEra - 719468;
        }

        /// <summary>Calendar date of days since 1970-01-01.</summary>
        public static void CivilFromDays(int days, out int year, out int month, out int day)
        {
            int z = days + 719468;
            int era = (z >= 0 ? z : z - 146096) / 146097;
            int dayOfEra = z - era * 146097;
            int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
            int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            int mp = (5 * dayOfYear + 2) / 153;
            day = dayOfYear - (153 * mp + 2) / 5 + 1;
            month = mp < 10 ? mp + 3 : mp - 9;
            year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        }

        /// <summary>Day of week of days since 1970-01-01 (0 = Sunday, as System.DayOfWeek).</summary>
        public static int DayOfWeek(int days)
        {
            int w = (days + 4) % 7; // 1970-01-01 was a Thursday
            return w < 0 ? w + 7 : w;
        }
    }
}
