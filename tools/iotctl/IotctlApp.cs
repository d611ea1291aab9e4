using System.CommandLine;
using System.CommandLine.Help;
using AwsIotDevice.Iotctl.Commands;

namespace AwsIotDevice.Iotctl;

/// <summary>
/// Builds the iotctl command tree and runs it against the given streams (the real console in Program.cs,
/// string readers/writers in tests). Exit codes: 0 success, 1 a negative answer (<c>verify</c>: invalid),
/// 2 bad input or usage (one line on stderr), 70 an internal error (one line, no stack trace).
/// </summary>
public static class IotctlApp
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code for a well-formed negative answer, e.g. a signature that does not verify.</summary>
    public const int Negative = 1;

    /// <summary>Exit code for bad input: usage errors, unreadable or wrong files, malformed values.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for a bug (EX_SOFTWARE).</summary>
    public const int InternalError = 70;

    /// <summary>
    /// Creates the root command. To add a command group, write Commands/&lt;Group&gt;Command.cs with a static
    /// <c>Create()</c> returning its <see cref="Command"/> and add it to this list.
    /// </summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("iotctl: host tool for the ESP32 AWS IoT custom-authorizer firmware (keys, tokens, usernames, authorizer, AWS setup, emulator, provisioning, virtual device, demo)")
        {
            KeygenCommand.Create(),
            SignCommand.Create(),
            VerifyCommand.Create(),
            TokenCommand.Create(),
            UsernameCommand.Create(),
            AuthorizeCommand.Create(),
            AwsCommand.Create(),
            ProvisionCommands.Create(),
            CredentialsCommands.Create(),
            DeviceCommands.Create(),
            EmulatorCommands.Create(),
            DemoCommand.Create(),
        };
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the selected command; returns the exit code.</summary>
    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        RootCommand root = CreateRootCommand();

        // Tokens and signatures are arbitrary text: "@file" must stay a value, never expand as a response file.
        var parserConfiguration = new ParserConfiguration { ResponseFileTokenReplacer = null };
        ParseResult parseResult = root.Parse(args, parserConfiguration);
        bool helpRequested = parseResult.Action is HelpAction;
        if (parseResult.Errors.Count > 0 && !helpRequested)
        {
            string command = CommandPath(parseResult);
            error.WriteLine($"{command}: {OneLine(MostSpecificError(parseResult))} (see '{command} --help')");
            return BadInput;
        }

        var configuration = new IotctlInvocationConfiguration(input)
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
        };
        return parseResult.Invoke(configuration);
    }

    // "Required command was not provided" comes first for 'iotctl typo', but the unrecognized token is the real problem.
    private static string MostSpecificError(ParseResult parseResult) =>
        parseResult.Errors.FirstOrDefault(e => e.Message.Contains("nrecognized", StringComparison.Ordinal))?.Message
        ?? parseResult.Errors[0].Message;

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    internal static string CommandPath(ParseResult parseResult)
    {
        var names = new Stack<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Push(result.Parent is null ? "iotctl" : result.Command.Name);
        }

        return string.Join(' ', names);
    }
}
