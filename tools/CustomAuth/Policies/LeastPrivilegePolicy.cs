using System.Text;
using System.Text.Json;

namespace AwsIotDevice.CustomAuth.Policies;

/// <summary>
/// The one policy document the reference authorizer grants a device, and nothing more:
/// <list type="bullet">
/// <item><c>iot:Connect</c> on <c>client/&lt;clientId&gt;</c> (only its own client id);</item>
/// <item><c>iot:Publish</c>, <c>iot:Receive</c> on <c>topic/&lt;prefix&gt;/&lt;clientId&gt;/*</c>;</item>
/// <item><c>iot:Subscribe</c> on <c>topicfilter/&lt;prefix&gt;/&lt;clientId&gt;/*</c>;</item>
/// <item>an explicit <c>Deny</c> of <c>iot:Publish</c> on <c>topic/&lt;prefix&gt;/&lt;clientId&gt;/credentials</c>: the device
/// may subscribe to and receive its credential renewals, and publish their acknowledgement
/// (<c>&lt;prefix&gt;/&lt;clientId&gt;/credentials/ack</c>, inside the Allow), but never publish a renewal itself, so nothing
/// holding a device's credential can plant one (a Deny wins over every Allow in every document).</item>
/// </list>
/// The client id must satisfy <see cref="Tokens.ClientIdRules"/>, so it adds no wildcards of its own.
/// An HTTPS publish (no MQTT connection, so no client id of the connection) gets <see cref="BuildPublishOnly"/>; the
/// backend principal that sends renewals gets <see cref="BuildBackend"/>.
/// </summary>
public static class LeastPrivilegePolicy
{
    /// <summary>The IoT policy language version.</summary>
    public const string PolicyVersion = "2012-10-17";

    /// <summary>The topic level under <c>&lt;prefix&gt;/&lt;clientId&gt;/</c> where renewals arrive (firmware Core's CredentialTopics).</summary>
    public const string CredentialsLevel = "credentials";

    /// <summary>The level under the credentials topic where devices acknowledge renewals.</summary>
    public const string AckLevel = "ack";

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
    /// <c>topic/&lt;prefix&gt;/&lt;clientId&gt;/*</c> except its credentials topic (explicitly denied, as for MQTT), and
    /// nothing else (HTTPS publish needs no iot:Connect, and an HTTP request can neither subscribe nor receive).
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
            WriteStatement(writer, ["iot:Publish"], CredentialsTopicArn(scope, clientId), "Deny");
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
            WriteStatement(writer, ["iot:Publish"], CredentialsTopicArn(scope, clientId), "Deny");
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// The document of the backend principal that sends credential renewals over MQTT (e.g. <c>iotctl credentials renew
    /// --emulator</c>; on AWS the backend publishes with IAM through <c>aws iot-data publish</c> instead):
    /// <c>iot:Connect</c> on its own client id, <c>iot:Publish</c> on <c>topic/&lt;prefix&gt;/*/credentials</c> (every
    /// device's renewal topic), <c>iot:Subscribe</c> on <c>topicfilter/&lt;prefix&gt;/*/credentials/ack</c> and
    /// <c>iot:Receive</c> on <c>topic/&lt;prefix&gt;/*/credentials/ack</c> (their acknowledgements), and nothing else: it
    /// can neither read telemetry nor publish as a device. <paramref name="httpsPublish"/>: only the Publish statement (an
    /// HTTP request can neither connect nor subscribe).
    /// </summary>
    public static string BuildBackend(PolicyScope scope, string backendClientId, bool httpsPublish = false)
    {
        string? problem = Tokens.ClientIdRules.Validate(backendClientId);
        if (problem is not null)
        {
            throw new CustomAuthException(problem);
        }

        string arn = scope.ArnPrefix;
        string renewals = $"{scope.TopicPrefix}/*/{CredentialsLevel}";
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("Version", PolicyVersion);
            writer.WriteStartArray("Statement");
            if (!httpsPublish)
            {
                WriteStatement(writer, ["iot:Connect"], arn + "client/" + backendClientId);
            }

            WriteStatement(writer, ["iot:Publish"], arn + "topic/" + renewals);
            if (!httpsPublish)
            {
                WriteStatement(writer, ["iot:Subscribe"], arn + "topicfilter/" + renewals + "/" + AckLevel);
                WriteStatement(writer, ["iot:Receive"], arn + "topic/" + renewals + "/" + AckLevel);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The device's renewal topic, <c>&lt;prefix&gt;/&lt;clientId&gt;/credentials</c>.</summary>
    public static string CredentialsTopic(PolicyScope scope, string clientId) => $"{scope.TopicPrefix}/{clientId}/{CredentialsLevel}";

    /// <summary>The device's acknowledgement topic, <c>&lt;prefix&gt;/&lt;clientId&gt;/credentials/ack</c>.</summary>
    public static string AckTopic(PolicyScope scope, string clientId) => CredentialsTopic(scope, clientId) + "/" + AckLevel;

    private static string CredentialsTopicArn(PolicyScope scope, string clientId) => scope.ArnPrefix + "topic/" + CredentialsTopic(scope, clientId);

    private static void WriteStatement(Utf8JsonWriter writer, string[] actions, string resource, string effect = "Allow")
    {
        writer.WriteStartObject();
        writer.WriteString("Effect", effect);
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
