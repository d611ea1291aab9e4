using System.Net.Security;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;

namespace AwsIotDevice.Emulator.Http;

/// <summary>
/// The server side of an RFC 6455 upgrade for MQTT over WebSockets as AWS IoT Core serves it: <c>GET /mqtt</c>,
/// <c>Sec-WebSocket-Version: 13</c>, subprotocol <c>mqtt</c>. Produces a byte stream of binary messages for the
/// MQTT codec.
/// </summary>
public static class WebSocketUpgrade
{
    private const string Magic = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>Null when the upgrade request is acceptable; else why not (one line) and the HTTP status to answer.</summary>
    public static (int Status, string Problem)? Check(string method, string path, IReadOnlyDictionary<string, string> headers)
    {
        if (method != "GET") return (405, $"WebSocket upgrade with method {method}; use GET");
        if (path != "/mqtt") return (404, $"WebSocket upgrade to '{path}'; AWS IoT serves MQTT over WebSockets at /mqtt");
        if (!headers.TryGetValue("Sec-WebSocket-Key", out var key) || key.Length == 0) return (400, "WebSocket upgrade without Sec-WebSocket-Key");
        if (headers.GetValueOrDefault("Sec-WebSocket-Version") != "13") return (400, "WebSocket upgrade without Sec-WebSocket-Version: 13");
        var offered = headers.GetValueOrDefault("Sec-WebSocket-Protocol", "").Split(',', StringSplitOptions.TrimEntries);
        if (!offered.Contains("mqtt")) return (400, "WebSocket upgrade without subprotocol 'mqtt' (Sec-WebSocket-Protocol: mqtt)");
        return null;
    }

    /// <summary>Sends 101 Switching Protocols and returns a stream of binary WebSocket messages over <paramref name="ssl"/>.</summary>
    public static async Task<Stream> AcceptAsync(SslStream ssl, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        string accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(headers["Sec-WebSocket-Key"].Trim() + Magic)));
        string response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n";
        await ssl.WriteAsync(Encoding.ASCII.GetBytes(response), cancellationToken).ConfigureAwait(false);
        await ssl.FlushAsync(cancellationToken).ConfigureAwait(false);
        var ws = WebSocket.CreateFromStream(ssl, new WebSocketCreationOptions { IsServer = true, SubProtocol = "mqtt", KeepAliveInterval = TimeSpan.Zero });
        return WebSocketStream.Create(ws, WebSocketMessageType.Binary, ownsWebSocket: true);
    }
}
