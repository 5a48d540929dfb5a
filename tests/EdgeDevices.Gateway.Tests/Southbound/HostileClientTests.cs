using System.Net.Sockets;
using EdgeDevices.Gateway.Southbound;
using EdgeDevices.Gateway.Storage;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeDevices.Gateway.Tests.Southbound;

/// <summary>Clients on the street network that try to make the broker hold memory: huge packets announced before and after login, too many sockets.</summary>
[Trait("Category", "Integration")]
public sealed class HostileClientTests
{
    [Fact]
    public async Task Six_unauthenticated_clients_announcing_256_MB_packets_are_cut_off_and_the_gateway_grows_less_than_50_MB()
    {
        var state = Directory.CreateTempSubdirectory("edgedevices-hostile-").FullName;
        var port = TestGateway.FreePort();
        new DeviceRegistry(new BufferDatabase(state, "full"), TimeProvider.System).Register("m-0001", "device-password-1");
        using var gateway = GatewayProcess.Start(["--set", $"stateDirectory={state}", "--set", $"southbound:embedded:port={port}", "--set", $"http:urls=http://127.0.0.1:{TestGateway.FreePort()}"]);
        Assert.True(gateway.WaitForOutput("MQTT broker listening"), gateway.Output);

        // Warm: a device logs in and is stored, so the baseline holds what a working gateway holds.
        await using (var device = await TestDevice.ConnectAsync(port, "m-0001", "device-password-1"))
        {
            Assert.True((await device.PublishAsync(Readings.Meter(1, 10))).IsSuccess);
        }

        var before = gateway.ResidentBytes;
        var attackers = Enumerable.Range(0, 6).Select(_ => Task.Run(() => AnnounceAndStreamAsync(port, [0x10, 0xFF, 0xFF, 0xFF, 0x7F]))).ToList();
        var sent = await Task.WhenAll(attackers);
        var after = gateway.ResidentBytes;

        Assert.All(sent, bytes => Assert.True(bytes < 64 << 20, $"the gateway took {bytes >> 20} MB from one client before closing it"));
        Assert.True(after - before < 50L << 20, $"the gateway grew from {before >> 20} to {after >> 20} MiB");
        Assert.True(gateway.WaitForOutput("a CONNECT of 268435460 bytes (at most 2048)"), gateway.Output);

        // And it still serves devices.
        await using var again = await TestDevice.ConnectAsync(port, "m-0001", "device-password-1");
        Assert.True((await again.PublishAsync(Readings.Meter(2, 20))).IsSuccess);
    }

    [Fact]
    public async Task A_logged_in_device_sending_more_than_maxPacketBytes_is_disconnected_and_nothing_of_it_is_stored()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["southbound:embedded:maxPacketBytes"] = "6000" });
        await using var device = await gateway.DeviceAsync("m-0002");
        var disconnected = new TaskCompletionSource();
        device.Client.DisconnectedAsync += _ =>
        {
            disconnected.TrySetResult();
            return Task.CompletedTask;
        };

        var stored = gateway.Store.Count(Lane.Bulk) + gateway.Store.Count(Lane.Urgent);
        var publish = device.Client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(Firmware.Messages.MqttTopics.For("m-0002", Firmware.Messages.MqttTopics.Telemetry))
            .WithPayload(new byte[6000])
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        await disconnected.Task.WaitAsync(Eventually.HangLimit);
        await Assert.ThrowsAnyAsync<Exception>(() => publish);
        Assert.Equal(stored, gateway.Store.Count(Lane.Bulk) + gateway.Store.Count(Lane.Urgent));

        // A message of the allowed size from the same device still gets in on a new connection (with the same
        // credentials: registering the device again would change them, and the gateway drops a device whose
        // credentials changed).
        await using var back = await TestDevice.ConnectAsync(gateway.BrokerPort, "m-0002", "device-password-1");
        Assert.True((await back.PublishAsync(Readings.Meter(1, 10))).IsSuccess);
    }

    [Fact]
    public async Task A_CONNECT_with_a_3000_byte_password_is_closed_before_any_check()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", gateway.BrokerPort).WithClientId("m-0003").WithCredentials("m-0003", new string('p', 3000)).WithTimeout(TimeSpan.FromSeconds(30)).Build();
        await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(options));
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Sockets_beyond_the_cap_are_closed_as_soon_as_they_are_accepted_even_if_they_never_log_in()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["southbound:embedded:maxConnections"] = "3", ["southbound:embedded:maxConnectionsPerAddress"] = "3" });
        var silent = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var socket = new TcpClient();
                await socket.ConnectAsync("127.0.0.1", gateway.BrokerPort);
                silent.Add(socket);
            }

            using var fourth = new TcpClient();
            await fourth.ConnectAsync("127.0.0.1", gateway.BrokerPort);
            var buffer = new byte[1];
            Assert.Equal(0, await ReadOrReset(fourth.GetStream(), buffer).WaitAsync(Eventually.HangLimit));

            // One silent socket gone, a device gets its place.
            silent[0].Dispose();
            silent.RemoveAt(0);
            gateway.Registry.Register("m-0004", "device-password-1");
            TestDevice? device = null;
            await Eventually.TrueAsync(async () =>
            {
                try
                {
                    device = await TestDevice.ConnectAsync(gateway.BrokerPort, "m-0004", "device-password-1");
                    return true;
                }
                catch (Exception)
                {
                    return false;
                }
            }, "m-0004 let in once a socket closed");
            await device!.DisposeAsync();
        }
        finally
        {
            silent.ForEach(s => s.Dispose());
        }
    }

    /// <summary>Sends <paramref name="header"/> and then zeros until the gateway closes the connection (or 64 MB went); the bytes sent.</summary>
    private static async Task<long> AnnounceAndStreamAsync(int port, byte[] header)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        var chunk = new byte[64 * 1024];
        long sent = 0;
        try
        {
            await stream.WriteAsync(header);
            while (sent < 64 << 20)
            {
                await stream.WriteAsync(chunk).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
                sent += chunk.Length;
            }
        }
        catch (IOException)
        {
        }
        catch (TimeoutException)
        {
            // The gateway stopped reading without closing: the bytes it holds are bounded by the socket buffers.
        }

        return sent;
    }

    private static async Task<int> ReadOrReset(NetworkStream stream, byte[] buffer)
    {
        try
        {
            return await stream.ReadAsync(buffer);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
