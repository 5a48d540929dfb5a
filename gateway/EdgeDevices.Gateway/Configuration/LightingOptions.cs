namespace EdgeDevices.Gateway.Configuration;

public sealed class LightingOptions
{
    /// <summary>The city's offset from UTC in minutes, for nights in reports (+300: all of Kazakhstan since 2024-03-01).</summary>
    public int UtcOffsetMinutes { get; set; } = 300;
}
