using Xunit;

namespace AwsIotDevice.Guards.Tests;

/// <summary>
/// Fails, naming file:line, when device code could hand a certificate stored on the board to AWS: an SslStream whose
/// UseStoredDeviceCertificate is not explicitly off, or anything of nanoFramework.M2Mqtt (issue #12 item 6).
/// </summary>
public class ClientCertificateGuardTests
{
    [Fact]
    public void Device_code_never_offers_a_stored_client_certificate()
    {
        var violations = Repo.DeviceFolders
            .SelectMany(folder => Repo.SourceFiles(Path.Combine(Repo.Root, folder)))
            .SelectMany(file => ClientCertificateAnalyzer.Analyze(Repo.Relative(file), File.ReadAllText(file)))
            .Concat(ProjectFiles().SelectMany(file => ClientCertificateAnalyzer.AnalyzeProjectFile(Repo.Relative(file), File.ReadAllText(file))))
            .ToList();

        Assert.True(violations.Count == 0,
            $"{violations.Count} place(s) that could offer the board's stored certificate:\n{string.Join("\n", violations)}");
    }

    [Fact]
    public void The_board_tls_connector_is_checked_and_turns_the_stored_certificate_off()
    {
        string path = Path.Combine(Repo.Root, "firmware", "Platform", "DeviceTlsConnector.cs");
        string source = File.ReadAllText(path);

        Assert.Contains("new SslStream(", source);
        Assert.Empty(ClientCertificateAnalyzer.Analyze("DeviceTlsConnector.cs", source));
    }

    [Theory]
    [InlineData("class C { void M(object s) { var ssl = new SslStream(s); ssl.AuthenticateAsClient(\"h\"); } }")]
    [InlineData("class C { void M(object s) { var ssl = new SslStream(s); ssl.UseStoredDeviceCertificate = true; } }")]
    [InlineData("class C { void M(object s) { var ssl = new SslStream(s); var other = ssl; other.UseStoredDeviceCertificate = false; } }")]
    [InlineData("class C { void M(object s) { System.Net.Security.SslStream ssl; ssl = new System.Net.Security.SslStream(s); } }")]
    [InlineData("class C { object M(object s) => new SslStream(s); }")]
    [InlineData("class C { void M(object s) { var ssl = new SslStream(s) { UseStoredDeviceCertificate = true }; } }")]
    public void An_SslStream_left_to_its_default_is_reported_with_its_line(string source)
    {
        Violation violation = Assert.Single(ClientCertificateAnalyzer.Analyze("Sample.cs", "\n" + source));

        Assert.Equal(2, violation.Line);
        Assert.Contains("UseStoredDeviceCertificate = false", violation.Rule);
    }

    [Theory]
    [InlineData("class C { void M(object s) { SslStream ssl = null; ssl = new SslStream(s); ssl.UseStoredDeviceCertificate = false; } }")]
    [InlineData("class C { void M(object s) { var ssl = new SslStream(s); ssl.UseStoredDeviceCertificate = false; } }")]
    [InlineData("class C { void M(object s) { var ssl = new SslStream(s) { UseStoredDeviceCertificate = false }; } }")]
    [InlineData("class C { SslStream _s; C(object s) { _s = new SslStream(s); _s.UseStoredDeviceCertificate = false; } }")]
    public void An_SslStream_with_the_stored_certificate_off_is_fine(string source)
    {
        Assert.Empty(ClientCertificateAnalyzer.Analyze("Fine.cs", source));
    }

    [Theory]
    [InlineData("using nanoFramework.M2Mqtt;", "M2Mqtt")]
    [InlineData("using uPLibrary.Networking.M2Mqtt;", "uPLibrary")]
    [InlineData("class C { object M() => new M2MqttLink(null); }", "M2MqttLink")]
    public void Anything_of_M2Mqtt_is_reported(string source, string name)
    {
        IReadOnlyList<Violation> found = ClientCertificateAnalyzer.Analyze("Sample.cs", "\n" + source);

        Assert.Contains(found, v => v.Line == 2 && v.Rule.Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public void The_M2Mqtt_package_in_a_project_file_is_reported()
    {
        const string config = "<packages>\n  <package id=\"nanoFramework.M2Mqtt\" version=\"5.1.220\" />\n</packages>";

        Violation violation = Assert.Single(ClientCertificateAnalyzer.AnalyzeProjectFile("packages.config", config));
        Assert.Equal(2, violation.Line);
    }

    private static IEnumerable<string> ProjectFiles() =>
        Repo.DeviceFolders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Repo.Root, folder), "*", SearchOption.TopDirectoryOnly))
            .Where(f => f.EndsWith(".nfproj", StringComparison.OrdinalIgnoreCase) || Path.GetFileName(f) == "packages.config")
            .Order(StringComparer.Ordinal);
}
