using System.Text;
using System.Text.Json;

namespace AwsIotDevice.CustomAuth.Authorizer;

/// <summary>
/// The event AWS IoT Core sends to a custom authorizer's Lambda function (custom-auth-lambda in the IoT developer
/// guide). AWS leaves out fields that do not apply to a connection (no token sent, no MQTT client id, HTTP instead
/// of MQTT), so every field here is optional; the authorizer decides what a missing field means.
/// Parsing is strict about JSON and types: a present field of the wrong type makes the whole event malformed.
/// Unknown fields are ignored so that fields AWS adds later do not break it.
/// </summary>
public sealed class AuthorizerEvent
{
    /// <summary>Largest event accepted, in UTF-8 bytes; a real event is a few kilobytes at most.</summary>
    public const int MaxJsonBytes = 256 * 1024;

    /// <summary>The value of the authorizer's token key, if the client sent one.</summary>
    public string? Token { get; init; }

    /// <summary>Whether AWS already checked the token signature with the authorizer's public keys (false when absent).</summary>
    public bool SignatureVerified { get; init; }

    /// <summary>The protocols of the request, e.g. <c>["tls","mqtt"]</c>.</summary>
    public IReadOnlyList<string> Protocols { get; init; } = [];

    /// <summary>The TLS SNI host name.</summary>
    public string? ServerName { get; init; }

    /// <summary>The full MQTT CONNECT username, including the query with the authorizer parameters.</summary>
    public string? MqttUsername { get; init; }

    /// <summary>The MQTT password, base64 of its bytes.</summary>
    public string? MqttPassword { get; init; }

    /// <summary>The MQTT client id, present only when the client sent one.</summary>
    public string? MqttClientId { get; init; }

    /// <summary>HTTP headers of an HTTP or WebSocket request.</summary>
    public IReadOnlyDictionary<string, string> HttpHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary>The HTTP query string (with its leading '?').</summary>
    public string? HttpQueryString { get; init; }

    /// <summary>The connection id AWS assigns (a UUID), for logs.</summary>
    public string? ConnectionId { get; init; }

