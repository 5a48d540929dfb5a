namespace EdgeDevices.Gateway.Configuration;

public sealed class ValidationOptions
{
    /// <summary>A device clock further ahead than this is refused.</summary>
    public int MaxFutureSkewSeconds { get; set; } = 300;

    /// <summary>Readings older than this are refused.</summary>
    public int MaxAgeDays { get; set; } = 30;
}
