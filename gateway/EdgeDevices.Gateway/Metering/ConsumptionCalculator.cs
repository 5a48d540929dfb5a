using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace EdgeDevices.Gateway.Metering;

/// <summary>
/// Consumption per hour or per day from a meter's continuous index: the index at each interval's edges is
/// interpolated linearly between the readings around it (meters report every few minutes, not on the hour),
/// and the difference is the interval's consumption. An interval without readings on both sides has none.
/// An hour (or a day, pro rata) above the medium's plausible maximum flow is flagged as a spike.
/// </summary>
public sealed class ConsumptionCalculator(MeterLedger ledger, IOptions<MeteringOptions> metering)
{
    /// <summary>One interval: its start (UTC), consumption in units (kWh or m³), and whether it is implausibly high.</summary>
    public sealed record Interval(DateTimeOffset Start, double? Consumption, bool Spike);

    /// <summary>Consumption of <paramref name="deviceId"/>'s <paramref name="channel"/> from <paramref name="from"/> to <paramref name="to"/> in steps of <paramref name="step"/>.</summary>
    public IReadOnlyList<Interval> For(string deviceId, int channel, DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        var samples = ledger.Samples(deviceId, channel, from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds());
        var intervals = new List<Interval>();
        var maximum = samples.Count == 0 ? double.MaxValue : MaxPerHour(samples[0].Medium) * step.TotalHours;
        for (var start = from; start < to; start += step)
        {
            var a = IndexAt(samples, start.ToUnixTimeSeconds());
            var b = IndexAt(samples, start.Add(step).ToUnixTimeSeconds());
            double? consumption = a != null && b != null ? (b.Value - a.Value) / 1000.0 : null;
            intervals.Add(new Interval(start, consumption is { } c ? Math.Round(c, 3) : null, consumption > maximum));
        }

        return intervals;
    }

    private double MaxPerHour(MeterMedium medium)
    {
        var settings = metering.Value;
        return medium switch
        {
            MeterMedium.Water => settings.MaxWaterPerHour,
            MeterMedium.Gas => settings.MaxGasPerHour,
            MeterMedium.Heat => settings.MaxHeatPerHour,
            _ => settings.MaxElectricityPerHour,
        };
    }

    private static double? IndexAt(IReadOnlyList<MeterLedger.Sample> samples, long time)
    {
        for (var i = 0; i < samples.Count; i++)
        {
            if (samples[i].DeviceTime == time)
            {
                return samples[i].TotalMilli;
            }

            if (samples[i].DeviceTime > time)
            {
                if (i == 0)
                {
                    return null;
                }

                var before = samples[i - 1];
                var after = samples[i];
                return before.TotalMilli + ((after.TotalMilli - before.TotalMilli) * (double)(time - before.DeviceTime) / (after.DeviceTime - before.DeviceTime));
            }
        }

        return null;
    }
}