    /// <summary>
    /// Parses an event. Throws <see cref="CustomAuthException"/> with a one-line reason (a JSON path, never a
    /// token or password value) for invalid JSON, a non-object root, or a field of the wrong type.
    /// </summary>
    public static AuthorizerEvent Parse(string json)
    {
        if (Encoding.UTF8.GetByteCount(json) > MaxJsonBytes)
        {
            throw new CustomAuthException($"authorizer event is larger than {MaxJsonBytes} bytes");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            // JsonException messages give line/position and the offending token kind, not the document's values.
            throw new CustomAuthException($"authorizer event is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            Require(root, JsonValueKind.Object, "$");
            JsonElement? protocolData = OptionalObject(root, "protocolData", "$");
            JsonElement? tls = protocolData is { } pd ? OptionalObject(pd, "tls", "$.protocolData") : null;
            JsonElement? mqtt = protocolData is { } pd2 ? OptionalObject(pd2, "mqtt", "$.protocolData") : null;
            JsonElement? http = protocolData is { } pd3 ? OptionalObject(pd3, "http", "$.protocolData") : null;
            JsonElement? metadata = OptionalObject(root, "connectionMetadata", "$");

            return new AuthorizerEvent
            {
                Token = OptionalString(root, "token", "$"),
                SignatureVerified = OptionalBool(root, "signatureVerified", "$") ?? false,
                Protocols = OptionalStringArray(root, "protocols", "$"),
                ServerName = tls is { } t ? OptionalString(t, "serverName", "$.protocolData.tls") : null,
                MqttUsername = mqtt is { } m1 ? OptionalString(m1, "username", "$.protocolData.mqtt") : null,
                MqttPassword = mqtt is { } m2 ? OptionalString(m2, "password", "$.protocolData.mqtt") : null,
                MqttClientId = mqtt is { } m3 ? OptionalString(m3, "clientId", "$.protocolData.mqtt") : null,
                HttpHeaders = http is { } h1 ? OptionalStringMap(h1, "headers", "$.protocolData.http") : new Dictionary<string, string>(),
                HttpQueryString = http is { } h2 ? OptionalString(h2, "queryString", "$.protocolData.http") : null,
                ConnectionId = metadata is { } md ? OptionalString(md, "id", "$.connectionMetadata") : null,
            };
        }
    }

    /// <summary>Writes the event as AWS sends it (fields that are null or empty are left out).</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            if (Token is not null)
            {
                writer.WriteString("token", Token);
            }

            writer.WriteBoolean("signatureVerified", SignatureVerified);
            writer.WriteStartArray("protocols");
            foreach (string protocol in Protocols)
            {
                writer.WriteStringValue(protocol);
            }

            writer.WriteEndArray();
            writer.WriteStartObject("protocolData");
            if (ServerName is not null)
            {
                writer.WriteStartObject("tls");
                writer.WriteString("serverName", ServerName);
                writer.WriteEndObject();
            }

            if (HttpHeaders.Count > 0 || HttpQueryString is not null)
            {
                writer.WriteStartObject("http");
                writer.WriteStartObject("headers");
                foreach (KeyValuePair<string, string> header in HttpHeaders)
                {
                    writer.WriteString(header.Key, header.Value);
                }

                writer.WriteEndObject();
                if (HttpQueryString is not null)
                {
                    writer.WriteString("queryString", HttpQueryString);
                }

                writer.WriteEndObject();
            }

            if (MqttUsername is not null || MqttPassword is not null || MqttClientId is not null)
            {
                writer.WriteStartObject("mqtt");
                WriteIfPresent(writer, "username", MqttUsername);
                WriteIfPresent(writer, "password", MqttPassword);
                WriteIfPresent(writer, "clientId", MqttClientId);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            if (ConnectionId is not null)
            {
                writer.WriteStartObject("connectionMetadata");
                writer.WriteString("id", ConnectionId);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void Require(JsonElement element, JsonValueKind kind, string path)
    {
        if (element.ValueKind != kind)
        {
            throw WrongType(path, kind, element.ValueKind);
        }
    }

    private static bool TryGet(JsonElement parent, string name, out JsonElement value) =>
        parent.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static JsonElement? OptionalObject(JsonElement parent, string name, string path)
    {
        if (!TryGet(parent, name, out JsonElement value))
        {
            return null;
        }

        Require(value, JsonValueKind.Object, path + "." + name);
        return value;
    }

    private static string? OptionalString(JsonElement parent, string name, string path)
    {
        if (!TryGet(parent, name, out JsonElement value))
        {
            return null;
        }

        Require(value, JsonValueKind.String, path + "." + name);
        return value.GetString();
    }

    private static bool? OptionalBool(JsonElement parent, string name, string path)
    {
        if (!TryGet(parent, name, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(path + "." + name, JsonValueKind.True, value.ValueKind),
        };
    }

    private static IReadOnlyList<string> OptionalStringArray(JsonElement parent, string name, string path)
    {
        if (!TryGet(parent, name, out JsonElement value))
        {
            return [];
        }

        Require(value, JsonValueKind.Array, path + "." + name);
        var items = new List<string>();
        int index = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            Require(item, JsonValueKind.String, $"{path}.{name}[{index++}]");
            items.Add(item.GetString()!);
        }

        return items;
    }

    private static IReadOnlyDictionary<string, string> OptionalStringMap(JsonElement parent, string name, string path)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!TryGet(parent, name, out JsonElement value))
        {
            return map;
        }

        Require(value, JsonValueKind.Object, path + "." + name);
        foreach (JsonProperty property in value.EnumerateObject())
        {
            Require(property.Value, JsonValueKind.String, $"{path}.{name}.{LogText.Quote(property.Name, 40)}");
            map[property.Name] = property.Value.GetString()!;
        }

        return map;
    }

    private static CustomAuthException WrongType(string path, JsonValueKind expected, JsonValueKind actual)
    {
        string want = expected switch
        {
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            _ => expected.ToString().ToLowerInvariant(),
        };
        return new CustomAuthException($"authorizer event is malformed: {path} must be {want}, not {Kind(actual)}");
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "null",
    };
}
