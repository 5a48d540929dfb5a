using System.Text.Json.Nodes;
using EdgeDevices.Gateway.Alarms;
using EdgeDevices.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace EdgeDevices.Gateway.Metering;

/// <summary>
/// The minimum-night-flow rule for water: in a household, some hour of the night has no flow at all; water
/// flowing through every hour of the night window (01:00–05:00 local by default) means a leak. A leak night
/// raises a <c>nightFlow</c> alarm with the night's smallest hourly flow as evidence; a night with a dry hour
/// clears it, and both go to the city platform as the meter's <c>meterLeak</c> event from the gateway (boot id
/// 0). (The meter node's own night-flow detector reports too; this works for any water meter.)
/// </summary>
public sealed class NightFlowCheck(IServiceProvider services, AlarmBook alarms, IOptions<MeteringOptions> meteringOptions, IOptions<LightingOptions> lighting)
{
    /// <summary>Judges the night that ends on the morning of <paramref name="morning"/> (local date).</summary>
    public bool? Judge(string deviceId, int channel, DateOnly morning)
    {
        var metering = meteringOptions.Value;
        var offset = TimeSpan.FromMinutes(lighting.Value.UtcOffsetMinutes);
        var from = new DateTimeOffset(morning.Year, morning.Month, morning.Day, metering.NightFromHour, 0, 0, offset);
        var to = new DateTimeOffset(morning.Year, morning.Month, morning.Day, metering.NightUntilHour, 0, 0, offset);
        // Resolved here: the calculator reads the ledger that calls this check.
        var hours = services.GetRequiredService<ConsumptionCalculator>().For(deviceId, channel, from, to, TimeSpan.FromHours(1));
        if (hours.Any(h => h.Consumption == null))
        {
            return null;
        }

        var least = hours.Min(h => h.Consumption!.Value);
        var code = channel == 0 ? "nightFlow" : $"nightFlow.{channel}";
        var events = new GatewayEvents(services.GetRequiredService<Storage.BufferStore>(), services.GetRequiredService<TimeProvider>());
        var counter = $"gateway_event_seq:{deviceId}";
        var litres = (int)Math.Min(short.MaxValue, Math.Round(least * 1000));
        if (least > 0)
        {
            var opened = alarms.Raise(deviceId, code, "warning", to.ToUnixTimeMilliseconds(), new JsonObject
            {
                ["night"] = morning.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["leastHourlyFlow"] = least,
                ["window"] = $"{metering.NightFromHour:D2}:00–{metering.NightUntilHour:D2}:00",
            });
            if (opened)
            {
                events.Forward(deviceId, Firmware.Messages.EventCode.MeterLeak, true, Firmware.Messages.EventSeverity.Warning, litres, to, counter);
            }

            return true;
        }

        if (alarms.Clear(deviceId, code, to.ToUnixTimeMilliseconds()))
        {
            events.Forward(deviceId, Firmware.Messages.EventCode.MeterLeak, false, Firmware.Messages.EventSeverity.Warning, 0, to, counter);
        }

        return false;
    }
}
