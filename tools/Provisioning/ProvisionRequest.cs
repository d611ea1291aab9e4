using AwsIotDevice.Core.Provisioning;

namespace AwsIotDevice.Provisioning;

/// <summary>What <c>iotctl provision</c> was asked to do, straight from its options.</summary>
public sealed record ProvisionRequest
{
    /// <summary>Serial port path (/dev/ttyUSB0, /dev/cu.usbserial-1, COM3, or a pseudo-terminal's slave path).</summary>
    public required string Port { get; init; }

    /// <summary>Line speed; the firmware uses 115200.</summary>
    public int Baud { get; init; } = ProvisioningProtocol.BaudRate;

    /// <summary><c>key=value</c> pairs from <c>--set</c>, values taken literally (no escapes).</summary>
    public IReadOnlyList<string> Set { get; init; } = [];

    /// <summary>A settings file in the device's codec format (<c>key=value</c> lines, <c>\\ \n \r</c> escapes), or null.</summary>
    public string? SettingsFile { get; init; }

    /// <summary>An RSA private key PEM: sign aws.token with it and send the result as aws.signature.</summary>
    public string? SignWith { get; init; }

    /// <summary>Print the device's STATUS line (after committing, when there is something to commit).</summary>
    public bool Status { get; init; }
}
