namespace AwsIotDevice.Demo.Tests;

/// <summary>
/// The tests that run the whole system share one collection so they run one after the other: each opens real
/// sockets, a pseudo-terminal and several threads, and timing assertions need the (shared, small) CPU to themselves.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EndToEnd
{
    public const string Name = "end-to-end";
}
