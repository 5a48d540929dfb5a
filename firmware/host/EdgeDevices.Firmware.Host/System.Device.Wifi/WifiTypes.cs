namespace System.Device.Wifi;

/// <summary>Stand-in for nanoFramework's <c>WifiReconnectionKind</c>.</summary>
public enum WifiReconnectionKind
{
    /// <summary>The driver reconnects by itself.</summary>
    Automatic,

    /// <summary>The application reconnects.</summary>
    Manual,
}

/// <summary>Stand-in for nanoFramework's <c>WifiConnectionStatus</c>.</summary>
public enum WifiConnectionStatus
{
#pragma warning disable CS1591
    AccessRevoked, InvalidCredential, NetworkNotAvailable, Success, Timeout, UnspecifiedFailure, UnsupportedAuthenticationProtocol,
#pragma warning restore CS1591
}

/// <summary>Stand-in for nanoFramework's <c>WifiNetworkKind</c>.</summary>
public enum WifiNetworkKind
{
#pragma warning disable CS1591
    Any, Infrastructure, Adhoc,
#pragma warning restore CS1591
}

/// <summary>Stand-in for nanoFramework's <c>WifiConnectionResult</c>.</summary>
public class WifiConnectionResult
{
    internal WifiConnectionResult(WifiConnectionStatus status) => ConnectionStatus = status;

    /// <summary>How the connection attempt ended.</summary>
    public WifiConnectionStatus ConnectionStatus { get; }
}

/// <summary>Stand-in for nanoFramework's <c>WifiAvailableNetwork</c>.</summary>
public class WifiAvailableNetwork
{
    internal WifiAvailableNetwork(string ssid, double rssi)
    {
        Ssid = ssid;
        NetworkRssiInDecibelMilliwatts = rssi;
        Bsid = "02:00:00:" + (ssid.GetHashCode() & 0xFFFFFF).ToString("X6").Insert(2, ":").Insert(5, ":");
    }

    /// <summary>The access point's MAC address.</summary>
    public string Bsid { get; }

    /// <summary>The network name.</summary>
    public string Ssid { get; }

    /// <summary>Infrastructure.</summary>
    public WifiNetworkKind NetworkKind => WifiNetworkKind.Infrastructure;

    /// <summary>Signal strength, dBm.</summary>
    public double NetworkRssiInDecibelMilliwatts { get; }

    /// <summary>Signal bars (0–4).</summary>
    public byte SignalBars => (byte)Math.Clamp((NetworkRssiInDecibelMilliwatts + 100) / 12, 0, 4);
}

/// <summary>Stand-in for nanoFramework's <c>WifiNetworkReport</c>.</summary>
public class WifiNetworkReport
{
    internal WifiNetworkReport(WifiAvailableNetwork[] networks) => AvailableNetworks = networks;

    /// <summary>Networks the last scan found.</summary>
    public WifiAvailableNetwork[] AvailableNetworks { get; }
}

/// <summary>Stand-in for nanoFramework's <c>AvailableNetworksChangedEventHandler</c>.</summary>
public delegate void AvailableNetworksChangedEventHandler(WifiAdapter sender, object e);
