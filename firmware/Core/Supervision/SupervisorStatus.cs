using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Supervision
{
    /// <summary>
    /// A copy of the supervisor's observable state at one moment (see <see cref="Supervisor.GetStatus"/>).
    /// Holds no secrets, so it can be shown over the serial STATUS command as it is.
    /// </summary>
    public class SupervisorStatus
    {
        public SupervisorState State;

        /// <summary>True between an accepted CONNACK and the end of that session.</summary>
        public bool Connected;

        public Fault LastFault;

        /// <summary>Secret-free detail of <see cref="LastFault"/> ("" when none).</summary>
        public string LastFaultDetail = string.Empty;

        /// <summary>How often each fault happened, indexed by (int)Fault; length Fault.Count.</summary>
        public readonly int[] FaultCounts = new int[(int)Fault.Count];

        /// <summary>CONNECT attempts started.</summary>
        public int ConnectAttempts;

        /// <summary>CONNECT attempts the broker accepted.</summary>
        public int Connects;

        /// <summary>Readings delivered (PUBACK for QoS 1, written for QoS 0).</summary>
        public long Published;

        /// <summary>Readings waiting in the queue.</summary>
        public int Queued;

        /// <summary>Readings dropped because the queue was full.</summary>
        public long Dropped;

        /// <summary>Consecutive failures counted by the backoff policy.</summary>
        public int BackoffAttempt;

        /// <summary>The last backoff delay chosen, in milliseconds.</summary>
        public int LastDelayMs;

        /// <summary>Milliseconds of backoff still to wait (0 when none).</summary>
        public long BackoffRemainingMs;

        public long UptimeMs;

        /// <summary>Secret-free fields of the supervisor's hooks (token expiry, renewal), appended to STATUS; "" when none.</summary>
        public string Credentials = string.Empty;

        /// <summary>Name of <see cref="State"/>.</summary>
        public string StateName
        {
            get { return SupervisorStateNames.Of(State); }
        }

        /// <summary>Name of <see cref="LastFault"/>.</summary>
        public string LastFaultName
        {
            get { return FaultNames.Of(LastFault); }
        }

        /// <summary>Count for one fault (0 for an out-of-range value).</summary>
        public int CountOf(Fault fault)
        {
            int index = (int)fault;
            return index >= 0 && index < FaultCounts.Length ? FaultCounts[index] : 0;
        }

        /// <summary>
        /// One line of space-separated key=value pairs, e.g.
        /// <c>state=Publishing connected=1 published=12 queued=0 dropped=0 attempts=3 connects=1 backoff=2
        /// lastDelayMs=1500 lastFault=TlsFailure detail="handshake failed" faults=TlsFailure:2,DnsFailure:1</c>.
        /// Only non-zero fault counters are listed ("faults=-" when none). The detail is quoted; quotes and line
        /// breaks in it are replaced so the line stays one parseable line.
        /// </summary>
        public string Describe()
        {
            TextBuilder b = new TextBuilder();
            b.Append("state=").Append(StateName);
            b.Append(" connected=").Append(Connected ? "1" : "0");
            b.Append(" published=").Append(Published.ToString());
            b.Append(" queued=").Append(Queued.ToString());
            b.Append(" dropped=").Append(Dropped.ToString());
            b.Append(" attempts=").Append(ConnectAttempts.ToString());
            b.Append(" connects=").Append(Connects.ToString());
            b.Append(" backoff=").Append(BackoffAttempt.ToString());
            b.Append(" lastDelayMs=").Append(LastDelayMs.ToString());
            b.Append(" waitMs=").Append(BackoffRemainingMs.ToString());
            b.Append(" lastFault=").Append(LastFaultName);
            b.Append(" detail=\"").Append(Clean(LastFaultDetail)).Append('"');
            b.Append(" faults=");
            bool any = false;
            for (int i = 1; i < FaultCounts.Length; i++)
            {
                if (FaultCounts[i] == 0)
                {
                    continue;
                }

                if (any)
                {
                    b.Append(',');
                }

                b.Append(FaultNames.Of((Fault)i)).Append(':').Append(FaultCounts[i].ToString());
                any = true;
            }

            if (!any)
            {
                b.Append('-');
            }

            b.Append(" uptimeMs=").Append(UptimeMs.ToString());
            if (Credentials != null && Credentials.Length > 0)
            {
                b.Append(' ').Append(Credentials);
            }

            return b.ToString();
        }

        private static string Clean(string text)
        {
            if (text == null)
            {
                return string.Empty;
            }

            TextBuilder b = new TextBuilder();
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                b.Append(c == '"' ? '\'' : (c < ' ' ? ' ' : c));
            }

            return b.ToString();
        }
    }
}
