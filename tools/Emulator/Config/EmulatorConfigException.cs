namespace AwsIotDevice.Emulator.Config;

/// <summary>
/// The configuration cannot be used. <see cref="Exception.Message"/> is one line per problem (field, what
/// is wrong, what to do) and never contains key material.
/// </summary>
public sealed class EmulatorConfigException : Exception
{
    /// <summary>Creates the exception from one or more problems.</summary>
    public EmulatorConfigException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems)) => Problems = problems;

    /// <summary>Creates the exception from one problem.</summary>
    public EmulatorConfigException(string problem) : this([problem]) { }

    /// <summary>Each problem, one line.</summary>
    public IReadOnlyList<string> Problems { get; }
}
