namespace AwsIotDevice.Emulator.Logging;

/// <summary>AWS IoT Core's reason names (lifecycle events / CloudWatch logs).</summary>
public static class LogReasons
{
    /// <summary>Connect refused by authentication or authorization.</summary>
    public const string AuthorizationFailure = "AUTHORIZATION_FAILURE";
    /// <summary>Authorization failed on an established connection (refresh denied).</summary>
    public const string AuthError = "AUTH_ERROR";
    /// <summary>The client broke a protocol rule or a limit.</summary>
    public const string ClientError = "CLIENT_ERROR";
    /// <summary>The client closed the connection.</summary>
    public const string ClientInitiatedDisconnect = "CLIENT_INITIATED_DISCONNECT";
    /// <summary>The socket closed without DISCONNECT.</summary>
    public const string ConnectionLost = "CONNECTION_LOST";
    /// <summary>Another connection took over the client id.</summary>
    public const string DuplicateClientId = "DUPLICATE_CLIENTID";
    /// <summary>An unauthorized publish or subscribe.</summary>
    public const string ForbiddenAccess = "FORBIDDEN_ACCESS";
    /// <summary>No packet within 1.5 x keep-alive.</summary>
    public const string KeepAliveTimeout = "MQTT_KEEP_ALIVE_TIMEOUT";
    /// <summary>A rate limit was exceeded.</summary>
    public const string Throttled = "THROTTLED";
    /// <summary>disconnectAfterInSeconds elapsed.</summary>
    public const string CustomAuthTtlExpiration = "CUSTOMAUTH_TTL_EXPIRATION";
    /// <summary>The emulator is shutting down.</summary>
    public const string ServerShutdown = "SERVER_SHUTDOWN";
}
