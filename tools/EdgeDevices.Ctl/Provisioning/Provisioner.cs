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
/// street light, puts the lamp into the lighting model. A street light's lamp section is its lamp type as the
/// gateway holds it (never guessed from the type's name). A device provisioned before is refused: its
/// password and command key would be replaced under it. The folder names no absolute path (it can be copied
/// to a laptop and flashed there) and its secret files are readable by their owner only.
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

        var directory = Path.GetFullPath(Path.Combine(outputRoot, request.DeviceId));
        var here = File.Exists(Path.Combine(directory, DeviceRecord.FileName));
        var known = await gateway.FindAsync($"api/devices/{request.DeviceId}").ConfigureAwait(false) != null;
        if ((here || known) && !request.Rotate)
        {
            throw new CtlException(
                $"{request.DeviceId} is provisioned already ({(here ? "its files are in " + directory : string.Empty)}{(here && known ? " and " : string.Empty)}{(known ? "the gateway knows it" : string.Empty)}): provisioning it again would replace its password and command key, and lock the device out",
                $"leave it as it is; to give it new credentials, add --rotate (the device gets them as a signed command and switches when it acknowledges)", 2);
        }

        if (request.Rotate && !known)
        {
            throw new CtlException($"{request.DeviceId} is not registered with the gateway: there is nothing to rotate", "provision it without --rotate", 2);
        }

        if (request.Rotate && request.Transport != "mqtt")
        {
            throw new CtlException($"{request.DeviceId} is a LoRaWAN device: its key cannot change over the air",
                $"provision it again after removing it from the gateway, then flash the new configuration: edgectl flash {request.DeviceId} --only config", 2);
        }

        JsonObject? lamp = null;
        if (request.Role == "streetlight")
        {
            lamp = await LampSection(request, gateway).ConfigureAwait(false);
        }

        var password = Secret(18);
        var commandKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var appKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var config = Config(request, password, commandKey, appKey, lamp);
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

        Directory.CreateDirectory(directory);
        WriteSecret(Path.Combine(directory, "config.json"), config.ToJsonString(Indented));

        // Paths relative to the folder: edgectl flash runs nanoff there.
        File.WriteAllText(Path.Combine(directory, "deploy-files.json"), new JsonObject
        {
            ["serialport"] = request.SerialPort,
            ["files"] = new JsonArray(new JsonObject { ["DestinationFilePath"] = "I:\\config.json", ["SourceFilePath"] = "config.json" }),
        }.ToJsonString(Indented));
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
                File.Copy(request.CaCertificate, Path.Combine(directory, "broker-ca.pem"), overwrite: true);
                network["CACertificates"] = new JsonArray(new JsonObject { ["Path"] = "broker-ca.pem" });
            }

            // It holds the Wi-Fi password.
            WriteSecret(Path.Combine(directory, "deploy-network.json"), network.ToJsonString(Indented));
        }

        // A rotation keeps the firmware the device was flashed with.
        var firmware = here && request.Rotate ? DeviceRecord.Load(directory, request.DeviceId).FirmwareVersion : null;
        new DeviceRecord(request.DeviceId, request.Role, request.Board, target, request.Transport, request.SerialPort, wifi, firmware).Save(directory);

        if (request.Rotate)
        {
            // Not a registration (that would switch the gateway at once, and lock the device out): a signed
            // command carries the new credentials, and both sides switch once the device acknowledges.
            var rotation = await gateway.PostAsync($"api/devices/{request.DeviceId}/credentials", new { password, commandKey }).ConfigureAwait(false);
            return (directory, new JsonObject
            {
                ["deviceId"] = request.DeviceId,
                ["role"] = request.Role,
                ["board"] = request.Board,
                ["target"] = target,
                ["transport"] = request.Transport,
                ["directory"] = directory,
                ["rotation"] = rotation["status"]?.GetValue<string>() ?? "rotating",
                ["commandId"] = rotation["commandId"]?.GetValue<int>(),
            });
        }

        // The gateway learns the device only once its files are safely written: a failed registration can be run again.
        // With its role and position, which the platform's entities carry.
        await gateway.PutAsync($"api/devices/{request.DeviceId}", wifi
            ? new { password, commandKey, role = request.Role, latitude = request.Latitude, longitude = request.Longitude }
            : new { devEui = request.DevEui, commandKey, role = request.Role, latitude = request.Latitude, longitude = request.Longitude }).ConfigureAwait(false);
        if (request.Role == "streetlight")
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

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    // The lamp type as the gateway's lighting model holds it, and the group checked to exist.
    private static async Task<JsonObject> LampSection(ProvisionRequest request, GatewayClient gateway)
    {
        if (request.LampType == null)
        {
            throw new CtlException("a street light needs its lamp type: --lamp-type (one of the gateway's: edgectl lamp-types list)",
                "create one if none fits (edgectl lamp-types set led-100 --name \"LED 100 W\" --watts 100), then provision with --lamp-type led-100", 2);
        }

        var type = await gateway.FindAsync($"api/lighting/lamp-types/{Uri.EscapeDataString(request.LampType)}").ConfigureAwait(false)
            ?? throw new CtlException($"the gateway has no lamp type '{request.LampType}'",
                $"create it (edgectl lamp-types set {request.LampType} --name … --watts …) or pick one of edgectl lamp-types list, then provision again", 2);
        if (request.Group != null && await gateway.FindAsync($"api/lighting/groups/{Uri.EscapeDataString(request.Group)}").ConfigureAwait(false) == null)
        {
            throw new CtlException($"the gateway has no lighting group '{request.Group}'",
                $"create it (edgectl groups set {request.Group} --name …) or pick one of edgectl groups list, then provision again", 2);
        }

        return new JsonObject
        {
            ["ratedWatts"] = type["ratedWatts"]!.GetValue<int>(),
            ["minLevel"] = type["minLevel"]!.GetValue<int>(),
            ["virtualFullLevel"] = type["virtualFullLevel"]!.GetValue<int>(),
            ["interface"] = type["interface"]?.GetValue<string>() ?? "0-10v",
            ["warmUpSeconds"] = type["warmUpSeconds"]!.GetValue<int>(),
            ["powerTolerancePercent"] = type["powerTolerancePercent"]!.GetValue<int>(),
            ["standbyWatts"] = type["standbyWatts"]?.GetValue<int>() ?? 2,
        };
    }

    // A file only its owner may read: it holds a password or a key.
    private static void WriteSecret(string path, string text)
    {
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            var bytes = new UTF8Encoding(false).GetBytes(text);
            file.Write(bytes);
        }
    }

    private static JsonObject Config(ProvisionRequest r, string password, string commandKey, string appKey, JsonObject? lamp)
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

        if (lamp != null)
        {
            config["lamp"] = lamp;
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

    private static string Secret(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).Replace('+', '-').Replace('/', '_');
}
