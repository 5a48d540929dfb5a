using EdgeDevices.Firmware.Json;

namespace EdgeDevices.Firmware.Lighting.Schedule
{
    /// <summary>
    /// The JSON form of a <see cref="LightingSchedule"/>: what the gateway sends a street light and what
    /// the light keeps on flash (docs/lighting-schedule.md). Parsing checks everything a light needs to
    /// trust the file (levels, times, dates, program references, sizes that fit the device) and names
    /// every bad field; writing produces text that parses back to the same schedule.
    /// </summary>
    public static class ScheduleJson
    {
        /// <summary>Most programs a schedule may hold.</summary>
        public const int MaxPrograms = 16;

        /// <summary>Most steps per program.</summary>
        public const int MaxSteps = 24;

        /// <summary>Most calendar rules.</summary>
        public const int MaxRules = 32;

        /// <summary>Most holidays.</summary>
        public const int MaxHolidays = 64;

        private static readonly string[] TopLevel = new string[] { "version", "dayStart", "holidays", "defaultProgram", "defaultLevel", "programs", "calendar" };
        private static readonly string[] ProgramKeys = new string[] { "id", "activeFrom", "activeUntil", "baseLevel", "steps" };
        private static readonly string[] StepKeys = new string[] { "at", "level" };
        private static readonly string[] RuleKeys = new string[] { "program", "weekdays", "holidays", "from", "until" };

        /// <summary>Parses schedule text.</summary>
        public static ScheduleParseResult Parse(string json)
        {
            object root;
            try
            {
                root = JsonReader.Parse(json, 6);
            }
            catch (JsonException e)
            {
                return new ScheduleParseResult(null, new FieldError[] { new FieldError("$", FieldErrorKind.Malformed, "schedule is not valid JSON: " + e.Message) });
            }

            JsonObject obj = root as JsonObject;
            if (obj == null)
            {
                return new ScheduleParseResult(null, new FieldError[] { new FieldError("$", FieldErrorKind.WrongType, "schedule must be a JSON object") });
            }

            FieldReader r = new FieldReader(obj);
            r.RejectUnknown(TopLevel);
            int version = (int)r.Integer("version", true, 0, 0, int.MaxValue);
            int dayStart = 720;
            string dayStartText = r.String("dayStart", false, "12:00", 5, 5);
            if (dayStartText != null)
            {
                dayStart = ScheduleText.ParseClock(dayStartText);
                if (dayStart < 0)
                {
                    r.AddError("dayStart", FieldErrorKind.InvalidValue, "must be a time HH:MM");
                    dayStart = 720;
                }
            }

            int[] holidays = ReadHolidays(r);
            ControlProgram[] programs = ReadPrograms(r);
            CalendarRule[] rules = ReadRules(r, programs);

            int defaultProgram = (int)r.Integer("defaultProgram", false, -1, -1, int.MaxValue);
            if (defaultProgram >= 0 && programs != null && Find(programs, defaultProgram) < 0)
            {
                r.AddError("defaultProgram", FieldErrorKind.InvalidValue, "refers to program " + NumberText.Integer(defaultProgram) + ", which is not defined");
            }

            byte defaultLevel = (byte)r.Integer("defaultLevel", false, 100, 0, 100);
            if (r.HasErrors)
            {
                return new ScheduleParseResult(null, r.Errors);
            }

            LightingSchedule schedule = new LightingSchedule(version, rules, programs, holidays);
            schedule.DayStartMinutes = dayStart;
            schedule.DefaultProgramId = defaultProgram;
            schedule.DefaultLevel = defaultLevel;
            return new ScheduleParseResult(schedule, new FieldError[0]);
        }

        /// <summary>The schedule as JSON text.</summary>
        public static string Write(LightingSchedule schedule)
        {
            JsonWriter w = new JsonWriter(512);
            w.BeginObject();
            w.Name("version");
            w.Integer(schedule.Version);
            w.Name("dayStart");
            w.String(ScheduleText.FormatTime(TimeSpec.Fixed(schedule.DayStartMinutes / 60, schedule.DayStartMinutes % 60)));
            w.Name("holidays");
            w.BeginArray();
            for (int i = 0; i < schedule.Holidays.Length; i++)
            {
                w.String(ScheduleText.FormatDate(schedule.Holidays[i]));
            }

            w.EndArray();
            if (schedule.DefaultProgramId >= 0)
            {
                w.Name("defaultProgram");
                w.Integer(schedule.DefaultProgramId);
            }

            w.Name("defaultLevel");
            w.Integer(schedule.DefaultLevel);
            w.Name("programs");
            w.BeginArray();
            for (int i = 0; i < schedule.Programs.Length; i++)
            {
                WriteProgram(w, schedule.Programs[i]);
            }

            w.EndArray();
            w.Name("calendar");
            w.BeginArray();
            for (int i = 0; i < schedule.Rules.Length; i++)
            {
                WriteRule(w, schedule.Rules[i]);
            }

            w.EndArray();
            w.EndObject();
            return w.ToString();
        }

