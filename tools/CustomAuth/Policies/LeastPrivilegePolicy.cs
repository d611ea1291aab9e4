using System.Text;
using System.Text.Json;

namespace AwsIotDevice.CustomAuth.Policies;

/// <summary>
/// The one policy document the reference authorizer grants a device, and nothing more:
/// <list type="bullet">
/// <item><c>iot:Connect</c> on <c>client/&lt;clientId&gt;</c> (only its own client id);</item>
/// <item><c>iot:Publish</c>, <c>iot:Receive</c> on <c>topic/&lt;prefix&gt;/&lt;clientId&gt;/*</c>;</item>
/// <item><c>iot:Subscribe</c> on <c>topicfilter/&lt;prefix&gt;/&lt;clientId&gt;/*</c>.</item>
/// </list>
/// The client id must satisfy <see cref="Tokens.ClientIdRules"/>, so it adds no wildcards of its own.
/// An HTTPS publish (no MQTT connection, so no client id of the connection) gets <see cref="BuildPublishOnly"/>.
/// </summary>
public static class LeastPrivilegePolicy
{
    /// <summary>The IoT policy language version.</summary>
    public const string PolicyVersion = "2012-10-17";

    /// <summary>Returns the policy document as compact JSON.</summary>
    public static string Build(PolicyScope scope, string clientId)
    {
        string? problem = Tokens.ClientIdRules.Validate(clientId);
        if (problem is not null)
        {
            throw new CustomAuthException(problem);
        }

        return BuildFor(scope, clientId);
    }

    /// <summary>
    /// The document for an HTTPS publish made with the token of <paramref name="clientId"/>: <c>iot:Publish</c> on
    /// <c>topic/&lt;prefix&gt;/&lt;clientId&gt;/*</c> and nothing else (HTTPS publish needs no iot:Connect, and an HTTP
    /// request can neither subscribe nor receive).
    /// </summary>
    public static string BuildPublishOnly(PolicyScope scope, string clientId)
    {
        string? problem = Tokens.ClientIdRules.Validate(clientId);
        if (problem is not null)
        {
            throw new CustomAuthException(problem);
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("Version", PolicyVersion);
            writer.WriteStartArray("Statement");
            WriteStatement(writer, ["iot:Publish"], scope.ArnPrefix + "topic/" + scope.TopicPrefix + "/" + clientId + "/*");
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// The same document with the policy variable <c>${iot:ClientId}</c> in place of a client id: the shape the
    /// authorizer returns, for documentation and for an attached (non-custom-auth) policy.
    /// </summary>
    public static string Template(PolicyScope scope) => BuildFor(scope, "${iot:ClientId}");

    private static string BuildFor(PolicyScope scope, string clientId)
    {
        string arn = scope.ArnPrefix;
        string topics = $"{scope.TopicPrefix}/{clientId}/*";
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("Version", PolicyVersion);
            writer.WriteStartArray("Statement");
            WriteStatement(writer, ["iot:Connect"], arn + "client/" + clientId);
            WriteStatement(writer, ["iot:Publish", "iot:Receive"], arn + "topic/" + topics);
            WriteStatement(writer, ["iot:Subscribe"], arn + "topicfilter/" + topics);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteStatement(Utf8JsonWriter writer, string[] actions, string resource)
    {
        writer.WriteStartObject();
        writer.WriteString("Effect", "Allow");
        if (actions.Length == 1)
        {
            writer.WriteString("Action", actions[0]);
        }
        else
        {
            writer.WriteStartArray("Action");
            foreach (string action in actions)
            {
                writer.WriteStringValue(action);
            }

            writer.WriteEndArray();
        }

        writer.WriteString("Resource", resource);
        writer.WriteEndObject();
    }
}
