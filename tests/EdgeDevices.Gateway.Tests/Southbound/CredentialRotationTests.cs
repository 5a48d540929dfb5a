using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Security;
using EdgeDevices.Gateway.Commands;
using EdgeDevices.Testing;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;

namespace EdgeDevices.Gateway.Tests.Southbound;

/// <summary>New credentials for a device: a command signed with the old key; both sides switch when the device acknowledges.</summary>
[Trait("Category", "Integration")]
public sealed class CredentialRotationTests
{
    private static readonly byte[] OldKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] NewKey = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public async Task The_old_password_and_key_work_until_the_device_acknowledges_and_only_the_new_ones_after()
    {
        await using var gateway = await TestGateway.StartAsync();
        gateway.Services.GetRequiredService<DeviceKeys>().Set("m-0800", OldKey);
        await using var device = await gateway.DeviceAsync("m-0800", "old-password-1");
        var commands = await ListenAsync(device);
        using var http = gateway.Http();

        var answer = await http.PostAsJsonAsync("/api/devices/m-0800/credentials", new { password = "new-password-2", commandKey = Convert.ToHexStringLower(NewKey) });
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);

        // Signed with the key it replaces, carrying the new credentials as the device reads them.
        await Eventually.TrueAsync(() => !commands.IsEmpty, "the rotateCredentials command");
        var command = Assert.Single(commands);
        Assert.Equal(CommandKind.RotateCredentials, command.Kind);
        Assert.True(new CommandMac(OldKey).Verify("m-0800", command));
        var credentials = DeviceCredentials.Parse(command.Document, out _)!;
        Assert.Equal(("new-password-2", Convert.ToHexString(NewKey)), (credentials.Password, Convert.ToHexString(credentials.CommandKey)));

        // Until the acknowledgement the old password still admits the device.
        await using (var old = await TestDevice.ConnectAsync(gateway.BrokerPort, "m-0800", "old-password-1", clientId: "m-0800"))
        {
            await device.DisposeAsync();
            await old.PublishAsync(new CommandAck { BootId = 1, Sequence = 1, Timestamp = Readings.Now, CommandId = command.CommandId, Result = AckResult.Ok });
        }

        // After it, only the new one, and new commands are signed with the new key.
        await Eventually.TrueAsync(() => !gateway.Registry.Verify("m-0800", "old-password-1"), "the old password refused");
        Assert.True(gateway.Registry.Verify("m-0800", "new-password-2"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => TestDevice.ConnectAsync(gateway.BrokerPort, "m-0800", "old-password-1"));
        var queued = gateway.Services.GetRequiredService<CommandQueue>().Enqueue("m-0800", new DeviceCommand { Kind = CommandKind.RequestHealth }, "health", TimeSpan.FromMinutes(5));
        Assert.True(new CommandMac(NewKey).Verify("m-0800", (DeviceCommand)JsonCodec.Decode(PayloadOf(gateway, queued.Id))));

        // The answered command no longer holds the secrets in clear.
        Assert.DoesNotContain("new-password-2", PayloadOf(gateway, RotationRecord(gateway)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_device_that_switched_and_restarted_before_its_acknowledgement_arrived_is_let_in_and_finishes_the_rotation()
    {
        await using var gateway = await TestGateway.StartAsync();
        gateway.Services.GetRequiredService<DeviceKeys>().Set("m-0801", OldKey);
        gateway.Registry.Register("m-0801", "old-password-1");
        using var http = gateway.Http();
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/devices/m-0801/credentials", new { password = "new-password-2", commandKey = Convert.ToHexStringLower(NewKey) })).StatusCode);

        await using var device = await TestDevice.ConnectAsync(gateway.BrokerPort, "m-0801", "new-password-2");
        Assert.False(gateway.Registry.Verify("m-0801", "old-password-1"));
        var queued = gateway.Services.GetRequiredService<CommandQueue>().Enqueue("m-0801", new DeviceCommand { Kind = CommandKind.RequestHealth }, "health", TimeSpan.FromMinutes(5));
        Assert.True(new CommandMac(NewKey).Verify("m-0801", (DeviceCommand)JsonCodec.Decode(PayloadOf(gateway, queued.Id))));
    }

    [Theory]
    [InlineData("""{"password": "short", "commandKey": "00"}""", HttpStatusCode.BadRequest, "commandKey")]
    [InlineData("""{"password": "short", "commandKey": "0000000000000000000000000000000000000000000000000000000000000000"}""", HttpStatusCode.BadRequest, "password")]
    [InlineData("""{"commandKey": "0000000000000000000000000000000000000000000000000000000000000000"}""", HttpStatusCode.BadRequest, "password")]
    public async Task Bad_credentials_are_refused_naming_the_field(string body, HttpStatusCode status, string field)
    {
        await using var gateway = await TestGateway.StartAsync();
        gateway.Services.GetRequiredService<DeviceKeys>().Set("m-0802", OldKey);
        gateway.Registry.Register("m-0802", "old-password-1");
        using var http = gateway.Http();
        var answer = await http.PostAsync("/api/devices/m-0802/credentials", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(status, answer.StatusCode);
        Assert.Equal(field, JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["field"]!.GetValue<string>());

        var unknown = await http.PostAsJsonAsync("/api/devices/m-0999/credentials", new { password = "new-password-2", commandKey = Convert.ToHexStringLower(NewKey) });
        Assert.Equal(HttpStatusCode.Conflict, unknown.StatusCode);
    }

    private static long RotationRecord(TestGateway gateway) =>
        gateway.Services.GetRequiredService<CommandQueue>().Latest("m-0800", 50).Single(c => c.Purpose == EdgeDevices.Gateway.Southbound.CredentialRotation.Purpose).Id;

    private static string PayloadOf(TestGateway gateway, long id)
    {
        using var connection = gateway.Services.GetRequiredService<EdgeDevices.Gateway.Storage.BufferDatabase>().Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM commands WHERE id = $i";
        command.Parameters.AddWithValue("$i", id);
        return (string)command.ExecuteScalar()!;
    }

    private static async Task<ConcurrentQueue<DeviceCommand>> ListenAsync(TestDevice device)
    {
        var commands = new ConcurrentQueue<DeviceCommand>();
        device.Client.ApplicationMessageReceivedAsync += e =>
        {
            commands.Enqueue((DeviceCommand)JsonCodec.Decode(e.ApplicationMessage.ConvertPayloadToString()));
            return Task.CompletedTask;
        };
        await device.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(MqttTopics.For(device.DeviceId, MqttTopics.Commands), MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return commands;
    }
}
