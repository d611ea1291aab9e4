namespace AwsIotDevice.Emulator.Policy;

/// <summary>The result of evaluating one request.</summary>
public sealed class PolicyDecision
{
    /// <summary>Creates a decision.</summary>
    public PolicyDecision(bool allowed, string explanation)
    {
        Allowed = allowed;
        Explanation = explanation;
    }

    /// <summary>True only when some statement allows and none denies.</summary>
    public bool Allowed { get; }

    /// <summary>One line: which statement decided, or why nothing matched.</summary>
    public string Explanation { get; }
}

/// <summary>
/// IoT policy evaluation over all documents of a connection: default deny; an explicit Deny matching the action
/// and resource in any document wins over every Allow; otherwise a matching Allow allows. Actions match
/// case-insensitively (<c>iot:*</c> works), resources case-sensitively.
/// </summary>
public sealed class PolicyEvaluator
{
    private readonly IReadOnlyList<PolicyDocument> _documents;
    private readonly IReadOnlyDictionary<string, string> _variables;

    /// <summary>Creates an evaluator for a connection's documents and its client id.</summary>
    public PolicyEvaluator(IReadOnlyList<PolicyDocument> documents, string clientId)
    {
        _documents = documents;
        _variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["iot:ClientId"] = clientId };
    }

    /// <summary>The documents evaluated.</summary>
    public IReadOnlyList<PolicyDocument> Documents => _documents;

    /// <summary>Evaluates <paramref name="action"/> (e.g. <c>iot:Publish</c>) on <paramref name="resource"/> (an ARN).</summary>
    public PolicyDecision Evaluate(string action, string resource)
    {
        string? allow = null;
        for (int d = 0; d < _documents.Count; d++)
        {
            foreach (var s in _documents[d].Statements)
            {
                if (!s.Actions.Any(a => PolicyPattern.Matches(a, action, null, ignoreCase: true))) continue;
                string? hit = s.Resources.FirstOrDefault(r => PolicyPattern.Matches(r, resource, _variables));
                if (hit is null) continue;
                string where = $"policyDocuments[{d}].Statement[{s.Index}]";
                if (s.Effect == PolicyEffect.Deny)
                    return new PolicyDecision(false, $"explicit Deny of {action} on {resource} by {where} (resource pattern '{hit}'); a Deny in any document wins over every Allow");
                allow ??= $"{action} on {resource} allowed by {where} (resource pattern '{hit}')";
            }
        }
        return allow is not null
            ? new PolicyDecision(true, allow)
            : new PolicyDecision(false, $"no statement allows {action} on {resource} (default deny; {_documents.Count} document(s))");
    }
}
