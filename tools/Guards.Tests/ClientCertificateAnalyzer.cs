using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwsIotDevice.Guards.Tests;

/// <summary>
/// Finds device code that could offer a client certificate: custom authentication has none, and nanoFramework's
/// SslStream presents the certificate stored in the board's configuration when <c>UseStoredDeviceCertificate</c> is
/// true, so it must never be left to someone else's default. Two rules, on the Roslyn syntax tree:
/// <list type="bullet">
/// <item>every <c>new SslStream(...)</c> is followed, in the same member, by <c>x.UseStoredDeviceCertificate = false</c>
/// on the variable it was stored in (or sets it to false in an object initializer);</item>
/// <item>nothing names nanoFramework.M2Mqtt (namespaces <c>nanoFramework.M2Mqtt</c>, <c>uPLibrary</c>, or any identifier
/// containing <c>M2Mqtt</c>): its MqttNetworkChannel sets <c>UseStoredDeviceCertificate = (clientCert == null)</c>,
/// which turns it ON exactly when custom auth runs without a certificate, with no way to override it.</item>
/// </list>
/// Syntax only, so names are matched as written.
/// </summary>
public static class ClientCertificateAnalyzer
{
    private const string Property = "UseStoredDeviceCertificate";

    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview);

    /// <summary>The violations of both rules in <paramref name="source"/>, reported as <paramref name="path"/>:line.</summary>
    public static IReadOnlyList<Violation> Analyze(string path, string source)
    {
        SyntaxNode root = CSharpSyntaxTree.ParseText(source, Options, path).GetRoot();
        var found = new List<Violation>();
        foreach (ObjectCreationExpressionSyntax creation in root.DescendantNodes().OfType<ObjectCreationExpressionSyntax>())
        {
            if (LastName(creation.Type) == "SslStream" && !TurnsStoredCertificateOff(creation))
            {
                found.Add(new Violation(path, LineOf(creation),
                    "new SslStream without UseStoredDeviceCertificate = false on it in the same member (a certificate stored on the board would be offered)"));
            }
        }

        foreach (SyntaxToken token in root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)))
        {
            if (token.ValueText.Contains("M2Mqtt", StringComparison.OrdinalIgnoreCase) || token.ValueText == "uPLibrary")
            {
                found.Add(new Violation(path, token.GetLocation().GetLineSpan().StartLinePosition.Line + 1,
                    "M2Mqtt (" + token.ValueText + "): it offers the board's stored device certificate whenever it has no client certificate"));
            }
        }

        return found;
    }

    /// <summary>Lines of a non-C# project file (packages.config, .nfproj) that name the M2Mqtt package.</summary>
    public static IReadOnlyList<Violation> AnalyzeProjectFile(string path, string text)
    {
        string[] lines = text.Split('\n');
        var found = new List<Violation>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains("M2Mqtt", StringComparison.OrdinalIgnoreCase))
            {
                found.Add(new Violation(path, i + 1, "the nanoFramework.M2Mqtt package"));
            }
        }

        return found;
    }

    private static bool TurnsStoredCertificateOff(ObjectCreationExpressionSyntax creation)
    {
        if (creation.Initializer is not null && creation.Initializer.Expressions.OfType<AssignmentExpressionSyntax>()
                .Any(a => a.Left is IdentifierNameSyntax name && name.Identifier.ValueText == Property && IsFalse(a.Right)))
        {
            return true;
        }

        string? target = creation.Parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => declarator.Identifier.ValueText,
            AssignmentExpressionSyntax assignment when assignment.Right == creation => assignment.Left.ToString(),
            _ => null,
        };
        SyntaxNode? member = creation.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax
            or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax);
        if (target is null || member is null)
        {
            return false;
        }

        return member.DescendantNodes().OfType<AssignmentExpressionSyntax>().Any(a =>
            a.SpanStart > creation.SpanStart
            && a.Left is MemberAccessExpressionSyntax access
            && access.Name.Identifier.ValueText == Property
            && access.Expression.ToString() == target
            && IsFalse(a.Right));
    }

    private static bool IsFalse(ExpressionSyntax value) => value.IsKind(SyntaxKind.FalseLiteralExpression);

    private static string LastName(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax q => q.Right.Identifier.ValueText,
        SimpleNameSyntax s => s.Identifier.ValueText,
        _ => type.ToString(),
    };

    private static int LineOf(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
}
