namespace AwsIotDevice.Emulator.Tests.Support;

/// <summary>Counts invocations of an inner invoker (or answers with fixed JSON).</summary>
public sealed class CountingInvoker : AwsIotDevice.Emulator.Auth.IAuthorizerInvoker
{
    private readonly AwsIotDevice.Emulator.Auth.IAuthorizerInvoker? _inner;
    private readonly Func<string, string>? _answer;
    private int _count;

    public CountingInvoker(AwsIotDevice.Emulator.Auth.IAuthorizerInvoker inner) => _inner = inner;
    public CountingInvoker(Func<string, string> answer) => _answer = answer;

    public int Count => Volatile.Read(ref _count);
    public string? LastEvent { get; private set; }

    public Task<AwsIotDevice.Emulator.Auth.AuthorizerInvocation> InvokeAsync(AwsIotDevice.Emulator.Config.LoadedAuthorizer authorizer, string eventJson, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        LastEvent = eventJson;
        return _inner is not null
            ? _inner.InvokeAsync(authorizer, eventJson, cancellationToken)
            : Task.FromResult(AwsIotDevice.Emulator.Auth.AuthorizerInvocation.Returned(_answer!(eventJson)));
    }
}
