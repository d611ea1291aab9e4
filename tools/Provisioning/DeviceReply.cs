using AwsIotDevice.Core.Provisioning;

namespace AwsIotDevice.Provisioning;

/// <summary>
/// One reply line of the provisioning protocol: <c>OK [text]</c> or <c>ERR &lt;code&gt; &lt;message&gt;</c>.
/// The device never puts a secret value in a reply, so a reply may be shown as is.
/// </summary>
public sealed class DeviceReply
{
    private DeviceReply(bool ok, string? code, string message, string line)
    {
        IsOk = ok;
        Code = code;
        Message = message;
        Line = line;
    }

    /// <summary>True for <c>OK</c>.</summary>
    public bool IsOk { get; }

    /// <summary>The error code of an <c>ERR</c> reply (e.g. "invalid", "unknown-key"); null for OK.</summary>
    public string? Code { get; }

    /// <summary>The text after <c>OK </c>, or after <c>ERR code </c>; may be empty.</summary>
    public string Message { get; }

    /// <summary>The whole reply line.</summary>
    public string Line { get; }

    /// <summary>Parses <paramref name="line"/>; false when it is neither an OK nor an ERR reply.</summary>
    public static bool TryParse(string line, out DeviceReply reply)
    {
        reply = null!;
        if (line is null)
        {
            return false;
        }

        if (IsWord(line, ProvisioningProtocol.Ok))
        {
            reply = new DeviceReply(true, null, Rest(line, ProvisioningProtocol.Ok.Length), line);
            return true;
        }

        if (IsWord(line, ProvisioningProtocol.Err))
        {
            string rest = Rest(line, ProvisioningProtocol.Err.Length);
            int space = rest.IndexOf(' ');
            string code = space < 0 ? rest : rest[..space];
            if (code.Length == 0)
            {
                return false;
            }

            reply = new DeviceReply(false, code, space < 0 ? string.Empty : rest[(space + 1)..], line);
            return true;
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Line;

    private static bool IsWord(string line, string word) =>
        line.StartsWith(word, StringComparison.Ordinal) && (line.Length == word.Length || line[word.Length] == ' ');

    private static string Rest(string line, int wordLength) => line.Length > wordLength ? line[(wordLength + 1)..] : string.Empty;
}
