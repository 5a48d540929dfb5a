using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Device.Logging;
using EdgeDevices.Firmware.Device.Network;
using EdgeDevices.Firmware.Device.Runtime;
using EdgeDevices.Firmware.Device.Commands;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Security;
using EdgeDevices.Firmware.Storage;
using EdgeDevices.Firmware.Timing;
using EdgeDevices.Firmware.Update;

namespace EdgeDevices.Firmware.Device.Update
{
    /// <summary>
    /// The device's side of an application update, on the uplink thread. An update command carries the signed
    /// manifest; the agent checks it (release key, app, newer than what runs, size, not rolled back before),
    /// then asks the gateway for the bundle chunk by chunk over MQTT and writes it into the free slot on I:\,
    /// hashing as it writes and noting the bytes flushed, so a download cut by a power loss goes on where it
    /// stopped. A bundle whole and with the manifest's SHA-256 is staged and the device restarts into it; on
    /// trial it must stay up past its probation and get a health report delivered, or the resident loader rolls
    /// it back. Every step is reported with an <see cref="UpdateStatus"/>; a refusal says why and changes nothing.
    /// </summary>
    public sealed class UpdateAgent : ICommandHandler
    {
        /// <summary>Bytes asked for at once.</summary>
        public const int ChunkSize = 2048;

        private const int FetchTimeoutMs = 10000;
        private const int MaxUnansweredFetches = 30;
        private const int StagedRestartWaitMs = 15000;

        private readonly DeviceRuntime _runtime;
        private readonly IDeviceFiles _files;
        private readonly IClock _clock;
        private readonly DeviceLog _log;
        private readonly UpdateSettings _settings;
        private readonly string _app;
        private readonly UpdateState _state;
        private readonly object _sync;
        private IUplink _uplink;
        private BundleManifest _download;
        private IFlashStorage _region;
        private Sha256 _sha;
        private long _fetchedAt = -1;
        private int _unanswered;
        private long _trialStartedAt = -1;
        private uint _healthId;
        private long _stagedAt = -1;
        private uint _stagedReport;

        /// <summary>The agent of <paramref name="runtime"/>, reading the update state from its flash.</summary>
        public UpdateAgent(DeviceRuntime runtime, DeviceConfig config)
        {
            _runtime = runtime;
            _files = runtime.Files;
            _clock = runtime.Clock;
            _log = runtime.Log;
            _settings = config.Update;
            _app = AppNames.Of(config.Role);
            _sync = runtime.Context.UpdateStateSync;
            lock (_sync)
            {
                _state = UpdateState.Parse(_files.ReadText(ResidentLoader.StateFile));
            }
        }

        /// <summary>Version text of the app that runs (a bundle's, or the built-in one's).</summary>
        public string RunningVersion
        {
            get
            {
                BundleManifest running = BundleManifest.FromLine(_state.RunningManifest);
                return running == null ? FirmwareVersion.Text : running.VersionText;
            }
        }

        /// <summary>Sends the report the loader left, starts the trial clock, and goes on with an interrupted download.</summary>
        public void Start(IUplink uplink)
        {
            _uplink = uplink;
            if (_state.ReportPhase != 0)
            {
                Report(_state.ReportPhase, _state.ReportReason, _state.ReportManifest);
                _state.ReportPhase = 0;
                Save();
            }

            if (_state.Trial)
            {
                _trialStartedAt = _clock.UptimeMilliseconds;
                _log.Info("bundle " + RunningVersion + " on trial: it is kept once healthy after " + _settings.ProbationSeconds.ToString() + " s");
            }

            if (_state.DownloadSlot != null)
            {
                Resume();
            }
        }

        /// <summary>An update command: the answer to acknowledge (the reasons of a refusal go out as an <see cref="UpdateStatus"/>).</summary>
        public AckResult Handle(DeviceCommand command)
        {
            BundleManifest manifest = BundleManifest.FromLine(command.Document);
            if (manifest == null)
            {
                Report(UpdatePhase.Refused, UpdateVerdict.Malformed, null);
                return AckResult.Invalid;
            }

            string line = manifest.ToLine();
            UpdateVerdict verdict = Check(manifest, line);
            if (verdict == UpdateVerdict.Accepted && _download == null)
            {
                Begin(manifest, line);
            }

            if (verdict != UpdateVerdict.Accepted)
            {
                _log.Warn("update " + manifest.VersionText + " refused (" + ((int)verdict).ToString() + ")");
                Report(UpdatePhase.Refused, verdict, line);
                return verdict == UpdateVerdict.NoDownloadPath ? AckResult.Unsupported : AckResult.Rejected;
            }

            return AckResult.Ok;
        }

