using Xunit;

namespace AwsIotDevice.Guards.Tests;

/// <summary>Fails, naming file:line, when device code uses what nanoFramework 1.x cannot compile or run.</summary>
public class NanoSubsetGuardTests
{
    [Fact]
    public void Device_sources_stay_inside_the_nanoFramework_subset()
    {
        var violations = Repo.DeviceFolders
            .SelectMany(folder => Repo.SourceFiles(Path.Combine(Repo.Root, folder)))
            .SelectMany(file => NanoSubsetAnalyzer.Analyze(Repo.Relative(file), File.ReadAllText(file)))
            .ToList();

        Assert.True(violations.Count == 0,
            $"{violations.Count} construct(s) nanoFramework 1.x cannot compile or run:\n{string.Join("\n", violations)}");
    }

    [Theory]
    [InlineData("class C { System.Collections.Generic.List<int> x; }", "generic type")]
    [InlineData("class C { void M<T>() { } }", "generic declaration")]
    [InlineData("class C<T> { }", "generic declaration")]
    [InlineData("using System.Linq;", "using System.Linq")]
    [InlineData("class C { object M(int[] a) => from x in a select x; }", "LINQ query")]
    [InlineData("class C { object M(int[] a) => System.Linq.Enumerable.Count(a); }", "LINQ")]
    [InlineData("class C { async void M() { } }", "async")]
    [InlineData("class C { async void M() { await N(); } object N() => null; }", "await")]
    [InlineData("class C { System.Collections.IEnumerable M() { yield return 1; } }", "yield")]
    [InlineData("class C { int? x; }", "nullable type")]
    [InlineData("record R(int A);", "record")]
    [InlineData("class C { (int, int) M() => (1, 2); }", "tuple")]
    [InlineData("class C { void M() { Span<byte> b = stackalloc byte[4]; } }", "Span")]
    [InlineData("class C { System.Threading.Tasks.Task M() => null; }", "Task")]
    [InlineData("namespace N;", "file-scoped namespace")]
    [InlineData("global using System;", "global using")]
    [InlineData("class C { string M() => string.Join(\",\", new string[0]); }", "string.Join")]
    [InlineData("class C { object M() => System.DateTime.Now; }", "DateTime.Now")]
    [InlineData("class C { string M(string s) => s.ToUpperInvariant(); }", "ToUpperInvariant")]
    public void Each_forbidden_construct_is_reported_with_its_line(string source, string expectedRule)
    {
        IReadOnlyList<Violation> found = NanoSubsetAnalyzer.Analyze("Sample.cs", "\n" + source);

        Violation violation = Assert.Single(found.Where(v => v.Rule.Contains(expectedRule, StringComparison.Ordinal)).Take(1));
        Assert.Equal(2, violation.Line);
        Assert.StartsWith("Sample.cs:2: ", violation.ToString());
    }

    [Fact]
    public void What_nanoFramework_has_is_not_reported()
    {
        const string source = """
            using System;
            using System.Collections;
            using System.Text;
            namespace N
            {
                public delegate void Handler(string s);
                public class C
                {
                    private readonly ArrayList _items = new ArrayList();
                    private Hashtable _map = new Hashtable();
                    public object[] All() { return _items.ToArray(); }
                    public string M(int x) { var sb = new StringBuilder(); sb.Append($"{x}"); return sb.ToString(); }
                    public DateTime T() { return DateTime.UtcNow; }
                    public void Run(Action a) { a(); }
                    public int Count { get { return _items.Count; } }
                }
            }
            """;

        Assert.Empty(NanoSubsetAnalyzer.Analyze("Fine.cs", source));
    }
}
