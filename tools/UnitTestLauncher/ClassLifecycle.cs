using System.Reflection;
using nanoFramework.TestFramework;

namespace AwsIotDevice.UnitTestLauncher;

/// <summary>
/// Keeps the launcher's per-class contract whatever order or subset of cases xunit runs: a class's [Setup]
/// methods run once before its first case, its [Cleanup] methods once after its last, and another class's
/// case first closes the active class. A Setup that calls Assert.SkipTest skips every case of the class;
/// a Setup that fails fails every case of the class with the Setup's message.
/// </summary>
public static class ClassLifecycle
{
    private static readonly object Gate = new();
    private static Type? _active;
    private static string? _skipReason;
    private static string? _setupFailure;

    /// <summary>Makes <paramref name="testClass"/> the active class, running its Setup if it is not active yet.</summary>
    public static ClassState Enter(Type testClass)
    {
        lock (Gate)
        {
            if (_active != testClass)
            {
                LeaveLocked();
                _active = testClass;
                _skipReason = null;
                _setupFailure = null;
                RunSetup(testClass);
            }

            return new ClassState(_skipReason, _setupFailure);
        }
    }

    /// <summary>Runs the active class's Cleanup (if any class is active) and forgets it.</summary>
    public static void Leave()
    {
        lock (Gate)
        {
            LeaveLocked();
        }
    }

    private static void RunSetup(Type testClass)
    {
        foreach (MethodInfo setup in Marked(testClass, typeof(SetupAttribute)))
        {
            try
            {
                NullInstanceInvoker.Invoke(setup, null);
            }
            catch (Exception ex) when (Unwrap(ex) is SkipTestException skip)
            {
                _skipReason = $"{setup.Name}: {skip.Message}";
                return;
            }
            catch (Exception ex)
            {
                _setupFailure = $"{setup.Name} failed: {Unwrap(ex).Message}";
                return;
            }
        }
    }

    private static void LeaveLocked()
    {
        Type? active = _active;
        _active = null;
        if (active is null || _skipReason is not null)
        {
            return;
        }

        var failures = new List<string>();
        foreach (MethodInfo cleanup in Marked(active, typeof(CleanupAttribute)))
        {
            try
            {
                NullInstanceInvoker.Invoke(cleanup, null);
            }
            catch (Exception ex)
            {
                failures.Add($"{cleanup.Name} failed: {Unwrap(ex).Message}");
            }
        }

        if (failures.Count > 0)
        {
            throw new AssertFailedException($"[Cleanup] of {active.FullName}: {string.Join("; ", failures)}");
        }
    }

    private static IEnumerable<MethodInfo> Marked(Type type, Type attribute) =>
        type.GetMethods().Where(m => m.IsDefined(attribute, true));

    internal static Exception Unwrap(Exception ex) =>
        ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
}

/// <summary>How the active class's Setup went.</summary>
public sealed record ClassState(string? SkipReason, string? SetupFailure);
