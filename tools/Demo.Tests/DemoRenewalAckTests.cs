namespace AwsIotDevice.Demo.Tests;

/// <summary>How the demo reads the device's renewal acks: a broken ack is reported, never thrown.</summary>
public sealed class DemoRenewalAckTests
{
    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"status\":\"accepted\"}")]
    [InlineData("{\"reason\":\"bad-mac\"}")]
    [InlineData("{\"status\":1,\"reason\":\"\"}")]
    [InlineData("")]
    public void An_ack_without_a_readable_status_and_reason_is_unreadable(string ack)
    {
        Assert.Null(DemoRenewal.StatusOf(ack));
        Assert.StartsWith("unreadable ack '", DemoRenewal.Describe(ack), StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_unreadable_ack_is_shown_cut()
    {
        string ack = new('x', 500);
        Assert.Equal("unreadable ack '" + new string('x', 80) + "...'", DemoRenewal.Describe(ack));
    }

    [Fact]
    public void A_well_formed_ack_gives_its_status_and_reason()
    {
        Assert.Equal(("rejected", "bad-mac"), DemoRenewal.StatusOf("{\"status\":\"rejected\",\"reason\":\"bad-mac\",\"seq\":0}"));
        Assert.Equal("rejected (bad-mac)", DemoRenewal.Describe("{\"status\":\"rejected\",\"reason\":\"bad-mac\"}"));
        Assert.Equal("accepted", DemoRenewal.Describe("{\"status\":\"accepted\",\"reason\":\"\"}"));
    }
}
