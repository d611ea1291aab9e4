using System.Collections;
using System.Text;
using System.Text.Json;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.CustomAuth.Files;

namespace AwsIotDevice.Provisioning;

/// <summary>What <c>iotctl provision --nanoff</c> was asked to do.</summary>
public sealed record NanoffImportRequest
{
    /// <summary>The settings file (the device's codec format): the whole configuration the board will use.</summary>
    public required string SettingsFile { get; init; }

    /// <summary>An RSA private key PEM to sign aws.token with (aws.signature is then computed), or null.</summary>
    public string? SignWith { get; init; }

    /// <summary>Directory to write the import file and the deployment file into (created owner-only when missing).</summary>
    public required string OutDirectory { get; init; }

    /// <summary>The board's serial port (the flashing cable), written into the deployment file; null: give it to nanoff.</summary>
    public string? Port { get; init; }

    /// <summary>Replace an existing import or deployment file in <see cref="OutDirectory"/>.</summary>
    public bool Force { get; init; }
}

/// <summary>What <see cref="NanoffImport.Write"/> wrote.</summary>
public sealed record NanoffImportResult(string ImportFile, string DeploymentFile, string Command, int SettingsInFile);

/// <summary>
/// Provisioning over the flashing cable: the settings become an import file (firmware Core's
/// <see cref="SettingsImport"/> format: the storage text plus its <c>#end &lt;bytes&gt; &lt;crc32&gt;</c> trailer) that nanoff
/// copies to the board's <c>I:\device.import</c> with <c>nanoff --filedeployment deploy.json</c>; at boot the board applies
/// it exactly as a serial COMMIT would, and deletes it. The settings are checked here with the device's own decision
/// (<see cref="SettingsImport.Decide(string, string)"/>), so a file that is written is one the board accepts (platform
/// limits such as its free memory aside). Both files hold secrets: they are created owner-only (0600) and never replaced
/// without <see cref="NanoffImportRequest.Force"/>.
/// <para>
/// deploy.json is what nanoff reads (nanoframework/nanoFirmwareFlasher, nanoFirmwareFlasher.Library/FileDeployment/:
/// <c>FileDeploymentConfiguration.cs</c> has <c>string SerialPort</c> and <c>List&lt;DeploymentFile&gt; Files</c>,
/// <c>DeploymentFile.cs</c> has <c>string DestinationFilePath</c> and <c>string SourceFilePath</c>; FileDeploymentManager
/// reads it with System.Text.Json, property names case-insensitive, and a SerialPort in the file takes precedence over
/// <c>--serialport</c>; "If a file already exists in the storage, it will be replaced").
/// </para>
/// </summary>
public static class NanoffImport
{
    /// <summary>The deployment file's name in the output directory.</summary>
    public const string DeploymentFileName = "deploy.json";

