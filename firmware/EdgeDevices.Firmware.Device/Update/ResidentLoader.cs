using EdgeDevices.Firmware.Device.Boot;
using EdgeDevices.Firmware.Device.Logging;
using EdgeDevices.Firmware.Device.Runtime;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Security;
using EdgeDevices.Firmware.Storage;
using EdgeDevices.Firmware.Update;
using nanoFramework.Runtime.Native;

namespace EdgeDevices.Firmware.Device.Update
{
    /// <summary>
    /// What every app's <c>Main</c> runs first: it decides, from update.state, whether this boot runs a bundle
    /// from I:\ or the app built into the image (a staged bundle starts its trial; a bundle that restarts on
    /// trial is rolled back), checks the bundle's SHA-256 on flash again and starts it. A bundle that does not
    /// load, or whose app ends, is rolled back — on trial or kept, since starting it again would loop — and the
    /// device restarts into the fallback (in the end, the built-in app).
    /// </summary>
    public static class ResidentLoader
    {
        /// <summary>The state file on I:\.</summary>
        public const string StateFile = "update.state";

        /// <summary>Region name of a bundle slot.</summary>
        public static string RegionOf(string slot)
        {
            return "bundle-" + slot;
        }

        /// <summary>Runs this boot's app: the running bundle if there is one, else <paramref name="builtIn"/>. Never returns.</summary>
        public static void Run(DeviceContext context, IDeviceApp builtIn)
        {
            IDeviceFiles files = context.Files;
            DeviceLog log = new DeviceLog(context.Clock, context.LogSink);
            UpdateState state;
            lock (context.UpdateStateSync)
            {
                state = UpdateState.Parse(files.ReadText(StateFile));
                if (state.DecideBoot())
                {
                    files.WriteText(StateFile, state.ToText());
                }
            }

            if (state.RunningSlot != UpdateState.BuiltIn)
            {
                BundleManifest manifest = BundleManifest.FromLine(state.RunningManifest);
                string problem;
                BundleImage image = Open(files, state.RunningSlot, manifest, out problem);
                if (image != null)
                {
                    if (context.Loader == null)
                    {
                        problem = "this image has no loader for bundles";
                    }
                    else
                    {
                        log.Info("starting bundle " + manifest.App + " " + manifest.VersionText + (state.Trial ? " on trial" : string.Empty));
                        if (state.Trial)
                        {
                            new TrialGuard(context, log, state.RunningManifest).Start();
                        }

                        problem = context.Loader.Run(image, context);
                    }
                }

                log.Error("bundle " + (manifest == null ? state.RunningSlot : manifest.VersionText) + ": " + problem, null);

                // On trial or kept, a bundle that does not load (or whose app ends) is rolled back: starting it
                // again would loop for ever. The fallback runs from the next boot and says so to the gateway;
                // a fallback that fails too falls back to the app built into the image.
                bool onTrial = state.Trial;
                lock (context.UpdateStateSync)
                {
                    state.RollBack(UpdateVerdict.LoadFailed);
                    files.WriteText(StateFile, state.ToText());
                }

                new ResetReasonStore(files).Record(onTrial ? ResetReason.Update : ResetReason.Crash);
                Power.RebootDevice();
                return;
            }

            builtIn.Run();
        }

        // The bundle in its slot, checked against its manifest once more (flash can rot), or null with the problem.
        private static BundleImage Open(IDeviceFiles files, string slot, BundleManifest manifest, out string problem)
        {
            if (manifest == null)
            {
                problem = "no readable manifest for slot " + slot;
                return null;
            }

            IFlashStorage region = files.OpenRegion(RegionOf(slot), manifest.Size);
            Sha256 sha = new Sha256();
            byte[] buffer = new byte[1024];
            for (int at = 0; at < manifest.Size; at += buffer.Length)
            {
                int n = manifest.Size - at < buffer.Length ? manifest.Size - at : buffer.Length;
                region.Read(at, buffer, 0, n);
                sha.Update(buffer, 0, n);
            }

            byte[] hash = new byte[Sha256.HashSize];
            sha.Final(hash, 0);
            if (UpdateCheck.Content(manifest, manifest.Size, hash) != UpdateVerdict.Accepted)
            {
                problem = "the bundle on flash no longer has its manifest's SHA-256";
                return null;
            }

            BundleImage image = BundleImageReader.Read(region, manifest.Size);
            problem = image == null ? "the bundle's layout is not readable" : null;
            return image;
        }
    }
}
