namespace nanoFramework.TestFramework;

/// <summary>Marks a class whose methods the launcher runs (Setup, then TestMethod and DataRow methods, then Cleanup).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class TestClassAttribute : Attribute
{
}

/// <summary>Marks a test method.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TestMethodAttribute : Attribute
{
}

/// <summary>Runs before the tests of its class; SkipTest here skips the whole class.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SetupAttribute : Attribute
{
}

/// <summary>Runs after the tests of its class.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CleanupAttribute : Attribute
{
}

/// <summary>One invocation of the method with these arguments; a DataRow method needs no TestMethod attribute.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class DataRowAttribute : Attribute
{
    public DataRowAttribute(params object[] methodParameters)
    {
        ArgumentNullException.ThrowIfNull(methodParameters);
        if (methodParameters.Length == 0)
        {
            throw new ArgumentException("methodParameters can not be empty");
        }

        MethodParameters = methodParameters;
    }

    public object[] MethodParameters { get; }
}
