namespace AwsIotDevice.Core.Abstractions
{
    /// <summary>
    /// Every reason the device can fail to deliver telemetry. Values are stable (they index counters and
    /// appear in STATUS); add new ones at the end, before <see cref="Count"/>.
    /// </summary>
    public enum Fault
    {
        None = 0,
        NotProvisioned = 1,
        NetworkDown = 2,
        WifiAuthFailed = 3,
        TimeNotSet = 4,
        DnsFailure = 5,
        TcpFailure = 6,
        TlsFailure = 7,
        AlpnUnavailable = 8,
        ConnectTimeout = 9,
        ConnectRefused = 10,
        ClosedAfterConnack = 11,
        ConnectionLost = 12,
        PublishTimeout = 13,
        PublishRejected = 14,
        Internal = 15,

        /// <summary>Number of values above; not a fault.</summary>
        Count = 16,
    }

    /// <summary>Stable names for <see cref="Fault"/> (enum ToString is not reliable on nanoFramework).</summary>
    public static class FaultNames
    {
        private static readonly string[] Names =
        {
            "None", "NotProvisioned", "NetworkDown", "WifiAuthFailed", "TimeNotSet", "DnsFailure",
            "TcpFailure", "TlsFailure", "AlpnUnavailable", "ConnectTimeout", "ConnectRefused",
            "ClosedAfterConnack", "ConnectionLost", "PublishTimeout", "PublishRejected", "Internal",
        };

        /// <summary>Returns the name of <paramref name="fault"/>, or "Fault&lt;n&gt;" for an unknown value.</summary>
        public static string Of(Fault fault)
        {
            int index = (int)fault;
            return index >= 0 && index < Names.Length ? Names[index] : "Fault" + index.ToString();
        }
    }
}
