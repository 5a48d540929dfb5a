using System.Device.Wifi;
using System.Threading;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Device.Logging;
using nanoFramework.Networking;

namespace EdgeDevices.Firmware.Device.Network
{
    /// <summary>
    /// Joins the configured Wi-Fi network in the background (nanoFramework's network helper) with
    /// automatic reconnection, so the ESP32's driver re-joins by itself after every loss. The firmware
    /// does not wait for the clock to be set: SNTP sets it when it can, and until then messages carry
    /// time 0 and the gateway stamps them on arrival.
    /// </summary>
    public sealed class WifiLink
    {
        private readonly WifiSettings _settings;
        private readonly DeviceLog _log;

        /// <summary>A link for <paramref name="settings"/>.</summary>
        public WifiLink(WifiSettings settings, DeviceLog log)
        {
            _settings = settings;
            _log = log;
        }

        /// <summary>Set once the network is up.</summary>
        public ManualResetEvent Ready
        {
            get { return WifiNetworkHelper.NetworkReady; }
        }

        /// <summary>Whether the network has come up.</summary>
        public bool IsReady
        {
            get { return Ready.WaitOne(0, false); }
        }

        /// <summary>Starts joining.</summary>
        public void Start()
        {
            _log.Info("joining Wi-Fi " + _settings.Ssid);
            WifiNetworkHelper.SetupNetworkHelper(_settings.Ssid, _settings.Password, WifiReconnectionKind.Automatic, false);
        }
    }
}
