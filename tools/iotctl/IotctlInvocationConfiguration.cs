using System.CommandLine;

namespace AwsIotDevice.Iotctl;

/// <summary>The invocation configuration plus standard input, so commands can be run in-process with captured streams.</summary>
public sealed class IotctlInvocationConfiguration : InvocationConfiguration
{
    /// <summary>Creates the configuration reading standard input from <paramref name="input"/>.</summary>
    public IotctlInvocationConfiguration(TextReader input)
    {
        Input = input;
    }

    /// <summary>Standard input.</summary>
    public TextReader Input { get; }
}
