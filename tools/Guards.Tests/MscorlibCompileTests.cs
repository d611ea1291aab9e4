using Microsoft.CodeAnalysis;
using Xunit;

namespace AwsIotDevice.Guards.Tests;

/// <summary>
/// Device code compiled against nanoFramework's official mscorlib alone: a member or type that mscorlib lacks fails
/// here with file:line, long before anyone builds the .nfproj with the nanoFramework tooling.
/// </summary>
public class MscorlibCompileTests
{
    private static readonly string CoreFolder = Path.Combine(Repo.Root, "firmware", "Core");

    [Fact]
    public void Core_compiles_against_nanoFramework_mscorlib_alone()
    {
        NanoCompilation core = NanoCompiler.Compile("AwsIotDevice.Core", Repo.SourceFiles(CoreFolder));

        AssertClean("firmware/Core against nanoFramework mscorlib", core);
    }

    [Fact]
    public void Nf_tests_compile_against_nanoFramework_mscorlib_and_the_TestFramework_surface()
    {
        NanoCompilation framework = NanoCompiler.CompileSurface("nanoFramework.TestFramework", TestFrameworkSurfaceSources());
        AssertClean("tools/nanoFramework.TestFramework's API surface against nanoFramework mscorlib", framework);

        NfProject tests = NfProject.LoadFrom(Path.Combine(Repo.Root, "nf-tests"));
        NanoCompilation compiled = NanoCompiler.Compile("NFUnitTest", tests.CompileItems, framework.Image!);

        AssertClean("nf-tests (as NFUnitTest.nfproj lists them) against nanoFramework mscorlib", compiled);
    }

    [Fact]
    public void A_member_mscorlib_lacks_is_reported_with_its_file_and_line()
    {
        string file = WriteTemp("Probe.cs", "namespace P\n{\n    public static class C\n    {\n        public static string M() { return \"a\".Replace(\"a\", \"b\"); }\n    }\n}\n");

        NanoCompilation probe = NanoCompiler.Compile("Probe", [file]);

        string diagnostic = Assert.Single(probe.Diagnostics);
        Assert.Contains("Probe.cs:5: error CS1061", diagnostic);
        Assert.Contains("'Replace'", diagnostic);
    }

    [Fact]
    public void What_mscorlib_has_compiles_cleanly()
    {
        string file = WriteTemp("Fine.cs", "using System;\nusing System.Collections;\nusing System.Threading;\nnamespace P\n{\n"
            + "    public static class C\n    {\n        public static string M(ArrayList a) { Thread.Sleep(0); return a.Count.ToString() + Convert.ToBase64String(new byte[1]) + DateTime.UtcNow.Ticks.ToString(); }\n    }\n}\n");

        Assert.Empty(NanoCompiler.Compile("Fine", [file]).Diagnostics);
    }

    // The host implementation of the TestFramework compiles with the SDK's implicit usings; of those, mscorlib has System.
    private static IEnumerable<(string Path, string Text)> TestFrameworkSurfaceSources()
    {
        string folder = Path.Combine(Repo.Root, "tools", "nanoFramework.TestFramework");
        foreach (string file in Repo.SourceFiles(folder))
        {
            yield return (file, File.ReadAllText(file));
        }

        yield return ("(implicit usings)", "global using System;");
    }

    private static void AssertClean(string what, NanoCompilation compilation) =>
        Assert.True(compilation.Diagnostics.IsEmpty,
            $"{what}: {compilation.Diagnostics.Length} diagnostic(s):\n{string.Join("\n", compilation.Diagnostics)}");

    private static string WriteTemp(string name, string text)
    {
        string folder = Directory.CreateTempSubdirectory("nano-compile-").FullName;
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
