using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Security;
using EdgeDevices.Gateway.Alarms;
using EdgeDevices.Gateway.Commands;
using MQTTnet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace EdgeDevices.Gateway.Tests.Commands;

/// <summary>Signed commands: sent, resent with backoff until answered, reported when they expire.</summary>
[Trait("Category", "Integration")]
public sealed class CommandTests
{
    private static readonly byte[] Key = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public async Task An_unanswered_command_is_resent_with_backoff_and_reported_when_it_expires()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await TestGateway.StartAsync(configure: s => s.AddSingleton<TimeProvider>(clock));
        gateway.Services.GetRequiredService<DeviceKeys>().Set("sl-0600", Key);
        await using var lamp = await gateway.DeviceAsync("sl-0600");
        var received = new List<DeviceCommand>();
        lamp.Client.ApplicationMessageReceivedAsync += e =>
        {
            lock (received)
            {
                received.Add((DeviceCommand)Firmware.Codec.JsonForm.JsonCodec.Decode(e.ApplicationMessage.ConvertPayloadToString()));
            }

            return Task.CompletedTask;
        };
        await lamp.Client.SubscribeAsync(new MQTTnet.MqttClientSubscribeOptionsBuilder().WithTopicFilter(MqttTopics.For("sl-0600", MqttTopics.Commands), MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());

        var queue = gateway.Services.GetRequiredService<CommandQueue>();
        var record = queue.Enqueue("sl-0600", new DeviceCommand { Kind = CommandKind.SetOverride, Level = 40, DurationMinutes = 30 }, "override", TimeSpan.FromMinutes(5));
        Eventually.True(() => Count(received) == 1);

        // Signed for this lamp, with a counter no lower than the Unix time, expiring on a whole minute.
        var sent = received[0];
        Assert.True(new CommandMac(Key).Verify("sl-0600", sent));
        Assert.True(sent.Counter >= clock.GetUtcNow().ToUnixTimeSeconds());
        Assert.Equal(0u, sent.ExpiresAt % 60);

        // No answer: sent again after about 10 s, then after about 20 s more, unchanged. At +18 s the dispatcher
        // has looked at the queue and sent nothing (it records every attempt before it waits again).
        await gateway.AdvanceDispatcherAsync(clock, TimeSpan.FromSeconds(13));
        Eventually.True(() => Count(received) == 2);
        await gateway.AdvanceDispatcherAsync(clock, TimeSpan.FromSeconds(5));
        Assert.Equal(2, queue.Get(record.Id)!.Attempts);
        Assert.Equal(2, Count(received));
        await gateway.AdvanceDispatcherAsync(clock, TimeSpan.FromSeconds(20));
        Eventually.True(() => Count(received) == 3);
        Assert.All(received, c => Assert.Equal((sent.CommandId, sent.Counter), (c.CommandId, c.Counter)));

        clock.Advance(TimeSpan.FromMinutes(6));
        Eventually.True(() => queue.Get(record.Id)!.Status == CommandStatus.Expired);
        Eventually.True(() => gateway.Services.GetRequiredService<AlarmBook>().List(openOnly: true, "sl-0600").Any(a => a.Code == "commandExpired"));

        // And goes to the platform as the lamp's event, from the gateway (boot id 0), with the command's id.
        List<DeviceEvent> Forwarded() => [.. gateway.Store.Read(EdgeDevices.Gateway.Storage.Lane.Urgent, 0, 100)
            .Where(r => r.DeviceId == "sl-0600" && r.BootId == 0)
            .Select(r => Firmware.Codec.JsonForm.JsonCodec.Decode(r.Payload))
            .OfType<DeviceEvent>()];
        Eventually.True(() => Forwarded().Count > 0);
        var expired = Assert.Single(Forwarded());
        Assert.Equal((EventCode.CommandExpired, EventSeverity.Warning, (short)sent.CommandId), (expired.Code, expired.Severity, expired.Value));
    }

