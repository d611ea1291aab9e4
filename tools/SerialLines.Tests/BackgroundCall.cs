namespace AwsIotDevice.SerialLines.Tests;

/// <summary>Runs a call on a dedicated background thread so a test can wait for it with a bound.</summary>
internal sealed class BackgroundCall<T>
{
    private readonly Thread _thread;
    private T? _result;
    private Exception? _error;

    public BackgroundCall(Func<T> call)
    {
        _thread = new Thread(() =>
        {
            try
            {
                _result = call();
            }
            catch (Exception e)
            {
                _error = e;
            }
        })
        { IsBackground = true };
        _thread.Start();
    }

    /// <summary>Waits at most <paramref name="timeoutMs"/>; returns the result, rethrowing the call's exception.</summary>
    public T Result(int timeoutMs)
    {
        Assert.True(_thread.Join(timeoutMs), $"the background call did not finish within {timeoutMs} ms");
        if (_error is not null)
        {
            throw new InvalidOperationException("the background call failed", _error);
        }

        return _result!;
    }
}
