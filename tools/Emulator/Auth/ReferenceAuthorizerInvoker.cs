using AwsIotDevice.CustomAuth;
using AwsIotDevice.CustomAuth.Authorizer;
using AwsIotDevice.CustomAuth.Policies;
using AwsIotDevice.Emulator.Config;

namespace AwsIotDevice.Emulator.Auth;

/// <summary>The built-in authorizer: tools/CustomAuth's <see cref="ReferenceAuthorizer"/>, fed the same event JSON a Lambda gets.</summary>
public sealed class ReferenceAuthorizerInvoker : IAuthorizerInvoker
{
    private readonly AwsAccountConfig _aws;
    private readonly TimeProvider _clock;

    /// <summary>Creates the invoker for the emulated account.</summary>
    public ReferenceAuthorizerInvoker(AwsAccountConfig aws, TimeProvider? clock = null)
    {
        _aws = aws;
        _clock = clock ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public Task<AuthorizerInvocation> InvokeAsync(LoadedAuthorizer authorizer, string eventJson, CancellationToken cancellationToken)
    {
        try
        {
            var options = new ReferenceAuthorizerOptions
            {
                Scope = new PolicyScope(_aws.Region, _aws.Account, authorizer.Config.Reference.TopicPrefix),
                PublicKeys = authorizer.PublicKeys,
                RefreshAfterInSeconds = authorizer.Config.Reference.RefreshAfterInSeconds,
                BackendClientIds = authorizer.Config.Reference.BackendClientIds,
            };
            var decision = ReferenceAuthorizer.Authorize(AuthorizerEvent.Parse(eventJson), options, _clock.GetUtcNow());
            return Task.FromResult(AuthorizerInvocation.Returned(decision.Response.ToJson(), "reference authorizer " + decision.Reason));
        }
        catch (CustomAuthException e)
        {
            return Task.FromResult(AuthorizerInvocation.Failed("reference authorizer failed: " + e.Message));
        }
    }
}
