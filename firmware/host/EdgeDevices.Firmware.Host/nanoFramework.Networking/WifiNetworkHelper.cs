using System.Device.Wifi;
using System.Runtime.CompilerServices;
using EdgeDevices.Firmware.Host;
using EdgeDevices.Hardware.Emulation.Board;

namespace nanoFramework.Networking;

/// <summary>
/// Stand-in for nanoFramework's <c>WifiNetworkHelper</c> (System.Device.Wifi 1.5): static on the device,
/// per board here. The asynchronous setup (<see cref="SetupNetworkHelper(string,string,WifiReconnectionKind,bool)"/>)
/// joins on a helper thread and sets <see cref="NetworkReady"/> once the station has an address (and, when
/// asked, the RTC has been set by SNTP); a second setup throws until <see cref="Reset"/>, as on the device.
/// The synchronous connects wait on the board's clock until done or the token is cancelled. The static-IP
/// overloads are not emulated.
/// </summary>
public static class WifiNetworkHelper
{
    private static readonly ConditionalWeakTable<BoardLife, State> ByLife = [];

    /// <summary>Set when the network is ready.</summary>
    public static ManualResetEvent NetworkReady => Current.Ready;

    /// <summary>The helper's state.</summary>
    public static NetworkHelperStatus Status => Current.Status;

    /// <summary>The exception the helper ran into, if any.</summary>
    public static Exception HelperException => Current.Exception;

    /// <summary>The adapter in use.</summary>
    public static WifiAdapter WifiAdapter => WifiAdapter.ForLife(StandIn.Life);

    private static State Current => ByLife.GetValue(StandIn.Life, _ => new State());

    /// <summary>Waits for a network whose credentials the device already stores.</summary>
    public static void SetupNetworkHelper(bool requiresDateTime = false) =>
        throw new NotSupportedException("emulated boards keep no stored Wi-Fi credentials: pass the SSID and password");

    /// <summary>Joins <paramref name="ssid"/> in the background; <see cref="NetworkReady"/> is set when ready.</summary>
    public static void SetupNetworkHelper(string ssid, string password, WifiReconnectionKind reconnectionKind = WifiReconnectionKind.Automatic, bool requiresDateTime = false)
    {
        var life = StandIn.Life;
        var state = Current;
        lock (state)
        {
            if (state.Status != NetworkHelperStatus.None)
            {
                throw new InvalidOperationException("the network helper is already set up; call Reset first");
            }

            state.Status = NetworkHelperStatus.Started;
        }

        life.Board.Wifi.Join(ssid, password);
        life.Clock.StartThread(() =>
        {
            WaitReady(life, requiresDateTime, CancellationToken.None);
            state.Status = NetworkHelperStatus.NetworkIsReady;
            state.Ready.Set();
        });
    }

    /// <summary>Joins <paramref name="ssid"/> and waits until ready or <paramref name="token"/> is cancelled.</summary>
    public static bool ConnectDhcp(string ssid, string password, WifiReconnectionKind reconnectionKind = WifiReconnectionKind.Automatic, bool requiresDateTime = false, int wifiAdapterId = 0, CancellationToken token = default)
    {
        var life = StandIn.Life;
        life.Board.Wifi.Join(ssid, password);
        return Finish(life, requiresDateTime, token);
    }

    /// <summary>Scans, then joins as <see cref="ConnectDhcp"/> does.</summary>
    public static bool ScanAndConnectDhcp(string ssid, string password, WifiReconnectionKind reconnectionKind = WifiReconnectionKind.Automatic, bool requiresDateTime = false, int wifiAdapterId = 0, CancellationToken token = default)
    {
        var life = StandIn.Life;
        life.Clock.Sleep(WifiAdapter.ScanMilliseconds);
        return ConnectDhcp(ssid, password, reconnectionKind, requiresDateTime, wifiAdapterId, token);
    }

    /// <summary>Waits for the network again with the credentials given before.</summary>
    public static bool Reconnect(bool requiresDateTime = false, int wifiAdapterId = 0, CancellationToken token = default) =>
        Finish(StandIn.Life, requiresDateTime, token);

    /// <summary>Leaves the network.</summary>
    public static void Disconnect() => StandIn.Board.Wifi.Leave();

    /// <summary>Forgets the helper's state so it can be set up again.</summary>
    public static void Reset()
    {
        var state = Current;
        lock (state)
        {
            state.Status = NetworkHelperStatus.None;
            state.Exception = null;
            state.Ready.Reset();
        }
    }

    private static bool Finish(BoardLife life, bool requiresDateTime, CancellationToken token)
    {
        var state = Current;
        if (!WaitReady(life, requiresDateTime, token))
        {
            state.Status = life.Board.Wifi.IsConnected ? NetworkHelperStatus.TokenExpiredWaitingDateTime : NetworkHelperStatus.TokenExpiredWaitingIPAddress;
            return false;
        }

        state.Status = NetworkHelperStatus.NetworkIsReady;
        state.Ready.Set();
        return true;
    }

    // Polls in board time; a cancellation token (real time on the host) ends the wait as on the device.
    private static bool WaitReady(BoardLife life, bool requiresDateTime, CancellationToken token)
    {
        var station = life.Board.Wifi;
        while (!token.IsCancellationRequested)
        {
            if (station.IsConnected && (!requiresDateTime || life.Board.RtcIsSet))
            {
                return true;
            }

            life.Clock.WaitFor(station.Associated, 500);
            if (station.IsConnected && requiresDateTime && !life.Board.RtcIsSet)
            {
                life.Clock.Sleep(500);
            }
        }

        return false;
    }

    private sealed class State
    {
        public readonly ManualResetEvent Ready = new(false);
        public NetworkHelperStatus Status;
        public Exception Exception;
    }
}
