using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Update;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeDevices.HardwareInLoop.Tests;

/// <summary>
/// A stand-in for the gateway's chunk server on the test's mosquitto, serving whatever bytes the test sets —
/// so a test can hand a device a tampered or cut-short bundle that the real gateway would never serve.
/// </summary>
internal sealed class TestChunkServer : IAsyncDisposable
{
    private readonly IMqttClient _client;

    private TestChunkServer(IMqttClient client) => _client = client;

    /// <summary>The bytes served, by device.</summary>
    public Dictionary<string, byte[]> Bundles { get; } = [];

    /// <summary>Requests answered.</summary>
    public int Requests { get; private set; }

    public static async Task<TestChunkServer> StartAsync(int port)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var server = new TestChunkServer(client);
        client.ApplicationMessageReceivedAsync += server.AnswerAsync;
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("test-chunk-server").Build());
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter($"{MqttTopics.Root}/+/{MqttTopics.Fetch}", MqttQualityOfServiceLevel.AtMostOnce).Build());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisconnectAsync();
        _client.Dispose();
    }

    private async Task AnswerAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        if (!MqttTopics.TryParse(e.ApplicationMessage.Topic, out var deviceId, out _)
            || !ChunkFrames.TryReadRequest(System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload), out var major, out var minor, out var patch, out var offset, out var length))
        {
            return;
        }

        Requests++;
        byte[] reply;
        lock (Bundles)
        {
            reply = Bundles.TryGetValue(deviceId, out var bytes)
                ? ChunkFrames.Reply(ChunkFrames.Served, major, minor, patch, offset, bytes, Math.Min(offset, bytes.Length), Math.Max(0, Math.Min(length, bytes.Length - offset)))
                : ChunkFrames.Reply(ChunkFrames.NotServed, major, minor, patch, offset, [], 0, 0);
        }

        await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(MqttTopics.For(deviceId, MqttTopics.Chunks)).WithPayload(reply).Build());
    }
}
