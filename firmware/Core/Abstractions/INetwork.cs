namespace AwsIotDevice.Core.Abstractions
{
    /// <summary>
    /// The IP network (Wi-Fi on the board). Implementations own the radio; Core only asks.
    /// </summary>
    public interface INetwork
    {
        /// <summary>
        /// Joins (or re-joins) the network and waits for an IP address, at most <paramref name="timeoutMs"/>.
        /// Returns <see cref="Fault.None"/> on success, otherwise the reason (NetworkDown, WifiAuthFailed, ...).
        /// Never throws. Must not log <paramref name="password"/>.
        /// </summary>
        Fault Join(string ssid, string password, int timeoutMs);

        /// <summary>True while the device has an IP address.</summary>
        bool IsUp { get; }

        /// <summary>True once the wall clock has been set (SNTP); TLS certificate checks need it.</summary>
        bool IsTimeValid { get; }

        /// <summary>A short, secret-free description of the last failure (for STATUS and debug output).</summary>
        string LastErrorDetail { get; }

        /// <summary>
        /// The SSID of the network the device is associated with while <see cref="IsUp"/>; null when not associated or
        /// when the platform cannot tell. The supervisor compares it with the configured SSID.
        /// </summary>
        string CurrentSsid { get; }

        /// <summary>
        /// Drops the current association, if any, so that the next <see cref="Join"/> joins with its own SSID and
        /// password instead of keeping a link made with other credentials. Safe at any time. Never throws.
        /// </summary>
        void Leave();
    }
}
