using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Device.Boot;
using EdgeDevices.Firmware.Device.Logging;
using EdgeDevices.Firmware.Device.Runtime;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Update;
using nanoFramework.Runtime.Native;

namespace EdgeDevices.Firmware.Device.Update
{
    /// <summary>
    /// The deadline of a bundle on trial, kept by the resident loader on a thread of its own, so it holds
    /// whatever the bundle does — even one that hangs before its runtime is up. If the bundle has not been
    /// confirmed healthy when the deadline passes, it is rolled back and the device restarts into the fallback.
    /// </summary>
    public sealed class TrialGuard
    {
        private readonly DeviceContext _context;
        private readonly DeviceLog _log;
        private readonly string _manifest;
        private readonly int _deadlineSeconds;

        /// <summary>A guard for the bundle whose manifest line is <paramref name="manifest"/>.</summary>
        public TrialGuard(DeviceContext context, DeviceLog log, string manifest)
        {
            _context = context;
            _log = log;
            _manifest = manifest;
            _deadlineSeconds = DeadlineOf(context);
        }

        /// <summary>Starts the guard's thread.</summary>
        public void Start()
        {
            _context.Clock.StartThread(Watch);
        }

        private void Watch()
        {
            _context.Clock.Sleep(_deadlineSeconds * 1000);
            lock (_context.UpdateStateSync)
            {
                UpdateState state = UpdateState.Parse(_context.Files.ReadText(ResidentLoader.StateFile));
                if (!state.Trial || state.RunningManifest != _manifest)
                {
                    return;
                }

                _log.Error("bundle on trial not healthy within " + _deadlineSeconds.ToString() + " s: rolling back", null);
                state.RollBack(UpdateVerdict.NotHealthy);
                _context.Files.WriteText(ResidentLoader.StateFile, state.ToText());
            }

            new ResetReasonStore(_context.Files).Record(ResetReason.Update);
            Power.RebootDevice();
        }

        // The configured deadline; the default when config.json cannot be read (the bundle may be what broke it).
        private static int DeadlineOf(DeviceContext context)
        {
            string text = context.Files.ReadText(ConfigLoader.FileName);
            ConfigParseResult parsed = text == null ? null : DeviceConfigParser.Parse(text);
            return parsed == null || !parsed.IsValid || parsed.Config.Update == null ? 900 : parsed.Config.Update.DeadlineSeconds;
        }
    }
}
