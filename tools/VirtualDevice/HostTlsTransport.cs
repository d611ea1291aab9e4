using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// Core's <see cref="ITransport"/> over a host <see cref="SslStream"/>. A timed-out read must leave the TLS stream
/// intact, so at most one read of the SslStream is outstanding and it reads into this transport's own buffer: a
/// Read that times out returns 0 and leaves that read running; the next Read waits for the same one. Writes are bounded by
/// their timeout (a timed-out write closes the stream: a record cut short cannot be recovered). Close and
/// <see cref="Sever"/> may come from any thread.
/// </summary>
internal sealed class HostTlsTransport : ITransport
{
    private readonly Socket _socket;
    private readonly SslStream _ssl;
    private readonly string _where;
    private readonly byte[] _received = new byte[16 * 1024];
    private readonly object _sync = new();
    private int _start;
    private int _end;
    private Task<int>? _pending;
    private bool _closed;
    private Fault _lastFault = Fault.None;
    private string _lastError = string.Empty;

    public HostTlsTransport(Socket socket, SslStream ssl, string where)
    {
        _socket = socket;
        _ssl = ssl;
        _where = where;
    }

    public Fault LastFault
    {
        get
        {
            lock (_sync)
            {
                return _lastFault;
            }
        }
    }

    public string LastErrorDetail
    {
        get
        {
            lock (_sync)
            {
                return _lastError;
            }
        }
    }

    public int Write(byte[] buffer, int offset, int count, int timeoutMs)
    {
        if (IsClosed)
        {
            return -1;
        }

        try
        {
            Task write = _ssl.WriteAsync(buffer, offset, count);
            if (!write.Wait(Math.Max(1, timeoutMs)))
            {
                return Fail(Fault.ConnectionLost, $"write to {_where} timed out after {timeoutMs} ms (the server stopped reading)");
            }

            return count;
        }
        catch (Exception e) when (e is AggregateException or IOException or ObjectDisposedException or SocketException or NotSupportedException or InvalidOperationException)
        {
            return Fail(FaultOf(e), $"write to {_where} failed ({Describe(e)})");
        }
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        if (_start < _end)
        {
            return Take(buffer, offset, count);
        }

        if (IsClosed)
        {
            return -1;
        }

        Task<int> read = _pending ??= StartRead();
        try
        {
            if (!read.IsCompleted && (timeoutMs <= 0 || !read.Wait(timeoutMs)))
            {
                return 0;
            }
        }
        catch (AggregateException)
        {
            // Faulted: reported below.
        }

        _pending = null;
        if (read.IsFaulted || read.IsCanceled)
        {
            Exception e = read.Exception?.InnerException ?? new IOException("read cancelled");
            return Fail(FaultOf(e), IsClosed ? "closed locally" : $"connection to {_where} lost ({Describe(e)})");
        }

        if (read.Result == 0)
        {
            return Fail(Fault.ConnectionLost, $"the server closed the connection to {_where}");
        }

        _start = 0;
        _end = read.Result;
        return Take(buffer, offset, count);
    }

    public void Close()
    {
        lock (_sync)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            if (_lastFault == Fault.None)
            {
                _lastFault = Fault.ConnectionLost;
                _lastError = "closed locally";
            }
        }

        try
        {
            _ssl.Dispose();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
        }

        _socket.Dispose();
    }

    /// <summary>Fault injection: drops the TCP connection at once (RST, no TLS close, no DISCONNECT), as a dead network would.</summary>
    public void Sever()
    {
        try
        {
            _socket.LingerState = new LingerOption(true, 0);
            _socket.Close();
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }
    }

    private bool IsClosed
    {
        get
        {
            lock (_sync)
            {
                return _closed;
            }
        }
    }

    private Task<int> StartRead()
    {
        try
        {
            return _ssl.ReadAsync(_received, 0, _received.Length);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or NotSupportedException or InvalidOperationException)
        {
            return Task.FromException<int>(e);
        }
    }

    private int Take(byte[] buffer, int offset, int count)
    {
        int take = Math.Min(count, _end - _start);
        Array.Copy(_received, _start, buffer, offset, take);
        _start += take;
        return take;
    }

    private int Fail(Fault fault, string detail)
    {
        lock (_sync)
        {
            if (!_closed)
            {
                _lastFault = fault;
                _lastError = detail;
            }
        }

        Close();
        return -1;
    }

    private static Fault FaultOf(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is AuthenticationException)
            {
                return Fault.TlsFailure;
            }
        }

        return Fault.ConnectionLost;
    }

    internal static string Describe(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is SocketException s)
            {
                return s.SocketErrorCode.ToString();
            }
        }

        Exception inner = e is AggregateException { InnerException: { } first } ? first : e;
        return inner.GetType().Name;
    }
}
