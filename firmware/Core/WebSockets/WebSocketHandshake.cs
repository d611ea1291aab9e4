using System;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Crypto;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.WebSockets
{
    /// <summary>
    /// The client side of the RFC 6455 opening handshake as text: the key, the request, the expected accept value and
    /// the check of the server's response head. No I/O (WebSocketTransport does that), so each rule is testable on its
    /// own. Stateless; any thread.
    /// </summary>
    public static class WebSocketHandshake
    {
        /// <summary>
        /// The GUID RFC 6455 1.3 and 4.2.2 append to the key before hashing. Note "47DA": a copy with "47D9" circulates
        /// and yields accept values no server sends (the RFC's sample key proves which is right).
        /// </summary>
        public const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

        /// <summary>Longest status line quoted in a detail string.</summary>
        public const int MaxQuotedStatus = 100;

        /// <summary>A fresh Sec-WebSocket-Key: 16 bytes from <paramref name="random"/>, base64 (24 characters).</summary>
        public static string NewKey(IRandomSource random)
        {
            byte[] nonce = new byte[16];
            for (int i = 0; i < nonce.Length; i++)
            {
                nonce[i] = (byte)random.Next(256);
            }

            return Convert.ToBase64String(nonce);
        }

        /// <summary>The Sec-WebSocket-Accept a server must return for <paramref name="key"/>: base64(SHA-1(key + GUID)).</summary>
        public static string AcceptFor(string key)
        {
            byte[] text = Utf8.GetBytes(key + AcceptGuid);
            return Convert.ToBase64String(Sha1.Hash(text, 0, text.Length));
        }

        /// <summary>
        /// The upgrade request for <paramref name="upgrade"/> with <paramref name="key"/>: request line, Host, Upgrade,
        /// Connection, Sec-WebSocket-Key, Sec-WebSocket-Version 13, Sec-WebSocket-Protocol (when asked for), the extra
        /// headers in order, and the blank line. Returns null with <paramref name="problem"/> set (secret-free) when
        /// the upgrade holds something that must not be sent (a refused header, a host, path or query with a space or
        /// control character).
        /// </summary>
        public static string BuildRequest(WebSocketUpgrade upgrade, string key, out string problem)
        {
            problem = Check(upgrade);
            if (problem != null)
            {
                return null;
            }

            TextBuilder b = new TextBuilder(256, TextBuilder.DefaultMaxLength);
            b.Append("GET ").Append(upgrade.Path);
            if (upgrade.Query != null && upgrade.Query.Length > 0)
            {
                b.Append('?').Append(upgrade.Query);
            }

            b.Append(" HTTP/1.1\r\n");
            b.Append("Host: ").Append(upgrade.Host).Append("\r\n");
            b.Append("Upgrade: websocket\r\n");
            b.Append("Connection: Upgrade\r\n");
            b.Append("Sec-WebSocket-Key: ").Append(key).Append("\r\n");
            b.Append("Sec-WebSocket-Version: 13\r\n");
            if (upgrade.Protocol != null && upgrade.Protocol.Length > 0)
            {
                b.Append("Sec-WebSocket-Protocol: ").Append(upgrade.Protocol).Append("\r\n");
            }

            for (int i = 0; i < upgrade.HeaderCount; i++)
            {
                b.Append(upgrade.HeaderName(i)).Append(": ").Append(upgrade.HeaderValue(i)).Append("\r\n");
            }

            b.Append("\r\n");
            return b.ToString();
        }

        /// <summary>
        /// Checks the server's response head (<paramref name="head"/>: status line and header lines separated by CRLF,
        /// without the final blank line). Returns <see cref="Fault.None"/> for a valid 101; otherwise
        /// <see cref="Fault.UpgradeRefused"/> for any other status, with the status line (printable ASCII, at most
        /// <see cref="MaxQuotedStatus"/> characters, withheld if it quotes a credential) in <paramref name="detail"/>,
        /// or <see cref="Fault.UpgradeFailed"/> for a 101 that breaks a rule of RFC 6455 4.1: Upgrade must be
        /// "websocket" and Connection must list "Upgrade" (both ignoring ASCII case), Sec-WebSocket-Accept must equal
        /// <paramref name="expectedAccept"/>, a Sec-WebSocket-Protocol must be the one asked for, and no extension may
        /// be chosen (none was offered).
        /// </summary>
        public static Fault CheckResponse(string head, string expectedAccept, WebSocketUpgrade upgrade, out string detail)
        {
            int lineEnd = head.IndexOf("\r\n");
            string status = lineEnd < 0 ? head : head.Substring(0, lineEnd);
            // Redacted before it is cut, so a credential cut in half cannot slip through.
            string quoted = Ascii.Printable(upgrade.Redact(status), MaxQuotedStatus);
            int code = StatusCode(status);
            if (code < 0)
            {
                detail = "malformed status line: " + quoted;
                return Fault.UpgradeFailed;
            }

            if (code != 101)
            {
                detail = "upgrade refused: " + quoted;
                return Fault.UpgradeRefused;
            }

            bool upgradeSeen = false;
            bool connectionSeen = false;
            bool acceptSeen = false;
            int at = lineEnd < 0 ? head.Length : lineEnd + 2;
            while (at < head.Length)
            {
                int next = head.IndexOf("\r\n", at);
                int end = next < 0 ? head.Length : next;
                string line = head.Substring(at, end - at);
                at = end + 2;
                int colon = line.IndexOf(':');
                if (colon <= 0 || line[0] == ' ' || line[0] == '\t')
                {
                    detail = "malformed header line in the 101 response";
                    return Fault.UpgradeFailed;
                }

                string name = line.Substring(0, colon);
                string value = Ascii.Trim(line.Substring(colon + 1));
                if (Ascii.EqualsIgnoreCase(name, "Upgrade"))
                {
                    if (!Ascii.EqualsIgnoreCase(value, "websocket"))
                    {
                        detail = "101 response with Upgrade other than websocket";
                        return Fault.UpgradeFailed;
                    }

                    upgradeSeen = true;
                }
                else if (Ascii.EqualsIgnoreCase(name, "Connection"))
                {
                    connectionSeen |= Ascii.ListContains(value, "Upgrade");
                }
                else if (Ascii.EqualsIgnoreCase(name, "Sec-WebSocket-Accept"))
                {
                    if (value != expectedAccept)
                    {
                        detail = "Sec-WebSocket-Accept does not match the key sent";
                        return Fault.UpgradeFailed;
                    }

                    acceptSeen = true;
                }
                else if (Ascii.EqualsIgnoreCase(name, "Sec-WebSocket-Protocol"))
                {
                    if (upgrade.Protocol == null || value != upgrade.Protocol)
                    {
                        detail = "server chose a subprotocol other than the one asked for";
                        return Fault.UpgradeFailed;
                    }
                }
                else if (Ascii.EqualsIgnoreCase(name, "Sec-WebSocket-Extensions") && value.Length > 0)
                {
                    detail = "server chose an extension the client did not offer";
                    return Fault.UpgradeFailed;
                }
            }

            if (!upgradeSeen || !connectionSeen || !acceptSeen)
            {
                detail = !upgradeSeen ? "101 response without Upgrade: websocket"
                    : !connectionSeen ? "101 response without Connection: Upgrade"
                    : "101 response without Sec-WebSocket-Accept";
                return Fault.UpgradeFailed;
            }

            detail = string.Empty;
            return Fault.None;
        }

        // "HTTP/1.x NNN[ reason]" -> NNN, or -1 when the line is not shaped like that.
        private static int StatusCode(string status)
        {
            if (status.Length < 12 || status.Substring(0, 7) != "HTTP/1." || status[8] != ' ')
            {
                return -1;
            }

            int code = 0;
            for (int i = 9; i < 12; i++)
            {
                char c = status[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                code = code * 10 + (c - '0');
            }

            return status.Length == 12 || status[12] == ' ' ? code : -1;
        }

        private static string Check(WebSocketUpgrade upgrade)
        {
            if (upgrade.Problem != null)
            {
                return upgrade.Problem;
            }

            if (upgrade.Host == null || upgrade.Host.Length == 0 || HasSpaceOrControl(upgrade.Host))
            {
                return "host is empty or has a space or control character";
            }

            if (upgrade.Path == null || upgrade.Path.Length == 0 || upgrade.Path[0] != '/' || HasSpaceOrControl(upgrade.Path)
                || upgrade.Path.IndexOf('?') >= 0 || upgrade.Path.IndexOf('#') >= 0)
            {
                return "path must start with '/' and have no space, control character, '?' or '#'";
            }

            if (upgrade.Query != null && (HasSpaceOrControl(upgrade.Query) || upgrade.Query.IndexOf('#') >= 0))
            {
                return "query has a space, control character or '#'";
            }

            if (upgrade.Protocol != null && HasSpaceOrControl(upgrade.Protocol))
            {
                return "subprotocol has a space or control character";
            }

            return null;
        }

        private static bool HasSpaceOrControl(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] <= ' ' || text[i] == (char)0x7F)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
