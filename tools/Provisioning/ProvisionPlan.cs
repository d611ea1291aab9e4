using System.Security.Cryptography;
using System.Text;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.CustomAuth;
using AwsIotDevice.CustomAuth.Signing;

namespace AwsIotDevice.Provisioning;

/// <summary>
/// The settings to send, in the order the device needs them, checked before anything goes on the wire:
/// every key known, none twice, and aws.signature computed when <see cref="ProvisionRequest.SignWith"/> is given.
/// Holds secret values: never print <see cref="Settings"/> other than through <see cref="ProvisioningClient.Describe"/>.
/// </summary>
public sealed class ProvisionPlan
{
    private ProvisionPlan(IReadOnlyList<KeyValuePair<string, string>> settings, bool status, string? signedWith)
    {
        Settings = settings;
        Status = status;
        SignedWith = signedWith;
    }

    /// <summary>Key/value pairs in sending order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; }

    /// <summary>Whether to ask for STATUS.</summary>
    public bool Status { get; }

    /// <summary>The key file aws.signature was made with, or null.</summary>
    public string? SignedWith { get; }

    /// <summary>Builds the plan.</summary>
    /// <exception cref="ProvisioningException">Bad input (<see cref="ProvisioningFailure.BadInput"/>), one line, secret-free.</exception>
    public static ProvisionPlan From(ProvisionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Baud <= 0)
        {
            throw BadInput($"--baud {request.Baud} is not a speed: give a positive number such as 115200 (the firmware's speed)");
        }

        if (string.IsNullOrWhiteSpace(request.Port))
        {
            throw BadInput("--port is empty: give the serial port, e.g. /dev/ttyUSB0 or COM3");
        }

        bool hasSet = request.Set.Count > 0;
        bool hasFile = request.SettingsFile is not null;
        if (hasSet && hasFile)
        {
            throw BadInput("give either --set key=value ... or --file FILE, not both");
        }

        if (!hasSet && !hasFile && !request.Status)
        {
            throw BadInput("nothing to do: give --set key=value (repeatable), --file FILE, or --status");
        }

        if (request.SignWith is not null && !hasSet && !hasFile)
        {
            throw BadInput("--sign-with signs aws.token, so it needs aws.token from --set or --file");
        }

        List<KeyValuePair<string, string>> settings = hasFile ? FromFile(request.SettingsFile!) : FromSetArguments(request.Set);
        if (request.SignWith is not null)
        {
            AddSignature(settings, request.SignWith);
        }

        foreach (KeyValuePair<string, string> setting in settings)
        {
            string? problem = ProvisioningClient.SettableProblem(setting.Key, setting.Value);
            if (problem is not null)
            {
                throw BadInput(problem + " (nothing was sent)");
            }
        }

