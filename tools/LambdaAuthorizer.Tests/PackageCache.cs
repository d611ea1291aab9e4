using AwsIotDevice.Iotctl.Setup;
using AwsIotDevice.TestSupport;

namespace AwsIotDevice.LambdaAuthorizer.Tests;

/// <summary>
/// The deployment zip, built once per test run by the code behind <c>iotctl aws package</c> (Native AOT takes about a
/// minute) into a temporary directory; every test of the packaged artifact uses this one file.
/// </summary>
internal static class PackageCache
{
    private static readonly TempDirectories TempDirs = new("lambda-authorizer-tests-");
    private static readonly Lazy<LambdaPackageFile> Package = new(() =>
        LambdaPackager.Build(TempDirs.Create(), LambdaPackager.HostArchitecture, null, TextWriter.Null), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The package (built on first use; a build failure fails every test that needs it, with the build's message).</summary>
    public static LambdaPackageFile File => Package.Value;

    /// <summary>A fresh directory, deleted when the test process exits.</summary>
    public static string TempDir() => TempDirs.Create();
}
