using AwsIotDevice.Emulator.Auth;
using AwsIotDevice.Emulator.Logging;
using AwsIotDevice.Emulator.Policy;
using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.Broker;

/// <summary>disconnectAfterInSeconds and refreshAfterInSeconds from the authorizer's response.</summary>
public sealed partial class ClientConnection
{
    private async Task RunTimersAsync(AuthOutcome outcome, ConnectPacket connect, CancellationToken ct)
    {
        double scale = _broker.Config.Limits.TimeScale;
        var ttl = Task.Delay(TimeSpan.FromSeconds(outcome.DisconnectAfterSeconds * scale), ct);
        var refreshEvery = TimeSpan.FromSeconds(outcome.RefreshAfterSeconds * scale);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var refresh = Task.Delay(refreshEvery, ct);
                if (await Task.WhenAny(ttl, refresh).ConfigureAwait(false) == ttl)
                {
                    await ttl.ConfigureAwait(false);
                    Close(LogReasons.CustomAuthTtlExpiration, $"disconnectAfterInSeconds ({outcome.DisconnectAfterSeconds} s) elapsed",
                        "reconnect with a fresh token; the authorizer sets disconnectAfterInSeconds (300..86400)", ReasonCodes.NotAuthorized);
                    return;
                }
                await refresh.ConfigureAwait(false);
                if (_closing != 0) return;
                var again = await AuthenticateAsync(connect, ct).ConfigureAwait(false);
                if (!again.Allowed)
                {
                    Close(LogReasons.AuthError, $"refresh after {outcome.RefreshAfterSeconds} s: {again.Rule}", again.Hint, ReasonCodes.NotAuthorized);
                    return;
                }
                var refreshed = new PolicyEvaluator(again.Policies, ClientId);
                var stillConnect = refreshed.Evaluate("iot:Connect", _broker.Arns.Client(ClientId));
                if (!stillConnect.Allowed)
                {
                    Close(LogReasons.AuthError, $"refresh after {outcome.RefreshAfterSeconds} s: the new policy no longer allows the connection: {stillConnect.Explanation}",
                        $"keep iot:Connect on {_broker.Arns.Client(ClientId)} in the refreshed policy", ReasonCodes.NotAuthorized);
                    return;
                }
                _policy = refreshed;
                Log(LogEvents.Refreshed, null, again.Rule, null);
            }
        }
        catch (OperationCanceledException) { }
    }
}
