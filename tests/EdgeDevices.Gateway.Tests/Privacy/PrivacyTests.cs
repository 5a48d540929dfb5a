using System.Globalization;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeDevices.Gateway.Tests.Privacy;

/// <summary>Household meters leave the gateway only pseudonymised: in sinks, exports and logs (Law No. 94-V).</summary>
[Trait("Category", "Integration")]
public sealed class PrivacyTests
{
    [Fact]
    public async Task A_household_meter_reaches_the_platform_under_a_pseudonym_stable_across_restarts_and_never_in_the_logs()
    {
        using var platform = MosquittoBroker.Start();
        var received = new List<(string Topic, string Payload, bool Retained)>();
        using var observer = await PlatformObserver.SubscribeAsync(platform.Port, "city/edge/#", received);
        var state = Directory.CreateTempSubdirectory("edgedevices-privacy-").FullName;
        var logs = new CapturedLogs();
        var settings = new Dictionary<string, string?>
        {
            ["sinks:mqtt:enabled"] = "true",
            ["sinks:mqtt:host"] = "127.0.0.1",
            ["sinks:mqtt:port"] = platform.Port.ToString(CultureInfo.InvariantCulture),
        };

        string pseudonym;
        await using (var gateway = await TestGateway.StartAsync(settings, state, s => s.AddSingleton<ILoggerProvider>(logs)))
        {
            // Household meters, provisioned as such (their names say nothing: the role does).
            gateway.Sites.Put("m-0700", new EdgeDevices.Gateway.Southbound.DeviceSite("meter", null));
            gateway.Sites.Put("m-0701", new EdgeDevices.Gateway.Southbound.DeviceSite("meter", null));
            pseudonym = gateway.Services.GetRequiredService<Pseudonyms>().Public("m-0700");
            await using var meter = await gateway.DeviceAsync("m-0700");
            await using var light = await gateway.DeviceAsync("sl-0700");
            await meter.PublishAsync(Readings.Meter(0, 1000));
            await light.PublishAsync(Readings.Lamp(0));
            // Things the gateway logs about: a malformed payload, a publish under another meter's name, an alarm.
            await meter.PublishRawAsync(MqttTopics.Telemetry, "{ not json"u8.ToArray());
            await meter.PublishRawAsync(MqttTopics.Telemetry, "{}"u8.ToArray(), deviceId: "m-0701");
            await meter.PublishAsync(new DeviceEvent { BootId = 1, Sequence = 1, Timestamp = Readings.Now, Code = EventCode.MeterLeak, Raised = true, Severity = EventSeverity.Alarm });
            Eventually.True(() => { lock (received) { return received.Count >= 3; } });
        }

        Assert.Matches("^hh-[0-9a-f]{20}$", pseudonym);
        await using (var again = await TestGateway.StartAsync(settings, state, s => s.AddSingleton<ILoggerProvider>(logs)))
        {
            Assert.Equal(pseudonym, again.Services.GetRequiredService<Pseudonyms>().Public("m-0700"));
            await using var meter = await again.DeviceAsync("m-0700");
            await meter.PublishAsync(Readings.Meter(2, 2000));
            Eventually.True(() => { lock (received) { return received.Count >= 4; } });
        }

        lock (received)
        {
            Assert.DoesNotContain(received, r => r.Topic.Contains("m-0700", StringComparison.Ordinal) || r.Payload.Contains("m-0700", StringComparison.Ordinal));
            Assert.Equal(3, received.Count(r => r.Topic.StartsWith($"city/edge/{pseudonym}/", StringComparison.Ordinal)));
            Assert.Contains(received, r => r.Topic == "city/edge/sl-0700/state");
        }

        Assert.NotEmpty(logs.Lines);
        Assert.Contains(logs.Lines, l => l.Contains(pseudonym, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("m-0700", StringComparison.Ordinal) || l.Contains("m-0701", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_export_has_the_buffers_rows_for_the_range_with_households_pseudonymised()
    {
        var state = Directory.CreateTempSubdirectory("edgedevices-export-").FullName;
        var start = DateTimeOffset.UtcNow.AddHours(-6);
        string pseudonym;
        await using (var gateway = await TestGateway.StartAsync(stateDirectory: state))
        {
            await using var meter = await gateway.DeviceAsync("m-0800");
            await using var node = await gateway.DeviceAsync("aq-0800");
            for (var i = 0; i < 6; i++)
            {
                // One reading an hour, each device.
                var at = (uint)start.AddHours(i).ToUnixTimeSeconds();
                var reading = Readings.Meter(i, 1000 * (i + 1));
                reading.Timestamp = at;
                await meter.PublishAsync(reading);
                var air = Readings.AirQuality(i, pm25: 10 + i);
                air.Timestamp = at;
                await node.PublishAsync(air);
            }

            // A household by its meter readings.
            pseudonym = gateway.Services.GetRequiredService<Pseudonyms>().Public("m-0800");
        }

        // Hours 2, 3 and 4: three readings of each device.
        var from = start.AddHours(2).AddMinutes(-1);
        var to = start.AddHours(4).AddMinutes(1);
        var csvPath = Path.Combine(state, "export.csv");
        using (var csv = GatewayProcess.Start(["export", "--set", $"stateDirectory={state}", "--from", from.ToString("O", CultureInfo.InvariantCulture), "--to", to.ToString("O", CultureInfo.InvariantCulture), "--output", csvPath]))
        {
            Assert.Equal(0, csv.WaitForExit());
        }

        var lines = File.ReadAllLines(csvPath);
        var header = lines[0].Split(',');
        Assert.Equal(["deviceId", "type", "observedAt", "bootId", "sequence"], header.Take(5));
        Assert.Contains("pm25", header);
        Assert.Contains("total", header);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(6, rows.Count);
        Assert.Equal(3, rows.Count(r => r[0] == pseudonym));
        Assert.Equal(3, rows.Count(r => r[0] == "aq-0800"));
        Assert.Equal(["2", "3", "4"], rows.Where(r => r[0] == pseudonym).Select(r => r[4]));
        Assert.DoesNotContain("m-0800", File.ReadAllText(csvPath), StringComparison.Ordinal);
        Assert.Equal("12", rows.First(r => r[0] == "aq-0800")[header.ToList().IndexOf("pm25")]);

        using var json = GatewayProcess.Start(["export", "--set", $"stateDirectory={state}", "--from", from.ToString("O", CultureInfo.InvariantCulture), "--to", to.ToString("O", CultureInfo.InvariantCulture), "--format", "json"]);
        Assert.Equal(0, json.WaitForExit());
        var array = JsonNode.Parse(json.Output)!.AsArray();
        Assert.Equal(6, array.Count);
        Assert.All(array, r => Assert.NotEqual("m-0800", r!["deviceId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_meter_is_pseudonymised_by_its_role_whatever_it_is_called()
    {
        using var platform = MosquittoBroker.Start();
        var received = new List<(string Topic, string Payload, bool Retained)>();
        using var observer = await PlatformObserver.SubscribeAsync(platform.Port, "city/edge/#", received);
        var logs = new CapturedLogs();
        var settings = new Dictionary<string, string?>
        {
            ["sinks:mqtt:enabled"] = "true",
            ["sinks:mqtt:host"] = "127.0.0.1",
            ["sinks:mqtt:port"] = platform.Port.ToString(CultureInfo.InvariantCulture),
        };
        var state = Directory.CreateTempSubdirectory("edgedevices-privacy-").FullName;
        await using (var gateway = await TestGateway.StartAsync(settings, state, s => s.AddSingleton<ILoggerProvider>(logs)))
        {
            // Registered as a meter under a name with no "m-" in it; its first payload is garbage (logged).
            gateway.Sites.Put("kvartira-12", new EdgeDevices.Gateway.Southbound.DeviceSite("meter", null));
            await using var flat = await gateway.DeviceAsync("kvartira-12");
            await flat.PublishRawAsync(MqttTopics.Telemetry, "{ not json"u8.ToArray());
            await flat.PublishAsync(Readings.Meter(0, 1000));

            // Never registered with a role, but it sends meter readings: a household from its first one on.
            await using var unlabelled = await gateway.DeviceAsync("dom-7");
            await unlabelled.PublishAsync(Readings.Meter(0, 500));
            await unlabelled.PublishRawAsync(MqttTopics.Telemetry, "{ not json"u8.ToArray());
            Eventually.True(() => { lock (received) { return received.Count >= 2; } });
        }

        // And after a restart, before either has said anything, the gateway still knows them for households.
        await using (var again = await TestGateway.StartAsync(settings, state, s => s.AddSingleton<ILoggerProvider>(logs)))
        {
            var pseudonyms = again.Services.GetRequiredService<Pseudonyms>();
            Assert.True(pseudonyms.IsPersonal("kvartira-12"));
            Assert.True(pseudonyms.IsPersonal("dom-7"));
            Assert.False(pseudonyms.IsPersonal("sl-0042"));
        }

        lock (received)
        {
            Assert.DoesNotContain(received, r => r.Topic.Contains("kvartira-12", StringComparison.Ordinal) || r.Payload.Contains("kvartira-12", StringComparison.Ordinal)
                || r.Topic.Contains("dom-7", StringComparison.Ordinal) || r.Payload.Contains("dom-7", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(logs.Lines, l => l.Contains("kvartira-12", StringComparison.Ordinal) || l.Contains("dom-7", StringComparison.Ordinal));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_meter_registered_from_the_command_line_with_its_role_is_a_household_before_it_says_anything()
    {
        var state = Directory.CreateTempSubdirectory("edgedevices-privacy-cli-").FullName;
        var password = Path.Combine(state, "..", Path.GetFileName(state) + ".pw");
        File.WriteAllText(password, "device-password-1\n");
        var environment = new Dictionary<string, string> { ["STATE_DIRECTORY"] = state };
        using (var lora = GatewayProcess.Start(["devices", "add-lorawan", "schetchik-5", "--dev-eui", "70b3d57ed0051299", "--role", "meter"], environment))
        {
            Assert.True(lora.WaitForExit() == 0, lora.Output);
        }

        using (var mqtt = GatewayProcess.Start(["devices", "add", "kv-9", "--password-file", password, "--role", "meter"], environment))
        {
            Assert.True(mqtt.WaitForExit() == 0, mqtt.Output);
        }

        using (var wrong = GatewayProcess.Start(["devices", "add", "kv-10", "--password-file", password, "--role", "metre"], environment))
        {
            Assert.NotEqual(0, wrong.WaitForExit());
            Assert.Contains("metre", wrong.Output, StringComparison.Ordinal);
        }

        var pseudonyms = new Pseudonyms(state, []);
        pseudonyms.LoadMeters(new EdgeDevices.Gateway.Storage.BufferDatabase(state, "full"));
        Assert.True(pseudonyms.IsPersonal("schetchik-5"));
        Assert.True(pseudonyms.IsPersonal("kv-9"));
        Assert.False(pseudonyms.IsPersonal("kv-10"));
    }
}
