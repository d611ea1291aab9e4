using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace AwsIotDevice.Iotctl.Tests.Spec;

/// <summary>One member of an operation's input or of a structure, as the SDK declares it.</summary>
internal sealed record SdkMember(string Name, string Type, bool Required, string Documentation)
{
    /// <summary>The type without "| undefined" and without a list suffix.</summary>
    public string BaseType => Type.Replace(" | undefined", "", StringComparison.Ordinal).TrimEnd('[', ']').Trim();

    /// <summary>True for a list of <see cref="BaseType"/>.</summary>
    public bool IsList => Type.Replace(" | undefined", "", StringComparison.Ordinal).Trim().EndsWith("[]", StringComparison.Ordinal);
}

/// <summary>
/// An AWS service model as the AWS SDK for JavaScript v3 publishes it (npm @aws-sdk/client-*): the operations (one
/// <c>commands/&lt;Op&gt;Command.d.ts</c> each), their input members with types and documentation, the structures and
/// enums (<c>models/*.d.ts</c>) and the waiters. The SDK generates these declarations from AWS's Smithy models, the
/// same models the AWS CLI is generated from.
/// </summary>
internal sealed class SdkModel
{
    private static readonly ConcurrentDictionary<string, SdkModel> Loaded = new();
    private static readonly Regex InterfaceStart = new(@"^export interface (\w+)(?: extends ([^{]+))? \{\s*$", RegexOptions.Compiled);
    private static readonly Regex MemberLine = new(@"^    (\w+)(\??): (.+);$", RegexOptions.Compiled);
    private static readonly Regex EnumStart = new(@"^export declare const (\w+): \{\s*$", RegexOptions.Compiled);
    private static readonly Regex EnumValue = new(@"^    readonly [\w$]+: ""(.*)"";$", RegexOptions.Compiled);

    private readonly Dictionary<string, (string? Base, List<SdkMember> Members)> _interfaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _enums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _waiters = new(StringComparer.Ordinal);
    private readonly List<string> _documentation = [];

    private SdkModel(string package) => Package = package;

    /// <summary>The npm package, e.g. @aws-sdk/client-iot.</summary>
    public string Package { get; }

    /// <summary>Operation names (PascalCase), e.g. CreateAuthorizer.</summary>
    public SortedSet<string> Operations { get; } = new(StringComparer.Ordinal);

    /// <summary>Waiter names (PascalCase) and the operation each polls.</summary>
    public IReadOnlyDictionary<string, string> Waiters => _waiters;

    /// <summary>The installed model of <paramref name="package"/> (parsed once).</summary>
    public static SdkModel Of(string package) => Loaded.GetOrAdd(package, Load);

    /// <summary>The input members of <paramref name="operation"/> (its CommandInput and everything it extends).</summary>
    public IReadOnlyList<SdkMember> Input(string operation) => Members(operation + "CommandInput");

    /// <summary>The members of a structure (interface), including inherited ones; empty when it is not a structure.</summary>
    public IReadOnlyList<SdkMember> Members(string structure)
    {
        var members = new List<SdkMember>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (string? name = structure; name is not null && _interfaces.TryGetValue(name, out var i);)
        {
            foreach (SdkMember m in i.Members.Where(m => seen.Add(m.Name)))
            {
                members.Add(m);
            }

            // "Omit<X, "Body">" and "X" both extend X (the omitted members are redeclared in the command input).
            name = i.Base is null ? null : Regex.Match(i.Base, @"^(?:Omit<)?(\w+)").Groups[1].Value;
        }

        return members;
    }

    /// <summary>True when <paramref name="type"/> is a structure of this model.</summary>
    public bool IsStructure(string type) => _interfaces.ContainsKey(type);

    /// <summary>The values of enum <paramref name="type"/>, or null when it is not an enum.</summary>
    public IReadOnlyList<string>? EnumValues(string type) => _enums.TryGetValue(type, out List<string>? values) ? values : null;

    /// <summary>True when AWS's documentation in this model shows <paramref name="text"/> as code (&lt;code&gt;text&lt;/code&gt;).</summary>
    public bool DocumentsAsCode(string text) => _documentation.Any(d => d.Contains("<code>" + text + "</code>", StringComparison.Ordinal));

    private static SdkModel Load(string package)
    {
        var model = new SdkModel(package);
        string types = AwsSpecFiles.Path(package, "dist-types");
        foreach (string file in Directory.GetFiles(Path.Combine(types, "commands"), "*Command.d.ts"))
        {
            string op = Path.GetFileName(file)[..^"Command.d.ts".Length];
            model.Operations.Add(op);
            model.Parse(File.ReadAllLines(file));
        }

        foreach (string file in Directory.GetFiles(Path.Combine(types, "models"), "*.d.ts"))
        {
            model.Parse(File.ReadAllLines(file));
        }

        string waiters = Path.Combine(types, "waiters");
        if (Directory.Exists(waiters))
        {
            foreach (string file in Directory.GetFiles(waiters, "waitFor*.d.ts"))
            {
                Match polls = Regex.Match(File.ReadAllText(file), @"input: (\w+)CommandInput");
                if (polls.Success)
                {
                    model._waiters[Path.GetFileName(file)["waitFor".Length..^".d.ts".Length]] = polls.Groups[1].Value;
                }
            }
        }

        if (model.Operations.Count == 0)
        {
            throw new InvalidOperationException($"{package} declares no operations; is it installed? run bash .ci/install");
        }

        return model;
    }

    private void Parse(string[] lines)
    {
        var doc = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            Match start = InterfaceStart.Match(line);
            if (start.Success)
            {
                var members = new List<SdkMember>();
                doc.Clear();
                for (i++; i < lines.Length && lines[i] != "}"; i++)
                {
                    string inner = lines[i].Trim();
                    if (inner.StartsWith("/**", StringComparison.Ordinal) || inner.StartsWith('*'))
                    {
                        doc.Add(inner);
                        continue;
                    }

                    Match member = MemberLine.Match(lines[i]);
                    if (member.Success)
                    {
                        string text = string.Join("\n", doc);
                        members.Add(new SdkMember(member.Groups[1].Value, member.Groups[3].Value, member.Groups[2].Value.Length == 0, text));
                        _documentation.Add(text);
                    }

                    doc.Clear();
                }

                _interfaces[start.Groups[1].Value] = (start.Groups[2].Success ? start.Groups[2].Value.Trim() : null, members);
                continue;
            }

            Match enumStart = EnumStart.Match(line);
            if (enumStart.Success)
            {
                var values = new List<string>();
                for (i++; i < lines.Length && lines[i] != "};"; i++)
                {
                    Match value = EnumValue.Match(lines[i]);
                    if (value.Success)
                    {
                        values.Add(value.Groups[1].Value);
                    }
                }

                _enums[enumStart.Groups[1].Value] = values;
            }
        }
    }
}
