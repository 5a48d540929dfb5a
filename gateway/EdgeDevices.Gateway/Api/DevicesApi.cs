using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Commands;
using EdgeDevices.Gateway.Pipeline;
using EdgeDevices.Gateway.Southbound;
using EdgeDevices.Gateway.Southbound.LoRaWan;

namespace EdgeDevices.Gateway.Api;

/// <summary>
/// The devices over REST: who is registered (MQTT credentials or a LoRaWAN DevEUI), who is online, when each
/// was last heard and its last health report; registration and removal for the provisioning tool.
/// </summary>
public static class DevicesApi
{
    /// <summary>Maps /api/devices.</summary>
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/devices").WithTags("Devices");
        api.MapGet("/", (DeviceRegistry registry, LoRaWanDevices loRaWan, DevicePresence presence, LatestReadings latest, DeviceKeys keys) =>
            registry.List().Select(id => Describe(id, null, presence, latest, keys))
                .Concat(loRaWan.List().Select(d => Describe(d.DeviceId, d.DevEui, presence, latest, keys)))
                .OrderBy(d => d.DeviceId, StringComparer.Ordinal)
                .ToList());
        api.MapGet("/{deviceId}", (string deviceId, DeviceRegistry registry, LoRaWanDevices loRaWan, DevicePresence presence, LatestReadings latest, DeviceKeys keys) =>
        {
            var eui = loRaWan.DevEuiOf(deviceId);
            return eui != null || registry.List().Contains(deviceId)
                ? Results.Ok(Describe(deviceId, eui, presence, latest, keys))
                : Results.NotFound(new { error = $"no device '{deviceId}' is registered" });
        });
        api.MapPut("/{deviceId}", (string deviceId, DeviceRegistration body, DeviceRegistry registry, LoRaWanDevices loRaWan, DeviceKeys keys) =>
        {
            byte[]? key = null;
            if (body.CommandKey != null)
            {
                key = EdgeDevices.Firmware.Security.HexText.Parse(body.CommandKey, EdgeDevices.Firmware.Security.CommandMac.KeySize);
                if (key == null)
                {
                    return Problem("commandKey", "must be 64 hexadecimal digits (32 bytes)");
                }
            }

            if ((body.Password == null) == (body.DevEui == null))
            {
                return Problem("password", "give a password (MQTT device) or a devEui (LoRaWAN device), not both");
            }

            try
            {
                if (body.DevEui != null)
                {
                    loRaWan.Register(deviceId, body.DevEui);
                }
                else
                {
                    registry.Register(deviceId, body.Password!);
                }
            }
            catch (ArgumentException ex)
            {
                return Problem(ex.ParamName ?? "deviceId", ex.Message);
            }

            if (key != null)
            {
                keys.Set(deviceId, key);
            }

            return Results.Ok(new { deviceId, transport = body.DevEui != null ? "lorawan" : "mqtt", commandKey = key != null });
        });
        api.MapDelete("/{deviceId}", (string deviceId, DeviceRegistry registry, LoRaWanDevices loRaWan) =>
            registry.Remove(deviceId) | loRaWan.Remove(deviceId) ? Results.NoContent() : Results.NotFound(new { error = $"no device '{deviceId}' is registered" }));
    }

    private static IResult Problem(string field, string message) => Results.BadRequest(new { field, error = message });

    private static DeviceView Describe(string deviceId, string? devEui, DevicePresence presence, LatestReadings latest, DeviceKeys keys)
    {
        var health = latest.Of(deviceId, MessageType.Health)?.Message as HealthReport;
        var role = latest.Of(deviceId, MessageType.LampStatus) != null ? "streetlight"
            : latest.Of(deviceId, MessageType.AirQuality) != null ? "airquality"
            : latest.Of(deviceId, MessageType.MeterReading) != null ? "meter"
            : null;
        return new DeviceView(
            deviceId,
            role,
            devEui == null ? "mqtt" : "lorawan",
            devEui,
            presence.IsOnline(deviceId),
            latest.LastSeen(deviceId) is { } seen ? DateTimeOffset.FromUnixTimeMilliseconds(seen) : null,
            keys.Has(deviceId),
            health == null ? null : new HealthView(
                health.UptimeSeconds,
                health.FreeHeapBytes,
                health.Rssi,
                $"{health.FirmwareMajor}.{health.FirmwareMinor}.{health.FirmwarePatch}",
                health.OutboxDepth,
                health.OutboxDrops,
                EdgeDevices.Firmware.Codec.WireNames.Of(health.ResetReason)));
    }
}

/// <summary>What registers a device: an MQTT password, or a LoRaWAN DevEUI; optionally its command key (64 hex digits).</summary>
public sealed record DeviceRegistration(string? Password, string? DevEui, string? CommandKey);

/// <summary>A device as the operator sees it; its role as its messages show it (null until it has reported).</summary>
public sealed record DeviceView(string DeviceId, string? Role, string Transport, string? DevEui, bool Online, DateTimeOffset? LastSeenAt, bool CommandKey, HealthView? Health);

/// <summary>A device's last health report.</summary>
public sealed record HealthView(uint UptimeSeconds, uint FreeHeapBytes, int Rssi, string Firmware, int OutboxDepth, uint OutboxDrops, string ResetReason);