    /// <summary>Writes the two files and returns where, and the one nanoff command to run.</summary>
    /// <exception cref="ProvisioningException">Bad input (<see cref="ProvisioningFailure.BadInput"/>): one secret-free line; nothing written.</exception>
    public static NanoffImportResult Write(NanoffImportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.OutDirectory))
        {
            throw BadInput("--out is empty: give the directory to write device.import and deploy.json into");
        }

        if (request.Port is { } port && (port.Length == 0 || port.Any(char.IsWhiteSpace) || port.Contains('"')))
        {
            throw BadInput("--port must be the board's serial port name, e.g. COM3 or /dev/ttyUSB0");
        }

        List<KeyValuePair<string, string>> pairs = ProvisionPlan.FromFile(request.SettingsFile);
        if (request.SignWith is not null)
        {
            ProvisionPlan.AddSignature(pairs, request.SignWith);
        }

        var settings = new DeviceSettings();
        foreach (KeyValuePair<string, string> pair in pairs)
        {
            string? refused = settings.Set(pair.Key, pair.Value);
            if (refused is not null)
            {
                throw BadInput($"{request.SettingsFile}: {refused}");
            }
        }

        ArrayList problems = SettingsValidator.Validate(settings);
        if (problems.Count > 0)
        {
            var messages = problems.Cast<SettingProblem>().Select(p => p.Message);
            throw BadInput($"{request.SettingsFile}: the device would refuse these settings, {problems.Count} problem(s): {string.Join(" | ", messages)} (the import replaces the whole configuration: a key the file leaves out takes its default; nothing was written)");
        }

        string importText = SettingsImport.Format(settings);
        SettingsImportDecision decision = SettingsImport.Decide(null, importText);
        if (!decision.Apply)
        {
            throw BadInput($"{request.SettingsFile}: the device would refuse the import: {decision.Message} (nothing was written)");
        }

        string directory = Path.GetFullPath(request.OutDirectory);
        string importPath = Path.Combine(directory, SettingsImport.FileName);
        string deployPath = Path.Combine(directory, DeploymentFileName);
        try
        {
            if (File.Exists(directory))
            {
                throw BadInput($"--out {directory}: is a file; give a directory");
            }

            if (!request.Force)
            {
                foreach (string path in new[] { importPath, deployPath })
                {
                    if (File.Exists(path))
                    {
                        throw BadInput($"{path}: already exists; pass --force to replace it");
                    }
                }
            }

            SecureFile.CreateDirectory(directory);
            SecureFile.Write(importPath, importText, ownerOnly: true);
            SecureFile.Write(deployPath, DeploymentJson(importPath, request.Port), ownerOnly: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw BadInput($"--out {directory}: cannot write ({e.GetType().Name}: {e.Message})");
        }

        return new NanoffImportResult(importPath, deployPath, Command(deployPath, request.Port), pairs.Count);
    }

    /// <summary>The deployment file: the import file to <c>I:\device.import</c>, and the serial port when known.</summary>
    public static string DeploymentJson(string importPath, string? port)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            if (port is not null)
            {
                writer.WriteString("SerialPort", port);
            }

            writer.WriteStartArray("Files");
            writer.WriteStartObject();
            writer.WriteString("DestinationFilePath", SettingsImport.DefaultPath);
            writer.WriteString("SourceFilePath", importPath);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The nanoff command line for <paramref name="deployPath"/> (a placeholder port when none is known).</summary>
    public static string Command(string deployPath, string? port) =>
        $"nanoff --filedeployment {ShellQuote(deployPath)} --serialport {(port is null ? "<PORT>" : ShellQuote(port))}";

    private static string ShellQuote(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || "/._-:\\".Contains(c)) ? value : "\"" + value + "\"";

    private static ProvisioningException BadInput(string message) => new(message, ProvisioningFailure.BadInput);
}

/// <summary>The logic of <c>iotctl provision --nanoff</c>: write the files, print what to run. Never throws for bad input.</summary>
public static class NanoffProvisioner
{
    /// <summary>Writes the files and prints the nanoff command; returns 0, or 2 with one line on <paramref name="error"/>.</summary>
    public static int Run(NanoffImportRequest request, TextWriter output, TextWriter error, string errorPrefix = "iotctl provision")
    {
        NanoffImportResult result;
        try
        {
            result = NanoffImport.Write(request);
        }
        catch (ProvisioningException e)
        {
            error.WriteLine($"{errorPrefix}: {e.Message}");
            return Provisioner.ExitBadInput;
        }

        output.WriteLine($"import file: {result.ImportFile} ({result.SettingsInFile} setting(s) from {request.SettingsFile}{(request.SignWith is null ? string.Empty : ", aws.signature=<secret> signed with " + request.SignWith)}; the whole configuration, checked with the device's rules)");
        output.WriteLine($"deployment:  {result.DeploymentFile} (nanoff copies the import file to {SettingsImport.DefaultPath})");
        output.WriteLine("run:");
        output.WriteLine("  " + result.Command);
        if (request.Port is null)
        {
            output.WriteLine("  (replace <PORT> with the board's port, e.g. COM3 or /dev/ttyUSB0)");
        }

        output.WriteLine($"The board applies the import at its next boot, deletes {SettingsImport.DefaultPath} and says so in its log and STATUS.");
        output.WriteLine($"WARNING: both files hold the device's secrets (owner-only); delete {Path.GetDirectoryName(result.ImportFile)} once the board has them.");
        return Provisioner.ExitOk;
    }
}
