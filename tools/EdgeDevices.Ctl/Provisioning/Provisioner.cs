using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Config;

namespace EdgeDevices.Ctl.Provisioning;

/// <summary>
/// Provisions one device: generates its secrets (MQTT password, command key; for LoRaWAN the AppKey), writes
/// its config.json — checked with the firmware's own parser, so what is written is what the device accepts —
/// and the deployment files nanoff takes (<c>--filedeployment</c> for I:\config.json, and for Wi-Fi devices
/// <c>--networkdeployment</c> with the network), then registers the device with the gateway and, for a
/// street light with a group, puts the lamp into the lighting model.
/// </summary>
public static class Provisioner
{
    /// <summary>The folder with the device's files, once everything is done.</summary>
    public static async Task<(string Directory, JsonObject Summary)> RunAsync(ProvisionRequest request, string outputRoot, GatewayClient gateway)
    {
        if (!Firmware.Messages.MqttTopics.IsValidDeviceId(request.DeviceId))
        {
            throw new CtlException($"'{request.DeviceId}' is not a device id", "use 3–32 of a-z, 0-9 and '-', starting with the role's prefix (sl-, aq-, m-)", 2);
        }

        var target = BoardTargets.For(request.Board);
        if (request.CaCertificate != null && (!File.Exists(request.CaCertificate) || !File.ReadAllText(request.CaCertificate).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)))
        {
            throw new CtlException($"{request.CaCertificate} is not a PEM certificate", "pass the broker's CA certificate in PEM form (-----BEGIN CERTIFICATE-----)", 2);
        }
        string? releaseKey = null;
        if (request.ReleaseKeyFile != null)
        {
            releaseKey = File.Exists(request.ReleaseKeyFile) ? File.ReadAllText(request.ReleaseKeyFile).Trim() : null;
            if (releaseKey?.StartsWith(Commands.BundleCommands.SecretMarker, StringComparison.Ordinal) == true)
            {
                throw new CtlException($"{request.ReleaseKeyFile} is the secret release key: it never goes onto a device", "pass release.pub, the public half beside it", 2);
            }

            if (releaseKey == null || Firmware.Security.HexText.Parse(releaseKey, Firmware.Security.Ed25519.PublicKeySize) == null)
            {
                throw new CtlException($"{request.ReleaseKeyFile} is not a release public key", "pass the release.pub that edgectl bundle keygen wrote (never release.key)", 2);
            }
        }

        var password = Secret(18);
        var commandKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var appKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var config = Config(request, password, commandKey, appKey);
        if (releaseKey != null)
        {
            config["update"] = new JsonObject { ["releaseKey"] = releaseKey.ToLowerInvariant() };
        }

        var parsed = DeviceConfigParser.Parse(config.ToJsonString());
        if (!parsed.IsValid)
        {
            var first = parsed.Errors[0];
            throw new CtlException($"the device would refuse this configuration: {first}", $"correct the option behind '{first.Field}' and run provision again", 2);
        }