    [Fact]
    public async Task Commands_queued_before_the_device_subscribes_reach_it_in_counter_order_once_it_has()
    {
        // Published before the device's subscription is stored, a command is dropped by the broker, and a later one
        // could get through: the lamp would then refuse the first for ever (its counter is below one taken). The
        // broker hands nothing over until the subscription is in place, and the dispatcher sends none of a
        // device's later commands in a pass where an earlier one could not be handed over.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await TestGateway.StartAsync(configure: s => s.AddSingleton<TimeProvider>(clock));
        gateway.Services.GetRequiredService<DeviceKeys>().Set("sl-0605", Key);
        var queue = gateway.Services.GetRequiredService<CommandQueue>();
        var schedule = queue.Enqueue("sl-0605", new DeviceCommand { Kind = CommandKind.SetOverride, Level = 40, DurationMinutes = 30 }, "schedule", TimeSpan.FromMinutes(30));
        var parameters = queue.Enqueue("sl-0605", new DeviceCommand { Kind = CommandKind.SetOverride, Level = 50, DurationMinutes = 30 }, "parameters", TimeSpan.FromMinutes(30));
        await using var lamp = await gateway.DeviceAsync("sl-0605");
        await gateway.AdvanceDispatcherAsync(clock, TimeSpan.FromSeconds(1));
        Assert.True(queue.Get(schedule.Id)!.Attempts >= 1, "the dispatcher tried the first command");
        Assert.Equal(0, queue.Get(parameters.Id)!.Attempts);

        var received = new List<DeviceCommand>();
        lamp.Client.ApplicationMessageReceivedAsync += e =>
        {
            lock (received)
            {
                received.Add((DeviceCommand)Firmware.Codec.JsonForm.JsonCodec.Decode(e.ApplicationMessage.ConvertPayloadToString()));
            }

            return Task.CompletedTask;
        };
        await lamp.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(MqttTopics.For("sl-0605", MqttTopics.Commands), MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());

        // Subscribed: both go at once (not at the first one's backoff), oldest first.
        Eventually.True(() => Count(received) == 2);
        lock (received)
        {
            Assert.Equal([schedule.CommandId, parameters.CommandId], received.Select(c => c.CommandId));
            Assert.True(received[0].Counter < received[1].Counter);
        }
    }

    [Fact]
    public async Task An_answer_completes_the_command_and_a_newer_one_supersedes_an_unanswered_older_one()
    {
        await using var gateway = await TestGateway.StartAsync();
        gateway.Services.GetRequiredService<DeviceKeys>().Set("sl-0601", Key);
        var queue = gateway.Services.GetRequiredService<CommandQueue>();
        var first = queue.Enqueue("sl-0601", new DeviceCommand { Kind = CommandKind.SetOverride, Level = 40, DurationMinutes = 30 }, "override", TimeSpan.FromMinutes(30));
        var second = queue.Enqueue("sl-0601", new DeviceCommand { Kind = CommandKind.ClearOverride }, "override", TimeSpan.FromMinutes(30));
        Assert.Equal(CommandStatus.Superseded, queue.Get(first.Id)!.Status);
        Assert.True(second.CommandId != first.CommandId);

        await using var lamp = await gateway.DeviceAsync("sl-0601");
        await lamp.PublishAsync(new CommandAck { BootId = 1, Sequence = 1, Timestamp = Readings.Now, CommandId = second.CommandId, Result = AckResult.Ok });
        Assert.Equal(CommandStatus.Acknowledged, queue.Get(second.Id)!.Status);

        Assert.Throws<InvalidOperationException>(() => queue.Enqueue("sl-9999", new DeviceCommand { Kind = CommandKind.Reboot }, "reboot", TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Commands_queued_at_the_same_moment_go_out_in_the_order_of_their_counters()
    {
        // The device refuses a counter below one it has taken: a lamp's schedule and its lamp parameters,
        // queued by two services at once, must not leave the gateway with their counters crossed.
        await using var gateway = await TestGateway.StartAsync();
        gateway.Services.GetRequiredService<DeviceKeys>().Set("sl-0602", Key);
        var queue = gateway.Services.GetRequiredService<CommandQueue>();
        using var start = new Barrier(8);
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 10; i++)
            {
                queue.Enqueue("sl-0602", new DeviceCommand { Kind = CommandKind.SetOverride, Level = 40, DurationMinutes = 30 }, $"purpose-{w}-{i}", TimeSpan.FromMinutes(30));
            }
        })).ToArray();
        await Task.WhenAll(writers);