        /// <summary>A pass of the uplink loop: the trial's health report, the next chunk request, the restart into a staged bundle.</summary>
        public void Tick()
        {
            long now = _clock.UptimeMilliseconds;
            if (_stagedAt >= 0)
            {
                // Restart once the gateway has heard that the bundle is staged (or after a while).
                if (_runtime.IsDelivered(_stagedReport) || now - _stagedAt > StagedRestartWaitMs)
                {
                    _runtime.Restart(ResetReason.Update);
                }

                return;
            }

            if (_state.Trial)
            {
                TickTrial(now);
            }

            if (_download != null && _uplink.IsConnected && (_fetchedAt < 0 || now - _fetchedAt >= FetchTimeoutMs))
            {
                if (_fetchedAt >= 0 && ++_unanswered > MaxUnansweredFetches)
                {
                    Abandon(UpdateVerdict.NotServed);
                    return;
                }

                RequestNext(now);
            }
        }

        /// <summary>A chunk (or the gateway's refusal to serve) arrived.</summary>
        public void OnChunk(byte[] payload)
        {
            byte status;
            int major;
            int minor;
            int patch;
            int offset;
            if (_download == null || !ChunkFrames.TryReadReply(payload, out status, out major, out minor, out patch, out offset)
                || major != _download.Major || minor != _download.Minor || patch != _download.Patch)
            {
                return;
            }

            if (status == ChunkFrames.NotServed)
            {
                Abandon(UpdateVerdict.NotServed);
                return;
            }

            if (offset != _state.DownloadBytes)
            {
                // A late answer to a request already asked again.
                return;
            }

            int count = payload.Length - ChunkFrames.ReplyHeaderSize;
            if (count == 0)
            {
                // The gateway has no more bytes, the manifest says there are: never applied.
                Abandon(UpdateVerdict.Truncated);
                return;
            }

            if (count > _download.Size - offset)
            {
                Abandon(UpdateVerdict.WrongHash);
                return;
            }

            _region.Write(offset, payload, ChunkFrames.ReplyHeaderSize, count);
            _region.Flush();
            _sha.Update(payload, ChunkFrames.ReplyHeaderSize, count);
            _state.DownloadBytes = offset + count;
            Save();
            _unanswered = 0;
            if (_state.DownloadBytes < _download.Size)
            {
                RequestNext(_clock.UptimeMilliseconds);
                return;
            }

            Finish();
        }

        private UpdateVerdict Check(BundleManifest manifest, string line)
        {
            if (!_uplink.CarriesDownloads)
            {
                return UpdateVerdict.NoDownloadPath;
            }

            if (_download != null)
            {
                // The same update again (the gateway did not hear the answer): go on with it.
                return line == _state.DownloadManifest ? UpdateVerdict.Accepted : UpdateVerdict.Busy;
            }

            if (_state.Trial || _state.StagedSlot != null || _stagedAt >= 0)
            {
                return UpdateVerdict.Busy;
            }

            BundleManifest running = BundleManifest.FromLine(_state.RunningManifest);
            UpdateVerdict verdict = running == null
                ? UpdateCheck.Manifest(manifest, _settings.ReleaseKey, _app, FirmwareVersion.Major, FirmwareVersion.Minor, FirmwareVersion.Patch, _settings.MaxBundleBytes)
                : UpdateCheck.Manifest(manifest, _settings.ReleaseKey, _app, running.Major, running.Minor, running.Patch, _settings.MaxBundleBytes);
            if (verdict == UpdateVerdict.Accepted && manifest.VersionText == _state.FailedVersion)
            {
                return UpdateVerdict.FailedBefore;
            }

            return verdict;
        }

        private void Begin(BundleManifest manifest, string line)
        {
            _state.DownloadSlot = _state.FreeSlot();
            _state.DownloadManifest = line;
            _state.DownloadBytes = 0;
            Save();
            _download = manifest;
            _region = _files.OpenRegion(ResidentLoader.RegionOf(_state.DownloadSlot), manifest.Size);
            _sha = new Sha256();
            _unanswered = 0;
            _fetchedAt = -1;
            _log.Info("downloading " + manifest.App + " " + manifest.VersionText + " (" + manifest.Size.ToString() + " bytes) into slot " + _state.DownloadSlot);
            Report(UpdatePhase.Downloading, UpdateVerdict.Accepted, line);
        }

