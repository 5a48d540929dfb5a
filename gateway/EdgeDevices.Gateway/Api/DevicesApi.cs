using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Commands;
using EdgeDevices.Gateway.Pipeline;
using EdgeDevices.Gateway.Southbound;
using EdgeDevices.Gateway.Southbound.LoRaWan;

namespace EdgeDevices.Gateway.Api;

/// <summary>
/// The devices over REST: who is registered (MQTT credentials or a LoRaWAN DevEUI), what each is and where it
/// stands, who is online, when each was last heard and its last health report; registration, the site
/// (role and position) and removal for the provisioning tool.
/// </summary>
public static class DevicesApi
{
    /// <summary>Maps /api/devices.</summary>
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/devices").WithTags("Devices");
        api.MapGet("/", (DeviceRegistry registry, LoRaWanDevices loRaWan, DevicePresence presence, LatestReadings latest, DeviceKeys keys, DeviceSites sites, LoRaWanLinks links) =>
            registry.List().Select(id => Describe(id, null, presence, latest, keys, sites, links))
                .Concat(loRaWan.List().Select(d => Describe(d.DeviceId, d.DevEui, presence, latest, keys, sites, links)))
                .OrderBy(d => d.DeviceId, StringComparer.Ordinal)
                .ToList());
        api.MapGet("/{deviceId}", (string deviceId, DeviceRegistry registry, LoRaWanDevices loRaWan, DevicePresence presence, LatestReadings latest, DeviceKeys keys, DeviceSites sites, LoRaWanLinks links) =>
        {
            var eui = loRaWan.DevEuiOf(deviceId);
            return eui != null || registry.List().Contains(deviceId)
                ? Results.Ok(Describe(deviceId, eui, presence, latest, keys, sites, links))
                : Results.NotFound(new { error = $"no device '{deviceId}' is registered" });
        });
        api.MapPut("/{deviceId}", (string deviceId, DeviceRegistration body, DeviceRegistry registry, LoRaWanDevices loRaWan, DeviceKeys keys, DeviceSites sites) =>
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

            if (Site(body.Role, body.Latitude, body.Longitude) is { Error: { } siteError } failed)
            {
                return Problem(failed.Field!, siteError);
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

            sites.Put(deviceId, new DeviceSite(body.Role, body.Latitude is { } lat && body.Longitude is { } lon ? new GeoPoint(lat, lon) : null));

            return Results.Ok(new { deviceId, transport = body.DevEui != null ? "lorawan" : "mqtt", commandKey = key != null });
        });
        api.MapPost("/{deviceId}/credentials", (string deviceId, CredentialsBody body, CredentialRotation rotation) =>
        {
            if (string.IsNullOrEmpty(body.Password))
            {
                return Problem("password", "the new password is required (8–128 characters)");
            }

            var key = body.CommandKey == null ? null : Firmware.Security.HexText.Parse(body.CommandKey, Firmware.Security.CommandMac.KeySize);
            if (key == null)
            {
                return Problem("commandKey", "the new command key is required: 64 hexadecimal digits");
            }

            try
            {
                var record = rotation.Start(deviceId, body.Password, key);
                return Results.Accepted($"/api/commands?device={deviceId}", new { deviceId, status = "rotating", commandId = record.CommandId });
            }
            catch (ArgumentException ex)
            {
                return Problem(ex.ParamName ?? "password", ex.Message);
            }
            catch (InvalidOperationException ex)
            {
                return Results.Conflict(new { field = "deviceId", error = ex.Message });
            }
        });
        api.MapGet("/{deviceId}/history", (string deviceId, int? limit, DeviceHistory history) =>
            history.Of(deviceId, Math.Clamp(limit ?? 100, 1, 1000)));
        api.MapPut("/{deviceId}/site", (string deviceId, DeviceSiteBody body, DeviceRegistry registry, LoRaWanDevices loRaWan, DeviceSites sites, Lighting.LightingStore lighting, Northbound.SinkRejects rejects) =>
        {
            if (loRaWan.DevEuiOf(deviceId) == null && !registry.List().Contains(deviceId))
            {
                return Results.NotFound(new { error = $"no device '{deviceId}' is registered" });
            }

            if (Site(body.Role, body.Latitude, body.Longitude) is { Error: { } siteError } failed)
            {
                return Problem(failed.Field!, siteError);
            }

            var position = body.Latitude is { } lat && body.Longitude is { } lon ? new GeoPoint(lat, lon) : (GeoPoint?)null;
            sites.Put(deviceId, new DeviceSite(body.Role, position));

            // A lamp's position is the lighting model's (its schedule follows the sun there): moved together.
            if (position is { } moved && lighting.Lamp(deviceId) is { } lamp)
            {
                lighting.Put(lamp with { Latitude = moved.Latitude, Longitude = moved.Longitude });
            }

            // What a sink refused for want of a position goes again.
            var retried = position != null ? rejects.MarkDeviceForRetry(deviceId) : 0;
            return Results.Ok(new { site = SiteView(sites.Of(deviceId)), refusedReadingsSentAgain = retried });
        });
        api.MapDelete("/{deviceId}", (string deviceId, DeviceRegistry registry, LoRaWanDevices loRaWan, DeviceSites sites) =>
        {
            var removed = registry.Remove(deviceId) | loRaWan.Remove(deviceId);
            sites.Remove(deviceId);
            return removed ? Results.NoContent() : Results.NotFound(new { error = $"no device '{deviceId}' is registered" });
        });
    }

    private static IResult Problem(string field, string message) => Results.BadRequest(new { field, error = message });

    // A role from the list and both coordinates or neither, within range; the field at fault otherwise.
    private static (string? Field, string? Error)? Site(string? role, double? latitude, double? longitude)
    {
        if (role != null && !DeviceSites.Roles.Contains(role, StringComparer.Ordinal))
        {
            return ("role", $"'{role}' is not a role: {string.Join(", ", DeviceSites.Roles)}");
        }

        if ((latitude == null) != (longitude == null))
        {
            return (latitude == null ? "latitude" : "longitude", "give both latitude and longitude, or neither");
        }

        if (latitude is { } lat && longitude is { } lon)
        {
            try
            {
                new GeoPoint(lat, lon).Validate();
            }
            catch (ArgumentException ex)
            {
                return (ex.ParamName, ex.Message);
            }
        }

        return null;
    }

    private static object? SiteView(DeviceSite? site) => site == null ? null : new
    {
        role = site.Role,
        latitude = site.Location?.Latitude,
        longitude = site.Location?.Longitude,
    };

    private static DeviceView Describe(string deviceId, string? devEui, DevicePresence presence, LatestReadings latest, DeviceKeys keys, DeviceSites sites, LoRaWanLinks links)
    {
        var health = latest.Of(deviceId, MessageType.Health)?.Message as HealthReport;
        var site = sites.Of(deviceId);
        var role = site?.Role ?? (latest.Of(deviceId, MessageType.LampStatus) != null ? "streetlight"
            : latest.Of(deviceId, MessageType.AirQuality) != null ? "airquality"
            : latest.Of(deviceId, MessageType.MeterReading) != null ? "meter"
            : null);
        return new DeviceView(
            deviceId,
            role,
            devEui == null ? "mqtt" : "lorawan",
            devEui,
            presence.IsOnline(deviceId),
            latest.LastSeen(deviceId) is { } seen ? DateTimeOffset.FromUnixTimeMilliseconds(seen) : null,
            keys.Has(deviceId),
            site?.Location?.Latitude,
            site?.Location?.Longitude,
            devEui == null ? null : links.Of(deviceId),
            health == null ? null : new HealthView(
                health.UptimeSeconds,
                health.FreeHeapBytes,
                health.Rssi,
                $"{health.FirmwareMajor}.{health.FirmwareMinor}.{health.FirmwarePatch}",
                health.OutboxDepth,
                health.OutboxDrops,
                EdgeDevices.Firmware.Codec.WireNames.Of(health.ResetReason),
                health.GatewayRejects));
    }
}

