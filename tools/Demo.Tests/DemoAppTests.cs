namespace AwsIotDevice.Demo.Tests;

/// <summary><c>iotctl demo</c> end to end, as a user would run it with output redirected.</summary>
[Collection(EndToEnd.Name)]
public sealed class DemoAppTests
{
    [Fact]
    public async Task Shortest_demo_provisions_recovers_from_both_faults_and_passes()
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = await DemoApp.RunAsync(new DemoOptions { Duration = DemoOptions.MinDuration, Live = false }, output, error, budget.Token);

        string text = output.ToString();
        Assert.True(exit == DemoApp.ExitOk, $"exit {exit}; stderr: {error}; stdout:\n{text}");
        Assert.Equal(string.Empty, error.ToString());
        Assert.Contains("COMMIT -> OK", text);
        Assert.Contains("SET aws.token=<secret> -> OK", text);
        Assert.Contains("cutting the device's TLS connection", text);
        Assert.Contains("the authorizer now refuses", text);

        // The renewal: a forged one refused (and logged by the device), the real one taken, the old token refused after
        // its expiry while the device goes on with the new one; nothing lost is the "lost 0" below.
        Assert.Contains("FORGED renewal", text);
        Assert.Contains("device ack: rejected (bad-mac)", text);
        Assert.Contains("refused a renewal (bad-mac)", text);
        Assert.Contains("device ack: accepted", text);
        Assert.Contains("a CONNECT with it is refused now, while the device publishes with the new one", text);
        Assert.Matches(@"credential renewal\s+forged refused, renewal accepted at [0-9.]+ s, old token refused after its expiry", text);
        Assert.Contains("Summary: PASS", text);
        Assert.Matches(@"lost\s+0", text);

        // Secrets never reach the screen: no token value, no signature, no full custom-auth username.
        Assert.DoesNotContain("x-amz-customauthorizer-signature", text);
        Assert.DoesNotMatch(@"v1\.[A-Za-z0-9_-]+\.\d{10}", text);
    }

    [Fact]
    public async Task Unusable_options_exit_2_with_one_line_naming_the_option()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = await DemoApp.RunAsync(new DemoOptions { Interval = TimeSpan.FromMilliseconds(250), Live = false }, output, error, CancellationToken.None);

        Assert.Equal(DemoApp.ExitBadInput, exit);
        Assert.Equal(string.Empty, output.ToString());
        string line = Assert.Single(error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("iotctl demo: --interval 250ms", line);
    }
}
