using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using AwsIotDevice.Core.Abstractions;
using nanoFramework.Networking;

namespace AwsIotDevice.Platform
{
    /// <summary>
    /// Wi-Fi station on the ESP32, through nanoFramework's <see cref="WifiNetworkHelper"/>.
    /// <para>
    /// Joining stores the credentials in the runtime's network configuration and asks for automatic
    /// reconnection, so after a drop the radio re-associates by itself. Sockets, TLS and MQTT do not
    /// survive a drop: Core must rebuild them (it does, through <see cref="IMqttLink.Connect"/>).
    /// </para>
    /// <para>
    /// Re-joins after the first success only wait for that automatic reconnection
    /// (<see cref="WifiNetworkHelper.Reconnect"/>): <see cref="WifiNetworkHelper.ConnectDhcp"/> rewrites the
    /// stored Wi-Fi configuration in flash each time it runs while disconnected, and a long outage with
    /// backoff would otherwise wear that flash block. Every <see cref="ExplicitJoinEvery"/>-th failed wait
    /// falls back to an explicit join in case the radio gave up.
    /// </para>
    /// <para>
    /// Timing: the ESP32's native connect blocks up to about 20 s inside ConnectDhcp whatever the token says,
    /// and a failed explicit join is diagnosed with one more direct connect (up to about 20 s), so
    /// <see cref="Join"/> can take roughly max(timeoutMs, 20 s) + 20 s in the worst case.
    /// </para>
    /// </summary>
    public class WifiNetwork : INetwork
    {
        /// <summary>
        /// TLS needs a real date; the ESP32 boots at 1970 and SNTP moves it. Any year before this is "not set"
        /// (stricter than the helper's own 2021 check, which a stale RTC could pass).
        /// </summary>
        public const int MinValidYear = 2024;

        /// <summary>After a first successful join, one re-join in this many is an explicit one.</summary>
        public const int ExplicitJoinEvery = 3;

        /// <summary>How long <see cref="Leave"/> waits for the address to go after disconnecting.</summary>
        public const int LeaveWaitMs = 2000;

        private string _joinedSsid;
        private int _failedRejoins;
        private string _lastErrorDetail = string.Empty;

        /// <inheritdoc />
        public string LastErrorDetail
        {
            get { return _lastErrorDetail; }
        }

        /// <inheritdoc />
        public bool IsUp
        {
            get { return HasIpAddress(); }
        }

        /// <inheritdoc />
        public bool IsTimeValid
        {
            get { return DateTime.UtcNow.Year >= MinValidYear; }
        }

        /// <summary>
        /// The SSID this adapter joined, or, before any join of ours (the radio re-associated by itself at boot), the
        /// SSID of the runtime's stored Wi-Fi configuration, which is what the radio associates with. Null without an
        /// address. The adapter API has no "connected SSID" query, hence the two sources.
        /// </summary>
        public string CurrentSsid
        {
            get
            {
                if (!HasIpAddress())
                {
                    return null;
                }

                return _joinedSsid != null ? _joinedSsid : StoredSsid();
            }
        }

        /// <summary>
        /// Disconnects the station and waits up to <see cref="LeaveWaitMs"/> for the address to go: ConnectDhcp treats
        /// "has an address and the stored SSID matches" as already connected and would then keep a link made with an
        /// old password. Forgets the joined SSID, so the next <see cref="Join"/> is an explicit one.
        /// </summary>
        public void Leave()
        {
            _joinedSsid = null;
            _failedRejoins = 0;
            try
            {
                WifiAdapter adapter = WifiNetworkHelper.WifiAdapter;
                if (adapter == null)
                {
                    WifiAdapter[] adapters = WifiAdapter.FindAllAdapters();
                    if (adapters.Length == 0)
                    {
                        return;
                    }

                    adapter = adapters[0];
                }

                adapter.Disconnect();
                for (int waited = 0; waited < LeaveWaitMs && HasIpAddress(); waited += 100)
                {
                    Thread.Sleep(100);
                }
            }
            catch (Exception)
            {
                // Nothing to leave, or the adapter is gone: the next Join reports what is wrong.
            }
        }

        /// <inheritdoc />
        public Fault Join(string ssid, string password, int timeoutMs)
        {
            if (timeoutMs < 1000)
            {
                timeoutMs = 1000;
            }

            if (HasIpAddress() && ssid == _joinedSsid)
            {
                _lastErrorDetail = string.Empty;
                return Fault.None;
            }

            bool explicitJoin = _joinedSsid == null || ssid != _joinedSsid || (_failedRejoins + 1) % ExplicitJoinEvery == 0;
            bool ok;

            CancellationTokenSource cts = new CancellationTokenSource(timeoutMs);
            try
            {
                if (explicitJoin)
                {
                    ok = WifiNetworkHelper.ConnectDhcp(ssid, password, WifiReconnectionKind.Automatic, requiresDateTime: true, wifiAdapterId: 0, token: cts.Token);
                }
                else
                {
                    ok = WifiNetworkHelper.Reconnect(requiresDateTime: true, wifiAdapterId: 0, token: cts.Token);
                }
            }
            catch (Exception ex)
            {
                // The helper catches its own exceptions; this guards the contract "never throws".
                _lastErrorDetail = "Wi-Fi helper failed: " + ex.GetType().FullName;
                return Fault.Internal;
            }
            finally
            {
                cts.Dispose();
            }

            // The helper was also told to wait for the clock (requiresDateTime); running out of time there still
            // leaves an IP address, which is all Join promises. Waiting for valid time is Core's next state.
            if (ok || (WifiNetworkHelper.Status == NetworkHelperStatus.TokenExpiredWaitingDateTime && HasIpAddress()))
            {
                _joinedSsid = ssid;
                _failedRejoins = 0;
                _lastErrorDetail = string.Empty;
                return Fault.None;
            }

            if (_joinedSsid != null && ssid == _joinedSsid)
            {
                _failedRejoins++;
            }

            return MapFailure(ssid, password, timeoutMs, explicitJoin);
        }

