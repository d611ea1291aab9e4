using AwsIotDevice.Emulator.Config;

namespace AwsIotDevice.Emulator.Auth;

/// <summary>Chooses the invoker by the authorizer's kind (reference, command, lambda).</summary>
public sealed class KindDispatchInvoker : IAuthorizerInvoker, IAsyncDisposable
{
    private readonly IAuthorizerInvoker _reference;
    private readonly IAuthorizerInvoker _command;
    private readonly IAuthorizerInvoker? _lambda;

    /// <summary>Creates it from the invokers; without <paramref name="lambda"/>, kind <c>lambda</c> fails with a message.</summary>
    public KindDispatchInvoker(IAuthorizerInvoker reference, IAuthorizerInvoker command, IAuthorizerInvoker? lambda = null)
    {
        _reference = reference;
        _command = command;
        _lambda = lambda;
    }

    /// <summary>The invoker the emulator uses for <paramref name="config"/>: every kind, as configured. Dispose it to end Lambda environments.</summary>
    public static KindDispatchInvoker For(LoadedConfig config) => new(
        new ReferenceAuthorizerInvoker(config.Config.Aws),
        new CommandAuthorizerInvoker(config.BaseDirectory),
        new LambdaAuthorizerInvoker(config.BaseDirectory, config.Config.Aws));

    /// <inheritdoc />
    public Task<AuthorizerInvocation> InvokeAsync(LoadedAuthorizer authorizer, string eventJson, CancellationToken cancellationToken) =>
        authorizer.Config.Kind switch
        {
            "command" => _command.InvokeAsync(authorizer, eventJson, cancellationToken),
            "lambda" => _lambda?.InvokeAsync(authorizer, eventJson, cancellationToken)
                ?? Task.FromResult(AuthorizerInvocation.Failed("kind 'lambda' is not available in this invoker")),
            _ => _reference.InvokeAsync(authorizer, eventJson, cancellationToken),
        };

    /// <summary>Disposes the invokers that hold resources (Lambda environments).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (IAuthorizerInvoker? invoker in new[] { _reference, _command, _lambda })
        {
            if (invoker is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
