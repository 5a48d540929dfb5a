using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Json;

namespace EdgeDevices.Firmware.Core.Tests.Config;

/// <summary>Rotated credentials are read as config.json's are, and replace its password and key.</summary>
public sealed class DeviceCredentialsTests
{
    private const string Key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    [Fact]
    public void A_document_replaces_the_password_and_the_key_of_a_configuration()
    {
        var config = DeviceConfigParser.Parse("""
            { "version": 1, "deviceId": "m-0042", "role": "meter", "board": "esp32-devkitc-meter", "commandKey": "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
              "wifi": { "ssid": "city-iot", "password": "correct horse" }, "mqtt": { "host": "gateway.local", "password": "old-password-1" },
              "meter": { "channels": [ { "medium": "water", "pulsesPerUnit": 1 } ] } }
            """).Config;
        var credentials = DeviceCredentials.Parse($$"""{"password": "new-password-2", "commandKey": "{{Key}}"}""", out var errors);
        Assert.Empty(errors);
        credentials!.ApplyTo(config);
        Assert.Equal("new-password-2", config.Mqtt.Password);
        Assert.Equal(Convert.FromHexString(Key), config.CommandKey);
    }

    [Theory]
    [InlineData("""{"password": "new-password-2"}""", "commandKey", FieldErrorKind.Missing)]
    [InlineData("""{"password": "short", "commandKey": "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"}""", "password", FieldErrorKind.OutOfRange)]
    [InlineData("""{"password": "new-password-2", "commandKey": "zz112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"}""", "commandKey", FieldErrorKind.InvalidValue)]
    [InlineData("""{"password": "new-password-2", "commandKey": "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", "user": "x"}""", "user", FieldErrorKind.UnknownField)]
    public void A_bad_document_is_refused_with_the_field_named(string json, string field, FieldErrorKind kind)
    {
        Assert.Null(DeviceCredentials.Parse(json, out var errors));
        Assert.Contains(errors, e => e.Field == field && e.Kind == kind);
    }
}