/// <summary>
/// What registers a device: an MQTT password, or a LoRaWAN DevEUI; optionally its command key (64 hex digits),
/// its role and its position (WGS 84 degrees), which the platform's entities carry.
/// </summary>
public sealed record DeviceRegistration(string? Password, string? DevEui, string? CommandKey, string? Role = null, double? Latitude = null, double? Longitude = null);

/// <summary>New credentials for a device (a rotation): the MQTT password and the command key, 64 hexadecimal digits.</summary>
public sealed record CredentialsBody(string? Password, string? CommandKey);

/// <summary>A device's role and position, either or both.</summary>
public sealed record DeviceSiteBody(string? Role, double? Latitude, double? Longitude);

/// <summary>
/// A device as the operator sees it: its role as recorded (else as its messages show it, null until it has
/// reported) and its position.
/// The LoRaWAN link is what ChirpStack last reported: region and data rate, signal, link margin and battery.
/// </summary>
public sealed record DeviceView(string DeviceId, string? Role, string Transport, string? DevEui, bool Online, DateTimeOffset? LastSeenAt, bool CommandKey, double? Latitude, double? Longitude, LoRaWanLink? LoRaWan, HealthView? Health);

/// <summary>A device's last health report; <c>GatewayRejects</c> counts the reject notices it got since it booted.</summary>
public sealed record HealthView(uint UptimeSeconds, uint FreeHeapBytes, int Rssi, string Firmware, int OutboxDepth, uint OutboxDrops, string ResetReason, uint GatewayRejects);
