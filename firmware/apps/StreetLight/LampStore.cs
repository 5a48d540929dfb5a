using System;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Device.Logging;
using EdgeDevices.Firmware.Json;
using EdgeDevices.Firmware.Storage;

namespace EdgeDevices.Apps.StreetLight
{
    /// <summary>
    /// The lamp parameters the gateway last sent (I:\lamp.json), which replace config.json's lamp section: a
    /// lamp type changed at the gateway reaches the lamp as a signed command and stays after a restart. A
    /// missing or invalid file leaves config.json's lamp in force.
    /// </summary>
    public static class LampStore
    {
        /// <summary>The file's name.</summary>
        public const string FileName = "lamp.json";

        /// <summary>The stored parameters, or null (config.json's lamp is in force).</summary>
        public static LampParameters Load(IDeviceFiles files, DeviceLog log)
        {
            string text;
            try
            {
                text = files.ReadText(FileName);
            }
            catch (Exception ex)
            {
                log.Error("cannot read " + FileName + ", using config.json's lamp", ex);
                return null;
            }

            if (text == null)
            {
                return null;
            }

            FieldError[] errors;
            LampParameters parameters = LampParameters.Parse(text, out errors);
            if (parameters == null)
            {
                log.Error(FileName + " is invalid (" + errors[0].ToString() + "); using config.json's lamp", null);
                return null;
            }

            log.Info("lamp parameters version " + parameters.Version.ToString() + " loaded");
            return parameters;
        }
    }
}
