using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwsIotDevice.Guards.Tests;

/// <summary>One construct nanoFramework 1.x cannot compile or run, with where it is.</summary>
public sealed record Violation(string File, int Line, string Rule)
{
    public override string ToString() => $"{File}:{Line}: {Rule}";
}

/// <summary>
/// Finds, on the Roslyn syntax tree, what nanoFramework 1.x (C# 9, mscorlib without generics) cannot compile or
/// run. Syntax only (no semantic model: the nanoFramework assemblies are not here), so names are matched as written.
/// </summary>
public static class NanoSubsetAnalyzer
{
    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview);

    private static readonly HashSet<string> ForbiddenTypeNames = ["Task", "ValueTask", "Span", "ReadOnlySpan", "Memory", "ReadOnlyMemory", "Nullable"];

    public static IReadOnlyList<Violation> Analyze(string path, string source)
    {
        SyntaxNode root = CSharpSyntaxTree.ParseText(source, Options, path).GetRoot();
        var found = new List<Violation>();
        foreach (SyntaxNode node in root.DescendantNodesAndSelf())
        {
            string? rule = RuleBrokenBy(node);
            if (rule is not null)
            {
                int line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                found.Add(new Violation(path, line, rule));
            }
        }

        foreach (SyntaxToken token in root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.AsyncKeyword)))
        {
            found.Add(new Violation(path, token.GetLocation().GetLineSpan().StartLinePosition.Line + 1, "async methods (no async/await on nanoFramework)"));
        }

        return found;
    }

    private static string? RuleBrokenBy(SyntaxNode node) => node switch
    {
        GenericNameSyntax g => $"generic type or method '{g}' (nanoFramework 1.x has no generics)",
        TypeParameterListSyntax => "generic declaration (nanoFramework 1.x has no generics)",
        FileScopedNamespaceDeclarationSyntax => "file-scoped namespace (C# 9: use a block namespace)",
        UsingDirectiveSyntax u when u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) => "global using (C# 9)",
        UsingDirectiveSyntax u when u.Name?.ToString() is "System.Linq" or "System.Threading.Tasks" or "System.Collections.Generic" => $"using {u.Name} (not in nanoFramework)",
        QueryExpressionSyntax => "LINQ query (no LINQ on nanoFramework)",
        AwaitExpressionSyntax => "await (no async/await on nanoFramework)",
        YieldStatementSyntax => "yield (no iterators on nanoFramework)",
        NullableTypeSyntax n => $"nullable type '{n}' (no Nullable<T> on nanoFramework)",
        RecordDeclarationSyntax => "record (not in C# 9 for nanoFramework)",
        TupleTypeSyntax or TupleExpressionSyntax => "tuple (no ValueTuple on nanoFramework)",
        StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax => "stackalloc/Span (no Span on nanoFramework)",
        IdentifierNameSyntax id when ForbiddenTypeNames.Contains(id.Identifier.Text) && IsTypePosition(id) => $"'{id}' (not in nanoFramework)",
        MemberAccessExpressionSyntax m => MemberRule(m),
        _ => null,
    };

    private static string? MemberRule(MemberAccessExpressionSyntax m) =>
        (m.Expression.ToString(), m.Name.Identifier.Text) switch
        {
            ("string" or "String" or "System.String", "Join") => "string.Join (not in nanoFramework)",
            ("DateTime" or "System.DateTime", "Now") => "DateTime.Now (use DateTime.UtcNow)",
            ("Enumerable" or "System.Linq.Enumerable" or "Queryable", _) => "LINQ (no LINQ on nanoFramework)",
            (_, "ToUpperInvariant" or "ToLowerInvariant") => $"{m.Name} (not in nanoFramework)",
            _ => null,
        };

    private static bool IsTypePosition(IdentifierNameSyntax id) =>
        id.Parent is VariableDeclarationSyntax or ParameterSyntax or ObjectCreationExpressionSyntax or MethodDeclarationSyntax
            or PropertyDeclarationSyntax or TypeArgumentListSyntax or ArrayTypeSyntax or CastExpressionSyntax or BaseTypeSyntax
            or QualifiedNameSyntax
        || (id.Parent is MemberAccessExpressionSyntax ma && ma.Expression == id);
}
