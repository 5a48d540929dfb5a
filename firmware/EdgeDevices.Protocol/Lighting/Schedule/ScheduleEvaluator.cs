using System;
using EdgeDevices.Firmware.Lighting.Astronomy;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Timing;

namespace EdgeDevices.Firmware.Lighting.Schedule
{
    /// <summary>
    /// Answers "what level now, and until when?" for a <see cref="LightingSchedule"/> at a place, so a
    /// street light can set its output and sleep until the next change. An unexpired override wins;
    /// otherwise the first calendar rule matching the schedule day picks the program; otherwise the
    /// default program or level applies. Times are local with the place's fixed UTC offset (+5:00 for all
    /// of Kazakhstan, no DST). Evaluation allocates nothing, so it can run as often as the device likes.
    /// </summary>
    public sealed class ScheduleEvaluator
    {
        private const long SecondsPerDay = 86400;
        private const int HorizonDays = 8;

        private readonly LightingSchedule _schedule;
        private readonly SolarClock _sun;
        private readonly long _offsetSeconds;
        private readonly long _dayStartSeconds;
        private long[] _boundaries = new long[8];

        /// <summary>An evaluator for a schedule at the place of <paramref name="sun"/>.</summary>
        public ScheduleEvaluator(LightingSchedule schedule, SolarClock sun)
        {
            _schedule = schedule;
            _sun = sun;
            _offsetSeconds = sun.UtcOffsetMinutes * 60L;
            _dayStartSeconds = schedule.DayStartMinutes * 60L;
        }

        /// <summary>The schedule being evaluated.</summary>
        public LightingSchedule Schedule
        {
            get { return _schedule; }
        }

        /// <summary>Fills <paramref name="decision"/> for the moment <paramref name="utc"/>.</summary>
        public void Evaluate(DateTime utc, LampOverride lampOverride, ScheduleDecision decision)
        {
            if (lampOverride != null && lampOverride.IsActive(utc))
            {
                decision.Level = lampOverride.Level;
                decision.Source = ControlSource.Override;
                decision.ProgramId = -1;
                decision.NextChangeUtc = lampOverride.ExpiresUtc;
                return;
            }

            long local = (utc.Ticks - UnixTime.EpochTicks) / TimeSpan.TicksPerSecond + _offsetSeconds;
            int day = ScheduleDay(local);
            bool matched;
            ControlProgram program = Select(day, out matched);
            byte level = LevelAt(day, program, local);
            decision.Level = level;
            decision.Source = matched ? ControlSource.Schedule : ControlSource.Default;
            decision.ProgramId = program == null ? -1 : program.Id;
            decision.NextChangeUtc = NextChange(local, day, level);
        }

        /// <summary>The level at a moment, ignoring overrides.</summary>
        public byte LevelAt(DateTime utc)
        {
            long local = (utc.Ticks - UnixTime.EpochTicks) / TimeSpan.TicksPerSecond + _offsetSeconds;
            int day = ScheduleDay(local);
            bool matched;
            return LevelAt(day, Select(day, out matched), local);
        }

        // Schedule day of a local time: the date on which its window (from the day start) began.
        private int ScheduleDay(long local)
        {
            long shifted = local - _dayStartSeconds;
            long day = shifted / SecondsPerDay;
            if (shifted < 0 && shifted % SecondsPerDay != 0)
            {
                day--;
            }

            return (int)day;
        }

        private long WindowStart(int day)
        {
            return day * SecondsPerDay + _dayStartSeconds;
        }

        private ControlProgram Select(int day, out bool matched)
        {
            int year;
            int month;
            int date;
            CivilDate.CivilFromDays(day, out year, out month, out date);
            int monthDay = month * 100 + date;
            int absolute = year * 10000 + monthDay;
            bool holiday = IsHoliday(absolute, monthDay);
            int weekdayBit = 1 << CivilDate.DayOfWeek(day);

            CalendarRule[] rules = _schedule.Rules;
            for (int i = 0; i < rules.Length; i++)
            {
                CalendarRule rule = rules[i];
                if ((rule.Weekdays & weekdayBit) == 0
                    || (rule.Holidays == HolidayMatch.Only && !holiday)
                    || (rule.Holidays == HolidayMatch.Except && holiday)
                    || (rule.HasDateRange && !InRange(rule, absolute, monthDay)))
                {
                    continue;
                }

                ControlProgram program = _schedule.FindProgram(rule.ProgramId);
                if (program != null)
                {
                    matched = true;
                    return program;
                }
            }

            matched = false;
            return _schedule.DefaultProgramId < 0 ? null : _schedule.FindProgram(_schedule.DefaultProgramId);
        }

