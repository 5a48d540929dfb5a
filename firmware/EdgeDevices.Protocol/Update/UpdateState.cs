using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Update
{
    /// <summary>
    /// What the resident loader keeps on flash (update.state, replaced whole by a rename, so a power cut
    /// leaves the old or the new state): which bundle runs and from which slot, which ran before it (the
    /// fallback), whether the running one is still on trial, what is staged or being downloaded, and the
    /// report still to be sent. Slot "" is the app built into the flashed image; "a" and "b" are bundle
    /// regions on I:\. A bundle always goes to the slot that is not running, so the running bundle and the
    /// fallback are never written over.
    /// </summary>
    public sealed class UpdateState
    {
        /// <summary>The built-in app's slot.</summary>
        public const string BuiltIn = "";

        /// <summary>Slot the running bundle came from.</summary>
        public string RunningSlot = BuiltIn;

        /// <summary>Manifest line of the running bundle (null for the built-in app).</summary>
        public string RunningManifest;

        /// <summary>Slot of the bundle to fall back to.</summary>
        public string PreviousSlot = BuiltIn;

        /// <summary>Manifest line of the fallback (null for the built-in app).</summary>
        public string PreviousManifest;

        /// <summary>Whether the running bundle has yet to report healthy.</summary>
        public bool Trial;

        /// <summary>Boots of the running bundle while on trial.</summary>
        public int TrialBoots;

        /// <summary>Slot holding a downloaded, checked bundle to switch to at the next boot, or null.</summary>
        public string StagedSlot;

        /// <summary>Manifest line of the staged bundle.</summary>
        public string StagedManifest;

        /// <summary>Slot being downloaded into, or null.</summary>
        public string DownloadSlot;

        /// <summary>Manifest line of the download.</summary>
        public string DownloadManifest;

        /// <summary>Bytes of the download written and flushed (a restarted download goes on from here).</summary>
        public int DownloadBytes;

        /// <summary>Version text of the last bundle rolled back: not tried again.</summary>
        public string FailedVersion;

        /// <summary>Phase of a report not yet put in the outbox (0 for none).</summary>
        public UpdatePhase ReportPhase;

        /// <summary>Reason of that report.</summary>
        public UpdateVerdict ReportReason;

        /// <summary>Manifest line the report is about.</summary>
        public string ReportManifest;

        /// <summary>
        /// Decides what this boot runs, and records it: a staged bundle becomes the running one on trial (the
        /// one it replaces becomes the fallback); a bundle on trial that boots a second time has failed (the
        /// device restarted before it reported healthy: crash, watchdog or power cut) and is rolled back.
        /// Returns true when the state changed and must be saved before the app starts.
        /// </summary>
        public bool DecideBoot()
        {
            bool changed = false;
            if (StagedSlot != null)
            {
                PreviousSlot = RunningSlot;
                PreviousManifest = RunningManifest;
                RunningSlot = StagedSlot;
                RunningManifest = StagedManifest;
                StagedSlot = null;
                StagedManifest = null;
                Trial = true;
                TrialBoots = 0;
                changed = true;
            }

            if (Trial)
            {
                TrialBoots++;
                changed = true;
                if (TrialBoots > 1)
                {
                    RollBack(UpdateVerdict.NotHealthy);
                }
                else
                {
                    Report(UpdatePhase.Trial, UpdateVerdict.Accepted, RunningManifest);
                }
            }

            return changed;
        }

        /// <summary>The running bundle failed: the fallback runs from the next boot, and the failure is reported.</summary>
        public void RollBack(UpdateVerdict reason)
        {
            BundleManifest failed = BundleManifest.FromLine(RunningManifest);
            FailedVersion = failed == null ? null : failed.VersionText;
            Report(UpdatePhase.RolledBack, reason, RunningManifest);
            RunningSlot = PreviousSlot;
            RunningManifest = PreviousManifest;
            PreviousSlot = BuiltIn;
            PreviousManifest = null;
            Trial = false;
            TrialBoots = 0;
        }

        /// <summary>The running bundle reported healthy: it is kept.</summary>
        public void Confirm()
        {
            Trial = false;
            TrialBoots = 0;
            Report(UpdatePhase.Healthy, UpdateVerdict.Accepted, RunningManifest);
        }

        /// <summary>The slot a new bundle goes to: the bundle region that is not running.</summary>
        public string FreeSlot()
        {
            return RunningSlot == "a" ? "b" : "a";
        }

        /// <summary>Notes a report to put in the outbox once the runtime is up.</summary>
        public void Report(UpdatePhase phase, UpdateVerdict reason, string manifestLine)
        {
            ReportPhase = phase;
            ReportReason = reason;
            ReportManifest = manifestLine;
        }

        /// <summary>The state as text: one key=value per line.</summary>
        public string ToText()
        {
            return "running=" + RunningSlot + "\n"
                + "runningManifest=" + Text(RunningManifest) + "\n"
                + "previous=" + PreviousSlot + "\n"
                + "previousManifest=" + Text(PreviousManifest) + "\n"
                + "trial=" + (Trial ? "1" : "0") + "\n"
                + "trialBoots=" + TrialBoots.ToString() + "\n"
                + "staged=" + Text(StagedSlot) + "\n"
                + "stagedManifest=" + Text(StagedManifest) + "\n"
                + "download=" + Text(DownloadSlot) + "\n"
                + "downloadManifest=" + Text(DownloadManifest) + "\n"
                + "downloadBytes=" + DownloadBytes.ToString() + "\n"
                + "failed=" + Text(FailedVersion) + "\n"
                + "reportPhase=" + ((int)ReportPhase).ToString() + "\n"
                + "reportReason=" + ((int)ReportReason).ToString() + "\n"
                + "reportManifest=" + Text(ReportManifest) + "\n";
        }

        /// <summary>The state in <paramref name="text"/>; a fresh state (built-in app, nothing pending) for null or unreadable text.</summary>
        public static UpdateState Parse(string text)
        {
            UpdateState s = new UpdateState();
            if (text == null)
            {
                return s;
            }

            string[] lines = text.Split(new char[] { '\n' });
            for (int i = 0; i < lines.Length; i++)
            {
                int eq = lines[i].IndexOf('=');
                if (eq <= 0)
                {
                    continue;
                }

                string key = lines[i].Substring(0, eq);
                string value = lines[i].Substring(eq + 1);
                string orNull = value.Length == 0 ? null : value;
                if (key == "running") s.RunningSlot = Slot(value);
                else if (key == "runningManifest") s.RunningManifest = orNull;
                else if (key == "previous") s.PreviousSlot = Slot(value);
                else if (key == "previousManifest") s.PreviousManifest = orNull;
                else if (key == "trial") s.Trial = value == "1";
                else if (key == "trialBoots") s.TrialBoots = Number(value);
                else if (key == "staged") s.StagedSlot = orNull == null ? null : Slot(value);
                else if (key == "stagedManifest") s.StagedManifest = orNull;
                else if (key == "download") s.DownloadSlot = orNull == null ? null : Slot(value);
                else if (key == "downloadManifest") s.DownloadManifest = orNull;
                else if (key == "downloadBytes") s.DownloadBytes = Number(value);
                else if (key == "failed") s.FailedVersion = orNull;
                else if (key == "reportPhase") s.ReportPhase = (UpdatePhase)Number(value);
                else if (key == "reportReason") s.ReportReason = (UpdateVerdict)Number(value);
                else if (key == "reportManifest") s.ReportManifest = orNull;
            }

            if (s.RunningSlot != BuiltIn && BundleManifest.FromLine(s.RunningManifest) == null)
            {
                // A bundle without a readable manifest cannot be loaded: run the built-in app.
                s.RunningSlot = BuiltIn;
                s.RunningManifest = null;
                s.Trial = false;
            }

            return s;
        }

        private static string Text(string value)
        {
            return value == null ? string.Empty : value;
        }

        private static string Slot(string value)
        {
            return value == "a" || value == "b" ? value : BuiltIn;
        }

        private static int Number(string value)
        {
            int n = 0;
            for (int i = 0; i < value.Length && i < 9; i++)
            {
                char c = value[i];
                if (c < '0' || c > '9')
                {
                    return 0;
                }

                n = (n * 10) + (c - '0');
            }

            return n;
        }
    }
}
