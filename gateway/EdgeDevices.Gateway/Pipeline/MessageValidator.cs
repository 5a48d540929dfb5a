using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Configuration;

namespace EdgeDevices.Gateway.Pipeline;

/// <summary>
/// What a well-formed message must also be to enter the buffer: its time neither in the future (beyond
/// the allowed clock skew) nor older than the buffer keeps, and its values physically plausible for a
/// street device in Kazakhstan (the codec has already checked they fit the wire format). Meter totals that
/// go down are caught at commit, against the last stored total.
/// </summary>
public sealed class MessageValidator(ValidationOptions options, TimeProvider time)
{
    /// <summary>The reason <paramref name="message"/> is refused, or null.</summary>
    public Rejection? Check(Message message)
    {
        if (message.Timestamp != 0)
        {
            var now = time.GetUtcNow().ToUnixTimeSeconds();
            if (message.Timestamp > now + options.MaxFutureSkewSeconds)
            {
                return new Rejection($"time {message.Timestamp} is {message.Timestamp - now} s in the future", "ts");
            }

            if (message.Timestamp < now - (options.MaxAgeDays * 86400L))
            {
                return new Rejection($"time {message.Timestamp} is older than {options.MaxAgeDays} days", "ts");
            }
        }

        return message switch
        {
            AirQualityReading aq => CheckAirQuality(aq),
            LampStatus lamp when lamp.HasPower && lamp.PowerDeciWatt > 20_000 => new Rejection("lamp power above 2 kW", "power"),
            _ => null,
        };
    }

    private static Rejection? CheckAirQuality(AirQualityReading aq)
    {
        if ((aq.Fields & AirQualityFields.Temperature) != 0 && aq.TemperatureCentiCelsius is < -6000 or > 6000)
        {
            return new Rejection("temperature outside −60…+60 °C", "temperature");
        }

        if ((aq.Fields & AirQualityFields.Humidity) != 0 && aq.HumidityCentiPercent is < 0 or > 10000)
        {
            return new Rejection("humidity outside 0…100 %", "humidity");
        }

        // Station pressure, not sea-level: a node at Shymbulak (2260 m above Almaty) reads about 770 hPa.
        if ((aq.Fields & AirQualityFields.Pressure) != 0 && aq.PressurePascal is < 50_000 or > 110_000)
        {
            return new Rejection("pressure outside 500…1100 hPa", "pressure");
        }

        return null;
    }
}
