namespace nanoFramework.TestFramework;

/// <summary>Thrown by a failed assertion.</summary>
public class AssertFailedException : Exception
{
    public AssertFailedException(string message)
        : base(message)
    {
    }
}

/// <summary>Thrown by <see cref="Assert.SkipTest"/>.</summary>
public class SkipTestException : Exception
{
    public SkipTestException(string message)
        : base(message)
    {
    }
}
