namespace EdgeDevices.Gateway.Configuration;

public sealed class SouthboundOptions
{
    public SouthboundMode Mode { get; set; } = SouthboundMode.Embedded;

    public EmbeddedBrokerOptions Embedded { get; set; } = new();

    public ExternalBrokerOptions External { get; set; } = new();
}