        private Fault MapFailure(string ssid, string password, int timeoutMs, bool explicitJoin)
        {
            string seconds = (timeoutMs / 1000).ToString();

            switch (WifiNetworkHelper.Status)
            {
                case NetworkHelperStatus.TokenExpiredWaitingDateTime:
                    // Had an address while waiting for the clock, and lost it again before we looked.
                    _lastErrorDetail = "joined Wi-Fi '" + ssid + "' but the IP address was lost again";
                    return Fault.NetworkDown;

                case NetworkHelperStatus.TokenExpiredWaitingIPAddress:
                    if (!explicitJoin)
                    {
                        // Only waited for the radio's own reconnection: no join of ours to diagnose.
                        _lastErrorDetail = "Wi-Fi '" + ssid + "' not back within " + seconds + " s (waiting for automatic reconnection)";
                        return Fault.NetworkDown;
                    }

                    return DiagnoseNoAddress(ssid, password, seconds);

                case NetworkHelperStatus.FailedNoNetworkInterface:
                    _lastErrorDetail = "this firmware image has no network interface configured (flash an ESP32 Wi-Fi target with nanoff)";
                    return Fault.Internal;

                case NetworkHelperStatus.ExceptionOccurred:
                    Exception ex = WifiNetworkHelper.HelperException;
                    _lastErrorDetail = "Wi-Fi helper raised " + (ex == null ? "an exception" : ex.GetType().FullName) + " while joining '" + ssid + "'";
                    return Fault.NetworkDown;

                default:
                    _lastErrorDetail = "could not join Wi-Fi '" + ssid + "' within " + seconds + " s";
                    return Fault.NetworkDown;
            }
        }

        /// <summary>
        /// ConnectDhcp discards the adapter's connect result, so a wrong password and an absent access point
        /// look the same (no IP address before the timeout). One direct connect attempt tells them apart; it
        /// blocks at most about 20 s (the ESP32 native connect wait) and counts as another join attempt.
        /// </summary>
        private Fault DiagnoseNoAddress(string ssid, string password, string seconds)
        {
            WifiConnectionStatus status;
            try
            {
                WifiAdapter adapter = WifiNetworkHelper.WifiAdapter;
                if (adapter == null)
                {
                    adapter = WifiAdapter.FindAllAdapters()[0];
                }

                status = adapter.Connect(ssid, WifiReconnectionKind.Automatic, password).ConnectionStatus;
            }
            catch (Exception)
            {
                _lastErrorDetail = "no IP address from Wi-Fi '" + ssid + "' within " + seconds + " s";
                return Fault.NetworkDown;
            }

            switch (status)
            {
                case WifiConnectionStatus.InvalidCredential:
                case WifiConnectionStatus.UnsupportedAuthenticationProtocol:
                case WifiConnectionStatus.AccessRevoked:
                    _lastErrorDetail = "access point '" + ssid + "' refused the join: wrong Wi-Fi password, unsupported security mode, or signal too weak to finish the handshake";
                    return Fault.WifiAuthFailed;

                case WifiConnectionStatus.NetworkNotAvailable:
                    _lastErrorDetail = "no access point named '" + ssid + "' in range (the ESP32 sees 2.4 GHz networks only)";
                    return Fault.NetworkDown;

                case WifiConnectionStatus.Success:
                    _lastErrorDetail = "associated with '" + ssid + "' but got no IP address from DHCP within " + seconds + " s";
                    return Fault.NetworkDown;

                default:
                    _lastErrorDetail = "Wi-Fi join to '" + ssid + "' timed out (no answer from the access point)";
                    return Fault.NetworkDown;
            }
        }

        private static string StoredSsid()
        {
            try
            {
                NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
                for (int i = 0; i < interfaces.Length; i++)
                {
                    NetworkInterface ni = interfaces[i];
                    if (ni.NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                    {
                        string ssid = Wireless80211Configuration.GetAllWireless80211Configurations()[ni.SpecificConfigId].Ssid;
                        return ssid != null && ssid.Length > 0 ? ssid : null;
                    }
                }
            }
            catch (Exception)
            {
                // No stored configuration readable: the SSID is unknown.
            }

            return null;
        }

        private static bool HasIpAddress()
        {
            try
            {
                NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
                for (int i = 0; i < interfaces.Length; i++)
                {
                    NetworkInterface ni = interfaces[i];
                    if (ni.NetworkInterfaceType != NetworkInterfaceType.Wireless80211)
                    {
                        continue;
                    }

                    string ip = ni.IPv4Address;
                    return ip != null && ip.Length > 0 && ip != "0.0.0.0";
                }
            }
            catch (Exception)
            {
                // An interface query failing means there is no usable network right now.
            }

            return false;
        }
    }
}
