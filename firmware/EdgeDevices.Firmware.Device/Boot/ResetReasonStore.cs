using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Storage;

namespace EdgeDevices.Firmware.Device.Boot
{
    /// <summary>
    /// Why the device last restarted. nanoFramework does not expose the ESP32's reset cause, so the
    /// firmware writes the reason to flash just before every restart it makes itself (watchdog, command,
    /// update) and reads it back at boot; no note means the power came on (or failed and came back).
    /// </summary>
    public sealed class ResetReasonStore
    {
        private const string FileName = "reset-reason";

        private readonly IDeviceFiles _files;

        /// <summary>A store on <paramref name="files"/>.</summary>
        public ResetReasonStore(IDeviceFiles files)
        {
            _files = files;
        }

        /// <summary>Writes the reason for the restart about to happen.</summary>
        public void Record(ResetReason reason)
        {
            _files.WriteText(FileName, ((int)reason).ToString());
        }

        /// <summary>Reads and clears the note; <paramref name="wokeFromDeepSleep"/> when the sleep timer started this boot.</summary>
        public ResetReason ReadAndClear(bool wokeFromDeepSleep)
        {
            string note = _files.ReadText(FileName);
            if (note != null)
            {
                _files.Delete(FileName);
                int value;
                if (int.TryParse(note, out value) && value > 0 && value <= (int)ResetReason.DeepSleep)
                {
                    return (ResetReason)value;
                }
            }

            return wokeFromDeepSleep ? ResetReason.DeepSleep : ResetReason.PowerOn;
        }
    }
}
