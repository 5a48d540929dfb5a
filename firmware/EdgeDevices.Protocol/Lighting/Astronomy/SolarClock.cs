using System;

namespace EdgeDevices.Firmware.Lighting.Astronomy
{
    /// <summary>
    /// Sunrise, sunset and twilight times for one place, after NOAA's solar calculator (Meeus,
    /// "Astronomical Algorithms"): accurate to about a minute between ±72° latitude. Every quantity is a
    /// float, because nanoFramework on the ESP32 computes in single precision; the date enters as an
    /// integer day count from J2000 so no large number ever passes through a float (a Julian day as a
    /// float is only good to a quarter of a day). Each event is solved by iterating the sunrise equation
    /// at the event's own time. A day on which the sun does not reach the altitude (polar day or night,
    /// no astronomical dusk in Astana in June) has no event: the Try methods return false, never NaN
    /// or midnight.
    /// </summary>
    public sealed class SolarClock
    {
        private const float Rad = 0.0174532925f;
        private const int J2000Days = 10957; // 2000-01-01 in days since 1970-01-01
        private const int Iterations = 6;

        private readonly float _latitude;
        private readonly float _longitude;
        private readonly int _utcOffsetMinutes;
        private readonly float _sinLatitude;
        private readonly float _cosLatitude;

        /// <summary>A clock for a place (degrees, north and east positive) and its fixed UTC offset.</summary>
        public SolarClock(double latitudeDegrees, double longitudeDegrees, int utcOffsetMinutes)
        {
            if (latitudeDegrees < -90 || latitudeDegrees > 90 || longitudeDegrees < -180 || longitudeDegrees > 180)
            {
                throw new ArgumentOutOfRangeException("latitudeDegrees", "position outside ±90° / ±180°");
            }

            _latitude = (float)latitudeDegrees;
            _longitude = (float)longitudeDegrees;
            _utcOffsetMinutes = utcOffsetMinutes;
            _sinLatitude = Sin(_latitude);
            _cosLatitude = Cos(_latitude);
        }

        /// <summary>Offset of local time from UTC, minutes.</summary>
        public int UtcOffsetMinutes
        {
            get { return _utcOffsetMinutes; }
        }

        /// <summary>
        /// The event on a local calendar date, as a UTC time to the second. False when the sun does not
        /// cross the event's altitude in that direction on that local date.
        /// </summary>
        public bool TryGetEvent(SolarEvent solarEvent, int year, int month, int day, out DateTime utc)
        {
            int localMinute;
            bool found = TryGetLocalMinute(solarEvent, CivilDate.DaysFromCivil(year, month, day), out localMinute);
            utc = found
                ? new DateTime(new DateTime(year, month, day).Ticks + (long)(localMinute - _utcOffsetMinutes) * TimeSpan.TicksPerMinute, DateTimeKind.Utc)
                : DateTime.MinValue;
            return found;
        }

        /// <summary>
        /// The event on the local date <paramref name="days"/> (days since 1970-01-01) as whole minutes
        /// after local midnight, rounded to the nearest minute. False when it does not happen that day.
        /// </summary>
        public bool TryGetLocalMinute(SolarEvent solarEvent, int days, out int localMinute)
        {
            float seconds;
            bool found = TryGetLocalSeconds(solarEvent, days, out seconds);
            localMinute = found ? (int)((seconds + 30) / 60) : 0;
            if (localMinute >= 1440)
            {
                // Rounded past midnight: the event is at 23:59:30 or later, and still on this date.
                localMinute = 1439;
            }

            return found;
        }