        return new ProvisionPlan(Order(settings), request.Status, request.SignWith);
    }

    /// <summary>Parses <c>--set</c> arguments; values are literal, keys must be known and appear once.</summary>
    internal static List<KeyValuePair<string, string>> FromSetArguments(IReadOnlyList<string> arguments)
    {
        var settings = new List<KeyValuePair<string, string>>();
        for (int i = 0; i < arguments.Count; i++)
        {
            string argument = arguments[i];
            int equals = argument.IndexOf('=');

            // The argument is not echoed: without its '=' it may be a secret typed on its own.
            if (equals < 0)
            {
                throw BadInput($"--set number {i + 1} has no '=': write --set key=value (known keys: {SettingKeys.ListForMessage()})");
            }

            string key = argument[..equals];
            if (!SettingKeys.IsKnown(key))
            {
                throw BadInput($"--set: unknown setting {LogText.Quote(key)}; known settings: {SettingKeys.ListForMessage()} (nothing was sent)");
            }

            if (settings.Any(pair => pair.Key == key))
            {
                throw BadInput($"--set: {key} is given twice; give each setting once");
            }

            settings.Add(new(key, argument[(equals + 1)..]));
        }

        return settings;
    }

    /// <summary>
    /// Reads a settings file with the device's own codec (<see cref="SettingsCodec.Parse"/>): only the keys the file
    /// names are sent, so settings it leaves out keep their values on the device.
    /// </summary>
    internal static List<KeyValuePair<string, string>> FromFile(string path)
    {
        string text = ReadFile(path);
        SettingsParseResult parsed = SettingsCodec.Parse(text);
        if (!parsed.Ok)
        {
            var messages = new List<string>();
            foreach (SettingProblem problem in parsed.Errors)
            {
                messages.Add(problem.Message);
            }

            throw BadInput($"{path}: {string.Join("; ", messages)} (nothing was sent)");
        }

        var settings = new List<KeyValuePair<string, string>>();
        foreach (string key in KeysNamedIn(text))
        {
            settings.Add(new(key, parsed.Settings.Get(key)));
        }

        if (settings.Count == 0)
        {
            throw BadInput($"{path}: sets no setting; write one key=value per line (known keys: {SettingKeys.ListForMessage()})");
        }

        return settings;
    }

    /// <summary>
    /// The sending order: canonical (<see cref="SettingKeys.All"/>), except that aws.mode goes before aws.port because
    /// the device checks the port against the mode at SET time (443 is required in alpn mode).
    /// </summary>
    internal static List<KeyValuePair<string, string>> Order(List<KeyValuePair<string, string>> settings)
    {
        int Rank(string key) => key == SettingKeys.AwsMode
            ? (2 * SettingKeys.IndexOf(SettingKeys.AwsPort)) - 1
            : 2 * SettingKeys.IndexOf(key);
        return settings.OrderBy(pair => Rank(pair.Key)).ToList();
    }

    internal static void AddSignature(List<KeyValuePair<string, string>> settings, string keyFile)
    {
        if (settings.Any(pair => pair.Key == SettingKeys.AwsSignature))
        {
            throw BadInput("aws.signature is given and --sign-with would compute it: give one or the other");
        }

        int token = settings.FindIndex(pair => pair.Key == SettingKeys.AwsToken);
        if (token < 0 || settings[token].Value.Length == 0)
        {
            throw BadInput("--sign-with needs aws.token (from --set or the file): the device never gives its token back to sign");
        }

        try
        {
            using RSA key = RsaKeyFile.LoadPrivateKey(keyFile);
            settings.Add(new(SettingKeys.AwsSignature, TokenSignature.Sign(key, settings[token].Value)));
        }
        catch (CustomAuthException e)
        {
            throw BadInput($"--sign-with {e.Message}");
        }
    }

    private static string ReadFile(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                throw BadInput($"{path}: is a directory, expected a settings file (key=value lines)");
            }

            if (!File.Exists(path))
            {
                throw BadInput($"{path}: file not found");
            }

            byte[] bytes = File.ReadAllBytes(path);
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw BadInput($"{path}: is not UTF-8 text; save the settings file as UTF-8");
        }
        catch (UnauthorizedAccessException)
        {
            throw BadInput($"{path}: permission denied");
        }
        catch (IOException e)
        {
            throw BadInput($"{path}: cannot be read ({e.Message})");
        }
    }

    // Same line rules as SettingsCodec.Parse (which has already accepted the text): blank and '#' lines skipped,
    // key before the first '=', blanks around the key ignored.
    private static IEnumerable<string> KeysNamedIn(string text)
    {
        foreach (string raw in text.TrimStart('\uFEFF').Split('\n'))
        {
            string line = raw.TrimStart(' ', '\t');
            int equals = line.IndexOf('=');
            if (line.Length == 0 || line[0] == '#' || equals <= 0)
            {
                continue;
            }

            yield return line[..equals].TrimEnd(' ', '\t');
        }
    }

    private static ProvisioningException BadInput(string message) => new(message, ProvisioningFailure.BadInput);
}
