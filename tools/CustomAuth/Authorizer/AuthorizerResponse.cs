using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AwsIotDevice.CustomAuth.Authorizer;

/// <summary>
/// The JSON an authorizer Lambda returns to AWS IoT Core. Policy documents are carried as JSON strings (the form
/// TestInvokeAuthorizer reports them in), each at most 2048 characters, at most 10.
/// </summary>
public sealed class AuthorizerResponse
{
    /// <summary>AWS's lower bound for both durations (5 minutes).</summary>
    public const int MinSeconds = 300;

    /// <summary>AWS's upper bound for both durations (24 hours); also the default disconnectAfterInSeconds.</summary>
    public const int MaxSeconds = 86400;

    /// <summary>AWS's default refreshAfterInSeconds.</summary>
    public const int DefaultRefreshSeconds = 300;

    /// <summary>Whether the client may connect; false makes AWS close the connection.</summary>
    public required bool IsAuthenticated { get; init; }

    /// <summary>Identifies the connection in AWS logs; <c>[a-zA-Z0-9]{1,128}</c>.</summary>
    public required string PrincipalId { get; init; }

    /// <summary>The IoT policy documents granted to the connection, as JSON text.</summary>
    public IReadOnlyList<string> PolicyDocuments { get; init; } = [];

    /// <summary>Seconds until AWS closes the connection (300..86400).</summary>
    public int DisconnectAfterInSeconds { get; init; } = MaxSeconds;

    /// <summary>Seconds until AWS calls the authorizer again (300..86400).</summary>
    public int RefreshAfterInSeconds { get; init; } = DefaultRefreshSeconds;

    /// <summary>
    /// Serializes the response in AWS's field names (compact, or indented for people). Quotes inside policy documents are
    /// escaped as \" rather than \u0022 so the output stays readable; it is never embedded in HTML.
    /// </summary>
    public string ToJson(bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("isAuthenticated", IsAuthenticated);
            writer.WriteString("principalId", PrincipalId);
            writer.WriteNumber("disconnectAfterInSeconds", DisconnectAfterInSeconds);
            writer.WriteNumber("refreshAfterInSeconds", RefreshAfterInSeconds);
            writer.WriteStartArray("policyDocuments");
            foreach (string document in PolicyDocuments)
            {
                writer.WriteStringValue(document);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