        private static int[] ReadHolidays(FieldReader r)
        {
            JsonArray array = r.Array("holidays", false);
            if (array == null)
            {
                return new int[0];
            }

            if (array.Count > MaxHolidays)
            {
                r.AddError("holidays", FieldErrorKind.OutOfRange, "may list at most " + NumberText.Integer(MaxHolidays) + " dates");
                return new int[0];
            }

            int[] holidays = new int[array.Count];
            for (int i = 0; i < array.Count; i++)
            {
                holidays[i] = ScheduleText.ParseDate(array[i] as string);
                if (holidays[i] < 0)
                {
                    r.AddError("holidays[" + NumberText.Integer(i) + "]", FieldErrorKind.InvalidValue, "must be a date MM-DD (every year) or YYYY-MM-DD");
                }
            }

            return holidays;
        }

        private static ControlProgram[] ReadPrograms(FieldReader r)
        {
            JsonArray array = r.Array("programs", true);
            if (array == null)
            {
                return null;
            }

            if (array.Count > MaxPrograms)
            {
                r.AddError("programs", FieldErrorKind.OutOfRange, "may hold at most " + NumberText.Integer(MaxPrograms) + " programs");
                return null;
            }

            ControlProgram[] programs = new ControlProgram[array.Count];
            for (int i = 0; i < array.Count; i++)
            {
                FieldReader p = r.Item("programs", array, i);
                if (p == null)
                {
                    continue;
                }

                p.RejectUnknown(ProgramKeys);
                int id = (int)p.Integer("id", true, -1, 0, 65535);
                if (id >= 0 && Find(programs, id) >= 0)
                {
                    p.AddError("id", FieldErrorKind.InvalidValue, "repeats program id " + NumberText.Integer(id));
                }

                TimeSpec from = ReadTime(p, "activeFrom", false);
                TimeSpec until = ReadTime(p, "activeUntil", false);
                if ((from == null) != (until == null) && !p.HasErrors)
                {
                    p.AddError(from == null ? "activeFrom" : "activeUntil", FieldErrorKind.Missing, "is required together with " + (from == null ? "activeUntil" : "activeFrom"));
                }

                byte baseLevel = (byte)p.Integer("baseLevel", false, 100, 0, 100);
                programs[i] = new ControlProgram(id, from, until, baseLevel, ReadSteps(p));
            }

            return programs;
        }

        private static ProgramStep[] ReadSteps(FieldReader p)
        {
            JsonArray array = p.Array("steps", false);
            if (array == null)
            {
                return new ProgramStep[0];
            }

            if (array.Count > MaxSteps)
            {
                p.AddError("steps", FieldErrorKind.OutOfRange, "may hold at most " + NumberText.Integer(MaxSteps) + " steps");
                return new ProgramStep[0];
            }

            ProgramStep[] steps = new ProgramStep[array.Count];
            for (int i = 0; i < array.Count; i++)
            {
                FieldReader s = p.Item("steps", array, i);
                if (s == null)
                {
                    continue;
                }

                s.RejectUnknown(StepKeys);
                TimeSpec at = ReadTime(s, "at", true);
                byte level = (byte)s.Integer("level", true, 0, 0, 100);
                steps[i] = new ProgramStep(at, level);
            }

            return steps;
        }

        private static CalendarRule[] ReadRules(FieldReader r, ControlProgram[] programs)
        {
            JsonArray array = r.Array("calendar", false);
            if (array == null)
            {
                return new CalendarRule[0];
            }

            if (array.Count > MaxRules)
            {
                r.AddError("calendar", FieldErrorKind.OutOfRange, "may hold at most " + NumberText.Integer(MaxRules) + " rules");
                return new CalendarRule[0];
            }

            CalendarRule[] rules = new CalendarRule[array.Count];
            for (int i = 0; i < array.Count; i++)
            {
                FieldReader c = r.Item("calendar", array, i);
                if (c == null)
                {
                    continue;
                }

                c.RejectUnknown(RuleKeys);
                int programId = (int)c.Integer("program", true, -1, 0, 65535);
                if (programId >= 0 && programs != null && Find(programs, programId) < 0)
                {
                    c.AddError("program", FieldErrorKind.InvalidValue, "refers to program " + NumberText.Integer(programId) + ", which is not defined");
                }

                CalendarRule rule = new CalendarRule(programId);
                rule.Weekdays = ReadWeekdays(c);
                int holidays = c.Has("holidays") ? c.Name("holidays", false, 2, HolidayName, "any, only or except") : 0;
                rule.Holidays = holidays < 0 ? HolidayMatch.Any : (HolidayMatch)holidays;
                ReadRange(c, rule);
                rules[i] = rule;
            }

            return rules;
        }

