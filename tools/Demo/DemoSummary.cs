namespace AwsIotDevice.Demo;

/// <summary>What a demo run proved, judged by the device's sequence numbers.</summary>
public sealed class DemoSummary
{
    /// <summary>The device's aws.mode (wss, alpn or domain).</summary>
    public string Mode { get; init; } = Core.Settings.DeviceSettings.ModeWss;

    /// <summary>Readings the device took (sequence numbers 1..Produced).</summary>
    public long Produced { get; init; }

    /// <summary>Distinct readings the viewer received.</summary>
    public int Delivered { get; init; }

    /// <summary>Telemetry messages the viewer received: fewer than readings when a backlog went in batches.</summary>
    public int Messages { get; init; }

    /// <summary>Extra copies received (at-least-once delivery after a lost PUBACK).</summary>
    public int Duplicates { get; init; }

    /// <summary>Readings dropped by the device because its queue was full (not counted as lost).</summary>
    public long Dropped { get; init; }

    /// <summary>Readings produced while the queue had room that never arrived.</summary>
    public int Lost { get; init; }

    /// <summary>The first few missing sequence numbers (for the report).</summary>
    public IReadOnlyList<long> MissingSample { get; init; } = [];

    /// <summary>Sessions after the first (accepted CONNECTs minus one).</summary>
    public int Reconnects { get; init; }

    /// <summary>CONNECT attempts the device started.</summary>
    public int ConnectAttempts { get; init; }

    /// <summary>Device CONNECTs refused during the auth-refusal window.</summary>
    public int AuthRefusals { get; init; }

    /// <summary>From COMMIT to the first reading at the viewer; null when none arrived.</summary>
    public TimeSpan? TimeToFirstDelivery { get; init; }

    /// <summary>The device's fault counters ("ConnectRefused:2,ConnectionLost:1"), secret-free.</summary>
    public string Faults { get; init; } = "-";

    /// <summary>What the credential renewal showed (forged refused, renewal accepted, old token refused), or "-".</summary>
    public string Renewal { get; init; } = "-";

    /// <summary>True when the renewal went as it should (or did not run).</summary>
    public bool RenewalPassed { get; init; } = true;

    /// <summary>True when something was delivered, nothing was lost, and the renewal went as it should.</summary>
    public bool Passed => Delivered > 0 && Lost == 0 && RenewalPassed;
}
