using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Config;

namespace EdgeDevices.Fleet.Provisioning;

/// <summary>
/// What a technician provisions onto a device, as the emulation needs it: everything that goes into
/// I:\config.json (docs/device-config.md) and, for a street light, the lighting schedule. Defaults are
/// those of a device in Astana talking to the gateway over the city's IoT Wi-Fi.
/// </summary>
public sealed record DeviceSpec
{
    /// <summary>A spec for <paramref name="deviceId"/> in <paramref name="role"/>.</summary>
    public DeviceSpec(string deviceId, DeviceRole role)
    {
        DeviceId = deviceId;
        Role = role;
        Board = role switch
        {
            DeviceRole.StreetLight => "esp32-devkitc-streetlight",
            DeviceRole.AirQuality => "esp32-devkitc-airquality",
            _ => "esp32-devkitc-meter",
        };
    }

    public string DeviceId { get; }

    public DeviceRole Role { get; }

    public string Board { get; init; }

    public string WifiSsid { get; init; } = "city-iot";

    public string WifiPassword { get; init; } = "correct horse battery";

    public string BrokerHost { get; init; } = "gateway.local";

    public int BrokerPort { get; init; } = 1883;

    public string MqttPassword { get; init; } = "device-key-0001";

    /// <summary>
    /// The command key as 64 hex digits; by default one derived from the device id (<see cref="DefaultCommandKey"/>),
    /// so a test or the fleet runner can sign commands knowing only the id; empty for a device provisioned without one.
    /// </summary>
    public string? CommandKey { get; init; }

    /// <summary>The key a device gets when its spec names none: SHA-256 of a fixed label and the id. For emulation only.</summary>
    public static string DefaultCommandKey(string deviceId) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("edgedevices-emulated-command-key:" + deviceId)));

    public int KeepAliveSeconds { get; init; } = 60;

    /// <summary>The release key update bundles must be signed with (64 hex digits), or null: the device takes no update.</summary>
    public string? ReleaseKey { get; init; }

    /// <summary>Seconds a new bundle runs before it may report healthy.</summary>
    public int UpdateProbationSeconds { get; init; } = 180;

    /// <summary>Seconds within which a new bundle must report healthy.</summary>
    public int UpdateDeadlineSeconds { get; init; } = 900;

    public string Encoding { get; init; } = "json";

    /// <summary>Set for a device that reaches the gateway over LoRaWAN (compact encoding, no Wi-Fi or MQTT).</summary>
    public LoRaWanSpec? LoRaWan { get; init; }

    public int TelemetryIntervalSeconds { get; init; } = 60;

    public int HealthIntervalSeconds { get; init; } = 300;

    public int WatchdogSeconds { get; init; } = 120;

    public int UtcOffsetMinutes { get; init; } = 300;

    public double Latitude { get; init; } = 51.1694;

    public double Longitude { get; init; } = 71.4491;

    public int OutboxSlots { get; init; } = 256;

    /// <summary>Street light: rated power, W.</summary>
    public int LampRatedWatts { get; init; } = 100;

    /// <summary>Street light: <c>pwm</c>, <c>0-10v</c> or <c>1-10v</c>.</summary>
    public string LampInterface { get; init; } = "0-10v";

    /// <summary>Street light: the schedule file's text, or null for none (the firmware then runs dusk to dawn).</summary>
    public string? ScheduleJson { get; init; }

    /// <summary>Air-quality node: <c>pms5003</c>, <c>sds011</c> or <c>none</c>.</summary>
    public string Particles { get; init; } = "pms5003";

    /// <summary>Air-quality node: <c>bme280</c>, <c>bme680</c> or <c>none</c>.</summary>
    public string Climate { get; init; } = "bme280";

    public int SamplesPerCycle { get; init; } = 5;

    public int WarmUpSeconds { get; init; } = 30;

    /// <summary>Meter node: its channels in board order.</summary>
    public IReadOnlyList<MeterChannelSpec> MeterChannels { get; init; } = [new("electricity", 1000)];

    /// <summary>The role as config.json and the gateway name it.</summary>
    public string RoleName => Role switch { DeviceRole.StreetLight => "streetlight", DeviceRole.AirQuality => "airquality", _ => "meter" };

    /// <summary>The config.json the firmware reads at boot.</summary>
    public string ToConfigJson()
    {
        var config = new JsonObject
        {
            ["version"] = 1,
            ["deviceId"] = DeviceId,
            ["role"] = RoleName,
            ["board"] = Board,
            ["telemetryIntervalSeconds"] = TelemetryIntervalSeconds,
            ["commandKey"] = CommandKey ?? DefaultCommandKey(DeviceId),
            ["healthIntervalSeconds"] = HealthIntervalSeconds,
            ["watchdogSeconds"] = WatchdogSeconds,
            ["utcOffsetMinutes"] = UtcOffsetMinutes,
            ["location"] = new JsonObject
            {
                ["latitude"] = JsonValue.Create(Math.Round(Latitude, 6)),
                ["longitude"] = JsonValue.Create(Math.Round(Longitude, 6)),
            },
            ["outbox"] = new JsonObject { ["slots"] = OutboxSlots },
        };
        if (LoRaWan == null)
        {
            config["encoding"] = Encoding;
            config["wifi"] = new JsonObject { ["ssid"] = WifiSsid, ["password"] = WifiPassword };
            config["mqtt"] = new JsonObject
            {
                ["host"] = BrokerHost,
                ["port"] = BrokerPort,
                ["password"] = MqttPassword,
                ["keepAliveSeconds"] = KeepAliveSeconds,
            };
        }
        else
        {
            config["transport"] = "lorawan";
            config["lorawan"] = new JsonObject
            {
                ["region"] = LoRaWan.Region,
                ["devEui"] = LoRaWan.DevEui,
                ["joinEui"] = LoRaWan.JoinEui,
                ["appKey"] = LoRaWan.AppKey,
            };
        }

        switch (Role)
        {
            case DeviceRole.StreetLight:
                config["lamp"] = new JsonObject { ["ratedWatts"] = LampRatedWatts, ["interface"] = LampInterface };
                break;
            case DeviceRole.AirQuality:
                config["airQuality"] = new JsonObject
                {
                    ["particles"] = Particles,
                    ["climate"] = Climate,
                    ["samplesPerCycle"] = SamplesPerCycle,
                    ["warmUpSeconds"] = WarmUpSeconds,
                };
                break;
            default:
                var channels = new JsonArray();
                foreach (var channel in MeterChannels)
                {
                    channels.Add(new JsonObject
                    {
                        ["medium"] = channel.Medium,
                        ["pulsesPerUnit"] = channel.PulsesPerUnit,
                        ["initialTotal"] = JsonValue.Create(channel.InitialTotal),
                        ["input"] = channel.Input,
                        ["debounceMs"] = channel.DebounceMs,
                        ["unsavedPulses"] = channel.UnsavedPulses,
                    });
                }

                config["meter"] = new JsonObject { ["channels"] = channels };
                break;
        }

        if (CommandKey == string.Empty)
        {
            config.Remove("commandKey");
        }

        if (ReleaseKey != null)
        {
            config["update"] = new JsonObject
            {
                ["releaseKey"] = ReleaseKey,
                ["probationSeconds"] = UpdateProbationSeconds,
                ["deadlineSeconds"] = UpdateDeadlineSeconds,
            };
        }

        return config.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{DeviceId} ({Role})");
}
