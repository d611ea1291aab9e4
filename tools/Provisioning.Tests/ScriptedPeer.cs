using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.SerialLines;

namespace AwsIotDevice.Provisioning.Tests;

/// <summary>
/// Something other than a well-behaved device on a pseudo-terminal: answers each received line with whatever
/// <c>respond</c> returns (null: stay silent). Records the lines it received.
/// </summary>
internal sealed class ScriptedPeer : IDisposable
{
    private readonly PseudoTerminal _pty;
    private readonly Thread _thread;
    private readonly List<string> _received = [];
    private volatile bool _stop;

    public ScriptedPeer(Func<string, string?> respond)
    {
        _pty = PseudoTerminal.OpenPair();
        var line = new SerialLineReader(_pty.Master);
        _thread = new Thread(() =>
        {
            while (!_stop)
            {
                LineStatus status = line.ReadLine(50, 100_000, out string text);
                if (status == LineStatus.Closed)
                {
                    return;
                }

                if (status != LineStatus.Line)
                {
                    continue;
                }

                lock (_received)
                {
                    _received.Add(text);
                }

                string? answer = respond(text);
                if (answer is not null)
                {
                    line.WriteLine(answer);
                }
            }
        })
        { IsBackground = true };
        _thread.Start();
    }

    public string Port => _pty.SlavePath;

    public string[] Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Closes the device end now, as unplugging the board would (the peer's thread then ends).</summary>
    public void Unplug() => _pty.Dispose();

    public void Dispose()
    {
        _stop = true;
        Assert.True(_thread.Join(5000), "the scripted peer did not stop");
        _pty.Dispose();
    }
}