        private static byte ReadWeekdays(FieldReader c)
        {
            JsonArray array = c.Array("weekdays", false);
            if (array == null)
            {
                return CalendarRule.AllWeekdays;
            }

            int mask = 0;
            for (int i = 0; i < array.Count; i++)
            {
                string name = array[i] as string;
                int day = name == null ? -1 : FieldReader.FindName(name, 6, ScheduleText.WeekdayName);
                if (day < 0)
                {
                    c.AddError("weekdays", FieldErrorKind.InvalidValue, "must list days as sun, mon, tue, wed, thu, fri, sat");
                    return CalendarRule.AllWeekdays;
                }

                mask |= 1 << day;
            }

            if (mask == 0)
            {
                c.AddError("weekdays", FieldErrorKind.InvalidValue, "must name at least one day (leave it out for every day)");
            }

            return (byte)mask;
        }

        private static void ReadRange(FieldReader c, CalendarRule rule)
        {
            if (!c.Has("from") && !c.Has("until"))
            {
                return;
            }

            string fromText = c.String("from", true, null, 5, 10);
            string untilText = c.String("until", true, null, 5, 10);
            if (fromText == null || untilText == null)
            {
                return;
            }

            int from = ScheduleText.ParseDate(fromText);
            int until = ScheduleText.ParseDate(untilText);
            if (from < 0 || until < 0)
            {
                c.AddError(from < 0 ? "from" : "until", FieldErrorKind.InvalidValue, "must be a date MM-DD (every year) or YYYY-MM-DD");
                return;
            }

            if ((from >= 10000) != (until >= 10000))
            {
                c.AddError("until", FieldErrorKind.InvalidValue, "must be yearly (MM-DD) like from, or both must carry a year");
                return;
            }

            if (from >= 10000 && until < from)
            {
                c.AddError("until", FieldErrorKind.InvalidValue, "is before from");
                return;
            }

            rule.HasDateRange = true;
            rule.From = from;
            rule.Until = until;
        }

        private static TimeSpec ReadTime(FieldReader r, string name, bool required)
        {
            string text = r.String(name, required, null, 1, 32);
            if (text == null)
            {
                return null;
            }

            TimeSpec spec = ScheduleText.ParseTime(text);
            if (spec == null)
            {
                r.AddError(name, FieldErrorKind.InvalidValue, "must be HH:MM or a solar event with an optional offset in minutes (sunset-10, sunrise+15)");
            }

            return spec;
        }

        private static string HolidayName(int value)
        {
            switch ((HolidayMatch)value)
            {
                case HolidayMatch.Any: return "any";
                case HolidayMatch.Only: return "only";
                case HolidayMatch.Except: return "except";
                default: return null;
            }
        }

        private static int Find(ControlProgram[] programs, int id)
        {
            for (int i = 0; i < programs.Length; i++)
            {
                if (programs[i] != null && programs[i].Id == id)
                {
                    return i;
                }
            }

            return -1;
        }

        private static void WriteProgram(JsonWriter w, ControlProgram program)
        {
            w.BeginObject();
            w.Name("id");
            w.Integer(program.Id);
            if (program.ActiveFrom != null)
            {
                w.Name("activeFrom");
                w.String(ScheduleText.FormatTime(program.ActiveFrom));
                w.Name("activeUntil");
                w.String(ScheduleText.FormatTime(program.ActiveUntil));
            }

            w.Name("baseLevel");
            w.Integer(program.BaseLevel);
            w.Name("steps");
            w.BeginArray();
            for (int i = 0; i < program.Steps.Length; i++)
            {
                w.BeginObject();
                w.Name("at");
                w.String(ScheduleText.FormatTime(program.Steps[i].At));
                w.Name("level");
                w.Integer(program.Steps[i].Level);
                w.EndObject();
            }

            w.EndArray();
            w.EndObject();
        }

        private static void WriteRule(JsonWriter w, CalendarRule rule)
        {
            w.BeginObject();
            w.Name("program");
            w.Integer(rule.ProgramId);
            if (rule.Weekdays != CalendarRule.AllWeekdays)
            {
                w.Name("weekdays");
                w.BeginArray();
                for (int day = 0; day < 7; day++)
                {
                    if ((rule.Weekdays & (1 << day)) != 0)
                    {
                        w.String(ScheduleText.WeekdayName(day));
                    }
                }

                w.EndArray();
            }

            if (rule.Holidays != HolidayMatch.Any)
            {
                w.Name("holidays");
                w.String(HolidayName((int)rule.Holidays));
            }

            if (rule.HasDateRange)
            {
                w.Name("from");
                w.String(ScheduleText.FormatDate(rule.From));
                w.Name("until");
                w.String(ScheduleText.FormatDate(rule.Until));
            }

            w.EndObject();
        }
    }
}
