using System.Security.Cryptography;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Update;
using EdgeDevices.Fleet.Devices;
using EdgeDevices.Fleet.Firmware;

namespace EdgeDevices.HardwareInLoop.Tests;

/// <summary>
/// The device's own checks of an update, with the test in the gateway's place (commands and chunks on
/// mosquitto): every bad bundle is refused with its reason and nothing is applied, not even in part.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UpdateRefusalTests
{
    private static readonly DateTime Start = new(2026, 11, 25, 6, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Bad_signature_wrong_app_old_version_wrong_hash_and_truncated_download_are_refused_with_reasons_and_nothing_changes()
    {
        await using var bench = await HilBench.StartAsync(Start);
        var meter = bench.Add<MeterDevice>(DeviceRole.Meter, "m-ota-refuse", s => s with { ReleaseKey = UpdateTests.ReleaseKeyHex, TelemetryIntervalSeconds = 300, UpdateProbationSeconds = 180 });
        meter.PowerOn();
        Assert.True(bench.RunUntil(() => bench.IsOnline(meter.DeviceId), TimeSpan.FromMinutes(1)));
        await using var server = await TestChunkServer.StartAsync(bench.Broker.Port);
        var bundle = EmulatedBundle.Build(EmulatedBundle.EntryOf(DeviceRole.Meter), "meter-0.8.0", 9_000);

        // Signed with another key; for another app; not newer than the built-in 0.4.0: refused before any download.
        await ExpectRefusalAsync(bench, meter, UpdateTests.Sign(bundle, "meter", "0.8.0", SHA256.HashData("not the city's key"u8)).ToLine(), UpdateVerdict.BadSignature);
        await ExpectRefusalAsync(bench, meter, UpdateTests.Sign(bundle, "streetlight", "0.8.0").ToLine(), UpdateVerdict.WrongApp);
        await ExpectRefusalAsync(bench, meter, UpdateTests.Sign(bundle, "meter", "0.4.0").ToLine(), UpdateVerdict.NotNewer);
        await ExpectRefusalAsync(bench, meter, "meter 0.8.0 not-a-manifest", UpdateVerdict.Malformed, AckResult.Invalid);
        Assert.Equal(0, server.Requests);

        // Downloaded, but one byte differs from what was signed; then only half of it comes.
        var tampered = (byte[])bundle.Clone();
        tampered[^100] ^= 0x40;
        server.Bundles[meter.DeviceId] = tampered;
        await ExpectRefusalAsync(bench, meter, UpdateTests.Sign(bundle, "meter", "0.8.0").ToLine(), UpdateVerdict.WrongHash);
        server.Bundles[meter.DeviceId] = bundle[..(bundle.Length / 2)];
        await ExpectRefusalAsync(bench, meter, UpdateTests.Sign(bundle, "meter", "0.8.0").ToLine(), UpdateVerdict.Truncated);

        // Nothing was staged or run, and the device never restarted.
        var state = meter.UpdateState;
        Assert.Equal(UpdateState.BuiltIn, state.RunningSlot);
        Assert.Null(state.StagedSlot);
        Assert.Null(state.DownloadSlot);
        Assert.Empty(meter.AppLoader.Started);
        Assert.Equal(0, meter.Board.SoftwareReboots);

        // The same bundle served whole is taken: the refusals left nothing in the way.
        server.Bundles[meter.DeviceId] = bundle;
        await SendAsync(bench, meter, UpdateTests.Sign(bundle, "meter", "0.8.0").ToLine());
        Assert.True(bench.RunUntil(() => Phases(bench, meter).Contains(UpdatePhase.Healthy), TimeSpan.FromMinutes(10)), string.Join(", ", Phases(bench, meter)));
        Assert.Equal(["meter-0.8.0"], meter.AppLoader.Started);
        Assert.Empty(bench.Crashes());
    }

    private static async Task ExpectRefusalAsync(HilBench bench, MeterDevice meter, string document, UpdateVerdict reason, AckResult ack = AckResult.Rejected)
    {
        var before = bench.ReceivedOnce<UpdateStatus>(meter.DeviceId).Count;
        var id = await SendAsync(bench, meter, document);
        Assert.True(
            bench.RunUntil(() => bench.ReceivedOnce<UpdateStatus>(meter.DeviceId).Skip(before).Any(s => s.Phase == UpdatePhase.Refused), TimeSpan.FromMinutes(5)),
            $"no refusal for {reason}: {string.Join(", ", Phases(bench, meter))}");
        var refusal = bench.ReceivedOnce<UpdateStatus>(meter.DeviceId).Skip(before).First(s => s.Phase == UpdatePhase.Refused);
        Assert.Equal(reason, refusal.Reason);
        Assert.True(bench.RunUntil(() => bench.ReceivedOnce<CommandAck>(meter.DeviceId).Any(a => a.CommandId == id), TimeSpan.FromMinutes(1)));
        Assert.Equal(reason is UpdateVerdict.WrongHash or UpdateVerdict.Truncated ? AckResult.Ok : ack, bench.ReceivedOnce<CommandAck>(meter.DeviceId).First(a => a.CommandId == id).Result);
    }

    private static async Task<ushort> SendAsync(HilBench bench, MeterDevice meter, string document)
    {
        var id = (ushort)Interlocked.Increment(ref _commandId);
        await Commands.SendAsync(bench, meter.DeviceId, new DeviceCommand { CommandId = id, Kind = CommandKind.Update, Document = document });
        return id;
    }

    private static List<UpdatePhase> Phases(HilBench bench, MeterDevice meter) => [.. bench.ReceivedOnce<UpdateStatus>(meter.DeviceId).Select(s => s.Phase)];

    private static int _commandId = 100;
}
