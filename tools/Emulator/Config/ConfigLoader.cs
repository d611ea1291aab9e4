using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using AwsIotDevice.CustomAuth;
using AwsIotDevice.CustomAuth.Signing;

namespace AwsIotDevice.Emulator.Config;

/// <summary>Reads, validates and loads <c>emulator.json</c> and the files it names.</summary>
public static class ConfigLoader
{
    /// <summary>Parses JSON text into a configuration; throws <see cref="EmulatorConfigException"/> naming the line and field.</summary>
    public static EmulatorConfig Parse(string json, string source = "emulator.json")
    {
        try
        {
            return JsonSerializer.Deserialize(json, EmulatorJsonContext.Default.EmulatorConfig)
                ?? throw new EmulatorConfigException($"{source}: is 'null'; it must be a JSON object (run 'iotctl emulator init' for a template)");
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line ? $"line {line + 1}" : "?";
            string path = string.IsNullOrEmpty(e.Path) ? "" : $" at {e.Path}";
            string what = FirstLine(e.Message);
            throw new EmulatorConfigException($"{source}: {where}{path}: {what}");
        }
    }

    /// <summary>Serializes a configuration as indented JSON.</summary>
    public static string ToJson(EmulatorConfig config) => JsonSerializer.Serialize(config, EmulatorJsonContext.Default.EmulatorConfig);

    /// <summary>Reads, validates and loads the configuration at <paramref name="path"/>.</summary>
    public static LoadedConfig Load(string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new EmulatorConfigException($"{path}: file not found; create one with 'iotctl emulator init --dir DIR'");
        string json;
        try { json = File.ReadAllText(full); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new EmulatorConfigException($"{path}: cannot be read ({e.Message})"); }
        return Load(Parse(json, path), Path.GetDirectoryName(full)!);
    }

    /// <summary>Validates <paramref name="config"/> and loads its files relative to <paramref name="baseDirectory"/>.</summary>
    public static LoadedConfig Load(EmulatorConfig config, string baseDirectory)
    {
        var problems = ConfigValidator.Validate(config).ToList();
        if (problems.Count > 0) throw new EmulatorConfigException(problems);

        X509Certificate2? cert = null;
        var chain = new X509Certificate2Collection();
        string certPath = Resolve(baseDirectory, config.Tls.CertificateFile);
        string keyPath = Resolve(baseDirectory, config.Tls.PrivateKeyFile);
        try
        {
            cert = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            var all = new X509Certificate2Collection();
            all.ImportFromPemFile(certPath);
            for (int i = 1; i < all.Count; i++) chain.Add(all[i]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            problems.Add($"tls.certificateFile/tls.privateKeyFile: cannot load '{certPath}' with key '{keyPath}' ({FirstLine(e.Message)}); regenerate with 'iotctl emulator init'");
        }

        var authorizers = new Dictionary<string, LoadedAuthorizer>(StringComparer.Ordinal);
        for (int i = 0; i < config.Authorizers.Count; i++)
        {
            var a = config.Authorizers[i];
            var keys = new List<RSA>();
            for (int k = 0; k < a.PublicKeyFiles.Count; k++)
            {
                try { keys.Add(RsaKeyFile.LoadPublicKey(Resolve(baseDirectory, a.PublicKeyFiles[k]))); }
                catch (CustomAuthException e) { problems.Add($"authorizers[{i}].publicKeyFiles[{k}]: {e.Message}"); }
            }
            if (a.Kind == "command" && a.Command is not null)
            {
                string candidate = Resolve(baseDirectory, a.Command.Path);
                if (a.Command.Path.Contains('/') && !File.Exists(candidate))
                    problems.Add($"authorizers[{i}].command.path: '{candidate}' does not exist; give the authorizer executable's path");
            }
            if (a.Kind == "lambda" && a.Lambda is not null)
            {
                string? packageProblem = Lambda.LambdaPackage.Check(Resolve(baseDirectory, a.Lambda.Package));
                if (packageProblem is not null)
                    problems.Add($"authorizers[{i}].lambda.package: {packageProblem}");
            }
            authorizers[a.Name] = new LoadedAuthorizer(a, keys);
        }

        if (problems.Count > 0) throw new EmulatorConfigException(problems);
        return new LoadedConfig(config, cert!, chain, authorizers, baseDirectory);
    }

    /// <summary>Resolves <paramref name="path"/> against <paramref name="baseDirectory"/> unless it is absolute.</summary>
    public static string Resolve(string baseDirectory, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));

    private static string FirstLine(string message)
    {
        int nl = message.IndexOfAny(['\r', '\n']);
        return nl < 0 ? message : message[..nl];
    }
}
