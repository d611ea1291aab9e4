namespace AwsIotDevice.LambdaAuthorizer;

/// <summary>
/// The custom runtime's event loop: next invocation, handle, respond, forever (Lambda freezes the process between
/// invocations and ends it when it wants). <see cref="AuthorizerFunction"/> never throws, so every invocation gets a
/// response; a failing Runtime API (the environment going away) ends the loop.
/// </summary>
public sealed class RuntimeLoop
{
    private readonly RuntimeApiClient _api;
    private readonly AuthorizerFunction _function;

    /// <summary>Creates the loop.</summary>
    public RuntimeLoop(RuntimeApiClient api, AuthorizerFunction function)
    {
        _api = api;
        _function = function;
    }

    /// <summary>Serves invocations until cancelled or until the Runtime API fails.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Invocation invocation = await _api.NextAsync(cancellationToken).ConfigureAwait(false);
            byte[] response;
            using (var input = new MemoryStream(invocation.Event, writable: false))
            {
                response = _function.HandleBytes(input, invocation.RequestId);
            }

            await _api.RespondAsync(invocation.RequestId, response, cancellationToken).ConfigureAwait(false);
        }
    }
}