        var directory = Path.GetFullPath(Path.Combine(outputRoot, request.DeviceId));
        Directory.CreateDirectory(directory);
        var configPath = Path.Combine(directory, "config.json");
        File.WriteAllText(configPath, config.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(directory, "deploy-files.json"), new JsonObject
        {
            ["serialport"] = request.SerialPort,
            ["files"] = new JsonArray(new JsonObject { ["DestinationFilePath"] = "I:\\config.json", ["SourceFilePath"] = configPath }),
        }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        var wifi = request.Transport == "mqtt";
        if (wifi)
        {
            var network = new JsonObject
            {
                ["serialport"] = request.SerialPort,
                ["WirelessClient"] = new JsonObject { ["SSID"] = request.WifiSsid, ["Password"] = request.WifiPassword, ["Authentication"] = "WPA2", ["Options"] = "AutoConnect" },
            };
            if (request.CaCertificate != null)
            {
                // The broker's CA goes into the firmware's configuration block, where the TLS client finds it.
                var ca = Path.Combine(directory, "broker-ca.pem");
                File.Copy(request.CaCertificate, ca, overwrite: true);
                network["CACertificates"] = new JsonArray(new JsonObject { ["Path"] = ca });
            }

            File.WriteAllText(Path.Combine(directory, "deploy-network.json"), network.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }

        new DeviceRecord(request.DeviceId, request.Role, request.Board, target, request.Transport, request.SerialPort, wifi).Save(directory);

        // The gateway learns the device only once its files are safely written: a failed registration can be run again.
        // With its role and position, which the platform's entities carry.
        await gateway.PutAsync($"api/devices/{request.DeviceId}", wifi
            ? new { password, commandKey, role = request.Role, latitude = request.Latitude, longitude = request.Longitude }
            : new { devEui = request.DevEui, commandKey, role = request.Role, latitude = request.Latitude, longitude = request.Longitude }).ConfigureAwait(false);
        if (request.Role == "streetlight" && request.Group != null)
        {
            await gateway.PutAsync($"api/lighting/lamps/{request.DeviceId}", new
            {
                lampTypeId = request.LampType,
                groupId = request.Group,
                latitude = request.Latitude,
                longitude = request.Longitude,
            }).ConfigureAwait(false);
        }

        var summary = new JsonObject
        {
            ["deviceId"] = request.DeviceId,
            ["role"] = request.Role,
            ["board"] = request.Board,
            ["target"] = target,
            ["transport"] = request.Transport,
            ["directory"] = directory,
            ["registered"] = true,
            ["lampGroup"] = request.Group,
        };
        if (!wifi)
        {
            summary["devEui"] = request.DevEui;
            summary["appKey"] = appKey;
        }

        return (directory, summary);
    }

    private static JsonObject Config(ProvisionRequest r, string password, string commandKey, string appKey)
    {
        var config = new JsonObject
        {
            ["version"] = 1,
            ["deviceId"] = r.DeviceId,
            ["role"] = r.Role,
            ["board"] = r.Board,
            ["commandKey"] = commandKey,
            ["utcOffsetMinutes"] = 300,
        };
        if (r.Transport == "mqtt")
        {
            config["transport"] = "mqtt";
            config["wifi"] = new JsonObject { ["ssid"] = r.WifiSsid, ["password"] = r.WifiPassword };
            config["mqtt"] = new JsonObject { ["host"] = r.BrokerHost, ["port"] = r.BrokerPort, ["tls"] = r.CaCertificate != null, ["password"] = password };
        }
        else
        {
            config["transport"] = "lorawan";
            config["lorawan"] = new JsonObject { ["region"] = r.Region, ["devEui"] = r.DevEui, ["joinEui"] = "0000000000000000", ["appKey"] = appKey };
        }

        if (r.Latitude is { } lat && r.Longitude is { } lon)
        {
            config["location"] = new JsonObject { ["latitude"] = Math.Round(lat, 6), ["longitude"] = Math.Round(lon, 6) };
        }

        if (r.Role == "streetlight")
        {
            config["lamp"] = new JsonObject { ["ratedWatts"] = RatedWatts(r.LampType), ["interface"] = "0-10v" };
        }

        if (r.Role == "meter")
        {
            var channels = new JsonArray();
            foreach (var channel in r.MeterChannels)
            {
                var parts = channel.Split(':');
                channels.Add(new JsonObject
                {
                    ["medium"] = parts[0],
                    ["pulsesPerUnit"] = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pulses) ? pulses : -1,
                });
            }

            config["meter"] = new JsonObject { ["channels"] = channels };
        }

        return config;
    }

    // "led-100" → 100 W; anything else: the common 100 W.
    private static int RatedWatts(string? lampType) =>
        lampType != null && lampType.Split('-').Last() is var digits && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var watts) && watts is > 0 and <= 1000 ? watts : 100;

    private static string Secret(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).Replace('+', '-').Replace('/', '_');
}
