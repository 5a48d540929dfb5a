using System.Text;
using EdgeDevices.Firmware.Json;
using EdgeDevices.Firmware.Lighting.Astronomy;

namespace EdgeDevices.Firmware.Lighting.Schedule
{
    /// <summary>
    /// Text forms used in schedule files: times ("23:00", "sunset-10", "sunrise+15"), dates ("12-16" every
    /// year, "2025-12-31" once, stored as year×10000 + month×100 + day) and weekdays ("mon").
    /// </summary>
    public static class ScheduleText
    {
        /// <summary>Longest offset from a solar event, minutes.</summary>
        public const int MaxOffsetMinutes = 720;

        /// <summary>Name of a solar event in schedule files.</summary>
        public static string EventName(int value)
        {
            switch ((SolarEvent)value)
            {
                case SolarEvent.Sunrise: return "sunrise";
                case SolarEvent.Sunset: return "sunset";
                case SolarEvent.CivilDawn: return "civilDawn";
                case SolarEvent.CivilDusk: return "civilDusk";
                case SolarEvent.NauticalDawn: return "nauticalDawn";
                case SolarEvent.NauticalDusk: return "nauticalDusk";
                case SolarEvent.AstronomicalDawn: return "astronomicalDawn";
                case SolarEvent.AstronomicalDusk: return "astronomicalDusk";
                default: return null;
            }
        }

        /// <summary>Three-letter weekday name, Sunday = 0.</summary>
        public static string WeekdayName(int dayOfWeek)
        {
            switch (dayOfWeek)
            {
                case 0: return "sun";
                case 1: return "mon";
                case 2: return "tue";
                case 3: return "wed";
                case 4: return "thu";
                case 5: return "fri";
                case 6: return "sat";
                default: return null;
            }
        }

        /// <summary>Parses a time spec; null when malformed.</summary>
        public static TimeSpec ParseTime(string text)
        {
            if (text == null || text.Length == 0)
            {
                return null;
            }

            if (text[0] >= '0' && text[0] <= '9')
            {
                int minutes = ParseClock(text);
                return minutes < 0 ? null : TimeSpec.Fixed(minutes / 60, minutes % 60);
            }

            int sign = text.IndexOfAny(new char[] { '+', '-' });
            string name = sign < 0 ? text : text.Substring(0, sign);
            int solarEvent = FieldReader.FindName(name, 8, EventName);
            if (solarEvent < 1)
            {
                return null;
            }

            int offset = 0;
            if (sign >= 0)
            {
                offset = ParseDigits(text, sign + 1, text.Length - sign - 1);
                if (offset < 0 || offset > MaxOffsetMinutes)
                {
                    return null;
                }

                if (text[sign] == '-')
                {
                    offset = -offset;
                }
            }

            return TimeSpec.Astro((SolarEvent)solarEvent, offset);
        }

        /// <summary>Writes a time spec in the form <see cref="ParseTime"/> reads.</summary>
        public static string FormatTime(TimeSpec spec)
        {
            StringBuilder sb = new StringBuilder(24);
            if (!spec.IsAstro)
            {
                AppendTwoDigits(sb, spec.MinuteOfDay / 60);
                sb.Append(':');
                AppendTwoDigits(sb, spec.MinuteOfDay % 60);
                return sb.ToString();
            }

            sb.Append(EventName((int)spec.Event));
            if (spec.OffsetMinutes != 0)
            {
                sb.Append(spec.OffsetMinutes > 0 ? '+' : '-');
                NumberText.AppendInteger(sb, spec.OffsetMinutes > 0 ? spec.OffsetMinutes : -spec.OffsetMinutes);
            }

            return sb.ToString();
        }

        /// <summary>Minutes after midnight of "HH:MM", or -1.</summary>
        public static int ParseClock(string text)
        {
            if (text == null || text.Length != 5 || text[2] != ':')
            {
                return -1;
            }

            int hours = ParseDigits(text, 0, 2);
            int minutes = ParseDigits(text, 3, 2);
            return hours < 0 || hours > 23 || minutes < 0 || minutes > 59 ? -1 : hours * 60 + minutes;
        }

        /// <summary>"MM-DD" (year 0) or "YYYY-MM-DD" as year×10000 + month×100 + day; -1 when not a real date.</summary>
        public static int ParseDate(string text)
        {
            if (text == null || (text.Length != 5 && text.Length != 10))
            {
                return -1;
            }

            int year = 0;
            int at = 0;
            if (text.Length == 10)
            {
                year = ParseDigits(text, 0, 4);
                if (year < 2000 || text[4] != '-')
                {
                    return -1;
                }

                at = 5;
            }

            int month = ParseDigits(text, at, 2);
            int day = ParseDigits(text, at + 3, 2);
            if (text[at + 2] != '-' || month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month))
            {
                return -1;
            }

            return year * 10000 + month * 100 + day;
        }

        /// <summary>Writes a date key in the form <see cref="ParseDate"/> reads.</summary>
        public static string FormatDate(int key)
        {
            StringBuilder sb = new StringBuilder(10);
            int year = key / 10000;
            if (year > 0)
            {
                NumberText.AppendInteger(sb, year);
                sb.Append('-');
            }

            AppendTwoDigits(sb, key / 100 % 100);
            sb.Append('-');
            AppendTwoDigits(sb, key % 100);
            return sb.ToString();
        }

        private static int DaysInMonth(int year, int month)
        {
            if (month == 2)
            {
                // A yearly date may fall on 29 February.
                return year == 0 || (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            }

            return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
        }

        private static int ParseDigits(string text, int start, int count)
        {
            if (count < 1 || start + count > text.Length)
            {
                return -1;
            }

            int value = 0;
            for (int i = start; i < start + count; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9' || value > 100000)
                {
                    return -1;
                }

                value = value * 10 + (c - '0');
            }

            return value;
        }

        private static void AppendTwoDigits(StringBuilder sb, int value)
        {
            sb.Append((char)('0' + value / 10));
            sb.Append((char)('0' + value % 10));
        }
    }
}
