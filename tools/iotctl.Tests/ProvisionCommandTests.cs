namespace AwsIotDevice.Iotctl.Tests;

/// <summary><c>iotctl provision</c> as a user runs it: failures of the port are one line, no stack trace.</summary>
public class ProvisionCommandTests
{
    [Fact]
    public void A_port_that_does_not_exist_is_one_line_naming_it_and_exit_2()
    {
        Cli.Result result = Cli.RunProcess(string.Empty, "provision", "--port", "/dev/does-not-exist", "--status");

        Cli.AssertOneLineError(result, 2, "/dev/does-not-exist");
        Assert.Contains("no such port", result.Err);
    }
}
