using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Update;

namespace EdgeDevices.Firmware.Core.Tests.Update;

/// <summary>The resident loader's decisions: switch to a staged bundle on trial, roll back one that restarts on trial, keep one confirmed healthy.</summary>
public sealed class UpdateStateTests
{
    private const string V5 = "meter 0.5.0 20000 " + Sha + " " + Sig;
    private const string V6 = "meter 0.6.0 20000 " + Sha + " " + Sig;
    private const string Sha = "0000000000000000000000000000000000000000000000000000000000000000";
    private const string Sig = "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";

    [Fact]
    public void A_fresh_device_runs_the_built_in_app_and_downloads_into_slot_a()
    {
        var state = UpdateState.Parse(null);
        Assert.False(state.DecideBoot());
        Assert.Equal(UpdateState.BuiltIn, state.RunningSlot);
        Assert.Equal("a", state.FreeSlot());
    }

    [Fact]
    public void A_staged_bundle_runs_on_trial_at_the_next_boot_and_is_kept_once_confirmed()
    {
        var state = new UpdateState { StagedSlot = "a", StagedManifest = V5 };
        Assert.True(state.DecideBoot());
        Assert.Equal(("a", V5, UpdateState.BuiltIn, true), (state.RunningSlot, state.RunningManifest, state.PreviousSlot, state.Trial));
        Assert.Equal(UpdatePhase.Trial, state.ReportPhase);
        Assert.Null(state.StagedSlot);

        state.Confirm();
        Assert.False(state.Trial);
        Assert.Equal(UpdatePhase.Healthy, state.ReportPhase);
        Assert.Equal("b", state.FreeSlot());

        // The next bundle goes to b, and a becomes its fallback.
        state.StagedSlot = "b";
        state.StagedManifest = V6;
        state.DecideBoot();
        Assert.Equal(("b", "a", V5), (state.RunningSlot, state.PreviousSlot, state.PreviousManifest));
    }

    [Fact]
    public void A_bundle_that_restarts_while_on_trial_is_rolled_back_to_its_fallback_and_not_tried_again()
    {
        var state = new UpdateState { RunningSlot = "a", RunningManifest = V5, StagedSlot = "b", StagedManifest = V6 };
        state.DecideBoot();
        Assert.Equal("b", state.RunningSlot);

        // Crash, watchdog or power cut before it was confirmed: the second boot on trial rolls it back.
        state = UpdateState.Parse(state.ToText());
        Assert.True(state.DecideBoot());
        Assert.Equal(("a", V5, false), (state.RunningSlot, state.RunningManifest, state.Trial));
        Assert.Equal((UpdatePhase.RolledBack, UpdateVerdict.NotHealthy, V6), (state.ReportPhase, state.ReportReason, state.ReportManifest));
        Assert.Equal("0.6.0", state.FailedVersion);
    }

    [Fact]
    public void The_state_survives_its_text_form_and_unreadable_text_falls_back_to_the_built_in_app()
    {
        var state = new UpdateState { RunningSlot = "b", RunningManifest = V6, PreviousSlot = "a", PreviousManifest = V5, Trial = true, TrialBoots = 1, DownloadSlot = "a", DownloadManifest = V5, DownloadBytes = 4096, FailedVersion = "0.4.1" };
        state.Report(UpdatePhase.Downloading, UpdateVerdict.Accepted, V5);
        var again = UpdateState.Parse(state.ToText());
        Assert.Equal(state.ToText(), again.ToText());

        Assert.Equal(UpdateState.BuiltIn, UpdateState.Parse("running=b\nrunningManifest=garbage\n").RunningSlot);
        Assert.Equal(UpdateState.BuiltIn, UpdateState.Parse("running=../../etc\n").RunningSlot);
        Assert.Equal(0, UpdateState.Parse("downloadBytes=-12x\n").DownloadBytes);
    }
}
