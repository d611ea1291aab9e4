using System.Text.Json;

namespace AwsIotDevice.CustomAuth.Authorizer;

/// <summary>
/// Checks an authorizer response the way AWS IoT Core does and reports AWS's own error text
/// (<see cref="AwsAuthorizerErrors"/>). Rules: the result must be a JSON object with a boolean isAuthenticated;
/// when true, principalId must match <c>[a-zA-Z0-9]{1,128}</c>, policyDocuments must be a non-null list of at
/// most 10 documents, each at most 2048 characters and a policy (an object with a Statement of Effect/Action/
/// Resource entries), and disconnectAfterInSeconds/refreshAfterInSeconds, when present, integers in 300..86400.
/// Chosen (AWS does not document it): a response with isAuthenticated false is a valid refusal whatever else it
/// holds, since AWS closes the connection either way. Policy documents may be JSON strings or inline objects.
/// </summary>
public static class AuthorizerResponseValidator
{
    /// <summary>Largest number of policy documents.</summary>
    public const int MaxPolicies = 10;

    /// <summary>Largest policy document, in characters.</summary>
    public const int MaxPolicyLength = 2048;

    /// <summary>Validates the response JSON text.</summary>
    public static AuthorizerResponseValidation Validate(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            return Invalid(AwsAuthorizerErrors.InvalidFormat, "the result is not valid JSON");
        }

        using (document)
        {
            return Validate(document.RootElement);
        }
    }

    /// <summary>Validates an already parsed response.</summary>
    public static AuthorizerResponseValidation Validate(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid(AwsAuthorizerErrors.InvalidFormat, "the result is not a JSON object");
        }

        if (!root.TryGetProperty("isAuthenticated", out JsonElement authenticated)
            || (authenticated.ValueKind != JsonValueKind.True && authenticated.ValueKind != JsonValueKind.False))
        {
            return Invalid(AwsAuthorizerErrors.InvalidFormat, "isAuthenticated is missing or not a boolean");
        }

        if (authenticated.ValueKind == JsonValueKind.False)
        {
            return AuthorizerResponseValidation.Valid(isAuthenticated: false);
        }

        if (!root.TryGetProperty("principalId", out JsonElement principal) || principal.ValueKind != JsonValueKind.String
            || !PrincipalId.IsValid(principal.GetString()))
        {
            return Invalid(AwsAuthorizerErrors.InvalidFormat, "principalId is missing or does not match [a-zA-Z0-9]{1,128}");
        }

        AuthorizerResponseValidation? durations = CheckDuration(root, "disconnectAfterInSeconds") ?? CheckDuration(root, "refreshAfterInSeconds");
        if (durations is not null)
        {
            return durations;
        }

        if (!root.TryGetProperty("policyDocuments", out JsonElement policies) || policies.ValueKind == JsonValueKind.Null)
        {
            return Invalid(AwsAuthorizerErrors.PoliciesNull, "policyDocuments is missing or null");
        }

        if (policies.ValueKind != JsonValueKind.Array)
        {
            return Invalid(AwsAuthorizerErrors.InvalidFormat, "policyDocuments is not a list");
        }

        int count = policies.GetArrayLength();
        if (count > MaxPolicies)
        {
            return Invalid(AwsAuthorizerErrors.TooManyPolicies, $"policyDocuments has {count} documents");
        }

        int index = 0;
        foreach (JsonElement policy in policies.EnumerateArray())
        {
            AuthorizerResponseValidation? problem = CheckPolicy(policy, index++);
            if (problem is not null)
            {
                return problem;
            }
        }

        return AuthorizerResponseValidation.Valid(isAuthenticated: true);
    }

    private static AuthorizerResponseValidation? CheckDuration(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            return Invalid(AwsAuthorizerErrors.InvalidFormat, $"{name} is not a number");
        }

        if (!value.TryGetInt64(out long seconds) || seconds < AuthorizerResponse.MinSeconds || seconds > AuthorizerResponse.MaxSeconds)
        {
            return Invalid(AwsAuthorizerErrors.DurationOutOfRange, $"{name} is {value.GetRawText()}, allowed {AuthorizerResponse.MinSeconds}..{AuthorizerResponse.MaxSeconds}");
        }

        return null;
    }

    private static AuthorizerResponseValidation? CheckPolicy(JsonElement policy, int index)
    {
        string text = policy.ValueKind switch
        {
            JsonValueKind.String => policy.GetString()!,
            JsonValueKind.Object => policy.GetRawText(),
            _ => string.Empty,
        };
        if (text.Length == 0)
        {
            return Invalid(AwsAuthorizerErrors.PolicyMalformed, $"policyDocuments[{index}] is neither a JSON string nor an object");
        }

        if (text.Length > MaxPolicyLength)
        {
            return Invalid(AwsAuthorizerErrors.PolicyTooLarge, $"policyDocuments[{index}] is {text.Length} characters");
        }

        string? why = PolicyShape.Check(text);
        return why is null ? null : Invalid(AwsAuthorizerErrors.PolicyMalformed, $"policyDocuments[{index}]: {why}");
    }

    private static AuthorizerResponseValidation Invalid(string error, string detail) => AuthorizerResponseValidation.Invalid(error, detail);
}