        private bool IsHoliday(int absolute, int monthDay)
        {
            int[] holidays = _schedule.Holidays;
            for (int i = 0; i < holidays.Length; i++)
            {
                if (holidays[i] == absolute || holidays[i] == monthDay)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool InRange(CalendarRule rule, int absolute, int monthDay)
        {
            if (rule.From >= 10000 || rule.Until >= 10000)
            {
                return absolute >= rule.From && absolute <= rule.Until;
            }

            // Yearly range; wraps the new year when it ends before it starts (1 Oct – 31 Mar).
            return rule.From <= rule.Until
                ? monthDay >= rule.From && monthDay <= rule.Until
                : monthDay >= rule.From || monthDay <= rule.Until;
        }

        private byte LevelAt(int day, ControlProgram program, long local)
        {
            if (program == null)
            {
                return _schedule.DefaultLevel;
            }

            if (!IsActive(day, program, local))
            {
                return 0;
            }

            byte level = program.BaseLevel;
            long latest = long.MinValue;
            ProgramStep[] steps = program.Steps;
            for (int i = 0; i < steps.Length; i++)
            {
                long at;
                if (Resolve(steps[i].At, day, out at) && at <= local && at > latest)
                {
                    latest = at;
                    level = steps[i].Level;
                }
            }

            return level;
        }

        private bool IsActive(int day, ControlProgram program, long local)
        {
            if (program.ActiveFrom == null || program.ActiveUntil == null)
            {
                return true;
            }

            long from;
            long until;
            long windowStart = WindowStart(day);
            if (!Resolve(program.ActiveFrom, day, out from))
            {
                // No such event today: dark all day means active from the start, light all day never active.
                if (!program.ActiveFrom.IsAstro || !_sun.StaysBelow(program.ActiveFrom.Event, day))
                {
                    return false;
                }

                from = windowStart;
            }

            if (!Resolve(program.ActiveUntil, day, out until))
            {
                if (!program.ActiveUntil.IsAstro || !_sun.StaysBelow(program.ActiveUntil.Event, day))
                {
                    return false;
                }

                until = windowStart + SecondsPerDay;
            }

            return from <= until ? local >= from && local < until : local >= from || local < until;
        }

        // The moment of a time spec within the schedule day's window, in local seconds; false when an
        // astro event does not happen in the window.
        private bool Resolve(TimeSpec spec, int day, out long at)
        {
            long windowStart = WindowStart(day);
            if (!spec.IsAstro)
            {
                at = day * SecondsPerDay + spec.MinuteOfDay * 60L;
                if (at < windowStart)
                {
                    at += SecondsPerDay;
                }

                return true;
            }

            for (int date = day; date <= day + 1; date++)
            {
                float seconds;
                if (_sun.TryGetLocalSeconds(spec.Event, date, out seconds))
                {
                    at = date * SecondsPerDay + (long)seconds + spec.OffsetMinutes * 60L;
                    if (at >= windowStart && at < windowStart + SecondsPerDay)
                    {
                        return true;
                    }
                }
            }

            at = 0;
            return false;
        }

        // The first boundary after 'local' (in this or a later schedule day) at which the level differs.
        private DateTime NextChange(long local, int day, byte level)
        {
            for (int d = day; d < day + HorizonDays; d++)
            {
                bool matched;
                ControlProgram program = Select(d, out matched);
                int count = CollectBoundaries(d, program, local);
                for (int i = 0; i < count; i++)
                {
                    if (LevelAt(d, program, _boundaries[i]) != level)
                    {
                        return new DateTime((_boundaries[i] - _offsetSeconds) * TimeSpan.TicksPerSecond + UnixTime.EpochTicks, DateTimeKind.Utc);
                    }
                }
            }

            return DateTime.MaxValue;
        }

        // Sorted moments after 'after' where the level of schedule day 'day' may change.
        private int CollectBoundaries(int day, ControlProgram program, long after)
        {
            int needed = 3 + (program == null ? 0 : program.Steps.Length);
            if (_boundaries.Length < needed)
            {
                _boundaries = new long[needed];
            }

            int count = 0;
            count = Add(WindowStart(day), after, count);
            if (program != null)
            {
                long at;
                if (program.ActiveFrom != null && Resolve(program.ActiveFrom, day, out at))
                {
                    count = Add(at, after, count);
                }

                if (program.ActiveUntil != null && Resolve(program.ActiveUntil, day, out at))
                {
                    count = Add(at, after, count);
                }

                for (int i = 0; i < program.Steps.Length; i++)
                {
                    if (Resolve(program.Steps[i].At, day, out at))
                    {
                        count = Add(at, after, count);
                    }
                }
            }

            // Insertion sort: a handful of entries.
            for (int i = 1; i < count; i++)
            {
                long value = _boundaries[i];
                int j = i - 1;
                while (j >= 0 && _boundaries[j] > value)
                {
                    _boundaries[j + 1] = _boundaries[j];
                    j--;
                }

                _boundaries[j + 1] = value;
            }

            return count;
        }

        private int Add(long at, long after, int count)
        {
            if (at > after)
            {
                _boundaries[count++] = at;
            }

            return count;
        }
    }
}
