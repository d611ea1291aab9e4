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
    private int _answers;

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
                    Monitor.PulseAll(_received);
                }

                string? answer = respond(text);
                if (answer is not null)
                {
                    line.WriteLine(answer);
                    lock (_received)
                    {
                        _answers++;
                        Monitor.PulseAll(_received);
                    }
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

    /// <summary>
    /// Waits at most <paramref name="timeout"/> until <paramref name="condition"/> holds for (the lines received so far,
    /// the answers written so far); returns whether it did. Woken by each line and each answer, not by polling.
    /// </summary>
    public bool WaitFor(Func<string[], int, bool> condition, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        lock (_received)
        {
            while (!condition([.. _received], _answers))
            {
                TimeSpan left = timeout - clock.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    return false;
                }

                Monitor.Wait(_received, left);
            }

            return true;
        }
    }

    /// <summary>
    /// Everything the peer received before <paramref name="sentinel"/>, which this writes on a port of its own after
    /// whatever a tool wrote: lines arrive in order, so once the sentinel is in, anything sent before it is too.
    /// </summary>
    public string[] ReceivedBeforeSentinel(string sentinel, TimeSpan timeout)
    {
        using (ISerialChannel port = SerialPortChannel.Open(Port, 115200))
        {
            new SerialLineReader(port).WriteLine(sentinel);
            Assert.True(WaitFor((lines, _) => lines.Contains(sentinel), timeout), "the sentinel line never reached the peer");
        }

        string[] all = Received;
        return all[..Array.IndexOf(all, sentinel)];
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
