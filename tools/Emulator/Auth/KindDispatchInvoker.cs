using AwsIotDevice.Emulator.Config;

namespace AwsIotDevice.Emulator.Auth;

/// <summary>Chooses the invoker by the authorizer's kind.</summary>
public sealed class KindDispatchInvoker : IAuthorizerInvoker
{
    private readonly IAuthorizerInvoker _reference;
    private readonly IAuthorizerInvoker _command;

    /// <summary>Creates it from the two invokers.</summary>
    public KindDispatchInvoker(IAuthorizerInvoker reference, IAuthorizerInvoker command)
    {
        _reference = reference;
        _command = command;
    }

    /// <inheritdoc />
    public Task<AuthorizerInvocation> InvokeAsync(LoadedAuthorizer authorizer, string eventJson, CancellationToken cancellationToken) =>
        authorizer.Config.Kind == "command"
            ? _command.InvokeAsync(authorizer, eventJson, cancellationToken)
            : _reference.InvokeAsync(authorizer, eventJson, cancellationToken);
}
