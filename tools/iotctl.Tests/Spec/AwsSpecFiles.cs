namespace AwsIotDevice.Iotctl.Tests.Spec;

/// <summary>
/// Where AWS's published specifications are: tools/iotctl.Tests/aws-spec/node_modules, installed by
/// <c>bash .ci/install</c> from the pinned package-lock.json. Missing files fail the test that needs them (no skipping).
/// </summary>
internal static class AwsSpecFiles
{
    private static readonly Lazy<string> Root = new(FindModules);

    /// <summary>The node_modules directory.</summary>
    public static string Modules => Root.Value;

    /// <summary>A file or directory inside an installed package, which must exist.</summary>
    public static string Path(string package, string relative)
    {
        string path = System.IO.Path.Combine(Modules, package, relative);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new InvalidOperationException($"AWS specification file {package}/{relative} is missing from {Modules}: run bash .ci/install");
        }

        return path;
    }

    private static string FindModules()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = System.IO.Path.GetDirectoryName(dir))
        {
            if (File.Exists(System.IO.Path.Combine(dir, "tools", "Tools.slnx")))
            {
                string modules = System.IO.Path.Combine(dir, "tools", "iotctl.Tests", "aws-spec", "node_modules");
                if (!Directory.Exists(System.IO.Path.Combine(modules, "@aws-cdk", "aws-service-spec")) || !Directory.Exists(System.IO.Path.Combine(modules, "@aws-sdk")))
                {
                    throw new InvalidOperationException($"AWS specifications are not installed in {modules}: run bash .ci/install (it installs them with npm from tools/iotctl.Tests/aws-spec/package-lock.json)");
                }

                return modules;
            }
        }

        throw new InvalidOperationException("cannot find the repository (tools/Tools.slnx) above " + AppContext.BaseDirectory);
    }
}
