using EdgeDevices.Testing;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Fleet;
using EdgeDevices.Fleet.Devices;
using EdgeDevices.Fleet.Gateway;
using EdgeDevices.Fleet.Provisioning;
using EdgeDevices.Hardware.Emulation.Timing;
using EdgeDevices.Hardware.Emulation.World;

namespace EdgeDevices.Ctl.Tests;

/// <summary>A technician's day with edgectl: provision, flash, verify, then operate, against a running gateway and an emulated device.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait("Category", "Integration")]
public sealed class EdgectlTests : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("edgectl-").FullName;
    private readonly HostClock _clock = new();
    private InProcessGateway _gateway = null!;
    private EmulationWorld _world = null!;

    private string Url => _gateway.HttpUrl;

    public async Task InitializeAsync()
    {
        _gateway = await InProcessGateway.StartAsync(null, new WorldTimeProvider(_clock), quiet: true, CancellationToken.None, standardPorts: false);
        _world = new EmulationWorld(_clock);
        new FleetBuilder(_world).WithNetwork(System.Net.IPAddress.Loopback);
    }

    public async Task DisposeAsync()
    {
        foreach (var board in _world.Boards)
        {
            board.CutPower();
        }

        await _gateway.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task A_street_light_is_provisioned_flashed_verified_and_dimmed_from_the_shell()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Url) };
        await http.PutAsJsonAsync("/api/lighting/lamp-types/led-100", new { name = "LED 100 W", ratedWatts = 100, minLevel = 10 });
        await http.PutAsJsonAsync("/api/lighting/programs/1", new { name = "all night", activeFrom = "sunset", activeUntil = "sunrise", baseLevel = 100 });
        await http.PutAsJsonAsync("/api/lighting/calendars/city", new { name = "every night", rules = new[] { new { program = 1 } } });
        await http.PutAsJsonAsync("/api/lighting/groups/avenue", new { name = "Avenue", calendarId = "city" });

        // The board's serial port, as the technician's laptop shows it once the board is plugged in.
        var serial = Path.Combine(_work, "ttyUSB0");
        File.WriteAllBytes(serial, []);
        var provision = await CtlRun.RunAsync("--gateway", Url, "provision", "sl-9001", "--role", "streetlight", "--lat", "51.1694", "--lon", "71.4491",
            "--group", "avenue", "--lamp-type", "led-100", "--wifi-ssid", FleetBuilder.Ssid, "--wifi-password", FleetBuilder.WifiPassword,
            "--broker", $"{FleetBuilder.BrokerName}:{_gateway.BrokerPort}", "--serial-port", serial, "--out", _work);
        Assert.True(provision.ExitCode == 0, provision.ToString());
        var folder = Path.Combine(_work, "sl-9001");
        var config = File.ReadAllText(Path.Combine(folder, "config.json"));
        Assert.True(DeviceConfigParser.Parse(config).IsValid);
        var files = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "deploy-files.json")))!;
        Assert.Equal("I:\\config.json", files["files"]![0]!["DestinationFilePath"]!.GetValue<string>());
        Assert.Equal(FleetBuilder.Ssid, JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "deploy-network.json")))!["WirelessClient"]!["SSID"]!.GetValue<string>());
        Assert.Contains("sl-9001\tstreetlight", provision.Output);
        Assert.Contains("next: edgectl flash sl-9001", provision.Output);
        Assert.NotNull((await http.GetFromJsonAsync<JsonNode>("/api/lighting/lamps/sl-9001"))!["groupId"]);

        // The lamp section is the gateway's lamp type, whatever the type is called.
        var lamp = JsonNode.Parse(config)!["lamp"]!;
        Assert.Equal(100, lamp["ratedWatts"]!.GetValue<int>());
        Assert.Equal(10, lamp["minLevel"]!.GetValue<int>());

        // Secrets for the owner only; no absolute path in what flash and nanoff read.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "config.json")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "deploy-network.json")));
        Assert.DoesNotContain(_work, File.ReadAllText(Path.Combine(folder, "deploy-files.json")).Replace(serial, string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(_work, File.ReadAllText(Path.Combine(folder, "device.json")).Replace(serial, string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        // Flash, with nanoff standing in: firmware, then the application, then the files, then the network,
        // nanoff running in the device's folder, which has moved to another place since provisioning.
        var image = Path.Combine(_work, "app.bin");
        File.WriteAllBytes(image, [0x4E, 0x46, 0x4D, 0x54]);
        var laptop = Path.Combine(_work, "laptop");
        Directory.CreateDirectory(laptop);
        Directory.Move(folder, Path.Combine(laptop, "sl-9001"));
        folder = Path.Combine(laptop, "sl-9001");
        using (var nanoff = new StandInNanoff())
        {
            var flash = await CtlRun.RunAsync("flash", "sl-9001", "--image", image, "--dir", laptop);
            Assert.True(flash.ExitCode == 0, flash.ToString());
            Assert.Equal(4, nanoff.Calls.Count);
            Assert.Equal($"--update --target ESP32_PSRAM_REV0 --serialport {serial}", nanoff.Calls[0]);
            Assert.Equal($"--target ESP32_PSRAM_REV0 --serialport {serial} --deploy --image {image}", nanoff.Calls[1]);
            Assert.Equal($"--nanodevice --serialport {serial} --filedeployment deploy-files.json", nanoff.Calls[2]);
            Assert.StartsWith($"--nanodevice --serialport {serial} --networkdeployment deploy-network.json", nanoff.Calls[3]);
            Assert.All(File.ReadAllLines(nanoff.Directories), d => Assert.Equal(folder, d));
            Assert.Contains("[1/4] firmware update", flash.Output);
            Assert.Contains("  Updating to 1.17.0.54", flash.Output);
            Assert.Contains("next: power-cycle the device, then edgectl verify sl-9001", flash.Output);
        }

        // The firmware it got is the one it keeps; the app alone, or the configuration alone, leave the firmware be.
        using (var nanoff = new StandInNanoff())
        {
            var again = await CtlRun.RunAsync("flash", "sl-9001", "--image", image, "--dir", laptop);
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.Equal($"--update --target ESP32_PSRAM_REV0 --serialport {serial} --fwversion 1.17.0.54", nanoff.Calls[0]);
            var appOnly = await CtlRun.RunAsync("flash", "sl-9001", "--image", image, "--dir", laptop, "--only", "app");
            Assert.True(appOnly.ExitCode == 0, appOnly.ToString());
            Assert.Equal($"--target ESP32_PSRAM_REV0 --serialport {serial} --deploy --image {image}", nanoff.Calls[4]);
            var configOnly = await CtlRun.RunAsync("flash", "sl-9001", "--dir", laptop, "--only", "config");
            Assert.True(configOnly.ExitCode == 0, configOnly.ToString());
            Assert.Equal(7, nanoff.Calls.Count);
            Assert.DoesNotContain(nanoff.Calls.Skip(4), c => c.Contains("--update", StringComparison.Ordinal));
        }

        // Offline, from a firmware archive filled while online.
        var archive = Path.Combine(_work, "firmware-archive");
        using (var nanoff = new StandInNanoff())
        {
            var fetch = await CtlRun.RunAsync("firmware", "fetch", "--archive", archive);
            Assert.True(fetch.ExitCode == 0, fetch.ToString());
            Assert.Equal($"--updatefwarchive --target ESP32_PSRAM_REV0 --fwarchivepath {archive}", nanoff.Calls.Single());
            var offline = await CtlRun.RunAsync("flash", "sl-9001", "--dir", laptop, "--only", "firmware", "--firmware-archive", archive);
            Assert.True(offline.ExitCode == 0, offline.ToString());
            Assert.Equal($"--update --target ESP32_PSRAM_REV0 --serialport {serial} --fwversion 1.17.0.54 --fromfwarchive --fwarchivepath {archive}", nanoff.Calls[1]);
        }

        // A firmware of another line would not run the apps: refused before and after nanoff.
        var wrong = await CtlRun.RunAsync("flash", "sl-9001", "--dir", laptop, "--only", "firmware", "--firmware-version", "2.0.0.12");
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("not of the 1.17 line", wrong.Error);
        using (var nanoff = new StandInNanoff(firmware: "2.0.0.12"))
        {
            File.WriteAllText(Path.Combine(folder, "device.json"), File.ReadAllText(Path.Combine(folder, "device.json")).Replace("\"1.17.0.54\"", "null", StringComparison.Ordinal));
            var newest = await CtlRun.RunAsync("flash", "sl-9001", "--dir", laptop, "--only", "firmware");
            Assert.Equal(7, newest.ExitCode);
            Assert.Contains("nanoff wrote firmware 2.0.0.12", newest.Error);
            Assert.Contains("next: flash a 1.17 image", newest.Error);
        }

        // What nanoff put on I:\ is what the device boots with.
        var light = (StreetLightDevice)EmulatedDevice.Create(_world, new DeviceSpec("sl-9001", DeviceRole.StreetLight) { LampRatedWatts = 100 });
        light.Board.Flash.WriteText("config.json", config);
        light.PowerOn();

        var verify = await CtlRun.RunAsync("--gateway", Url, "verify", "sl-9001", "--timeout", "60");
        Assert.True(verify.ExitCode == 0, verify.ToString() + string.Join('\n', light.Board.LogLines));
        Assert.Contains("sl-9001\tyes", verify.Output);

        var devices = await CtlRun.RunAsync("--gateway", Url, "--json", "devices");
        Assert.True(devices.ExitCode == 0, devices.ToString());
        var listed = JsonNode.Parse(devices.Output)!.AsArray().Single(d => d!["deviceId"]!.GetValue<string>() == "sl-9001")!;
        Assert.True(listed["online"]!.GetValue<bool>());

        var dim = await CtlRun.RunAsync("--gateway", Url, "lamps", "override", "lamp:sl-9001", "--level", "40", "--minutes", "10");
        Assert.True(dim.ExitCode == 0, dim.ToString());
        Eventually.True(() => Math.Abs(light.Luminaire.LightPercent - 40) < 1, () => $"the lamp gives {light.Luminaire.LightPercent} %");
        Eventually.True(() => http.GetFromJsonAsync<JsonArray>("/api/commands?device=sl-9001").GetAwaiter().GetResult()!.Any(c => c!["kind"]!.GetValue<string>() == "setOverride" && c["status"]!.GetValue<string>() == "acknowledged"));
        var clear = await CtlRun.RunAsync("--gateway", Url, "lamps", "clear", "lamp:sl-9001");
        Assert.True(clear.ExitCode == 0, clear.ToString());

        // New credentials, without going back to the pole: a signed command, and both sides switch on its acknowledgement.
        var oldPassword = JsonNode.Parse(config)!["mqtt"]!["password"]!.GetValue<string>();
        var rotate = await CtlRun.RunAsync("--gateway", Url, "provision", "sl-9001", "--role", "streetlight", "--lat", "51.1694", "--lon", "71.4491",
            "--group", "avenue", "--lamp-type", "led-100", "--wifi-ssid", FleetBuilder.Ssid, "--wifi-password", FleetBuilder.WifiPassword,
            "--broker", $"{FleetBuilder.BrokerName}:{_gateway.BrokerPort}", "--serial-port", serial, "--out", laptop, "--rotate");
        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        Assert.Contains("switches when it acknowledges", rotate.Output);
        var rotated = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!;
        var newPassword = rotated["mqtt"]!["password"]!.GetValue<string>();
        Assert.NotEqual(oldPassword, newPassword);
        Eventually.True(() => light.Board.LogLines.Any(l => l.Contains("credentials rotated: the new command key is in force", StringComparison.Ordinal)), () => string.Join('\n', light.Board.LogLines.TakeLast(30)));
        var registry = _gateway.Services.GetRequiredService<EdgeDevices.Gateway.Southbound.DeviceRegistry>();
        Eventually.True(() => registry.Verify("sl-9001", newPassword) && !registry.Verify("sl-9001", oldPassword));
        Assert.True(light.Board.Flash.ReadText("credentials.json")?.Contains(newPassword, StringComparison.Ordinal) == true, "kept on the device's flash");

        // Back online under the new password, and a command signed with the new key is carried out.
        Eventually.True(() => _gateway.Presence.IsOnline("sl-9001") && light.Board.LogLines.Count(l => l.Contains("connected to", StringComparison.Ordinal)) >= 2, () => string.Join('\n', light.Board.LogLines.TakeLast(30)));
        var dimAgain = await CtlRun.RunAsync("--gateway", Url, "lamps", "override", "lamp:sl-9001", "--level", "60", "--minutes", "10");
        Assert.True(dimAgain.ExitCode == 0, dimAgain.ToString());
        Eventually.True(() => Math.Abs(light.Luminaire.LightPercent - 60) < 1, () => $"the lamp gives {light.Luminaire.LightPercent} % after the rotation\n{string.Join('\n', light.Board.LogLines.TakeLast(30))}");

        var status = await CtlRun.RunAsync("--gateway", Url, "status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("southbound\treceiving", status.Output);
        var alarms = await CtlRun.RunAsync("--gateway", Url, "alarms");
        Assert.True(alarms.ExitCode == 0, alarms.ToString());
        Assert.StartsWith("device\tcode\tseverity", alarms.Output);

        var now = DateTimeOffset.UtcNow;
        var csv = Path.Combine(_work, "export.csv");
        var export = await CtlRun.RunAsync("--gateway", Url, "export", "--from", now.AddHours(-1).ToString("o", CultureInfo.InvariantCulture), "--to", now.AddHours(1).ToString("o", CultureInfo.InvariantCulture), "--output", csv);
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Contains("sl-9001", File.ReadAllText(csv));
        Assert.Empty(light.Board.Crashes);
    }

    [Fact]
    public async Task A_lorawan_air_quality_node_is_provisioned_with_its_modem_identity()
    {
        var run = await CtlRun.RunAsync("--gateway", Url, "--json", "provision", "aq-9002", "--role", "airquality", "--lat", "43.2389", "--lon", "76.8897", "--transport", "lorawan", "--dev-eui", "70B3D57ED0009002", "--out", _work);
        Assert.True(run.ExitCode == 0, run.ToString());
        var summary = JsonNode.Parse(run.Output)!;
        Assert.Equal("lorawan", summary["transport"]!.GetValue<string>());
        Assert.Equal(32, summary["appKey"]!.GetValue<string>().Length);
        var config = DeviceConfigParser.Parse(File.ReadAllText(Path.Combine(_work, "aq-9002", "config.json")));
        Assert.True(config.IsValid);
        Assert.Equal("IN865", config.Config.LoRaWan.Region);
        Assert.False(File.Exists(Path.Combine(_work, "aq-9002", "deploy-network.json")));
        using var http = new HttpClient { BaseAddress = new Uri(Url) };
        var device = (await http.GetFromJsonAsync<JsonNode>("/api/devices/aq-9002"))!;
        Assert.Equal("lorawan", device["transport"]!.GetValue<string>());

        // The gateway learned what it is and where it stands, for the platform's entities.
        Assert.Equal("airquality", device["role"]!.GetValue<string>());
        Assert.Equal(43.2389, device["latitude"]!.GetValue<double>());
        Assert.Equal(76.8897, device["longitude"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_device_of_a_tls_broker_gets_the_brokers_ca_in_its_network_deployment()
    {
        var ca = Path.Combine(_work, "city-ca.pem");
        using (var key = System.Security.Cryptography.ECDsa.Create())
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=city-iot CA", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(5));
            File.WriteAllText(ca, certificate.ExportCertificatePem());
        }

        var run = await CtlRun.RunAsync("--gateway", Url, "provision", "aq-9006", "--role", "airquality", "--lat", "43.2389", "--lon", "76.8897", "--wifi-ssid", "x", "--wifi-password", "yyyyyyyy", "--broker", "gateway.local", "--ca-cert", ca, "--out", _work);
        Assert.True(run.ExitCode == 0, run.ToString());
        var config = DeviceConfigParser.Parse(File.ReadAllText(Path.Combine(_work, "aq-9006", "config.json")));
        Assert.True(config.Config.Mqtt.Tls);
        Assert.Equal(8883, config.Config.Mqtt.Port);
        var network = JsonNode.Parse(File.ReadAllText(Path.Combine(_work, "aq-9006", "deploy-network.json")))!;
        // Relative to the device's folder, where edgectl flash runs nanoff.
        var copied = network["CACertificates"]![0]!["Path"]!.GetValue<string>();
        Assert.Equal("broker-ca.pem", copied);
        Assert.Equal(File.ReadAllText(ca), File.ReadAllText(Path.Combine(_work, "aq-9006", copied)));

        var notPem = await CtlRun.RunAsync("--gateway", Url, "provision", "aq-9007", "--role", "airquality", "--lat", "43.2389", "--lon", "76.8897", "--wifi-ssid", "x", "--wifi-password", "y", "--ca-cert", Path.Combine(_work, "aq-9006", "config.json"), "--out", _work);
        Assert.Equal(2, notPem.ExitCode);
        Assert.Contains("PEM", notPem.Error);
    }

    [Fact]
    public async Task A_device_provisioned_with_the_release_key_takes_updates_signed_by_it_and_never_gets_the_secret_half()
    {
        var keys = Path.Combine(_work, "release-keys");
        Assert.Equal(0, (await CtlRun.RunAsync("bundle", "keygen", "--out", keys)).ExitCode);
        var run = await CtlRun.RunAsync("--gateway", Url, "provision", "m-9010", "--role", "meter", "--wifi-ssid", "x", "--wifi-password", "yyyyyyyy", "--release-key", Path.Combine(keys, "release.pub"), "--out", _work);
        Assert.True(run.ExitCode == 0, run.ToString());
        var config = DeviceConfigParser.Parse(File.ReadAllText(Path.Combine(_work, "m-9010", "config.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(keys, "release.pub")).Trim(), Convert.ToHexStringLower(config.Config.Update.ReleaseKey));

        var secret = await CtlRun.RunAsync("--gateway", Url, "provision", "m-9011", "--role", "meter", "--wifi-ssid", "x", "--wifi-password", "yyyyyyyy", "--release-key", Path.Combine(keys, "release.key"), "--out", _work);
        Assert.Equal(2, secret.ExitCode);
        Assert.Contains("secret release key", secret.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_work, "m-9011")));
    }

    [Fact]
    public async Task Every_failure_says_what_to_do_next()
    {
        // A street light without its position.
        var noPosition = await CtlRun.RunAsync("--gateway", Url, "provision", "sl-9003", "--role", "streetlight", "--wifi-ssid", "x", "--wifi-password", "y", "--out", _work);
        Assert.Equal(2, noPosition.ExitCode);
        Assert.Contains("--lat and --lon", noPosition.Error);
        Assert.Contains("next:", noPosition.Error);

        // Nor an air-quality node: the platform's AirQualityObserved needs a location.
        var nodeWithoutPosition = await CtlRun.RunAsync("--gateway", Url, "provision", "aq-9013", "--role", "airquality", "--wifi-ssid", "x", "--wifi-password", "yyyyyyyy", "--out", _work);
        Assert.Equal(2, nodeWithoutPosition.ExitCode);
        Assert.Contains("an air-quality node needs its position", nodeWithoutPosition.Error);
        Assert.Contains("next:", nodeWithoutPosition.Error);

        // An unknown board.
        var board = await CtlRun.RunAsync("--gateway", Url, "provision", "aq-9004", "--role", "airquality", "--lat", "43.2389", "--lon", "76.8897", "--board", "arduino-uno", "--wifi-ssid", "x", "--wifi-password", "y", "--out", _work);
        Assert.Equal(2, board.ExitCode);
        Assert.Contains("esp32-devkitc-airquality", board.Error);

        // No gateway there.
        var unreachable = await CtlRun.RunAsync("--gateway", $"http://127.0.0.1:{EdgeDevices.Testing.LocalServer.FreePort()}", "devices");
        Assert.Equal(3, unreachable.ExitCode);
        Assert.Contains("cannot reach the gateway", unreachable.Error);
        Assert.Contains("systemctl status edgedevices-gateway", unreachable.Error);

        // Flashing a device nobody provisioned, then one with no nanoff, then one where nanoff fails.
        var unprovisioned = await CtlRun.RunAsync("flash", "aq-9999", "--dir", _work);
        Assert.Equal(1, unprovisioned.ExitCode);
        Assert.Contains("edgectl provision aq-9999", unprovisioned.Error);

        var serial = Path.Combine(_work, "ttyUSB1");
        File.WriteAllBytes(serial, []);
        var provision = await CtlRun.RunAsync("--gateway", Url, "provision", "aq-9005", "--role", "airquality", "--lat", "43,2389", "--lon", "76,8897", "--wifi-ssid", "x", "--wifi-password", "yyyyyyyy", "--serial-port", serial, "--out", _work);
        Assert.True(provision.ExitCode == 0, provision.ToString());
        var image = Path.Combine(_work, "app.bin");
        File.WriteAllBytes(image, [1]);
        var oldPath = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", "/nonexistent");
        try
        {
            var noNanoff = await CtlRun.RunAsync("flash", "aq-9005", "--image", image, "--dir", _work);
            Assert.Equal(6, noNanoff.ExitCode);
            Assert.Contains("dotnet tool install -g nanoff", noNanoff.Error);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", oldPath);
        }

        using (var nanoff = new StandInNanoff(failOn: "--deploy"))
        {
            var failed = await CtlRun.RunAsync("flash", "aq-9005", "--image", image, "--dir", _work);
            Assert.Equal(7, failed.ExitCode);
            Assert.Contains("application deploy failed", failed.Error);
            Assert.Contains("E9000", failed.Error);
            Assert.Contains("nanoff --listports", failed.Error);
            Assert.Equal(2, nanoff.Calls.Count);
        }

        var missingImage = await CtlRun.RunAsync("flash", "aq-9005", "--image", Path.Combine(_work, "nope.bin"), "--dir", _work);
        Assert.Equal(2, missingImage.ExitCode);
        Assert.Contains("technician-guide.md", missingImage.Error);

        // A device that never reports.
        var silent = await CtlRun.RunAsync("--gateway", Url, "verify", "aq-9005", "--timeout", "2");
        Assert.Equal(8, silent.ExitCode);
        Assert.Contains("Wi-Fi", silent.Error);

        // A device the gateway does not know.
        var unknown = await CtlRun.RunAsync("--gateway", Url, "verify", "aq-0000", "--timeout", "2");
        Assert.Equal(5, unknown.ExitCode);
        Assert.Contains("edgectl devices", unknown.Error);

        // JSON errors for scripts.
        var json = await CtlRun.RunAsync("--gateway", Url, "--json", "verify", "aq-0000", "--timeout", "1");
        Assert.NotNull(JsonNode.Parse(json.Error)!["next"]);
    }

    [Fact]
    public async Task A_street_light_takes_its_lamp_type_from_the_gateway_and_cannot_be_provisioned_twice()
    {
        var unknown = await CtlRun.RunAsync("--gateway", Url, "provision", "sl-9010", "--role", "streetlight", "--lat", "51.17", "--lon", "71.43", "--lamp-type", "sodium-250", "--wifi-ssid", "x", "--wifi-password", "yyyyyyyy", "--out", _work);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no lamp type 'sodium-250'", unknown.Error);
        Assert.Contains("next: create it (edgectl lamp-types set sodium-250", unknown.Error);
        Assert.False(Directory.Exists(Path.Combine(_work, "sl-9010")), "nothing written for a refused provisioning");

        // The technician creates the type and a group from the shell; "70" is nowhere in the id.
        var type = await CtlRun.RunAsync("--gateway", Url, "lamp-types", "set", "cobra-head", "--name", "LED 70 W cobra head", "--watts", "70", "--min-level", "20", "--interface", "1-10v", "--warm-up", "30", "--tolerance", "10", "--standby-watts", "2");
        Assert.True(type.ExitCode == 0, type.ToString());
        var group = await CtlRun.RunAsync("--gateway", Url, "groups", "set", "abai", "--name", "Абай даңғылы");
        Assert.True(group.ExitCode == 0, group.ToString());
        Assert.Contains("cobra-head", (await CtlRun.RunAsync("--gateway", Url, "lamp-types", "list")).Output);
        Assert.Contains("Абай даңғылы", (await CtlRun.RunAsync("--gateway", Url, "groups", "list")).Output);

        var provision = await CtlRun.RunAsync("--gateway", Url, "provision", "sl-9010", "--role", "streetlight", "--lat", "51,17", "--lon", "71,43", "--lamp-type", "cobra-head", "--group", "abai", "--wifi-ssid", "x", "--wifi-password", "yyyyyyyy", "--out", _work);
        Assert.True(provision.ExitCode == 0, provision.ToString());
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(_work, "sl-9010", "config.json")))!;
        var lamp = config["lamp"]!;
        Assert.Equal((70, 20, "1-10v", 30, 10, 2), (lamp["ratedWatts"]!.GetValue<int>(), lamp["minLevel"]!.GetValue<int>(), lamp["interface"]!.GetValue<string>(), lamp["warmUpSeconds"]!.GetValue<int>(), lamp["powerTolerancePercent"]!.GetValue<int>(), lamp["standbyWatts"]!.GetValue<int>()));
        Assert.Equal(51.17, config["location"]!["latitude"]!.GetValue<double>());
        Assert.True(DeviceConfigParser.Parse(config.ToJsonString()).IsValid);

        // Provisioning it again would replace its password and key under it: refused, nothing touched.
        var before = File.ReadAllText(Path.Combine(_work, "sl-9010", "config.json"));
        var again = await CtlRun.RunAsync("--gateway", Url, "provision", "sl-9010", "--role", "streetlight", "--lat", "51.17", "--lon", "71.43", "--lamp-type", "cobra-head", "--wifi-ssid", "x", "--wifi-password", "yyyyyyyy", "--out", _work);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("sl-9010 is provisioned already", again.Error);
        Assert.Contains("next:", again.Error);
        Assert.Equal(before, File.ReadAllText(Path.Combine(_work, "sl-9010", "config.json")));

        // Elsewhere (another laptop, no folder), the gateway still knows it.
        var elsewhere = await CtlRun.RunAsync("--gateway", Url, "provision", "sl-9010", "--role", "streetlight", "--lat", "51.17", "--lon", "71.43", "--lamp-type", "cobra-head", "--wifi-ssid", "x", "--wifi-password", "yyyyyyyy", "--out", Path.Combine(_work, "elsewhere"));
        Assert.Equal(2, elsewhere.ExitCode);
        Assert.Contains("the gateway knows it", elsewhere.Error);
    }

    [Fact]
    public async Task Every_failure_says_what_went_wrong_and_what_to_do_next()
    {
        async Task Fails(string because, string next, params string[] args)
        {
            var run = await CtlRun.RunAsync(args);
            Assert.True(run.ExitCode != 0, $"{string.Join(' ', args)}\n{run}");
            Assert.Contains(because, run.Error);
            Assert.Contains("next: " + next, run.Error);
        }

        await Fails("--gateway '192.168.1.10:8080' is not an http:// or https:// address", "write it with its scheme, e.g. --gateway http://192.168.1.10:8080", "--gateway", "192.168.1.10:8080", "devices");
        await Fails("Unrecognized command or argument '--lamptype'", "see what it takes with: edgectl provision --help", "provision", "sl-9020", "--role", "streetlight", "--lamptype", "led-100");
        await Fails("'99999' is not a port", "give the port the device reaches the broker on", "--gateway", Url, "provision", "aq-9020", "--role", "airquality", "--lat", "43.2", "--lon", "76.9", "--wifi-ssid", "x", "--wifi-password", "yyyyyyyy", "--broker", "gw.local:99999", "--out", _work);
        await Fails("--lat '43,2,1' is not a number of degrees", "write it as decimal degrees", "--gateway", Url, "provision", "aq-9020", "--role", "airquality", "--lat", "43,2,1", "--lon", "76.9", "--wifi-ssid", "x", "--wifi-password", "yyyyyyyy", "--out", _work);
        await Fails("--lon '769' is outside ±180°", "check the longitude", "--gateway", Url, "provision", "aq-9020", "--role", "airquality", "--lat", "43.2", "--lon", "769", "--wifi-ssid", "x", "--wifi-password", "yyyyyyyy", "--out", _work);

        // A damaged device.json, a missing key file, a port that is not there.
        var damaged = Path.Combine(_work, "m-9020");
        Directory.CreateDirectory(damaged);
        File.WriteAllText(Path.Combine(damaged, "device.json"), "{\"deviceId\": \"m-9020\", ");
        await Fails("device.json is damaged", "restore the folder", "flash", "m-9020", "--dir", _work, "--only", "config");
        var bundle = Path.Combine(_work, "meter.bin");
        File.WriteAllBytes(bundle, [1, 2, 3]);
        await Fails("no file /nonexistent/release.key", "check the path", "bundle", "sign", bundle, "--app", "meter", "--version", "0.1.0", "--key", "/nonexistent/release.key");
        var provision = await CtlRun.RunAsync("--gateway", Url, "provision", "m-9021", "--role", "meter", "--wifi-ssid", "x", "--wifi-password", "yyyyyyyy", "--serial-port", "/dev/ttyUSB97", "--out", _work);
        Assert.True(provision.ExitCode == 0, provision.ToString());
        using (new StandInNanoff())
        {
            await Fails("serial port /dev/ttyUSB97 does not exist", "plug the board in and run edgectl flash m-9021 --port <port>", "flash", "m-9021", "--dir", _work, "--only", "config");
        }
    }
}
