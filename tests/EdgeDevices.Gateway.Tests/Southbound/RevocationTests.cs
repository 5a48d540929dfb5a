using EdgeDevices.Gateway.Southbound;
using EdgeDevices.Testing;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;

namespace EdgeDevices.Gateway.Tests.Southbound;

/// <summary>
/// Revocation that bites: removing a device or replacing its password closes its open session and refuses the
/// old password at once, whether the change came through the REST API or from the command line of another
/// process; passwords are kept as keyed hashes that are cheap to check and useless without the gateway's key.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait("Category", "Integration")]
public sealed class RevocationTests
{
    [Fact]
    public async Task A_device_removed_through_the_api_is_disconnected_at_once_and_cannot_come_back()
    {
        await using var gateway = await TestGateway.StartAsync();
        await using var device = await gateway.DeviceAsync("sl-0701");
        var closed = Closed(device.Client);

        using var http = gateway.Http();
        (await http.DeleteAsync("api/devices/sl-0701")).EnsureSuccessStatusCode();

        await Eventually.TrueAsync(() => closed.Task.IsCompleted, "the removed device's session was closed");
        await Assert.ThrowsAsync<InvalidOperationException>(() => TestDevice.ConnectAsync(gateway.BrokerPort, "sl-0701", "device-password-1"));
    }

    [Fact]
    public async Task A_change_made_from_the_command_line_beside_the_service_takes_effect_on_the_running_gateway()
    {
        await using var gateway = await TestGateway.StartAsync();
        var environment = new Dictionary<string, string> { ["STATE_DIRECTORY"] = gateway.StateDirectory };

        // A new password from the shell: the session opened with the old one goes, the old one is refused, the new one works.
        await using (var device = await gateway.DeviceAsync("sl-0702", "old-password-1"))
        {
            var closed = Closed(device.Client);
            var file = Path.Combine(gateway.StateDirectory, "..", Path.GetFileName(gateway.StateDirectory) + ".pw");
            File.WriteAllText(file, "new-password-22\n");
            using (var add = GatewayProcess.Start(["devices", "add", "sl-0702", "--password-file", file], environment))
            {
                Assert.True(add.WaitForExit() == 0, add.Output);
            }

            await Eventually.TrueAsync(() => closed.Task.IsCompleted, "the session opened with the replaced password was closed");
            await Assert.ThrowsAsync<InvalidOperationException>(() => TestDevice.ConnectAsync(gateway.BrokerPort, "sl-0702", "old-password-1"));
        }

        await using (var again = await TestDevice.ConnectAsync(gateway.BrokerPort, "sl-0702", "new-password-22"))
        {
            var closed = Closed(again.Client);

            // Removed from the shell: closed, and refused from then on.
            using (var remove = GatewayProcess.Start(["devices", "remove", "sl-0702"], environment))
            {
                Assert.True(remove.WaitForExit() == 0, remove.Output);
            }

            await Eventually.TrueAsync(() => closed.Task.IsCompleted, "the removed device's session was closed");
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => TestDevice.ConnectAsync(gateway.BrokerPort, "sl-0702", "new-password-22"));

        // A LoRaWAN device added from the shell is known to the running gateway without a restart.
        using (var lora = GatewayProcess.Start(["devices", "add-lorawan", "aq-0703", "--dev-eui", "70b3d57ed0051703"], environment))
        {
            Assert.True(lora.WaitForExit() == 0, lora.Output);
        }

        var devices = gateway.Services.GetRequiredService<EdgeDevices.Gateway.Southbound.LoRaWan.LoRaWanDevices>();
        await Eventually.TrueAsync(() => devices.DeviceOf("70b3d57ed0051703") == "aq-0703", "the running gateway knows the LoRaWAN device added from the shell");
    }

    [Fact]
    public async Task Passwords_are_kept_as_keyed_hashes_and_an_entry_of_the_old_scheme_is_accepted_once_and_replaced()
    {
        await using var gateway = await TestGateway.StartAsync();
        gateway.Registry.Register("sl-0704", "a-device-secret-1");
        Assert.StartsWith("hmac-sha256$", StoredHash(gateway, "sl-0704"));
        Assert.DoesNotContain("a-device-secret-1", StoredHash(gateway, "sl-0704"), StringComparison.Ordinal);

        // The same password under another id, or under another gateway's key, gives another hash.
        gateway.Registry.Register("sl-0705", "a-device-secret-1");
        Assert.NotEqual(StoredHash(gateway, "sl-0704"), StoredHash(gateway, "sl-0705"));
        var other = Directory.CreateTempSubdirectory("edgedevices-otherkey-").FullName;
        Assert.NotEqual(StoredHash(gateway, "sl-0704"), new DeviceSecretHasher(other).Hash("sl-0704", "a-device-secret-1"));

        // A row written by an earlier version (PBKDF2): admitted, then stored the new way.
        using (var connection = gateway.Services.GetRequiredService<EdgeDevices.Gateway.Storage.BufferDatabase>().Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE devices SET password_hash = $h WHERE device_id = 'sl-0704'";
            command.Parameters.AddWithValue("$h", PasswordHasher.Hash("a-device-secret-1"));
            command.ExecuteNonQuery();
        }

        await using (var legacy = await TestDevice.ConnectAsync(gateway.BrokerPort, "sl-0704", "a-device-secret-1"))
        {
            Assert.True(legacy.Client.IsConnected);
        }

        Assert.StartsWith("hmac-sha256$", StoredHash(gateway, "sl-0704"));
        await using var upgraded = await TestDevice.ConnectAsync(gateway.BrokerPort, "sl-0704", "a-device-secret-1");
        await Assert.ThrowsAsync<InvalidOperationException>(() => TestDevice.ConnectAsync(gateway.BrokerPort, "sl-0704", "a-device-secret-2"));
    }

    private static TaskCompletionSource Closed(IMqttClient client)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed;
    }

    private static string StoredHash(TestGateway gateway, string deviceId)
    {
        using var connection = gateway.Services.GetRequiredService<EdgeDevices.Gateway.Storage.BufferDatabase>().Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT password_hash FROM devices WHERE device_id = $d";
        command.Parameters.AddWithValue("$d", deviceId);
        return (string)command.ExecuteScalar()!;
    }
}
