using System.Diagnostics;

namespace AwsIotDevice.Provisioning.Tests;

/// <summary>
/// Provisioning across two pseudo-terminals that socat (installed by .ci/install) bridges, as a USB-serial adapter
/// would: both ends are opened by path through <see cref="SerialLines.SerialPortChannel.Open"/>, none of them ours.
/// </summary>
public class SocatTests
{
    [Fact]
    public void Provisions_through_a_socat_bridged_pair_of_ttys()
    {
        string dir = Directory.CreateTempSubdirectory("socat-provision-").FullName;
        string deviceLink = Path.Combine(dir, "device");
        string toolLink = Path.Combine(dir, "tool");
        using Process socat = Process.Start(new ProcessStartInfo("socat", ["-T", "30", $"pty,raw,echo=0,link={deviceLink}", $"pty,raw,echo=0,link={toolLink}"])
        {
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("socat did not start (is it installed? see .ci/install)");
        try
        {
            Assert.True(SpinWait.SpinUntil(() => File.Exists(deviceLink) && File.Exists(toolLink), 5000), "socat did not create its ttys within 5 s");
            string file = TestData.TempFile(TestData.SettingsFileText(withToken: false));
            using var device = new DeviceOnPty(SerialLines.SerialPortChannel.Open(deviceLink, 115200));
            var output = new StringWriter();
            var error = new StringWriter();

            int exit = Provisioner.Run(new ProvisionRequest { Port = toolLink, SettingsFile = file, Status = true }, output, error);

            Assert.Equal(string.Empty, error.ToString());
            Assert.Equal(Provisioner.ExitOk, exit);
            Assert.Equal("Test Net ☕", device.Stored!.WifiSsid);
            Assert.Contains("STATUS: OK state=", output.ToString());
            TestData.AssertNoSecrets(output.ToString());
        }
        finally
        {
            if (!socat.HasExited)
            {
                socat.Kill();
            }

            socat.WaitForExit(5000);
            Directory.Delete(dir, recursive: true);
        }
    }
}
