using System.Collections;
using System.Runtime.CompilerServices;

namespace nanoFramework.TestFramework;

/// <summary>The nanoFramework.TestFramework assertions. Each failure throws <see cref="AssertFailedException"/>.</summary>
public sealed partial class Assert
{
    private Assert()
    {
    }

    public static void IsTrue(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
    {
        if (!condition)
        {
            Fail("Assert.IsTrue", message);
        }
    }

    public static void IsFalse(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
    {
        if (condition)
        {
            Fail("Assert.IsFalse", message);
        }
    }

    public static void IsNull(object? value, [CallerArgumentExpression(nameof(value))] string message = "")
    {
        if (value is not null)
        {
            Fail("Assert.IsNull", $"Actual:<{Show(value)}>. {message}");
        }
    }

    public static void IsNotNull(object? value, [CallerArgumentExpression(nameof(value))] string message = "")
    {
        if (value is null)
        {
            Fail("Assert.IsNotNull", message);
        }
    }

    public static void AreSame(object? expected, object? actual, [CallerArgumentExpression(nameof(actual))] string message = "")
    {
        if (!ReferenceEquals(expected, actual))
        {
            Fail("Assert.AreSame", message);
        }
    }

    public static void AreNotSame(object? notExpected, object? actual, [CallerArgumentExpression(nameof(actual))] string message = "")
    {
        if (ReferenceEquals(notExpected, actual))
        {
            Fail("Assert.AreNotSame", message);
        }
    }

    public static void IsInstanceOfType(object? value, Type expectedType, [CallerArgumentExpression(nameof(value))] string message = "")
    {
        if (value is null || !expectedType.IsInstanceOfType(value))
        {
            Fail("Assert.IsInstanceOfType", $"Expected type:<{expectedType}>. Actual type:<{value?.GetType().ToString() ?? "(null)"}>. {message}");
        }
    }

    public static void IsNotInstanceOfType(object? value, Type wrongType, [CallerArgumentExpression(nameof(value))] string message = "")
    {
        if (value is not null && wrongType.IsInstanceOfType(value))
        {
            Fail("Assert.IsNotInstanceOfType", $"Wrong type:<{wrongType}>. {message}");
        }
    }

    public static void Contains(string expected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
    {
        if (value is null || expected is null || value.IndexOf(expected, StringComparison.Ordinal) < 0)
        {
            Fail("Assert.Contains", $"String '{value}' does not contain string '{expected}'. {message}");
        }
    }

    public static void DoesNotContains(string notExpected, string value, [CallerArgumentExpression(nameof(value))] string message = "")
    {
        if (value is not null && notExpected is not null && value.IndexOf(notExpected, StringComparison.Ordinal) >= 0)
        {
            Fail("Assert.DoesNotContains", $"String '{value}' does contain string '{notExpected}'. {message}");
        }
    }

    public static void StartsWith(string expectedPrefix, string value, [CallerArgumentExpression(nameof(value))] string message = "")
    {
        if (value is null || expectedPrefix is null || !value.StartsWith(expectedPrefix, StringComparison.Ordinal))
        {
            Fail("Assert.StartsWith", $"String '{value}' does not start with string '{expectedPrefix}'. {message}");
        }
    }

    public static void EndsWith(string expectedSuffix, string value, [CallerArgumentExpression(nameof(value))] string message = "")
    {
        if (value is null || expectedSuffix is null || !value.EndsWith(expectedSuffix, StringComparison.Ordinal))
        {
            Fail("Assert.EndsWith", $"String '{value}' does not end with string '{expectedSuffix}'. {message}");
        }
    }

    /// <summary>Passes only when <paramref name="action"/> throws exactly <paramref name="exceptionType"/> (not a subclass).</summary>
    public static void ThrowsException(Type exceptionType, Action action, [CallerArgumentExpression(nameof(action))] string message = "")
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is not AssertFailedException && ex is not SkipTestException)
        {
            if (ex.GetType() != exceptionType)
            {
                Fail("Assert.ThrowsException", $"Threw exception {ex.GetType().Name}, but exception {exceptionType.Name} was expected. {message}");
            }

            return;
        }

        Fail("Assert.ThrowsException", $"No exception thrown. {exceptionType.Name} exception was expected. {message}");
    }

    public static void SkipTest(string message = "") => throw new SkipTestException(message);

    internal static void Fail(string assertion, string message) =>
        throw new AssertFailedException($"{assertion} failed. {message}");

    internal static string Show(object? value) => value switch
    {
        null => "(null)",
        ICollection collection => $"{value.GetType().Name}[{collection.Count}]",
        _ => value.ToString() ?? "(null)",
    };
}