        // After a restart: the bytes noted as flushed are hashed again from flash, and the download goes on after them.
        private void Resume()
        {
            BundleManifest manifest = BundleManifest.FromLine(_state.DownloadManifest);
            if (manifest == null || _state.DownloadBytes > manifest.Size)
            {
                ClearDownload();
                Save();
                return;
            }

            _download = manifest;
            _region = _files.OpenRegion(ResidentLoader.RegionOf(_state.DownloadSlot), manifest.Size);
            _sha = new Sha256();
            byte[] buffer = new byte[1024];
            for (int at = 0; at < _state.DownloadBytes; at += buffer.Length)
            {
                int n = _state.DownloadBytes - at < buffer.Length ? _state.DownloadBytes - at : buffer.Length;
                _region.Read(at, buffer, 0, n);
                _sha.Update(buffer, 0, n);
            }

            _fetchedAt = -1;
            _log.Info("resuming the download of " + manifest.VersionText + " at byte " + _state.DownloadBytes.ToString());
            if (_state.DownloadBytes == manifest.Size)
            {
                Finish();
            }
        }

        private void RequestNext(long now)
        {
            int left = _download.Size - _state.DownloadBytes;
            _uplink.Fetch(ChunkFrames.Request(_download.Major, _download.Minor, _download.Patch, _state.DownloadBytes, left < ChunkSize ? left : ChunkSize));
            _fetchedAt = now;
        }

        private void Finish()
        {
            byte[] hash = new byte[Sha256.HashSize];
            _sha.Final(hash, 0);
            UpdateVerdict verdict = UpdateCheck.Content(_download, _state.DownloadBytes, hash);
            if (verdict == UpdateVerdict.Accepted && BundleImageReader.Read(_region, _download.Size) == null)
            {
                verdict = UpdateVerdict.Malformed;
            }

            if (verdict != UpdateVerdict.Accepted)
            {
                Abandon(verdict);
                return;
            }

            string line = _state.DownloadManifest;
            _state.StagedSlot = _state.DownloadSlot;
            _state.StagedManifest = line;
            ClearDownload();
            Save();
            _log.Info("bundle " + BundleManifest.FromLine(line).VersionText + " downloaded and checked: restarting into it");
            _stagedReport = Report(UpdatePhase.Staged, UpdateVerdict.Accepted, line);
            _stagedAt = _clock.UptimeMilliseconds;
        }

        private void Abandon(UpdateVerdict reason)
        {
            string line = _state.DownloadManifest;
            _log.Warn("download of the update abandoned (" + ((int)reason).ToString() + "); the running app is unchanged");
            ClearDownload();
            Save();
            Report(UpdatePhase.Refused, reason, line);
        }

        private void ClearDownload()
        {
            _download = null;
            _region = null;
            _sha = null;
            _state.DownloadSlot = null;
            _state.DownloadManifest = null;
            _state.DownloadBytes = 0;
        }

        private void TickTrial(long now)
        {
            if (_healthId == 0)
            {
                if (now - _trialStartedAt >= _settings.ProbationSeconds * 1000L && _runtime.IsOnline)
                {
                    _healthId = _runtime.PublishHealthNow();
                }

                return;
            }

            if (_runtime.IsDelivered(_healthId))
            {
                lock (_sync)
                {
                    if (!UpdateState.Parse(_files.ReadText(ResidentLoader.StateFile)).Trial)
                    {
                        // The trial guard was first: the bundle is rolled back and the device restarting.
                        return;
                    }

                    _state.Confirm();
                    _state.ReportPhase = 0;
                    Save();
                }

                _log.Info("bundle " + RunningVersion + " healthy: kept");
                Report(UpdatePhase.Healthy, UpdateVerdict.Accepted, _state.RunningManifest);
            }
        }

        private uint Report(UpdatePhase phase, UpdateVerdict reason, string manifestLine)
        {
            BundleManifest manifest = BundleManifest.FromLine(manifestLine);
            UpdateStatus status = new UpdateStatus();
            status.Phase = phase;
            status.Reason = reason;
            if (manifest != null && manifest.Major <= 255 && manifest.Minor <= 255 && manifest.Patch <= 65535)
            {
                status.Major = (byte)manifest.Major;
                status.Minor = (byte)manifest.Minor;
                status.Patch = (ushort)manifest.Patch;
            }

            return _runtime.Publish(status);
        }

        private void Save()
        {
            lock (_sync)
            {
                _files.WriteText(ResidentLoader.StateFile, _state.ToText());
            }
        }
    }
}
