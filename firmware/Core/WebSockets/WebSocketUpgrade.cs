using System.Collections;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.WebSockets
{
    /// <summary>
    /// What the client puts in its HTTP upgrade request (RFC 6455 4.1) beyond what the handshake always writes: the
    /// host, the path and query, the subprotocol, and extra headers (AWS's custom-authorizer credentials, see
    /// Auth/CustomAuthUpgrade). Values that are credentials are registered as secrets so no detail string ever quotes
    /// them, even when a server echoes them back. Built once per connection attempt; not thread-safe.
    /// </summary>
    public sealed class WebSocketUpgrade
    {
        /// <summary>AWS IoT Core's MQTT-over-WebSocket path.</summary>
        public const string DefaultPath = "/mqtt";

        /// <summary>The subprotocol MQTT over WebSockets uses (MQTT 3.1.1 section 6).</summary>
        public const string MqttProtocol = "mqtt";

        private readonly ArrayList _names = new ArrayList();
        private readonly ArrayList _values = new ArrayList();
        private readonly ArrayList _secrets = new ArrayList();

        /// <summary>An upgrade to <paramref name="host"/> (the Host header: the DNS name, with ":port" when not 443) on <see cref="DefaultPath"/>.</summary>
        public WebSocketUpgrade(string host)
        {
            Host = host;
        }

        /// <summary>The Host header value. Must be non-empty, without spaces or control characters.</summary>
        public string Host;

        /// <summary>The request path; starts with '/', no spaces, control characters, '?' or '#'.</summary>
        public string Path = DefaultPath;

        /// <summary>The query without its '?', already percent-encoded; null or empty for none.</summary>
        public string Query;

        /// <summary>The Sec-WebSocket-Protocol to ask for; null or empty to ask for none.</summary>
        public string Protocol = MqttProtocol;

        /// <summary>The first header <see cref="AddHeader"/> refused and why (the name only, never the value); null when none.</summary>
        public string Problem { get; private set; }

        /// <summary>Number of extra headers.</summary>
        public int HeaderCount
        {
            get { return _names.Count; }
        }

        /// <summary>Name of extra header <paramref name="index"/>.</summary>
        public string HeaderName(int index)
        {
            return (string)_names[index];
        }

        /// <summary>Value of extra header <paramref name="index"/>.</summary>
        public string HeaderValue(int index)
        {
            return (string)_values[index];
        }

        /// <summary>
        /// Adds the header <paramref name="name"/>: <paramref name="value"/> to the request; when
        /// <paramref name="secret"/>, the value is also registered with <see cref="AddSecret"/>. Refuses (returns false,
        /// sets <see cref="Problem"/>, adds nothing) a name that is not an HTTP token or that the handshake writes
        /// itself, and a value with CR, LF or another control character (header injection). A request with a refused
        /// header is never sent: the handshake fails with Fault.UpgradeFailed.
        /// </summary>
        public bool AddHeader(string name, string value, bool secret)
        {
            if (secret)
            {
                AddSecret(value);
            }

            string problem = CheckName(name);
            if (problem == null)
            {
                problem = CheckValue(value);
            }

            if (problem != null)
            {
                if (Problem == null)
                {
                    Problem = "header '" + Ascii.Printable(name, 64) + "' " + problem;
                }

                return false;
            }

            _names.Add(name);
            _values.Add(value);
            return true;
        }

        /// <summary>Registers <paramref name="value"/> (non-empty) as a credential no detail string may contain.</summary>
        public void AddSecret(string value)
        {
            if (value != null && value.Length > 0)
            {
                _secrets.Add(value);
            }
        }

        /// <summary>
        /// <paramref name="text"/>, unless it contains a registered secret: then a fixed note instead, so a server that
        /// echoes a credential (in a status line or close reason) cannot put it in a log.
        /// </summary>
        public string Redact(string text)
        {
            if (text == null)
            {
                return string.Empty;
            }

            for (int i = 0; i < _secrets.Count; i++)
            {
                if (text.IndexOf((string)_secrets[i]) >= 0)
                {
                    return "(withheld: it quotes a credential)";
                }
            }

            return text;
        }

        private static string CheckName(string name)
        {
            if (name == null || name.Length == 0)
            {
                return "has an empty name";
            }

            for (int i = 0; i < name.Length; i++)
            {
                if (!IsTokenChar(name[i]))
                {
                    return "is not an HTTP token";
                }
            }

            if (Ascii.EqualsIgnoreCase(name, "Host") || Ascii.EqualsIgnoreCase(name, "Upgrade") || Ascii.EqualsIgnoreCase(name, "Connection")
                || (name.Length >= 14 && Ascii.EqualsIgnoreCase(name.Substring(0, 14), "Sec-WebSocket-")))
            {
                return "is written by the handshake itself";
            }

            return null;
        }

        private static string CheckValue(string value)
        {
            if (value == null)
            {
                return "has no value";
            }

            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '\r' || c == '\n')
                {
                    return "value contains CR or LF";
                }

                if ((c < ' ' && c != '\t') || c == (char)0x7F)
                {
                    return "value contains a control character";
                }
            }

            return null;
        }

        /// <summary>RFC 7230 tchar: ALPHA, DIGIT and "!#$%&amp;'*+-.^_`|~".</summary>
        private static bool IsTokenChar(char c)
        {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            {
                return true;
            }

            return "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;
        }
    }
}
