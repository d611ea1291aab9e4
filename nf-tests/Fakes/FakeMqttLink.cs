using System.Collections;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Tests.Fakes
{
    /// <summary>
    /// A scriptable <see cref="IMqttLink"/> on a <see cref="FakeClock"/>.
    /// <list type="bullet">
    /// <item>Connect attempt n (0-based) returns <see cref="ConnectResults"/>[n] (past the end:
    /// <see cref="DefaultConnectResult"/>) after <see cref="ConnectDurationMs"/>; an accepted session closes by itself
    /// <see cref="CloseAfterMs"/>[n] ms after CONNACK (negative or past the end: never).</item>
    /// <item>Publish call n on a live session returns <see cref="PublishResults"/>[n] (past the end: None); on a
    /// closed session ConnectionLost without using the script. PublishTimeout takes the timeout on the clock;
    /// ConnectionLost ends the session. Only successful publishes are recorded as delivered.</item>
    /// <item>Process (the supervisor idling while connected) advances the clock like a sleep, ending at the scripted close
    /// with ConnectionLost.</item>
    /// <item>Records every CONNECT time and request, and every delivered payload as text.</item>
    /// </list>
    /// </summary>
    public class FakeMqttLink : IMqttLink, IAbortable
    {
        private readonly FakeClock _clock;
        private bool _open;
        private long _closeAtMs = -1;

        /// <summary>Creates a link that accepts every CONNECT and every publish.</summary>
        public FakeMqttLink(FakeClock clock)
        {
            _clock = clock;
        }

        /// <summary>Result of each Connect call in order.</summary>
        public Fault[] ConnectResults;

        /// <summary>Result of Connect calls past the end of <see cref="ConnectResults"/>.</summary>
        public Fault DefaultConnectResult = Fault.None;

        /// <summary>Per connect attempt: ms after CONNACK at which the broker closes the session (negative: never).</summary>
        public int[] CloseAfterMs;

        /// <summary>How long each Connect takes on the fake clock.</summary>
        public int ConnectDurationMs;

        /// <summary>Per connect attempt: how long it takes (past the end: <see cref="ConnectDurationMs"/>).</summary>
        public int[] ConnectDurationsMs;

        /// <summary>How long each Close takes on the fake clock.</summary>
        public int CloseDurationMs;

        /// <summary>Abort calls (the supervisor tearing the link down from outside).</summary>
        public int AbortCalls;

        /// <summary>Result of each Publish call on a live session, in order.</summary>
        public Fault[] PublishResults;

        /// <summary>The detail reported with every scripted failure (a test may put a secret in it to check scrubbing).</summary>
        public string FailureDetail = "scripted failure";

        /// <summary>Uptime of every CONNECT, as boxed longs.</summary>
        public readonly ArrayList ConnectTimes = new ArrayList();

        /// <summary>Every <see cref="MqttConnectRequest"/> received.</summary>
        public readonly ArrayList ConnectRequests = new ArrayList();

        /// <summary>Every delivered payload, decoded as UTF-8 text.</summary>
        public readonly ArrayList Payloads = new ArrayList();

        /// <summary>Topic of every delivered payload.</summary>
        public readonly ArrayList Topics = new ArrayList();

        /// <summary>QoS of the last publish call.</summary>
        public int LastQos = -1;

        /// <summary>Publish calls that reached the script (live session).</summary>
        public int PublishCalls;

        /// <summary>Close calls.</summary>
        public int CloseCalls;

        /// <summary>See <see cref="IMqttLink.LastErrorDetail"/>.</summary>
        public string LastErrorDetail { get; private set; } = string.Empty;

        /// <summary>See <see cref="IMqttLink.IsConnected"/>.</summary>
        public bool IsConnected
        {
            get { return _open && (_closeAtMs < 0 || _clock.UptimeMs < _closeAtMs); }
        }

        /// <summary>A Connect beyond this many calls throws: a supervisor that loops without waiting fails, not hangs.</summary>
        public int MaxConnectCalls = 100000;

        /// <summary>See <see cref="IMqttLink.Connect"/>.</summary>
        /// <exception cref="System.InvalidOperationException">More than <see cref="MaxConnectCalls"/> calls.</exception>
        public Fault Connect(MqttConnectRequest request)
        {
            int attempt = ConnectTimes.Count;
            if (attempt >= MaxConnectCalls)
            {
                throw new System.InvalidOperationException("FakeMqttLink: too many Connect calls (runaway loop?)");
            }

            _open = false;
            ConnectTimes.Add(_clock.UptimeMs);
            ConnectRequests.Add(request);
            _clock.Advance(ConnectDurationsMs != null && attempt < ConnectDurationsMs.Length ? ConnectDurationsMs[attempt] : ConnectDurationMs);
            Fault result = ConnectResults != null && attempt < ConnectResults.Length ? ConnectResults[attempt] : DefaultConnectResult;
            if (result != Fault.None)
            {
                LastErrorDetail = FailureDetail + " " + FaultNames.Of(result);
                return result;
            }

            _open = true;
            int closeAfter = CloseAfterMs != null && attempt < CloseAfterMs.Length ? CloseAfterMs[attempt] : -1;
            _closeAtMs = closeAfter < 0 ? -1 : _clock.UptimeMs + closeAfter;
            LastErrorDetail = string.Empty;
            return Fault.None;
        }

        /// <summary>See <see cref="IMqttLink.Publish"/>.</summary>
        public Fault Publish(string topic, byte[] payload, int length, int qos, int timeoutMs)
        {
            LastQos = qos;
            if (!IsConnected)
            {
                _open = false;
                LastErrorDetail = FailureDetail + " socket closed by broker";
                return Fault.ConnectionLost;
            }

            int index = PublishCalls++;
            Fault result = PublishResults != null && index < PublishResults.Length ? PublishResults[index] : Fault.None;
            if (result == Fault.None)
            {
                Payloads.Add(Utf8.Decode(payload, 0, length));
                Topics.Add(topic);
                return Fault.None;
            }

            if (result == Fault.PublishTimeout)
            {
                _clock.Advance(timeoutMs);
            }

            if (result == Fault.ConnectionLost)
            {
                _open = false;
            }

            LastErrorDetail = FailureDetail + " " + FaultNames.Of(result);
            return result;
        }

        /// <summary>Process calls (the supervisor idling while connected).</summary>
        public int ProcessCalls;

        /// <summary>
        /// See <see cref="IMqttLink.Process"/>: advances the clock by <paramref name="timeoutMs"/>, or only up to the moment
        /// the scripted session closes (then ConnectionLost, as a real link notices the close while waiting).
        /// </summary>
        public Fault Process(int timeoutMs)
        {
            ProcessCalls++;
            if (!IsConnected)
            {
                _open = false;
                LastErrorDetail = FailureDetail + " socket closed by broker";
                return Fault.ConnectionLost;
            }

            if (_closeAtMs >= 0 && _clock.UptimeMs + timeoutMs >= _closeAtMs)
            {
                _clock.Advance(_closeAtMs - _clock.UptimeMs);
                _open = false;
                LastErrorDetail = FailureDetail + " socket closed by broker";
                return Fault.ConnectionLost;
            }

            _clock.Advance(timeoutMs);
            return Fault.None;
        }

        /// <summary>See <see cref="IMqttLink.Close"/>.</summary>
        public void Close()
        {
            CloseCalls++;
            _clock.Advance(CloseDurationMs);
            _open = false;
        }

        /// <summary>See <see cref="IAbortable.Abort"/>: ends the session at once.</summary>
        public void Abort()
        {
            AbortCalls++;
            _open = false;
        }

        /// <summary>Uptime of CONNECT number <paramref name="index"/>.</summary>
        public long ConnectTime(int index)
        {
            return (long)ConnectTimes[index];
        }

        /// <summary>The "seq" of every delivered payload, in delivery order.</summary>
        public long[] DeliveredSequences()
        {
            long[] result = new long[Payloads.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = SequenceOf((string)Payloads[i]);
            }

            return result;
        }

        /// <summary>The number after "seq": in a payload, or -1 when there is none.</summary>
        public static long SequenceOf(string payload)
        {
            const string Key = "\"seq\":";
            int at = payload.IndexOf(Key);
            if (at < 0)
            {
                return -1;
            }

            long value = 0;
            int i = at + Key.Length;
            bool any = false;
            while (i < payload.Length && payload[i] >= '0' && payload[i] <= '9')
            {
                value = value * 10 + (payload[i] - '0');
                i++;
                any = true;
            }

            return any ? value : -1;
        }
    }
}
