using System.CommandLine;
using AwsIotDevice.CustomAuth;

namespace AwsIotDevice.Iotctl;

/// <summary>What a command action needs: its parse result and the three streams.</summary>
public sealed class CommandContext
{
    private CommandContext(ParseResult parseResult)
    {
        ParseResult = parseResult;
        InvocationConfiguration configuration = parseResult.InvocationConfiguration;
        Out = configuration.Output;
        Error = configuration.Error;
        In = configuration is IotctlInvocationConfiguration iotctl ? iotctl.Input : Console.In;
        CommandPath = IotctlApp.CommandPath(parseResult);
    }

    /// <summary>The parse result of the invocation.</summary>
    public ParseResult ParseResult { get; }

    /// <summary>Standard output: results only.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error: errors and diagnostics.</summary>
    public TextWriter Error { get; }

    /// <summary>Standard input.</summary>
    public TextReader In { get; }

    /// <summary>"iotctl sign", "iotctl aws setup": prefixes every error line.</summary>
    public string CommandPath { get; }

    /// <summary>The value of <paramref name="option"/>.</summary>
    public T? Get<T>(Option<T> option) => ParseResult.GetValue(option);

    /// <summary>
    /// Sets <paramref name="command"/>'s action to <paramref name="body"/>, turning every failure into one line on
    /// stderr: <see cref="CustomAuthException"/> (bad input, message is user-facing and secret-free) exits 2, anything
    /// else is a bug and exits 70 naming only the exception type, so no stack trace or secret ever reaches the user.
    /// </summary>
    public static void SetAction(Command command, Func<CommandContext, int> body)
    {
        command.SetAction(parseResult =>
        {
            var context = new CommandContext(parseResult);
            try
            {
                return body(context);
            }
            catch (CustomAuthException e)
            {
                context.Error.WriteLine($"{context.CommandPath}: {e.Message}");
                return IotctlApp.BadInput;
            }
            catch (Exception e)
            {
                context.Error.WriteLine($"{context.CommandPath}: internal error ({e.GetType().Name}); please report it");
                return IotctlApp.InternalError;
            }
        });
    }
}
