using System.Text;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Device.Commands;
using EdgeDevices.Firmware.Device.Logging;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Security;
using EdgeDevices.Firmware.Timing;

namespace EdgeDevices.Firmware.Device.Tests.Commands;

/// <summary>The device's command processing on its own: verification, acknowledgements, the guard on flash, reboot and rotation timing.</summary>
public sealed class CommandProcessorTests
{
    private const string DeviceId = "sl-cmd-1";
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly DateTime Now = new(2026, 12, 8, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_signed_command_is_applied_once_and_a_resend_is_answered_again_without_applying_it_twice()
    {
        var device = new Device();
        var command = Signed(CommandKind.SetOverride, counter: 100, commandId: 7);
        device.Processor.OnCommand(command);
        device.Processor.OnCommand(command);
        Assert.Equal(1, device.App.Handled);
        Assert.Equal([(7, AckResult.Ok), (7, AckResult.Ok)], device.Host.Acks);
    }

    [Fact]
    public void A_wrong_key_or_a_counter_at_or_below_one_taken_is_refused_and_not_applied()
    {
        var device = new Device();
        device.Processor.OnCommand(Signed(CommandKind.SetOverride, counter: 100, commandId: 7));
        device.Processor.OnCommand(Signed(CommandKind.SetOverride, counter: 99, commandId: 6));
        device.Processor.OnCommand(Signed(CommandKind.SetOverride, counter: 100, commandId: 8));
        device.Processor.OnCommand(Signed(CommandKind.SetOverride, counter: 101, commandId: 9, key: new byte[32]));
        Assert.Equal(1, device.App.Handled);
        Assert.Equal([(7, AckResult.Ok), (6, AckResult.AuthenticationFailed), (8, AckResult.AuthenticationFailed), (9, AckResult.AuthenticationFailed)], device.Host.Acks);
    }

    [Fact]
    public void An_expired_command_is_answered_expired_not_applied_and_its_counter_is_taken()
    {
        var device = new Device();
        var late = Signed(CommandKind.SetOverride, counter: 100, commandId: 7, expiresAt: Now.AddMinutes(-1));
        device.Processor.OnCommand(late);
        device.Processor.OnCommand(late);
        Assert.Equal(0, device.App.Handled);
        Assert.Equal([(7, AckResult.Expired), (7, AckResult.Expired)], device.Host.Acks);
    }

    [Fact]
    public void The_guard_survives_a_reboot_so_a_recorded_command_is_refused_after_it()
    {
        var device = new Device();
        device.Processor.OnCommand(Signed(CommandKind.SetOverride, counter: 100, commandId: 7));
        var rebooted = new Device(device.Files);
        rebooted.Processor.OnCommand(Signed(CommandKind.SetOverride, counter: 99, commandId: 6));
        rebooted.Processor.OnCommand(Signed(CommandKind.SetOverride, counter: 100, commandId: 7));
        Assert.Equal(0, rebooted.App.Handled);
        Assert.Equal([(6, AckResult.AuthenticationFailed), (7, AckResult.Ok)], rebooted.Host.Acks);
    }

    [Fact]
    public void A_reboot_waits_for_its_acknowledgement_to_leave_or_15_s()
    {
        var device = new Device();
        device.Processor.OnCommand(Signed(CommandKind.Reboot, counter: 100, commandId: 7));
        device.Processor.Tick();
        Assert.Equal(0, device.Host.Restarts);
        device.Host.Delivered = true;
        device.Processor.Tick();
        device.Processor.Tick();
        Assert.Equal(1, device.Host.Restarts);

        var offline = new Device();
        offline.Processor.OnCommand(Signed(CommandKind.Reboot, counter: 100, commandId: 7));
        offline.Clock.Uptime += 15_000;
        offline.Processor.Tick();
        Assert.Equal(0, offline.Host.Restarts);
        offline.Clock.Uptime += 1;
        offline.Processor.Tick();
        Assert.Equal(1, offline.Host.Restarts);
    }

    [Fact]
    public void Rotated_credentials_take_over_once_the_gateway_has_the_acknowledgement()
    {
        var device = new Device();
        var newKey = Enumerable.Range(50, 32).Select(i => (byte)i).ToArray();
        var document = $$"""{ "password": "a-new-password-1", "commandKey": "{{Convert.ToHexString(newKey).ToLowerInvariant()}}" }""";
        device.Processor.OnCommand(Signed(CommandKind.RotateCredentials, counter: 100, commandId: 7, document: document));
        Assert.Equal((7, AckResult.Ok), device.Host.Acks.Single());
        Assert.NotNull(device.Files.ReadText(Boot.ConfigLoader.CredentialsFileName));

        // Not yet acknowledged: the old key still rules.
        device.Processor.Tick();
        device.Processor.OnCommand(Signed(CommandKind.SetOverride, counter: 101, commandId: 8));
        Assert.Equal(0, device.Host.Reconnects);
        Assert.Equal(1, device.App.Handled);

        device.Host.Delivered = true;
        device.Processor.Tick();
        Assert.Equal(1, device.Host.Reconnects);
        device.Processor.OnCommand(Signed(CommandKind.SetOverride, counter: 102, commandId: 9));
        device.Processor.OnCommand(Signed(CommandKind.SetOverride, counter: 103, commandId: 10, key: newKey));
        Assert.Equal(2, device.App.Handled);
        Assert.Equal((9, AckResult.AuthenticationFailed), device.Host.Acks[^2]);
        Assert.Equal((10, AckResult.Ok), device.Host.Acks[^1]);
    }

    [Fact]
    public void An_unreadable_payload_or_another_message_kind_is_logged_and_not_answered()
    {
        var device = new Device();
        device.Processor.OnCommand(Encoding.UTF8.GetBytes("{ not json"));
        device.Processor.OnCommand(Encoding.UTF8.GetBytes(JsonCodec.Encode(new CommandAck { CommandId = 1, Result = AckResult.Ok })));
        Assert.Empty(device.Host.Acks);
        Assert.Contains(device.Lines, l => l.Contains("unreadable command", StringComparison.Ordinal));
        Assert.Contains(device.Lines, l => l.Contains("not a command", StringComparison.Ordinal));
    }

    private static byte[] Signed(CommandKind kind, uint counter, ushort commandId, DateTime? expiresAt = null, byte[]? key = null, string? document = null)
    {
        var command = new DeviceCommand
        {
            Kind = kind,
            CommandId = commandId,
            Counter = counter,
            Timestamp = UnixTime.ToMessageTime(Now),
            ExpiresAt = UnixTime.ToMessageTime(expiresAt ?? Now.AddMinutes(10)),
            Level = 40,
            DurationMinutes = 30,
            Document = document,
            Mac = new byte[CommandMac.Size],
        };
        new CommandMac(key ?? Key).Compute(DeviceId, command, command.Mac, 0);
        return Encoding.UTF8.GetBytes(JsonCodec.Encode(command));
    }

    private sealed class Device
    {
        public Device(MemoryFiles? files = null)
        {
            Files = files ?? new MemoryFiles();
            var config = new DeviceConfig { DeviceId = DeviceId, CommandKey = Key, Mqtt = new MqttSettings() };
            Processor = new CommandProcessor(config, Files, Clock, new DeviceLog(Clock, new ListSink(Lines)), Host);
            Processor.Start(new CountingHandler(), App);
        }

        public MemoryFiles Files { get; }

        public ManualClock Clock { get; } = new();

        public List<string> Lines { get; } = [];

        public RecordingHost Host { get; } = new();

        public CountingHandler App { get; } = new();

        public CommandProcessor Processor { get; }
    }

    private sealed class RecordingHost : ICommandHost
    {
        private uint _next;

        public List<(int CommandId, AckResult Result)> Acks { get; } = [];

        public bool Delivered { get; set; }

        public int Restarts { get; private set; }

        public int Reconnects { get; private set; }

        public uint Publish(Message message)
        {
            if (message is CommandAck ack)
            {
                Acks.Add((ack.CommandId, ack.Result));
            }

            return ++_next;
        }

        public uint PublishHealthNow() => ++_next;

        public bool IsDelivered(uint id) => Delivered;

        public void Restart(ResetReason reason) => Restarts++;

        public void Reconnect() => Reconnects++;
    }

    private sealed class CountingHandler : ICommandHandler
    {
        public int Handled { get; private set; }

        public AckResult Handle(DeviceCommand command)
        {
            Handled++;
            return AckResult.Ok;
        }
    }

    private sealed class ManualClock : IClock
    {
        public long Uptime { get; set; }

        public DateTime UtcNow => Now.AddMilliseconds(Uptime);

        public long UptimeMilliseconds => Uptime;

        public void Sleep(int milliseconds) => Uptime += milliseconds;

        public bool WaitFor(ManualResetEvent signal, int milliseconds) => signal.WaitOne(0);

        public void StartThread(ThreadStart work) => new Thread(work) { IsBackground = true }.Start();
    }

    private sealed class ListSink(List<string> lines) : ILogSink
    {
        public void Write(string line) => lines.Add(line);
    }
}
