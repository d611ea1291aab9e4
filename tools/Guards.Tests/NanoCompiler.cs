using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace AwsIotDevice.Guards.Tests;

/// <summary>
/// Compiles device sources the way the nanoFramework project system does (C# 9, no standard library, the .nfproj
/// defines) against nanoFramework's official mscorlib from the nanoFramework.CoreLibrary package, and returns every
/// diagnostic as "file:line: id: message". What a syntax guard cannot know (a member mscorlib lacks) shows up here.
/// </summary>
public static class NanoCompiler
{
    /// <summary>The package's lib/mscorlib.dll, restored by this project (see AwsIotDevice.Guards.Tests.csproj).</summary>
    public static readonly string MscorlibPath = Path.Combine(
        typeof(NanoCompiler).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NanoCoreLibrary").Value!,
        "lib", "mscorlib.dll");

    // NFProjectSystem.CSharp.targets defines these for every nanoFramework 1.x build.
    private static readonly CSharpParseOptions DeviceParseOptions =
        new(LanguageVersion.CSharp9, preprocessorSymbols: ["TRACE", "NANOFRAMEWORK_1_0"]);

    /// <summary>Compiles <paramref name="files"/> into a library; returns its diagnostics (warnings included) and image.</summary>
    public static NanoCompilation Compile(string assemblyName, IEnumerable<string> files, params MetadataReference[] references) =>
        Compile(assemblyName, files.Select(f => Parse(File.ReadAllText(f), f, DeviceParseOptions)), metadataOnly: false, NullableContextOptions.Disable, references);

    /// <summary>
    /// Compiles host-side sources (any C# version) into a metadata-only image against mscorlib: the API surface
    /// those sources offer to device code. Method bodies are not bound, so only declarations must fit mscorlib.
    /// </summary>
    public static NanoCompilation CompileSurface(string assemblyName, IEnumerable<(string Path, string Text)> sources) =>
        Compile(assemblyName, sources.Select(s => Parse(s.Text, s.Path, new CSharpParseOptions(LanguageVersion.Latest))), metadataOnly: true, NullableContextOptions.Enable);

    private static SyntaxTree Parse(string text, string path, CSharpParseOptions options) =>
        CSharpSyntaxTree.ParseText(text, options, path);

    private static NanoCompilation Compile(string assemblyName, IEnumerable<SyntaxTree> trees, bool metadataOnly, NullableContextOptions nullable, params MetadataReference[] references)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            trees,
            [MetadataReference.CreateFromFile(MscorlibPath), .. references],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable,
                warningLevel: 4, reportSuppressedDiagnostics: false));

        using var image = new MemoryStream();
        EmitResult result = compilation.Emit(image, options: new EmitOptions(metadataOnly: metadataOnly));
        var diagnostics = result.Diagnostics
            .Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning)
            .Select(Describe)
            .ToImmutableArray();
        return new NanoCompilation(diagnostics, result.Success ? MetadataReference.CreateFromImage(image.ToArray()) : null);
    }

    private static string Describe(Diagnostic d)
    {
        FileLinePositionSpan span = d.Location.GetLineSpan();
        string where = span.Path.Length == 0 ? "(no file)" : $"{Repo.Relative(span.Path)}:{span.StartLinePosition.Line + 1}";
        return $"{where}: {d.Severity.ToString().ToLowerInvariant()} {d.Id}: {d.GetMessage()}";
    }
}

/// <summary>What one compile produced: its diagnostics, and the image when it succeeded.</summary>
public sealed record NanoCompilation(ImmutableArray<string> Diagnostics, MetadataReference? Image);
