using System;
using System.Device.Wifi;
using System.Threading;
using EdgeDevices.Firmware.Timing;

namespace EdgeDevices.Firmware.Device.Health
{
    /// <summary>
    /// The signal strength of the joined network. nanoFramework reports RSSI only for scan results, so a
    /// probe runs a scan (a second or so, with a brief pause in traffic) and looks for the network's SSID.
    /// </summary>
    public sealed class RssiProbe
    {
        private const int ScanTimeoutMs = 5000;

        private readonly IClock _clock;
        private readonly string _ssid;
        private readonly ManualResetEvent _scanned = new ManualResetEvent(false);
        private WifiAdapter _adapter;

        /// <summary>A probe for <paramref name="ssid"/>.</summary>
        public RssiProbe(IClock clock, string ssid)
        {
            _clock = clock;
            _ssid = ssid;
        }

        /// <summary>RSSI in dBm, or 0 when unknown (no adapter, scan timed out, network not seen).</summary>
        public sbyte Measure()
        {
            try
            {
                if (_adapter == null)
                {
                    WifiAdapter[] adapters = WifiAdapter.FindAllAdapters();
                    if (adapters.Length == 0)
                    {
                        return 0;
                    }

                    _adapter = adapters[0];
                    _adapter.AvailableNetworksChanged += OnScanned;
                }

                _scanned.Reset();
                _adapter.ScanAsync();
                if (!_clock.WaitFor(_scanned, ScanTimeoutMs))
                {
                    return 0;
                }

                WifiAvailableNetwork[] networks = _adapter.NetworkReport.AvailableNetworks;
                for (int i = 0; i < networks.Length; i++)
                {
                    if (networks[i].Ssid == _ssid)
                    {
                        double rssi = networks[i].NetworkRssiInDecibelMilliwatts;
                        return rssi < -127 ? (sbyte)-127 : rssi > -1 ? (sbyte)-1 : (sbyte)rssi;
                    }
                }
            }
            catch (Exception)
            {
                // A failed scan leaves the RSSI unknown; health is still reported.
            }

            return 0;
        }

        private void OnScanned(WifiAdapter sender, object e)
        {
            _scanned.Set();
        }
    }
}
