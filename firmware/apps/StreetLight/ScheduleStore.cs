using System;
using EdgeDevices.Firmware.Device.Logging;
using EdgeDevices.Firmware.Json;
using EdgeDevices.Firmware.Lighting.Schedule;
using EdgeDevices.Firmware.Storage;

namespace EdgeDevices.Apps.StreetLight
{
    /// <summary>
    /// The lighting schedule kept on flash (I:\schedule.json). A missing or invalid schedule never leaves a
    /// street dark: the controller falls back to dusk-to-dawn at full level and reports the problem.
    /// </summary>
    public static class ScheduleStore
    {
        /// <summary>The schedule's file name.</summary>
        public const string FileName = "schedule.json";

        /// <summary>The stored schedule, or the fallback; <paramref name="errors"/> counts what was wrong (0 when fine or absent).</summary>
        public static LightingSchedule Load(IDeviceFiles files, DeviceLog log, out int errors)
        {
            errors = 0;
            string text;
            try
            {
                text = files.ReadText(FileName);
            }
            catch (Exception ex)
            {
                log.Error("cannot read " + FileName + ", using dusk-to-dawn", ex);
                errors = 1;
                return LightingSchedule.Fallback();
            }

            if (text == null)
            {
                log.Warn("no " + FileName + ": dusk-to-dawn at full level until the gateway sends a schedule");
                return LightingSchedule.Fallback();
            }

            ScheduleParseResult result = ScheduleJson.Parse(text);
            if (result.IsValid)
            {
                log.Info("lighting schedule version " + result.Schedule.Version.ToString() + " loaded");
                return result.Schedule;
            }

            FieldError[] problems = result.Errors;
            errors = problems.Length;
            log.Error(FileName + " has " + problems.Length.ToString() + " error(s); using dusk-to-dawn", null);
            for (int i = 0; i < problems.Length; i++)
            {
                log.Error("  " + problems[i].ToString(), null);
            }

            return LightingSchedule.Fallback();
        }
    }
}
