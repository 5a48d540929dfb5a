using System.Text;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Fleet.Devices;
using MQTTnet;

namespace EdgeDevices.HardwareInLoop.Tests;

/// <summary>What every app gets from the device runtime: health, commands, reboots and configuration.</summary>
[Trait("Category", "Integration")]
public sealed class RuntimeTests
{
    private static readonly DateTime Noon = new(2026, 11, 24, 7, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Reports_health_after_connecting_with_heap_uptime_rssi_reset_reason_and_version()
    {
        await using var bench = await HilBench.StartAsync(Noon);
        var meter = bench.Add<MeterDevice>(DeviceRole.Meter, "m-health");
        meter.Board.FreeHeapBytes = 87_654;
        meter.PowerOn();
        Assert.True(bench.RunUntil(() => bench.Received<HealthReport>(meter.DeviceId).Any(), TimeSpan.FromMinutes(1)));

        var health = bench.Received<HealthReport>(meter.DeviceId)[0];
        Assert.Equal(87_654u, health.FreeHeapBytes);
        Assert.Equal(-62, health.Rssi);
        Assert.Equal(ResetReason.PowerOn, health.ResetReason);
        Assert.Equal((0, 4, 0), (health.FirmwareMajor, health.FirmwareMinor, (int)health.FirmwarePatch));
        Assert.InRange(health.UptimeSeconds, 1u, 30u);

        bench.Clock.Run(TimeSpan.FromMinutes(11));
        Assert.True(bench.Received<HealthReport>(meter.DeviceId).Count >= 3, "every five minutes");
    }

    [Fact]
    public async Task A_reboot_command_is_acknowledged_then_carried_out()
    {
        await using var bench = await HilBench.StartAsync(Noon);
        var meter = bench.Add<MeterDevice>(DeviceRole.Meter, "m-reboot");
        meter.PowerOn();
        Assert.True(bench.RunUntil(() => bench.IsOnline(meter.DeviceId) && bench.Received(meter.DeviceId).Any(), TimeSpan.FromMinutes(1)));
        var firstBoot = bench.Received(meter.DeviceId)[0].BootId;

        await Commands.SendAsync(bench, meter.DeviceId, new DeviceCommand { CommandId = 7, Kind = CommandKind.Reboot });
        Assert.True(bench.RunUntil(() => bench.Received<DeviceEvent>(meter.DeviceId).Any(e => e.Code == EventCode.Boot && e.BootId != firstBoot), TimeSpan.FromMinutes(2)), bench.Describe(meter.DeviceId));

        Assert.Equal(AckResult.Ok, bench.ReceivedOnce<CommandAck>(meter.DeviceId).Single(a => a.CommandId == 7).Result);
        Assert.Equal(1, meter.Board.SoftwareReboots);
        var boot = bench.Received<DeviceEvent>(meter.DeviceId).Last(e => e.Code == EventCode.Boot);
        Assert.Equal((short)ResetReason.Command, boot.Value);
        Assert.True(bench.RunUntil(() => bench.IsOnline(meter.DeviceId), TimeSpan.FromMinutes(1)));
        Assert.Empty(bench.Crashes());
    }

    [Fact]
    public async Task Forged_replayed_and_unsigned_commands_are_refused_and_a_resend_is_not_applied_twice()
    {
        await using var bench = await HilBench.StartAsync(Noon);
        var meter = bench.Add<MeterDevice>(DeviceRole.Meter, "m-guard");
        meter.PowerOn();
        Assert.True(bench.RunUntil(() => bench.IsOnline(meter.DeviceId) && bench.Received<HealthReport>(meter.DeviceId).Any(), TimeSpan.FromMinutes(1)));
        int Healths() => bench.ReceivedOnce<HealthReport>(meter.DeviceId).Count;
        AckResult? Ack(ushort id) => bench.ReceivedOnce<CommandAck>(meter.DeviceId).LastOrDefault(a => a.CommandId == id)?.Result;

        var first = new DeviceCommand { CommandId = 20, Kind = CommandKind.RequestHealth };
        await Commands.SendAsync(bench, meter.DeviceId, first);
        Assert.True(bench.RunUntil(() => Ack(20) == AckResult.Ok, TimeSpan.FromMinutes(1)));
        var healths = Healths();

        // The same signed command again (a lost acknowledgement, or someone replaying it): answered, not applied.
        var acks = bench.ReceivedOnce<CommandAck>(meter.DeviceId).Count;
        await Commands.SendAsync(bench, meter.DeviceId, first, sign: false);
        Assert.True(bench.RunUntil(() => bench.ReceivedOnce<CommandAck>(meter.DeviceId).Count > acks, TimeSpan.FromMinutes(1)));
        Assert.Equal(AckResult.Ok, Ack(20));

        // A command signed with someone else's key, one with no MAC, and an old counter: refused.
        var forged = new DeviceCommand { CommandId = 21, Kind = CommandKind.RequestHealth };
        EdgeDevices.Fleet.Commands.CommandSigner.Sign(meter.DeviceId, forged, new byte[32]);
        await Commands.SendAsync(bench, meter.DeviceId, forged, sign: false);
        await Commands.SendAsync(bench, meter.DeviceId, new DeviceCommand { CommandId = 22, Kind = CommandKind.RequestHealth, Counter = uint.MaxValue }, sign: false);
        var old = new DeviceCommand { CommandId = 23, Kind = CommandKind.RequestHealth, Counter = first.Counter - 1 };
        await Commands.SendAsync(bench, meter.DeviceId, old);
        Assert.True(bench.RunUntil(() => Ack(21) != null && Ack(22) != null && Ack(23) != null, TimeSpan.FromMinutes(1)));
        Assert.Equal(AckResult.AuthenticationFailed, Ack(21));
        Assert.Equal(AckResult.AuthenticationFailed, Ack(22));
        Assert.Equal(AckResult.AuthenticationFailed, Ack(23));
        Assert.Equal(healths, Healths());
        Assert.Empty(bench.Crashes());
    }

    [Fact]
    public async Task A_stuck_main_loop_is_restarted_by_the_watchdog()
    {
        await using var bench = await HilBench.StartAsync(Noon);
        var meter = bench.Add<MeterDevice>(DeviceRole.Meter, "m-stuck", s => s with
        {
            WatchdogSeconds = 30,
            MeterChannels = [new Fleet.Provisioning.MeterChannelSpec("water", 100) { UnsavedPulses = 5 }],
        });
        meter.S0[0].SetRate(3600);
        meter.PowerOn();
        Assert.True(bench.RunUntil(() => bench.IsOnline(meter.DeviceId) && bench.Received(meter.DeviceId).Any(), TimeSpan.FromMinutes(1)));
        var firstBoot = bench.Received(meter.DeviceId)[0].BootId;

        // The meter register's flash write hangs: the metering loop stops feeding the watchdog.
        meter.Board.Flash.StallWrites("meter0");
        Assert.True(bench.RunUntil(() => meter.Board.SoftwareReboots == 1, TimeSpan.FromMinutes(2)), bench.Describe(meter.DeviceId));
        meter.Board.Flash.ResumeWrites();
        Assert.True(bench.RunUntil(() => bench.Received<DeviceEvent>(meter.DeviceId).Any(e => e.Code == EventCode.Boot && e.BootId != firstBoot), TimeSpan.FromMinutes(2)));

        var bite = bench.ReceivedOnce<DeviceEvent>(meter.DeviceId).Single(e => e.Code == EventCode.WatchdogReboot);
        Assert.Equal(EventSeverity.Critical, bite.Severity);
        Assert.InRange(bite.Value, 30, 60);
        Assert.Equal((short)ResetReason.Watchdog, bench.Received<DeviceEvent>(meter.DeviceId).Last(e => e.Code == EventCode.Boot).Value);
        Assert.Contains(meter.Board.LogLines, l => l.Contains("watchdog: thread 'metering'", StringComparison.Ordinal));
        Assert.Empty(bench.Crashes());
    }

    [Fact]
    public async Task Garbage_on_the_command_topic_is_ignored_and_an_unknown_command_is_refused()
    {
        await using var bench = await HilBench.StartAsync(Noon);
        var node = bench.Add<AirQualityDevice>(DeviceRole.AirQuality, "aq-garbage");
        node.PowerOn();
        Assert.True(bench.RunUntil(() => bench.IsOnline(node.DeviceId), TimeSpan.FromMinutes(1)));

        using (var client = new MqttClientFactory().CreateMqttClient())
        {
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", bench.Broker.Port).Build());
            foreach (var junk in new[] { "{\"v\":1,\"type\":\"command\"", "not json at all", "{\"v\":9}" })
            {
                await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(MqttTopics.For(node.DeviceId, MqttTopics.Commands)).WithPayload(Encoding.UTF8.GetBytes(junk)).Build());
            }

            await client.DisconnectAsync(new MqttClientDisconnectOptions());
        }

        await Commands.SendAsync(bench, node.DeviceId, new DeviceCommand { CommandId = 12, Kind = CommandKind.SetOverride, Level = 50 });
        Assert.True(bench.RunUntil(() => bench.Received<CommandAck>(node.DeviceId).Any(a => a.CommandId == 12), TimeSpan.FromMinutes(1)));
        Assert.Equal(AckResult.Unsupported, bench.ReceivedOnce<CommandAck>(node.DeviceId).Single().Result);
        Assert.Contains(node.Board.LogLines, l => l.Contains("unreadable command", StringComparison.Ordinal));
        Assert.Empty(bench.Crashes());
    }

    [Fact]
    public async Task A_device_with_a_broken_config_waits_for_a_fixed_one_and_then_boots()
    {
        await using var bench = await HilBench.StartAsync(Noon);
        var meter = bench.Add<MeterDevice>(DeviceRole.Meter, "m-config");
        var good = meter.Board.Flash.ReadText("config.json")!;
        meter.Board.Flash.WriteText("config.json", good.Replace("\"version\": 1", "\"version\": 1, \"colour\": \"blue\"", StringComparison.Ordinal));
        meter.PowerOn();
        bench.Clock.Run(TimeSpan.FromMinutes(2));
        Assert.False(bench.IsOnline(meter.DeviceId));
        Assert.Contains(meter.Board.LogLines, l => l.Contains("colour", StringComparison.Ordinal));

        meter.Board.Flash.WriteText("config.json", good);
        Assert.True(bench.RunUntil(() => bench.IsOnline(meter.DeviceId), TimeSpan.FromMinutes(1)));
        Assert.Empty(bench.Crashes());
    }
}