        /// <summary>
        /// As <see cref="TryGetLocalMinute"/>, in seconds after local midnight (0 ≤ s &lt; 86400). The event
        /// of the date's own solar day is tried first, then its neighbours': where local time runs far from
        /// solar time (Reykjavik at UTC+0 in June), a sunset may fall just after local midnight.
        /// </summary>
        public bool TryGetLocalSeconds(SolarEvent solarEvent, int days, out float localSeconds)
        {
            localSeconds = 0;
            float altitude;
            bool morning;
            if (!Describe(solarEvent, out altitude, out morning))
            {
                return false;
            }

            for (int k = 0; k < 3; k++)
            {
                int solarDay = k == 0 ? days : (k == 1 ? days - 1 : days + 1);
                float seconds;
                if (TrySolve(Sin(altitude), morning, solarDay, out seconds))
                {
                    seconds += (solarDay - days) * 86400f;
                    if (seconds >= 0f && seconds < 86400f)
                    {
                        localSeconds = seconds;
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// On a date without the event, whether the sun stays below the event's altitude all day (polar
        /// night for sunrise/sunset) rather than above it (polar day). Judged by the altitude at solar noon.
        /// </summary>
        public bool StaysBelow(SolarEvent solarEvent, int days)
        {
            float altitude;
            bool morning;
            Describe(solarEvent, out altitude, out morning);
            float declination;
            float equationOfTime;
            SunPosition(days - J2000Days, 720f - 4f * _longitude, out declination, out equationOfTime);
            float noonAltitude = 90f - Math.Abs(_latitude - declination);
            return noonAltitude < altitude;
        }

        // The crossing on the solar day around local noon of date 'days', in seconds after that date's
        // local midnight (may fall outside 0..86400); false when the sun does not reach the altitude.
        private bool TrySolve(float sinAltitude, bool morning, int days, out float localSeconds)
        {
            localSeconds = 0;

            // Minutes after 00:00 UTC of the date; start from local noon.
            float minute = 720f - _utcOffsetMinutes;
            int dayNumber = days - J2000Days;
            for (int i = 0; i < Iterations; i++)
            {
                float declination;
                float equationOfTime;
                SunPosition(dayNumber, minute, out declination, out equationOfTime);
                float cosHourAngle = (sinAltitude - _sinLatitude * Sin(declination)) / (_cosLatitude * Cos(declination));
                if (cosHourAngle > 1f || cosHourAngle < -1f)
                {
                    return false;
                }

                float hourAngle = (float)Math.Acos(cosHourAngle) / Rad;
                float solarNoon = 720f - 4f * _longitude - equationOfTime;
                minute = morning ? solarNoon - 4f * hourAngle : solarNoon + 4f * hourAngle;
            }

            localSeconds = (minute + _utcOffsetMinutes) * 60f;
            return true;
        }

        // Declination (degrees) and equation of time (minutes) at a moment: NOAA's formulas, with time
        // counted from J2000.0 (2000-01-01 12:00) in days.
        private static void SunPosition(int dayNumber, float minuteOfDay, out float declination, out float equationOfTime)
        {
            float d = dayNumber + (minuteOfDay - 720f) / 1440f;
            float t = d / 36525f;
            float meanLongitude = Normalize(280.46646f + 0.98564736f * d + 0.0003032f * t * t);
            float meanAnomaly = Normalize(357.52911f + 0.98560028f * d - 0.0001537f * t * t);
            float eccentricity = 0.016708634f - t * (0.000042037f + 0.0000001267f * t);
            float center = Sin(meanAnomaly) * (1.914602f - t * (0.004817f + 0.000014f * t))
                + Sin(2f * meanAnomaly) * (0.019993f - 0.000101f * t)
                + Sin(3f * meanAnomaly) * 0.000289f;
            float omega = 125.04f - 1934.136f * t;
            float apparentLongitude = meanLongitude + center - 0.00569f - 0.00478f * Sin(omega);
            float obliquity = 23f + (26f + (21.448f - t * (46.815f + t * (0.00059f - t * 0.001813f))) / 60f) / 60f
                + 0.00256f * Cos(omega);

            declination = (float)Math.Asin(Sin(obliquity) * Sin(apparentLongitude)) / Rad;

            float y = (float)Math.Tan(obliquity * Rad / 2f);
            y *= y;
            float e = eccentricity;
            float equation = y * Sin(2f * meanLongitude)
                - 2f * e * Sin(meanAnomaly)
                + 4f * e * y * Sin(meanAnomaly) * Cos(2f * meanLongitude)
                - 0.5f * y * y * Sin(4f * meanLongitude)
                - 1.25f * e * e * Sin(2f * meanAnomaly);
            equationOfTime = 4f * equation / Rad;
        }

        private static bool Describe(SolarEvent solarEvent, out float altitude, out bool morning)
        {
            morning = ((int)solarEvent & 1) == 1;
            switch (solarEvent)
            {
                case SolarEvent.Sunrise:
                case SolarEvent.Sunset:
                    altitude = -0.833f;
                    return true;
                case SolarEvent.CivilDawn:
                case SolarEvent.CivilDusk:
                    altitude = -6f;
                    return true;
                case SolarEvent.NauticalDawn:
                case SolarEvent.NauticalDusk:
                    altitude = -12f;
                    return true;
                case SolarEvent.AstronomicalDawn:
                case SolarEvent.AstronomicalDusk:
                    altitude = -18f;
                    return true;
                default:
                    altitude = 0f;
                    return false;
            }
        }

        private static float Normalize(float degrees)
        {
            return degrees - 360f * (float)Math.Floor(degrees / 360f);
        }

        private static float Sin(float degrees)
        {
            return (float)Math.Sin(degrees * Rad);
        }

        private static float Cos(float degrees)
        {
            return (float)Math.Cos(degrees * Rad);
        }
    }
}
