using System.Globalization;
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

        var provision = await CtlRun.RunAsync("--gateway", Url, "provision", "sl-9001", "--role", "streetlight", "--lat", "51.1694", "--lon", "71.4491",
            "--group", "avenue", "--lamp-type", "led-100", "--wifi-ssid", FleetBuilder.Ssid, "--wifi-password", FleetBuilder.WifiPassword,
            "--broker", $"{FleetBuilder.BrokerName}:{_gateway.BrokerPort}", "--out", _work);
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

        // Flash, with nanoff standing in: firmware, then the application, then the files, then the network.
        var image = Path.Combine(_work, "app.bin");
        File.WriteAllBytes(image, [0x4E, 0x46, 0x4D, 0x54]);
        using (var nanoff = new StandInNanoff())
        {
            var flash = await CtlRun.RunAsync("flash", "sl-9001", "--image", image, "--dir", _work);
            Assert.True(flash.ExitCode == 0, flash.ToString());
            Assert.Equal(4, nanoff.Calls.Count);
            Assert.Equal("--update --target ESP32_PSRAM_REV0 --serialport /dev/ttyUSB0", nanoff.Calls[0]);
            Assert.Equal($"--target ESP32_PSRAM_REV0 --serialport /dev/ttyUSB0 --deploy --image {image}", nanoff.Calls[1]);
            Assert.Equal($"--nanodevice --serialport /dev/ttyUSB0 --filedeployment {Path.Combine(folder, "deploy-files.json")}", nanoff.Calls[2]);
            Assert.StartsWith("--nanodevice --serialport /dev/ttyUSB0 --networkdeployment", nanoff.Calls[3]);
            Assert.Contains("next: power-cycle the device, then edgectl verify sl-9001", flash.Output);
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
        Assert.True(SpinWait.SpinUntil(() => Math.Abs(light.Luminaire.LightPercent - 40) < 1, TimeSpan.FromSeconds(30)), $"the lamp gives {light.Luminaire.LightPercent} %");
        Assert.True(SpinWait.SpinUntil(() => http.GetFromJsonAsync<JsonArray>("/api/commands?device=sl-9001").GetAwaiter().GetResult()!.Any(c => c!["kind"]!.GetValue<string>() == "setOverride" && c["status"]!.GetValue<string>() == "acknowledged"), TimeSpan.FromSeconds(30)));
        var clear = await CtlRun.RunAsync("--gateway", Url, "lamps", "clear", "lamp:sl-9001");
        Assert.True(clear.ExitCode == 0, clear.ToString());

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
        var copied = network["CACertificates"]![0]!["Path"]!.GetValue<string>();
        Assert.Equal(File.ReadAllText(ca), File.ReadAllText(copied));

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

        var provision = await CtlRun.RunAsync("--gateway", Url, "provision", "aq-9005", "--role", "airquality", "--lat", "43.2389", "--lon", "76.8897", "--wifi-ssid", "x", "--wifi-password", "yyyyyyyy", "--out", _work);
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
}
