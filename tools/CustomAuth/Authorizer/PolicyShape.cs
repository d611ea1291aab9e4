using System.Text.Json;

namespace AwsIotDevice.CustomAuth.Authorizer;

/// <summary>
/// Structural check of an IoT policy document: an object whose Statement is a statement or a non-empty list of
/// them, each with Effect "Allow" or "Deny" and Action and Resource as a string or a non-empty list of strings.
/// </summary>
internal static class PolicyShape
{
    /// <summary>Returns null when <paramref name="json"/> is a well-formed policy, else what is wrong.</summary>
    public static string? Check(string json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "not a JSON object";
            }

            if (!root.TryGetProperty("Statement", out JsonElement statements))
            {
                return "no Statement";
            }

            if (statements.ValueKind == JsonValueKind.Object)
            {
                return CheckStatement(statements, 0);
            }

            if (statements.ValueKind != JsonValueKind.Array || statements.GetArrayLength() == 0)
            {
                return "Statement is not a statement or a non-empty list";
            }

            int index = 0;
            foreach (JsonElement statement in statements.EnumerateArray())
            {
                string? problem = CheckStatement(statement, index++);
                if (problem is not null)
                {
                    return problem;
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return "not valid JSON";
        }
    }

    private static string? CheckStatement(JsonElement statement, int index)
    {
        if (statement.ValueKind != JsonValueKind.Object)
        {
            return $"Statement[{index}] is not an object";
        }

        if (!statement.TryGetProperty("Effect", out JsonElement effect) || effect.ValueKind != JsonValueKind.String
            || (effect.GetString() != "Allow" && effect.GetString() != "Deny"))
        {
            return $"Statement[{index}].Effect is not \"Allow\" or \"Deny\"";
        }

        foreach (string member in new[] { "Action", "Resource" })
        {
            if (!statement.TryGetProperty(member, out JsonElement value) || !IsStringOrStrings(value))
            {
                return $"Statement[{index}].{member} is not a string or a non-empty list of strings";
            }
        }

        return null;
    }

    private static bool IsStringOrStrings(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString()!.Length > 0;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            return false;
        }

        foreach (JsonElement item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString()!.Length == 0)
            {
                return false;
            }
        }

        return true;
    }
}
