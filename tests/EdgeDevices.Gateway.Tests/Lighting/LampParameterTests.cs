using System.Collections.Concurrent;
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

namespace EdgeDevices.Gateway.Tests.Lighting;

/// <summary>A lamp type changed at the gateway reaches every lamp of the type as a signed command; who runs what is kept.</summary>
[Trait("Category", "Integration")]
public sealed class LampParameterTests
{
    private static readonly byte[] Key = Enumerable.Range(40, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public async Task A_changed_lamp_type_goes_to_its_lamps_only_and_their_acknowledgements_are_kept()
    {
        await using var gateway = await TestGateway.StartAsync();
        var keys = gateway.Services.GetRequiredService<DeviceKeys>();
        foreach (var id in new[] { "sl-0700", "sl-0701", "sl-0702" })
        {
            keys.Set(id, Key);
        }

        await using var lamp = await gateway.DeviceAsync("sl-0700");
        var commands = new ConcurrentQueue<DeviceCommand>();
        lamp.Client.ApplicationMessageReceivedAsync += e =>
        {
            commands.Enqueue((DeviceCommand)JsonCodec.Decode(e.ApplicationMessage.ConvertPayloadToString()));
            return Task.CompletedTask;
        };
        await lamp.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(MqttTopics.For("sl-0700", MqttTopics.Commands), MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());

        using var http = gateway.Http();
        await Put(http, "/api/lighting/lamp-types/cobra-70", new { name = "LED 70 W cobra head", ratedWatts = 70, minLevel = 20, @interface = "1-10v", warmUpSeconds = 30, powerTolerancePercent = 10, standbyWatts = 2 });
        await Put(http, "/api/lighting/lamp-types/post-top-40", new { name = "LED 40 W post top", ratedWatts = 40 });
        await Put(http, "/api/lighting/lamps/sl-0700", new { lampTypeId = "cobra-70", latitude = 51.17, longitude = 71.43 });
        await Put(http, "/api/lighting/lamps/sl-0701", new { lampTypeId = "cobra-70", latitude = 51.17, longitude = 71.43 });
        await Put(http, "/api/lighting/lamps/sl-0702", new { lampTypeId = "post-top-40", latitude = 51.17, longitude = 71.43 });

        // Signed for this lamp, with the type's parameters as the device reads them.
        await Eventually.TrueAsync(() => commands.Any(c => c.Kind == CommandKind.SetLampType), "a setLampType command at sl-0700");
        var first = commands.Last(c => c.Kind == CommandKind.SetLampType);
        Assert.True(new CommandMac(Key).Verify("sl-0700", first));
        var parameters = LampParameters.Parse(first.Document, out var errors);
        Assert.True(parameters != null, string.Join("; ", errors.Select(e => e.ToString())));
        Assert.Equal((70, (byte)20, 30, (byte)10), (parameters!.Lamp.RatedWatts, parameters.Lamp.MinLevel, parameters.Lamp.WarmUpSeconds, parameters.Lamp.PowerTolerancePercent));
        Assert.Equal(EdgeDevices.Firmware.Lighting.Output.DimmingInterface.OneToTenVolt, parameters.Lamp.Interface);

        // Acknowledged: the gateway records that sl-0700 runs cobra-70 at that version.
        await lamp.PublishAsync(new CommandAck { BootId = 1, Sequence = 1, Timestamp = Readings.Now, CommandId = first.CommandId, Result = AckResult.Ok });
        await Eventually.TrueAsync(async () => (await States(http)).Any(s => s["deviceId"]!.GetValue<string>() == "sl-0700" && s["current"]!.GetValue<bool>()), "sl-0700 shown as current");
        var state = (await States(http)).Single(s => s["deviceId"]!.GetValue<string>() == "sl-0700");
        Assert.Equal((parameters.Version, "cobra-70"), (state["ackedVersion"]!.GetValue<int>(), state["ackedLampTypeId"]!.GetValue<string>()));

        // The type changes: its lamps get a newer version; the other type's lamp gets nothing new.
        var sentToOther = (await States(http)).Single(s => s["deviceId"]!.GetValue<string>() == "sl-0702")["version"]!.GetValue<int>();
        await Put(http, "/api/lighting/lamp-types/cobra-70", new { name = "LED 70 W cobra head", ratedWatts = 65, minLevel = 20, @interface = "1-10v", warmUpSeconds = 30, powerTolerancePercent = 10, standbyWatts = 2 });
        await Eventually.TrueAsync(() => commands.Count(c => c.Kind == CommandKind.SetLampType) >= 2, "the changed parameters at sl-0700");

        // sl-0700's command can arrive while the distributor's pass is still at the other lamps: wait for the pass.
        var changed = gateway.Services.GetRequiredService<EdgeDevices.Gateway.Lighting.LightingStore>().Version;
        var distributor = gateway.Services.GetRequiredService<EdgeDevices.Gateway.Lighting.LampParameterDistributor>();
        await Eventually.TrueAsync(() => distributor.PassedVersion >= changed, "the distributor's pass over every lamp");
        var second = LampParameters.Parse(commands.Last(c => c.Kind == CommandKind.SetLampType).Document, out _)!;
        Assert.Equal(65, second.Lamp.RatedWatts);
        Assert.True(second.Version > parameters.Version);
        var after = await States(http);
        Assert.False(after.Single(s => s["deviceId"]!.GetValue<string>() == "sl-0700")["current"]!.GetValue<bool>());
        Assert.Equal(second.Version, after.Single(s => s["deviceId"]!.GetValue<string>() == "sl-0701")["version"]!.GetValue<int>());
        Assert.Equal(sentToOther, after.Single(s => s["deviceId"]!.GetValue<string>() == "sl-0702")["version"]!.GetValue<int>());
    }

    private static async Task Put(HttpClient http, string path, object body)
    {
        var response = await http.PutAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<IReadOnlyList<JsonNode>> States(HttpClient http) =>
        [.. (await http.GetFromJsonAsync<JsonArray>("/api/lighting/lamp-parameters"))!.Select(n => n!)];
}
