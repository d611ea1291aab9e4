using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Tests.Fakes
{
    /// <summary>
    /// A scriptable network on a <see cref="FakeClock"/>. Join results come from <see cref="JoinResults"/>, one per
    /// call (None after the script ends). Once joined, the network is up except during the outage window
    /// [<see cref="OutageFromMs"/>, <see cref="OutageUntilMs"/>), where it is down and joins fail with NetworkDown;
    /// after the window it comes back by itself, as the ESP32 radio re-associates. Time is valid from
    /// <see cref="TimeValidFromMs"/> on. The network joined is the SSID given to Join: a join to an SSID outside
    /// <see cref="KnownSsids"/> (when set) fails with NetworkDown, and a successful one stays associated with that
    /// SSID (<see cref="CurrentSsid"/>) until <see cref="Leave"/> or a later join, as the radio keeps its link.
    /// </summary>
    public class FakeNetwork : INetwork
    {
        private readonly FakeClock _clock;
        private bool _joined;
        private string _ssid;

        /// <summary>Creates a network that joins at the first attempt, never drops, and has valid time.</summary>
        public FakeNetwork(FakeClock clock)
        {
            _clock = clock;
        }

        /// <summary>Result of each Join call in order; null or past the end means None.</summary>
        public Fault[] JoinResults;

        /// <summary>How long each Join takes on the fake clock.</summary>
        public int JoinDurationMs;

        /// <summary>Start of the outage window (-1: none).</summary>
        public long OutageFromMs = -1;

        /// <summary>End of the outage window (exclusive).</summary>
        public long OutageUntilMs = -1;

        /// <summary>Uptime from which <see cref="IsTimeValid"/> is true.</summary>
        public long TimeValidFromMs;

        /// <summary>Join calls so far.</summary>
        public int JoinCalls;

        /// <summary>The password given to the last Join (so a test can check it was passed through).</summary>
        public string LastPassword;

        /// <summary>The SSIDs in range; null: every SSID is.</summary>
        public string[] KnownSsids;

        /// <summary>The SSID given to the last Join.</summary>
        public string LastSsid;

        /// <summary>Leave calls so far.</summary>
        public int LeaveCalls;

        /// <summary>
        /// Makes the network up on <paramref name="ssid"/> without a Join, as a radio that re-associated by itself with
        /// the network stored in its own configuration.
        /// </summary>
        public void AssociateWith(string ssid)
        {
            _joined = true;
            _ssid = ssid;
        }

        /// <summary>A Join beyond this many calls throws: a supervisor that loops without waiting fails, not hangs.</summary>
        public int MaxJoinCalls = 100000;

        /// <summary>See <see cref="INetwork.Join"/>.</summary>
        /// <exception cref="System.InvalidOperationException">More than <see cref="MaxJoinCalls"/> calls.</exception>
        public Fault Join(string ssid, string password, int timeoutMs)
        {
            if (JoinCalls >= MaxJoinCalls)
            {
                throw new System.InvalidOperationException("FakeNetwork: too many Join calls (runaway loop?)");
            }

            int index = JoinCalls++;
            LastPassword = password;
            LastSsid = ssid;
            _clock.Advance(JoinDurationMs);
            Fault result = JoinResults != null && index < JoinResults.Length ? JoinResults[index] : Fault.None;
            if (result == Fault.None && !Known(ssid))
            {
                result = Fault.NetworkDown;
            }

            if (result == Fault.None && InOutage())
            {
                result = Fault.NetworkDown;
            }

            if (result == Fault.None)
            {
                _joined = true;
                _ssid = ssid;
                LastErrorDetail = string.Empty;
            }
            else
            {
                _joined = false;
                _ssid = null;
                LastErrorDetail = FailureDetail + " " + FaultNames.Of(result);
            }

            return result;
        }

        /// <summary>See <see cref="INetwork.IsUp"/>.</summary>
        public bool IsUp
        {
            get { return _joined && !InOutage(); }
        }

        /// <summary>See <see cref="INetwork.IsTimeValid"/>.</summary>
        public bool IsTimeValid
        {
            get { return IsUp && _clock.UptimeMs >= TimeValidFromMs; }
        }

        /// <summary>See <see cref="INetwork.LastErrorDetail"/>.</summary>
        public string LastErrorDetail { get; private set; } = string.Empty;

        /// <summary>Start of the detail of every failed join (a test may put a secret in it to check scrubbing).</summary>
        public string FailureDetail = "scripted join failure";

        /// <summary>See <see cref="INetwork.CurrentSsid"/>.</summary>
        public string CurrentSsid
        {
            get { return IsUp ? _ssid : null; }
        }

        /// <summary>See <see cref="INetwork.Leave"/>.</summary>
        public void Leave()
        {
            LeaveCalls++;
            _joined = false;
            _ssid = null;
        }

        private bool Known(string ssid)
        {
            if (KnownSsids == null)
            {
                return true;
            }

            for (int i = 0; i < KnownSsids.Length; i++)
            {
                if (KnownSsids[i] == ssid)
                {
                    return true;
                }
            }

            return false;
        }

        private bool InOutage()
        {
            long now = _clock.UptimeMs;
            return OutageFromMs >= 0 && now >= OutageFromMs && now < OutageUntilMs;
        }
    }
}
