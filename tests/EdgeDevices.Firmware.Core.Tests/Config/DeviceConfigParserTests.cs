using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Json;

namespace EdgeDevices.Firmware.Core.Tests.Config;

public sealed class DeviceConfigParserTests
{
    private const string Valid = """
        {
          "version": 1,
          "deviceId": "sl-astana-0042",
          "role": "streetlight",
          "board": "esp32-devkitc-streetlight",
          "wifi": { "ssid": "city-iot", "password": "correct horse" },
          "mqtt": { "host": "gateway.local", "password": "s3cret-device-key" },
          "location": { "latitude": 51.1694, "longitude": 71.4491 },
          "lamp": { "ratedWatts": 80, "minLevel": 10, "interface": "1-10v" }
        }
        """;

    [Fact]
    public void Valid_Config_Parses_With_Defaults()
    {
        var result = DeviceConfigParser.Parse(Valid);

        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => e.ToString())));
        var c = result.Config;
        Assert.Equal("sl-astana-0042", c.DeviceId);
        Assert.Equal(DeviceRole.StreetLight, c.Role);
        Assert.Equal(TransportKind.Mqtt, c.Transport);
        Assert.Equal(PayloadEncoding.Json, c.Encoding);
        Assert.Equal(1883, c.Mqtt.Port);
        Assert.Equal("sl-astana-0042", c.Mqtt.Username);
        Assert.Equal(60, c.Mqtt.KeepAliveSeconds);
        Assert.Equal(300, c.UtcOffsetMinutes); // Kazakhstan, UTC+5 since 2024-03-01
        Assert.Equal(60, c.TelemetryIntervalSeconds);
        Assert.Equal(51_169_400, c.LatitudeMicroDegrees);
        Assert.Equal(71_449_100, c.LongitudeMicroDegrees);
        Assert.Equal(256, c.OutboxSlots);
        Assert.Equal(80, c.Lamp.RatedWatts);
        Assert.Equal(EdgeDevices.Firmware.Lighting.Output.DimmingInterface.OneToTenVolt, c.Lamp.Interface);
        Assert.Null(c.Meter);
        Assert.Null(c.AirQuality);
    }

    [Fact]
    public void Air_Quality_Nodes_Get_Sensor_Defaults()
    {
        var result = DeviceConfigParser.Parse("""
            { "version": 1, "deviceId": "aq-1", "role": "airquality", "board": "esp32-devkitc-airquality",
              "mqtt": { "host": "gw", "password": "12345678" }, "airQuality": { "climate": "bme680", "samplesPerCycle": 7 } }
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => e.ToString())));
        Assert.Equal((ParticleSensorKind.Pms5003, ClimateSensorKind.Bme680, 7, 30),
            (result.Config.AirQuality.Particles, result.Config.AirQuality.Climate, result.Config.AirQuality.SamplesPerCycle, result.Config.AirQuality.WarmUpSeconds));
    }

    [Fact]
    public void Meter_Channels_Become_Channel_Settings()
    {
        var result = DeviceConfigParser.Parse("""
            { "version": 1, "deviceId": "m-7", "role": "meter", "board": "esp32-devkitc-meter",
              "mqtt": { "host": "gw", "password": "12345678" },
              "meter": {
                "nightWindow": { "from": "01:30", "until": "04:30", "bucketMinutes": 10 },
                "channels": [
                  { "medium": "water", "pulsesPerUnit": 1000, "initialTotal": 123.456, "maxFlowPerHour": 3.0 },
                  { "medium": "electricity", "pulsesPerUnit": 800, "input": "pcnt", "unsavedPulses": 100 } ] } }
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => e.ToString())));
        var m = result.Config.Meter;
        Assert.Equal(2, m.Channels.Length);
        Assert.Equal((EdgeDevices.Firmware.Messages.MeterMedium.Water, 0, 1000, 123_456L, 3000L, 90, 270, 10),
            (m.Channels[0].Medium, m.Channels[0].Channel, m.Channels[0].PulsesPerUnit, m.Channels[0].InitialTotalMilli,
             m.Channels[0].MaxFlowMilliPerHour, m.Channels[0].NightWindowStartMinute, m.Channels[0].NightWindowEndMinute, m.Channels[0].NightBucketMinutes));
        Assert.Equal((MeterInputKind.Gpio, MeterInputKind.Pcnt), (m.Inputs[0], m.Inputs[1]));
        Assert.Equal(100, m.Channels[1].UnsavedPulseWindow);
    }

    [Fact]
    public void LoRaWan_Config_Defaults_To_Compact_And_IN865()
    {
        var result = DeviceConfigParser.Parse("""
            { "version": 1, "deviceId": "aq-almaty-7", "role": "airquality", "board": "esp32-devkitc-airquality",
              "transport": "lorawan",
              "lorawan": { "devEui": "70b3d57ed0051234", "joinEui": "0000000000000001", "appKey": "00112233445566778899aabbccddeeff" } }
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => e.ToString())));
        Assert.Equal(PayloadEncoding.Compact, result.Config.Encoding);
        Assert.Equal("IN865", result.Config.LoRaWan.Region);
        Assert.Equal("70B3D57ED0051234", result.Config.LoRaWan.DevEui);
    }

    [Fact]
    public void LoRaWan_Region_And_Duty_Cycle_Are_Read_And_Checked()
    {
        var result = DeviceConfigParser.Parse("""
            { "version": 1, "deviceId": "aq-almaty-8", "role": "airquality", "board": "esp32-devkitc-airquality", "transport": "lorawan",
              "lorawan": { "region": "AS923", "dutyCyclePercent": 0.5, "devEui": "70b3d57ed0051235", "joinEui": "0000000000000001", "appKey": "00112233445566778899aabbccddeeff" } }
            """);
        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => e.ToString())));
        Assert.Equal("AS923", result.Config.LoRaWan.Region);
        Assert.Equal(5, result.Config.LoRaWan.DutyCyclePermille);

        var bad = DeviceConfigParser.Parse("""
            { "version": 1, "deviceId": "aq-almaty-8", "role": "airquality", "board": "esp32-devkitc-airquality", "transport": "lorawan",
              "lorawan": { "dutyCyclePercent": 0, "devEui": "70b3d57ed0051235", "joinEui": "0000000000000001", "appKey": "00112233445566778899aabbccddeeff" } }
            """);
        Assert.Equal(new[] { "lorawan.dutyCyclePercent" }, bad.Errors.Select(e => e.Field));
    }

    public static TheoryData<string, string, string, FieldErrorKind> BadFields() => new()
    {
        { "deviceId", "\"SL 42\"", "deviceId", FieldErrorKind.InvalidValue },
        { "deviceId", "\"x\"", "deviceId", FieldErrorKind.OutOfRange },
        { "deviceId", "42", "deviceId", FieldErrorKind.WrongType },
        { "version", "2", "version", FieldErrorKind.InvalidValue },
        { "role", "\"toaster\"", "role", FieldErrorKind.InvalidValue },
        { "board", "\"ESP32 DevKit\"", "board", FieldErrorKind.InvalidValue },
        { "transport", "\"zigbee\"", "transport", FieldErrorKind.InvalidValue },
        { "encoding", "\"xml\"", "encoding", FieldErrorKind.InvalidValue },
        { "telemetryIntervalSeconds", "5", "telemetryIntervalSeconds", FieldErrorKind.OutOfRange },
        { "telemetryIntervalSeconds", "60.5", "telemetryIntervalSeconds", FieldErrorKind.WrongType },
        { "healthIntervalSeconds", "100000", "healthIntervalSeconds", FieldErrorKind.OutOfRange },
        { "watchdogSeconds", "\"120\"", "watchdogSeconds", FieldErrorKind.WrongType },
        { "utcOffsetMinutes", "900", "utcOffsetMinutes", FieldErrorKind.OutOfRange },
        { "mqtt.host", "\"bad host!\"", "mqtt.host", FieldErrorKind.InvalidValue },
        { "mqtt.host", "\"a..b\"", "mqtt.host", FieldErrorKind.InvalidValue },
        { "mqtt.port", "70000", "mqtt.port", FieldErrorKind.OutOfRange },
        { "mqtt.tls", "\"yes\"", "mqtt.tls", FieldErrorKind.WrongType },
        { "mqtt.password", "\"short\"", "mqtt.password", FieldErrorKind.OutOfRange },
        { "mqtt.keepAliveSeconds", "0", "mqtt.keepAliveSeconds", FieldErrorKind.OutOfRange },
        { "mqtt.username", "\"\"", "mqtt.username", FieldErrorKind.OutOfRange },
        // The broker admits a device only as itself: a shared or custom user name would be refused at connect.
        { "mqtt.username", "\"edgedevices\"", "mqtt.username", FieldErrorKind.InvalidValue },
        { "mqtt.qos", "1", "mqtt.qos", FieldErrorKind.UnknownField },
        { "wifi.ssid", "\"\"", "wifi.ssid", FieldErrorKind.OutOfRange },
        { "wifi.password", "\"1234\"", "wifi.password", FieldErrorKind.OutOfRange },
        { "location.latitude", "91", "location.latitude", FieldErrorKind.OutOfRange },
        { "location.longitude", "-180.5", "location.longitude", FieldErrorKind.OutOfRange },
        { "location.latitude", "null", "location.latitude", FieldErrorKind.WrongType },
        { "outbox", "{\"slots\": 8}", "outbox.slots", FieldErrorKind.OutOfRange },
        { "outbox", "[]", "outbox", FieldErrorKind.WrongType },
        { "telemetryIntervalSecond", "60", "telemetryIntervalSecond", FieldErrorKind.UnknownField },
        { "lamp.ratedWatts", "0", "lamp.ratedWatts", FieldErrorKind.OutOfRange },
        { "lamp.interface", "\"dali\"", "lamp.interface", FieldErrorKind.InvalidValue },
        { "lamp.minLevel", "101", "lamp.minLevel", FieldErrorKind.OutOfRange },
        { "lamp.colour", "\"warm\"", "lamp.colour", FieldErrorKind.UnknownField },
        { "meter", "{ \"channels\": [] }", "meter", FieldErrorKind.InvalidValue },
        { "update", "{ \"releaseKey\": \"abc\" }", "update.releaseKey", FieldErrorKind.OutOfRange },
        { "update", "{ \"releaseKey\": \"" + new string('g', 64) + "\" }", "update.releaseKey", FieldErrorKind.InvalidValue },
        { "update", "{ \"probationSeconds\": 60 }", "update.probationSeconds", FieldErrorKind.InvalidValue },
        { "update", "{ \"probationSeconds\": 300, \"deadlineSeconds\": 200 }", "update.deadlineSeconds", FieldErrorKind.InvalidValue },
        { "update", "{ \"key\": 1 }", "update.key", FieldErrorKind.UnknownField },
    };

    [Fact]
    public void Update_Settings_Default_To_No_Key_And_A_Trial_Longer_Than_The_Watchdog()
    {
        var none = DeviceConfigParser.Parse(Valid).Config.Update;
        Assert.Null(none.ReleaseKey);
        Assert.Equal((180, 900), (none.ProbationSeconds, none.DeadlineSeconds));

        var key = new string('a', 64);
        var set = DeviceConfigParser.Parse(With("update", "{ \"releaseKey\": \"" + key + "\", \"deadlineSeconds\": 1200 }"));
        Assert.True(set.IsValid, string.Join("\n", set.Errors.Select(e => e.ToString())));
        Assert.Equal(Convert.FromHexString(key), set.Config.Update.ReleaseKey);
        Assert.Equal((180, 1200), (set.Config.Update.ProbationSeconds, set.Config.Update.DeadlineSeconds));
    }

    [Theory]
    [MemberData(nameof(BadFields))]
    public void Every_Invalid_Field_Is_Named(string path, string json, string expectedField, FieldErrorKind kind)
    {
        var result = DeviceConfigParser.Parse(With(path, json));

        Assert.False(result.IsValid);
        Assert.Null(result.Config);
        var error = Assert.Single(result.Errors);
        Assert.Equal(expectedField, error.Field);
        Assert.Equal(kind, error.Kind);
        Assert.StartsWith(expectedField, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deviceId")]
    [InlineData("role")]
    [InlineData("board")]
    [InlineData("mqtt")]
    [InlineData("mqtt.host")]
    [InlineData("mqtt.password")]
    [InlineData("location")]
    [InlineData("location.longitude")]
    [InlineData("lamp")]
    [InlineData("lamp.ratedWatts")]
    public void Every_Missing_Required_Field_Is_Named(string path)
    {
        var result = DeviceConfigParser.Parse(Without(path));

        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Field);
        Assert.Equal(FieldErrorKind.Missing, error.Kind);
    }

    [Fact]
    public void All_Problems_Are_Reported_At_Once()
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        json["role"] = "toaster";
        json["mqtt"]!["port"] = 0;
        json["location"]!["latitude"] = 100;

        var result = DeviceConfigParser.Parse(json.ToJsonString());

        Assert.Equal(new[] { "role", "mqtt.port", "location.latitude" }, result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Cross_Field_Rules_Name_The_Field_To_Change()
    {
        var lorawanJson = DeviceConfigParser.Parse("""
            { "version": 1, "deviceId": "m-1", "role": "meter", "board": "b", "transport": "lorawan", "encoding": "json",
              "lorawan": { "devEui": "0000000000000001", "joinEui": "0000000000000001", "appKey": "00000000000000000000000000000001", "region": "US915" },
              "meter": { "channels": [ { "medium": "gas", "pulsesPerUnit": 100 } ] } }
            """);

        Assert.Equal(new[] { "encoding", "lorawan.region" }, lorawanJson.Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{\"deviceId\":\"a\",\"deviceId\":\"b\"}")]
    public void Malformed_Files_Are_Reported_Not_Thrown(string text)
    {
        var result = DeviceConfigParser.Parse(text);

        Assert.False(result.IsValid);
        Assert.Equal("$", Assert.Single(result.Errors).Field);
    }

    private static string With(string path, string json)
    {
        var root = JsonNode.Parse(Valid)!.AsObject();
        var parts = path.Split('.');
        var parent = parts.Length == 1 ? root : root[parts[0]]!.AsObject();
        parent[parts[^1]] = JsonNode.Parse(json);
        return root.ToJsonString();
    }

    private static string Without(string path)
    {
        var root = JsonNode.Parse(Valid)!.AsObject();
        var parts = path.Split('.');
        var parent = parts.Length == 1 ? root : root[parts[0]]!.AsObject();
        parent.Remove(parts[^1]);
        return root.ToJsonString();
    }
}
