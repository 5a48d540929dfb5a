using System;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Device.Logging;
using EdgeDevices.Firmware.Json;
using EdgeDevices.Firmware.Storage;

namespace EdgeDevices.Firmware.Device.Boot
{
    /// <summary>
    /// Reads I:\config.json and reports every problem in it by field; credentials the gateway rotated since
    /// (I:\credentials.json) replace its password and command key.
    /// </summary>
    public static class ConfigLoader
    {
        /// <summary>The configuration file's name on the flash drive.</summary>
        public const string FileName = "config.json";

        /// <summary>The rotated credentials' file name.</summary>
        public const string CredentialsFileName = "credentials.json";

        /// <summary>The valid configuration, or null (with every error logged) when it is missing or wrong.</summary>
        public static DeviceConfig Load(IDeviceFiles files, DeviceLog log)
        {
            string text;
            try
            {
                text = files.ReadText(FileName);
            }
            catch (Exception ex)
            {
                log.Error("cannot read " + FileName, ex);
                return null;
            }

            if (text == null)
            {
                log.Error("no " + FileName + " on the flash drive: deploy one with the provisioning tool", null);
                return null;
            }

            ConfigParseResult result = DeviceConfigParser.Parse(text);
            if (result.IsValid)
            {
                ApplyRotated(files, log, result.Config);
                return result.Config;
            }

            FieldError[] errors = result.Errors;
            log.Error(FileName + " has " + errors.Length.ToString() + " error(s)", null);
            for (int i = 0; i < errors.Length; i++)
            {
                log.Error("  " + errors[i].ToString(), null);
            }

            return null;
        }

        private static void ApplyRotated(IDeviceFiles files, DeviceLog log, DeviceConfig config)
        {
            string text;
            try
            {
                text = files.ReadText(CredentialsFileName);
            }
            catch (Exception ex)
            {
                log.Error("cannot read " + CredentialsFileName + ": using config.json's credentials", ex);
                return;
            }

            if (text == null)
            {
                return;
            }

            FieldError[] errors;
            DeviceCredentials credentials = DeviceCredentials.Parse(text, out errors);
            if (credentials == null)
            {
                log.Error(CredentialsFileName + " is invalid (" + errors[0].ToString() + "): using config.json's credentials", null);
                return;
            }

            credentials.ApplyTo(config);
            log.Info("credentials rotated by the gateway in force");
        }
    }
}