        // The dispatcher sends in queue order (Due orders by id).
        using var connection = gateway.Services.GetRequiredService<EdgeDevices.Gateway.Storage.BufferDatabase>().Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT payload FROM commands WHERE device_id = 'sl-0602' ORDER BY id";
        var sent = new List<DeviceCommand>();
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                sent.Add((DeviceCommand)Firmware.Codec.JsonForm.JsonCodec.Decode(reader.GetString(0)));
            }
        }

        Assert.Equal(80, sent.Count);
        for (var i = 1; i < sent.Count; i++)
        {
            Assert.True(sent[i].Counter > sent[i - 1].Counter, $"command {sent[i].CommandId} (counter {sent[i].Counter}) goes out after {sent[i - 1].CommandId} (counter {sent[i - 1].Counter})");
        }
    }

    [Fact]
    public async Task A_send_that_throws_is_retried_at_the_dispatchers_pace_not_in_a_tight_loop()
    {
        // The command stays due after a failed pass; the dispatcher then waits its 500 ms on the gateway's clock,
        // which this test does not move: one attempt, then a wait.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var transport = new ThrowingTransport();
        await using var gateway = await TestGateway.StartAsync(configure: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddSingleton<ICommandTransport>(transport);
        });
        gateway.ExpectErrors("command dispatch failed");
        gateway.Services.GetRequiredService<DeviceKeys>().Set("sl-0604", Key);
        var dispatcher = gateway.Services.GetServices<IHostedService>().OfType<CommandDispatcher>().Single();

        // Its first pass (an empty queue) done, so the command's wake-up makes exactly one pass: a pass still
        // running when the command is queued would send it and then, woken, once more (found under load).
        await Eventually.TrueAsync(() => dispatcher.IsWaiting);
        gateway.Services.GetRequiredService<CommandQueue>().Enqueue("sl-0604", new DeviceCommand { Kind = CommandKind.SetOverride, Level = 40, DurationMinutes = 30 }, "override", TimeSpan.FromMinutes(5));

        await Eventually.TrueAsync(() => transport.Calls >= 1 && dispatcher.IsWaiting);
        Assert.Equal(1, transport.Calls);

        await gateway.AdvanceDispatcherAsync(clock, TimeSpan.FromSeconds(1));
        Assert.Equal(2, transport.Calls);
    }

    [Fact]
    public async Task A_resend_falling_due_takes_the_devices_older_pending_commands_along_first()
    {
        // Jittered backoffs can put a newer command's resend before an older one's: both must still go oldest first.
        // The running dispatcher is left out: its own first attempt would overwrite the due times set below.
        await using var gateway = await TestGateway.StartAsync(configure: services =>
        {
            foreach (var dispatcher in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(CommandDispatcher)).ToList())
            {
                services.Remove(dispatcher);
            }
        });
        gateway.Services.GetRequiredService<DeviceKeys>().Set("sl-0603", Key);
        var queue = gateway.Services.GetRequiredService<CommandQueue>();
        var older = queue.Enqueue("sl-0603", new DeviceCommand { Kind = CommandKind.SetOverride, Level = 40, DurationMinutes = 30 }, "one", TimeSpan.FromDays(30));
        var newer = queue.Enqueue("sl-0603", new DeviceCommand { Kind = CommandKind.SetOverride, Level = 50, DurationMinutes = 30 }, "two", TimeSpan.FromDays(30));
        var now = DateTimeOffset.UtcNow;
        using (var connection = gateway.Services.GetRequiredService<EdgeDevices.Gateway.Storage.BufferDatabase>().Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE commands SET next_attempt_at = CASE id WHEN $o THEN $late ELSE $soon END WHERE id IN ($o, $n)";
            command.Parameters.AddWithValue("$o", older.Id);
            command.Parameters.AddWithValue("$n", newer.Id);
            command.Parameters.AddWithValue("$late", now.AddDays(10).ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$soon", now.AddDays(1).ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
        }

        Assert.Equal([older.Id, newer.Id], queue.Due(now.AddDays(2).ToUnixTimeMilliseconds(), 100).Where(d => d.DeviceId == "sl-0603").Select(d => d.Id));
        Assert.DoesNotContain(queue.Due(now.AddHours(12).ToUnixTimeMilliseconds(), 100), d => d.DeviceId == "sl-0603");
    }

    private static int Count(List<DeviceCommand> received)
    {
        lock (received)
        {
            return received.Count;
        }
    }

    private sealed class ThrowingTransport : ICommandTransport
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<bool> SendAsync(string deviceId, byte[] payload, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            throw new IOException("the broker's socket is gone");
        }

        public Task<bool> NotifyAsync(string deviceId, string channel, byte[] payload, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
