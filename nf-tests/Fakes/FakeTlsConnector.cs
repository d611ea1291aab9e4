using System.Collections;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Tests.Fakes
{
    /// <summary>
    /// A scriptable <see cref="ITlsConnector"/> on a <see cref="FakeClock"/>: attempt n (0-based) fails with
    /// <see cref="Results"/>[n] (None or past the end: connects) after <see cref="ConnectDurationMs"/>; a connection is a
    /// new <see cref="FakeBroker"/>, scripted by <see cref="Setup"/> before the client writes anything. ALPN asked where
    /// <see cref="CanSendAlpn"/> is false is AlpnUnavailable, as the contract says. Records every call.
    /// </summary>
    public class FakeTlsConnector : ITlsConnector
    {
        /// <summary>Scripts broker connection number <paramref name="connection"/> (0-based, successful connects only).</summary>
        public delegate void BrokerSetup(FakeBroker broker, int connection);

        private readonly FakeClock _clock;

        /// <summary>A connector that always connects, on <paramref name="clock"/>.</summary>
        public FakeTlsConnector(FakeClock clock)
        {
            _clock = clock;
        }

        /// <summary>See <see cref="ITlsConnector.CanSendAlpn"/>; settable.</summary>
        public bool CanSendAlpn { get; set; }

        /// <summary>Result of each Connect attempt in order (None or past the end: a new broker connection).</summary>
        public Fault[] Results;

        /// <summary>How long each attempt takes on the clock.</summary>
        public int ConnectDurationMs;

        /// <summary>Scripts each new broker connection (null: a well-behaved broker).</summary>
        public BrokerSetup Setup;

        /// <summary>Every broker connection made, in order.</summary>
        public readonly ArrayList Brokers = new ArrayList();

        /// <summary>Host of every attempt.</summary>
        public readonly ArrayList Hosts = new ArrayList();

        /// <summary>Port of every attempt (boxed ints).</summary>
        public readonly ArrayList Ports = new ArrayList();

        /// <summary>Whether each attempt asked for ALPN "mqtt" (boxed bools).</summary>
        public readonly ArrayList Alpn = new ArrayList();

        /// <summary>Timeout of every attempt (boxed ints).</summary>
        public readonly ArrayList Timeouts = new ArrayList();

        /// <summary>See <see cref="ITlsConnector.LastErrorDetail"/>.</summary>
        public string LastErrorDetail { get; private set; } = string.Empty;

        /// <summary>Connect attempts so far.</summary>
        public int Attempts
        {
            get { return Hosts.Count; }
        }

        /// <summary>The broker of successful connection <paramref name="index"/>.</summary>
        public FakeBroker Broker(int index)
        {
            return (FakeBroker)Brokers[index];
        }

        /// <summary>The most recent broker connection (null before any).</summary>
        public FakeBroker Last
        {
            get { return Brokers.Count == 0 ? null : (FakeBroker)Brokers[Brokers.Count - 1]; }
        }

        /// <summary>See <see cref="ITlsConnector.Connect"/>.</summary>
        public Fault Connect(string host, int port, bool alpnMqtt, int timeoutMs, out ITransport transport)
        {
            int attempt = Hosts.Count;
            Hosts.Add(host);
            Ports.Add(port);
            Alpn.Add(alpnMqtt);
            Timeouts.Add(timeoutMs);
            _clock.Advance(ConnectDurationMs);
            transport = null;
            if (alpnMqtt && !CanSendAlpn)
            {
                LastErrorDetail = "this connector cannot send ALPN";
                return Fault.AlpnUnavailable;
            }

            Fault result = Results != null && attempt < Results.Length ? Results[attempt] : Fault.None;
            if (result != Fault.None)
            {
                LastErrorDetail = "scripted " + FaultNames.Of(result);
                return result;
            }

            FakeBroker broker = new FakeBroker(_clock);
            if (Setup != null)
            {
                Setup(broker, Brokers.Count);
            }

            Brokers.Add(broker);
            LastErrorDetail = string.Empty;
            transport = broker;
            return Fault.None;
        }
    }
}
