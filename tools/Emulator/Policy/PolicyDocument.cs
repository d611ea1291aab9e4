using System.Text.Json;

namespace AwsIotDevice.Emulator.Policy;

/// <summary>Effect of a policy statement.</summary>
public enum PolicyEffect
{
    /// <summary>Grants.</summary>
    Allow,
    /// <summary>Denies, overriding any Allow in any document.</summary>
    Deny,
}

/// <summary>One statement: an effect over actions and resources (patterns with <c>*</c>, <c>?</c>, policy variables).</summary>
public sealed class PolicyStatement
{
    /// <summary>Creates a statement.</summary>
    public PolicyStatement(PolicyEffect effect, IReadOnlyList<string> actions, IReadOnlyList<string> resources, int index)
    {
        Effect = effect;
        Actions = actions;
        Resources = resources;
        Index = index;
    }

    /// <summary>Allow or Deny.</summary>
    public PolicyEffect Effect { get; }

    /// <summary>Action patterns, e.g. <c>iot:Publish</c>, <c>iot:*</c>.</summary>
    public IReadOnlyList<string> Actions { get; }

    /// <summary>Resource ARN patterns.</summary>
    public IReadOnlyList<string> Resources { get; }

    /// <summary>Position in the document's Statement list.</summary>
    public int Index { get; }
}

/// <summary>
/// An IoT policy document: <c>{"Version": "...", "Statement": statement | [statements]}</c>; each statement has
/// Effect Allow|Deny and Action and Resource as a string or a list of strings.
/// </summary>
public sealed class PolicyDocument
{
    private PolicyDocument(IReadOnlyList<PolicyStatement> statements, string? version)
    {
        Statements = statements;
        Version = version;
    }

    /// <summary>The statements in order.</summary>
    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>The Version member, if present.</summary>
    public string? Version { get; }

    /// <summary>Parses a document or throws <see cref="FormatException"/> with a one-line reason naming the member.</summary>
    public static PolicyDocument Parse(string json)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 }); }
        catch (JsonException e) { throw new FormatException($"policy is not valid JSON (line {e.LineNumber + 1})"); }
        using (doc) return Parse(doc.RootElement);
    }

    /// <summary>Parses an already parsed document.</summary>
    public static PolicyDocument Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException("policy is not a JSON object");
        string? version = null;
        if (root.TryGetProperty("Version", out var v))
        {
            if (v.ValueKind != JsonValueKind.String) throw new FormatException("policy Version is not a string");
            version = v.GetString();
        }
        if (!root.TryGetProperty("Statement", out var st)) throw new FormatException("policy has no Statement");
        var list = new List<PolicyStatement>();
        if (st.ValueKind == JsonValueKind.Object) list.Add(ParseStatement(st, 0));
        else if (st.ValueKind == JsonValueKind.Array && st.GetArrayLength() > 0)
        {
            int i = 0;
            foreach (var s in st.EnumerateArray()) list.Add(ParseStatement(s, i++));
        }
        else throw new FormatException("policy Statement is neither a statement object nor a non-empty list");
        return new PolicyDocument(list, version);
    }

    private static PolicyStatement ParseStatement(JsonElement s, int index)
    {
        if (s.ValueKind != JsonValueKind.Object) throw new FormatException($"Statement[{index}] is not an object");
        if (!s.TryGetProperty("Effect", out var e) || e.ValueKind != JsonValueKind.String)
            throw new FormatException($"Statement[{index}].Effect is missing or not a string");
        var effect = e.GetString() switch
        {
            "Allow" => PolicyEffect.Allow,
            "Deny" => PolicyEffect.Deny,
            _ => throw new FormatException($"Statement[{index}].Effect must be \"Allow\" or \"Deny\""),
        };
        return new PolicyStatement(effect, Strings(s, "Action", index), Strings(s, "Resource", index), index);
    }

    private static IReadOnlyList<string> Strings(JsonElement s, string name, int index)
    {
        if (!s.TryGetProperty(name, out var v)) throw new FormatException($"Statement[{index}].{name} is missing");
        if (v.ValueKind == JsonValueKind.String) return [v.GetString()!];
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() == 0)
            throw new FormatException($"Statement[{index}].{name} is not a string or a non-empty list of strings");
        var list = new List<string>();
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) throw new FormatException($"Statement[{index}].{name} has a non-string entry");
            list.Add(item.GetString()!);
        }
        return list;
    }
}
