using EdgeDevices.Testing;
using System.Net.Http.Json;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Security;
using EdgeDevices.Fleet;
using EdgeDevices.Fleet.Devices;
using EdgeDevices.Fleet.Gateway;
using EdgeDevices.Fleet.Provisioning;
using EdgeDevices.Hardware.Emulation.Timing;
using EdgeDevices.Hardware.Emulation.World;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EdgeDevices.Dashboard.Tests;

/// <summary>
/// The dashboard as an operator uses it, in Debian's Chromium (apt-get install chromium; .ci/run installs it)
/// driven by Playwright: the gateway runs with a street light, an air-quality node and a meter reporting on
/// the real clock.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DashboardTests : IAsyncLifetime
{
    private static readonly string Artefacts = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "TestResults", "dashboard"));
    private static readonly byte[] ReleaseSeed = System.Security.Cryptography.SHA256.HashData("dashboard release key"u8);
    private readonly HostClock _clock = new();
    private InProcessGateway _gateway = null!;
    private EmulationWorld _world = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private StreetLightDevice _light = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Artefacts);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu"],
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var board in _world?.Boards ?? [])
        {
            board.CutPower();
        }

        if (_gateway != null)
        {
            await _gateway.DisposeAsync();
        }

        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [Fact]
    public async Task The_dashboard_shows_devices_lamps_air_quality_meters_and_the_buffer_in_three_languages_and_dims_a_lamp()
    {
        await StartAsync(null);
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 }, Locale = "en-GB" });
        await page.GotoAsync(_gateway.HttpUrl + "/");
        await Expect(page, async () => (await page.Locator("[data-testid=devices] tbody tr").CountAsync()) >= 4 && await page.Locator("[data-testid=air] tbody tr").CountAsync() >= 2);

        var devices = await page.Locator("[data-testid=devices]").InnerTextAsync();
        Assert.Contains("sl-dash-1", devices);
        Assert.Contains("aq-dash-1", devices);
        Assert.Contains("m-dash-1", devices);
        Assert.Contains("online", devices);
        var lamps = await page.Locator("[data-testid=lamps]").InnerTextAsync();
        Assert.Contains("sl-dash-1", lamps);
        Assert.Contains("midnight dimming", lamps);
        Assert.Contains("aq-dash-1", await page.Locator("[data-testid=air]").InnerTextAsync());

        // The node with three hours behind it has its index: NowCast PM2.5 42 µg/m³ is AQI 117.
        var history = page.Locator("[data-testid=air] tbody tr", new PageLocatorOptions { HasText = "aq-hist-1" });
        Assert.Contains("117", await history.InnerTextAsync());
        Assert.Contains("Unhealthy for sensitive groups", await history.InnerTextAsync());
        await Expect(page, async () => await page.Locator("[data-testid=profile] svg path.series").CountAsync() == 1
            && await page.Locator("[data-testid=air-chart] svg").CountAsync() == 1
            && await page.Locator("[data-testid=meter-chart] svg").CountAsync() == 1);
        // The refused reading, for the operator: device, reason, the bytes in hex ('{"v":1' is 7b2276223a31).
        var quarantine = page.Locator("[data-testid=quarantine] tbody tr", new PageLocatorOptions { HasText = "aq-hist-1" });
        Assert.Contains("temperature outside", await quarantine.InnerTextAsync());
        Assert.Contains("7b2276223a31", await quarantine.InnerTextAsync());
        var gateway = await page.Locator("[data-testid=gateway]").InnerTextAsync();
        Assert.Contains("receiving", gateway);
        Assert.Contains("Buffer", gateway);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artefacts, "dashboard-en.png"), FullPage = true });

        // Kazakh and Russian.
        await page.SelectOptionAsync("[data-testid=language]", "kk");
        Assert.Equal("Құрылғылар", await page.Locator("#devices h2").InnerTextAsync());
        await Expect(page, async () => (await page.Locator("[data-testid=devices]").InnerTextAsync()).Contains("желіде", StringComparison.Ordinal)
            && (await page.Locator("[data-testid=gateway]").InnerTextAsync()).Contains("Күйі", StringComparison.Ordinal));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artefacts, "dashboard-kk.png"), FullPage = true });
        await page.SelectOptionAsync("[data-testid=language]", "ru");
        Assert.Equal("Устройства", await page.Locator("#devices h2").InnerTextAsync());
        Assert.Equal("Качество воздуха", await page.Locator("#air h2").InnerTextAsync());
        Assert.Equal("Отклонённые сообщения (карантин)", await page.Locator("#quarantine h2").InnerTextAsync());

        // An override from the page reaches the lamp.
        await page.SelectOptionAsync("[data-testid=override-lamp]", "sl-dash-1");
        await page.FillAsync("[data-testid=override-level]", "30");
        await page.FillAsync("[data-testid=override-minutes]", "15");
        await page.ClickAsync("[data-testid=override-apply]");
        await Expect(page, async () => (await page.Locator("[data-testid=override-result]").InnerTextAsync()).Contains("sl-dash-1", StringComparison.Ordinal));
        Eventually.True(() => Math.Abs(_light.Luminaire.LightPercent - 30) < 1, () => $"the lamp gives {_light.Luminaire.LightPercent} %");

        // An update rolled out to the meter: the page follows it device by device.
        await RollOutToMeterAsync();
        await page.SelectOptionAsync("[data-testid=language]", "en");
        await Expect(page, async () => (await page.Locator("[data-testid=rollouts]").InnerTextAsync()).Contains("0.5.0", StringComparison.Ordinal)
            && (await page.Locator("[data-testid=rollout-devices]").InnerTextAsync()) is var text && text.Contains("m-dash-1", StringComparison.Ordinal)
            && (text.Contains("on trial", StringComparison.Ordinal) || text.Contains("healthy", StringComparison.Ordinal)));
        await page.Locator("#updates").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Artefacts, "dashboard-updates-en.png") });
    }

    [Fact]
    public async Task With_a_thousand_devices_the_operator_filters_pages_maps_acknowledges_alarms_reads_gaps_and_savings_in_every_language_accessibly()
    {
        await StartAsync(null);

        // A thousand more devices, spread over Astana (LoRaWAN registrations: no password hashes to compute).
        for (var i = 0; i < 1000; i++)
        {
            var id = $"aq-city-{i:D4}";
            _gateway.RegisterLoRaWan(id, $"70B3D57ED00{i:D5}");
            _gateway.Services.GetRequiredService<EdgeDevices.Gateway.Southbound.DeviceSites>().Put(id, new EdgeDevices.Gateway.Southbound.DeviceSite("airquality", new EdgeDevices.Gateway.Southbound.GeoPoint(51.10 + (i % 40) * 0.004, 71.35 + (i / 40) * 0.006)));
        }

        // An alarm to deal with.
        var alarms = _gateway.Services.GetRequiredService<EdgeDevices.Gateway.Alarms.AlarmBook>();
        alarms.Raise("sl-dash-1", "lampFailure", "alarm", DateTimeOffset.UtcNow.AddMinutes(-75).ToUnixTimeMilliseconds(), new System.Text.Json.Nodes.JsonObject { ["value"] = 12 });

        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 }, Locale = "en-GB" });
        await page.GotoAsync(_gateway.HttpUrl + "/");
        await Expect(page, async () => (await page.Locator("[data-testid=device-page]").InnerTextAsync()).Contains("of 100", StringComparison.Ordinal));

        // One page at a time, and a filter.
        Assert.Equal(50, await page.Locator("[data-testid=devices] tbody tr").CountAsync());
        Assert.StartsWith("1–50 of 100", await page.Locator("[data-testid=device-page]").InnerTextAsync());
        await page.ClickAsync("[data-testid=device-next]");
        Assert.StartsWith("51–100 of 100", await page.Locator("[data-testid=device-page]").InnerTextAsync());
        await page.FillAsync("[data-testid=device-filter]", "aq-city-0999");
        Assert.Equal(1, await page.Locator("[data-testid=devices] tbody tr").CountAsync());
        Assert.Contains("aq-city-0999", await page.Locator("[data-testid=devices]").InnerTextAsync());
        await page.FillAsync("[data-testid=device-filter]", string.Empty);

        // The map: a dot per located device, drawn without any tile server.
        Assert.True(await page.Locator("[data-testid=map] svg circle").CountAsync() >= 1000);
        Assert.Equal(1, await page.Locator("[data-testid=map] circle[data-device=sl-dash-1]").CountAsync());

        // The alarm, with its age, acknowledged from the page.
        var alarm = page.Locator("[data-testid=alarms] tbody tr", new PageLocatorOptions { HasText = "sl-dash-1" });
        Assert.Contains("lamp failure", await alarm.InnerTextAsync());
        Assert.Contains("1 h 15 min", await alarm.InnerTextAsync());
        await alarm.Locator("button").ClickAsync();
        await Expect(page, async () => (await page.Locator("[data-testid=alarms]").InnerTextAsync()).Contains("acknowledged", StringComparison.Ordinal));
        Assert.NotNull(alarms.List(openOnly: true, "sl-dash-1").Single(a => a.Code == "lampFailure").AcknowledgedAt);

        // The acknowledgement is in the audit log the page shows (this loopback gateway's caller is its local administrator).
        await Expect(page, async () => (await page.Locator("[data-testid=audit]").InnerTextAsync()).Contains("/acknowledge", StringComparison.Ordinal), () => "the audit panel shows the acknowledgement");

        // Hours without data are gaps, not zeros: the node with three hours of history has 20 or more empty hours.
        // (The meter's chart is drawn once its first reading is in.)
        await Expect(page, async () => await page.Locator("[data-testid=air-chart] svg rect.gap").CountAsync() >= 1
            && await page.Locator("[data-testid=meter-chart] svg rect.gap").CountAsync() >= 20);

        // The night's energy report, the whole city last.
        Assert.Contains("All lamps", await page.Locator("[data-testid=energy]").InnerTextAsync());

        // Every word of the page in Kazakh and in Russian: no key missing, no English left on screen.
        var words = await page.EvaluateAsync<Dictionary<string, Dictionary<string, string>>>("() => Object.fromEntries(I18n.languages.map(l => [l, Object.fromEntries(Object.keys(I18n.words.en).map(k => [k, I18n.words[l][k] ?? null]))]))");
        foreach (var language in new[] { "kk", "ru" })
        {
            Assert.Empty(words[language].Where(w => w.Value == null).Select(w => w.Key));
            await page.SelectOptionAsync("[data-testid=language]", language);
            // The headings change at once; the tables as soon as the page has fetched and redrawn them.
            var english = new List<string>();
            await Expect(page, async () =>
            {
                var text = await page.InnerTextAsync("body");
                english = words["en"].Where(w => w.Value != words[language][w.Key] && System.Text.RegularExpressions.Regex.IsMatch(w.Value, "[A-Za-z]{4,}"))
                    .Where(w => System.Text.RegularExpressions.Regex.IsMatch(text, $@"(?<![\p{{L}}]){System.Text.RegularExpressions.Regex.Escape(w.Value)}(?![\p{{L}}])"))
                    .Select(w => $"{w.Key}: {w.Value}").ToList();
                return english.Count == 0;
            }, () => $"English left in {language}: {string.Join("; ", english)}");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artefacts, $"dashboard-city-{language}.png"), FullPage = true });
        }

        // No serious or critical accessibility violation (axe-core).
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }

    [Fact]
    public async Task Beyond_loopback_the_dashboard_asks_for_the_access_token()
    {
        await StartAsync("dashboard-token-0123456789");
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(_gateway.HttpUrl + "/");
        Assert.EndsWith("/login", page.Url);
        await page.FillAsync("[data-testid=token]", "not-the-token-at-all");
        await page.ClickAsync("[data-testid=login-button]");
        Assert.Contains("failed", page.Url);
        Assert.True(await page.Locator("#failed").IsVisibleAsync());

        await page.FillAsync("[data-testid=token]", "dashboard-token-0123456789");
        await page.ClickAsync("[data-testid=login-button]");
        await Expect(page, async () => (await page.Locator("[data-testid=devices] tbody tr").CountAsync()) >= 3);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artefacts, "dashboard-after-login.png"), FullPage = true });
    }

    private async Task StartAsync(string? token)
    {
        var settings = new Dictionary<string, string?> { ["updates:releaseKey"] = HexText.Of(Ed25519.PublicKey(ReleaseSeed)) };
        if (token != null)
        {
            settings["http:accessToken"] = token;
        }

        _gateway = await InProcessGateway.StartAsync(null, new WorldTimeProvider(_clock), quiet: true, CancellationToken.None, standardPorts: false, settings);
        using (var http = new HttpClient { BaseAddress = new Uri(_gateway.HttpUrl) })
        {
            if (token != null)
            {
                http.DefaultRequestHeaders.Authorization = new("Bearer", token);
            }

            await Put(http, "/api/lighting/lamp-types/led-100", new { name = "LED 100 W", ratedWatts = 100, minLevel = 10 });
            await Put(http, "/api/lighting/programs/1", new
            {
                name = "midnight dimming",
                activeFrom = "sunset-10",
                activeUntil = "sunrise+10",
                baseLevel = 100,
                steps = new[] { new { at = "23:00", level = 70 }, new { at = "01:00", level = 50 }, new { at = "05:00", level = 100 } },
            });
            await Put(http, "/api/lighting/calendars/city", new { name = "every night", rules = new[] { new { program = 1 } } });
            await Put(http, "/api/lighting/groups/avenue", new { name = "Avenue", calendarId = "city" });
            await Put(http, "/api/lighting/lamps/sl-dash-1", new { lampTypeId = "led-100", groupId = "avenue", latitude = 51.1694, longitude = 71.4491 });
        }

        _world = new EmulationWorld(_clock);
        var builder = new FleetBuilder(_world).WithNetwork(System.Net.IPAddress.Loopback);
        _light = builder.AddOne<StreetLightDevice>(DeviceRole.StreetLight, "sl-dash-1", _gateway.BrokerPort, s => s with { TelemetryIntervalSeconds = 10 });
        var node = builder.AddOne<AirQualityDevice>(DeviceRole.AirQuality, "aq-dash-1", _gateway.BrokerPort, s => s with { TelemetryIntervalSeconds = 10, WarmUpSeconds = 0, SamplesPerCycle = 1 });
        var meter = builder.AddOne<MeterDevice>(DeviceRole.Meter, "m-dash-1", _gateway.BrokerPort, s => s with { TelemetryIntervalSeconds = 10, ReleaseKey = HexText.Of(Ed25519.PublicKey(ReleaseSeed)) });
        node.Pms5003!.Pm25 = 42;
        await SeedAirQualityHistoryAsync("aq-hist-1", 42);
        meter.S0[0].SetRate(3600);
        foreach (var device in new EmulatedDevice[] { _light, node, meter })
        {
            _gateway.Register(device.DeviceId, device.Spec.MqttPassword, Convert.FromHexString(device.Spec.CommandKey ?? DeviceSpec.DefaultCommandKey(device.DeviceId)));
            device.PowerOn();
        }
    }

    // A node with three hours of readings behind it (published with their past times), so it has an index.
    private async Task SeedAirQualityHistoryAsync(string deviceId, ushort pm25)
    {
        _gateway.Register(deviceId, "history-password-1");
        using var client = new MQTTnet.MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MQTTnet.MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _gateway.BrokerPort).WithClientId(deviceId).WithCredentials(deviceId, "history-password-1").Build());
        var start = DateTimeOffset.UtcNow.AddHours(-3);
        for (var i = 0; i < 36; i++)
        {
            var reading = new EdgeDevices.Firmware.Messages.AirQualityReading
            {
                BootId = 1,
                Sequence = (ushort)i,
                Timestamp = (uint)start.AddMinutes(i * 5).ToUnixTimeSeconds(),
                Fields = EdgeDevices.Firmware.Messages.AirQualityFields.Particulates,
                Pm1 = pm25,
                Pm25 = pm25,
                Pm10 = (ushort)(pm25 * 3 / 2),
            };
            await client.PublishAsync(new MQTTnet.MqttApplicationMessageBuilder()
                .WithTopic(EdgeDevices.Firmware.Messages.MqttTopics.For(deviceId, EdgeDevices.Firmware.Messages.MqttTopics.Telemetry))
                .WithPayload(EdgeDevices.Firmware.Codec.JsonForm.JsonCodec.EncodeUtf8(reading))
                .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        // And one the gateway refuses: a thermometer reading 90 °C goes to the quarantine.
        var implausible = new EdgeDevices.Firmware.Messages.AirQualityReading
        {
            BootId = 1, Sequence = 36, Timestamp = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Fields = EdgeDevices.Firmware.Messages.AirQualityFields.Temperature, TemperatureCentiCelsius = 9000,
        };
        await client.PublishAsync(new MQTTnet.MqttApplicationMessageBuilder()
            .WithTopic(EdgeDevices.Firmware.Messages.MqttTopics.For(deviceId, EdgeDevices.Firmware.Messages.MqttTopics.Telemetry))
            .WithPayload(EdgeDevices.Firmware.Codec.JsonForm.JsonCodec.EncodeUtf8(implausible))
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());

        await client.DisconnectAsync(new MQTTnet.MqttClientDisconnectOptions());
    }

    private async Task RollOutToMeterAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_gateway.HttpUrl) };
        var bundle = EdgeDevices.Fleet.Firmware.EmulatedBundle.Build(EdgeDevices.Fleet.Firmware.EmulatedBundle.EntryOf(DeviceRole.Meter), "meter-0.5.0", 10_000);
        await EdgeDevices.Testing.BundleRelease.UploadAsync(http, bundle, "meter", "0.5.0", ReleaseSeed);
        var rollout = await http.PostAsJsonAsync("/api/rollouts", new { app = "meter", version = "0.5.0", devices = new[] { "m-dash-1" } });
        Assert.True(rollout.IsSuccessStatusCode, await rollout.Content.ReadAsStringAsync());
    }

    private static async Task Put(HttpClient http, string path, object body)
    {
        var response = await http.PutAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {await response.Content.ReadAsStringAsync()}");
    }

    // The page refreshes every 10 s: wait for what it should show, up to a minute.
    private static async Task Expect(IPage page, Func<Task<bool>> condition, Func<string>? why = null)
    {
        // A hang guard only (EDGETESTS_HANG_SECONDS): the page refreshes itself every ten seconds.
        var deadline = DateTime.UtcNow + EdgeDevices.Testing.Eventually.HangLimit;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, why?.Invoke() ?? "the dashboard never showed it: " + await page.InnerHTMLAsync("main"));
            await Task.Delay(500);
            if (DateTime.UtcNow.Second % 10 == 0)
            {
                await page.ReloadAsync();
            }
        }
    }

    private static string Chromium() =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Chromium is not installed: the dashboard tests run in Debian's Chromium (apt-get install chromium; .ci/run installs it)");
}
