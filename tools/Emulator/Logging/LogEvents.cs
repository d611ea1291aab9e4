namespace AwsIotDevice.Emulator.Logging;

/// <summary>Event names.</summary>
public static class LogEvents
{
    /// <summary>The emulator is listening.</summary>
    public const string Started = "STARTED";
    /// <summary>The emulator stopped.</summary>
    public const string Stopped = "STOPPED";
    /// <summary>A connection was accepted (CONNACK 0 sent).</summary>
    public const string ConnectOk = "CONNECT_OK";
    /// <summary>A connection attempt was refused (TLS, routing or CONNECT).</summary>
    public const string Refused = "REFUSED";
    /// <summary>An established MQTT connection ended.</summary>
    public const string Disconnect = "DISCONNECT";
    /// <summary>An operation on an established connection was denied without closing it (MQTT 5).</summary>
    public const string Denied = "DENIED";
    /// <summary>An HTTPS publish was accepted (200).</summary>
    public const string HttpPublish = "HTTP_PUBLISH";
    /// <summary>The authorizer was invoked again (refreshAfterInSeconds).</summary>
    public const string Refreshed = "REFRESHED";
}
