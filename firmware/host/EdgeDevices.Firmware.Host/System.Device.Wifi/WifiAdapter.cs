using System.Runtime.CompilerServices;
using EdgeDevices.Firmware.Host;
using EdgeDevices.Hardware.Emulation.Board;

namespace System.Device.Wifi;

/// <summary>Stand-in for nanoFramework's <c>WifiAdapter</c>: the calling board's Wi-Fi station.</summary>
public sealed class WifiAdapter : IDisposable
{
    /// <summary>How long a scan takes.</summary>
    internal const int ScanMilliseconds = 1200;

    private static readonly ConditionalWeakTable<BoardLife, WifiAdapter> ByLife = [];

    private readonly BoardLife _life;
    private WifiNetworkReport _report = new([]);

    private WifiAdapter(BoardLife life) => _life = life;

    /// <summary>Raised when a scan completes.</summary>
    public event AvailableNetworksChangedEventHandler AvailableNetworksChanged;

    /// <summary>The network interface index.</summary>
    public int NetworkInterface => 0;

    /// <summary>The last scan's result.</summary>
    public WifiNetworkReport NetworkReport => _report;

    /// <summary>The board's one adapter.</summary>
    public static WifiAdapter[] FindAllAdapters() => [ForLife(StandIn.Life)];

    /// <summary>Starts a scan; <see cref="AvailableNetworksChanged"/> fires when it is done.</summary>
    public void ScanAsync()
    {
        _life.ThrowIfDead();
        _life.Board.World.Scheduler.After(ScanMilliseconds, () =>
        {
            var found = _life.Board.Wifi.Scan().Select(n => new WifiAvailableNetwork(n.Ssid, n.Rssi)).ToArray();
            _report = new WifiNetworkReport(found);
            _life.RunCallback(() => AvailableNetworksChanged?.Invoke(this, null));
        });
    }

    /// <summary>Connects to a network the scan found.</summary>
    public WifiConnectionResult Connect(WifiAvailableNetwork availableNetwork, WifiReconnectionKind reconnectionKind, string passwordCredential) =>
        Connect(availableNetwork.Ssid, reconnectionKind, passwordCredential);

    /// <summary>Connects to <paramref name="ssid"/>, waiting up to ten seconds (board time) for the association.</summary>
    public WifiConnectionResult Connect(string ssid, WifiReconnectionKind reconnectionKind, string passwordCredential)
    {
        _life.ThrowIfDead();
        var station = _life.Board.Wifi;
        station.Join(ssid, passwordCredential);
        if (_life.Clock.WaitFor(station.Associated, 10_000))
        {
            return new WifiConnectionResult(WifiConnectionStatus.Success);
        }

        return new WifiConnectionResult(station.Scan().Any(n => n.Ssid == ssid) ? WifiConnectionStatus.InvalidCredential : WifiConnectionStatus.NetworkNotAvailable);
    }

    /// <summary>Leaves the network.</summary>
    public void Disconnect()
    {
        _life.ThrowIfDead();
        _life.Board.Wifi.Leave();
    }

    /// <summary>Not emulated (the host name is not used by the emulated network).</summary>
    public void SetDeviceName(string name)
    {
    }

    /// <summary>Releases the adapter.</summary>
    public void Dispose()
    {
    }

    internal static WifiAdapter ForLife(BoardLife life) => ByLife.GetValue(life, l => new WifiAdapter(l));
}
