namespace EdgeDevices.Gateway.Configuration;

/// <summary>Where device traffic comes in.</summary>
public enum SouthboundMode
{
    /// <summary>The gateway's own MQTT broker.</summary>
    Embedded,

    /// <summary>An external broker the gateway subscribes to as a client.</summary>
    External,
}
