using System;
using System.Device.Wifi;
using nanoFramework.Networking;

namespace AwsIotDevice.Platform
{
    /// <summary>
    /// Wi-Fi signal strength, the only way nanoFramework offers it: System.Device.Wifi has no "RSSI of the
    /// current connection" property; the value exists only per access point in a scan report
    /// (<see cref="WifiAvailableNetwork.NetworkRssiInDecibelMilliwatts"/>). So this starts a scan now and then
    /// and keeps the strongest RSSI reported for the joined SSID.
    /// <para>
    /// A scan takes the radio off channel for a moment while connected (packets are delayed, TCP recovers),
    /// which is why it is opt-in and rate-limited.
    /// </para>
    /// </summary>
    public class WifiRssiProbe
    {
        private readonly string _ssid;
        private readonly int _minScanIntervalMs;
        private readonly object _sync = new object();
        private WifiAdapter _adapter;
        private long _lastScanMs = long.MinValue;
        private int _rssi;
        private bool _haveRssi;

        /// <summary>Reports the RSSI of <paramref name="ssid"/>, scanning at most once per <paramref name="minScanIntervalMs"/>.</summary>
        public WifiRssiProbe(string ssid, int minScanIntervalMs)
        {
            _ssid = ssid;
            _minScanIntervalMs = minScanIntervalMs < 10000 ? 10000 : minScanIntervalMs;
        }

        /// <summary>
        /// Returns the RSSI (dBm) from the most recent completed scan, and starts a new scan when the last one is
        /// older than the interval. False until a scan has seen the SSID. Never throws.
        /// </summary>
        public bool TryGetRssi(out int dbm)
        {
            MaybeStartScan();

            lock (_sync)
            {
                dbm = _rssi;
                return _haveRssi;
            }
        }

        private void MaybeStartScan()
        {
            long now = Environment.TickCount64;
            if (_lastScanMs != long.MinValue && now - _lastScanMs < _minScanIntervalMs)
            {
                return;
            }

            _lastScanMs = now;

            try
            {
                if (_adapter == null)
                {
                    _adapter = WifiNetworkHelper.WifiAdapter;
                    if (_adapter == null)
                    {
                        _adapter = WifiAdapter.FindAllAdapters()[0];
                    }

                    _adapter.AvailableNetworksChanged += OnScanDone;
                }

                _adapter.ScanAsync();
            }
            catch (Exception)
            {
                // Busy (a connect in progress) or no adapter: try again next interval.
            }
        }

        private void OnScanDone(WifiAdapter sender, object e)
        {
            try
            {
                WifiAvailableNetwork[] networks = sender.NetworkReport.AvailableNetworks;
                bool found = false;
                int best = int.MinValue;
                for (int i = 0; i < networks.Length; i++)
                {
                    if (networks[i].Ssid == _ssid && (int)networks[i].NetworkRssiInDecibelMilliwatts > best)
                    {
                        best = (int)networks[i].NetworkRssiInDecibelMilliwatts;
                        found = true;
                    }
                }

                lock (_sync)
                {
                    _haveRssi = found;
                    if (found)
                    {
                        _rssi = best;
                    }
                }
            }
            catch (Exception)
            {
                // A malformed report is ignored; the previous value stands until the next scan.
            }
        }
    }
}
