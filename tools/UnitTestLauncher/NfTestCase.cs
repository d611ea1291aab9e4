using System.Reflection;

namespace AwsIotDevice.UnitTestLauncher;

/// <summary>What a case runs: a class's Setup or Cleanup step, one [TestMethod], or one [DataRow] of a method.</summary>
public enum NfStep
{
    Setup,
    Test,
    Cleanup,
}

/// <summary>One runnable item of the nanoFramework test assembly, named the way the nanoFramework launcher names it.</summary>
public sealed record NfTestCase(string Id, Type TestClass, NfStep Step, MethodInfo? Method, object[]? Arguments);
