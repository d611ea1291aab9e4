using System.Text.Json;

namespace AwsIotDevice.Iotctl.Tests.Spec;

/// <summary>
/// Checks AWS CLI commands against the service models they are generated from (AWS SDK v3 declarations): the
/// command is the kebab-case of an operation (or <c>wait</c> + a waiter), every option the kebab-case of one of its
/// input members (booleans also as <c>--no-</c>), required members given, enum values among the enum's values, and
/// shorthand (<c>Key=value,...</c>) or JSON values made of the structure's members. A literal namespaced name
/// (<c>ns:Name</c>: an endpoint type, an action) must appear as code in AWS's documentation of that member. Values from shell
/// variables or files are not interpreted. Global options (--region, --output, ...) are not in any model, so the
/// steps set the region with AWS_DEFAULT_REGION instead.
/// </summary>
internal static class AwsCliCheck
{
    /// <summary>Problems of every <c>aws ...</c> command in <paramref name="script"/>; also returns how many were checked.</summary>
    public static IReadOnlyList<string> Problems(string script, out int checkedCommands)
    {
        var problems = new List<string>();
        checkedCommands = 0;
        foreach (IReadOnlyList<ShellWord> words in ShellWords.Commands(script))
        {
            if (words.Count == 0 || words[0].Text != "aws")
            {
                continue;
            }

            checkedCommands++;
            Check(words, problems);
        }

        return problems;
    }

    private static void Check(IReadOnlyList<ShellWord> words, List<string> problems)
    {
        string line = string.Join(' ', words.Select(w => w.Text));
        string shortLine = line.Length > 80 ? line[..80] + "..." : line;
        if (words.Count < 3 || !AwsServices.ForCli.TryGetValue(words[1].Text, out string? package))
        {
            problems.Add($"'{shortLine}': '{(words.Count > 1 ? words[1].Text : "")}' is not a service this check has a model for");
            return;
        }

        SdkModel model = SdkModel.Of(package);
        int next = 3;
        string? operation = model.Operations.FirstOrDefault(op => CliNames.Kebab(op) == words[2].Text);
        if (words[2].Text == "wait")
        {
            string? waiter = words.Count > 3 ? model.Waiters.Keys.FirstOrDefault(w => CliNames.Kebab(w) == words[3].Text) : null;
            if (waiter is null)
            {
                problems.Add($"'{shortLine}': {package} has no waiter '{(words.Count > 3 ? words[3].Text : "")}' (it has: {string.Join(", ", model.Waiters.Keys.Select(CliNames.Kebab))})");
                return;
            }

            operation = model.Waiters[waiter];
            next = 4;
        }

        if (operation is null)
        {
            problems.Add($"'{shortLine}': {package} has no operation whose CLI name is '{words[2].Text}'");
            return;
        }

        IReadOnlyList<SdkMember> input = model.Input(operation);
        var given = new HashSet<string>(StringComparer.Ordinal);
        for (int i = next; i < words.Count; i++)
        {
            string option = words[i].Text;
            if (!option.StartsWith("--", StringComparison.Ordinal))
            {
                problems.Add($"'{shortLine}': '{option}' is not an option");
                continue;
            }

            string flag = option[2..];
            bool negated = false;
            SdkMember? member = input.FirstOrDefault(m => CliNames.Kebab(m.Name) == flag);
            if (member is null && flag.StartsWith("no-", StringComparison.Ordinal))
            {
                member = input.FirstOrDefault(m => CliNames.Kebab(m.Name) == flag[3..] && m.BaseType == "boolean");
                negated = member is not null;
            }

            if (member is null)
            {
                problems.Add($"'{shortLine}': {operation} has no input member for {option} (it has: {string.Join(", ", input.Select(m => "--" + CliNames.Kebab(m.Name)))})");
                continue;
            }

            given.Add(member.Name);
            if (member.BaseType == "boolean")
            {
                continue; // --flag / --no-flag take no value
            }

            var values = new List<ShellWord>();
            while (i + 1 < words.Count && !words[i + 1].Text.StartsWith("--", StringComparison.Ordinal))
            {
                values.Add(words[++i]);
            }

            if (values.Count == 0 && !negated)
            {
                problems.Add($"'{shortLine}': {option} needs a value");
            }

            if (values.Count > 1 && !member.IsList)
            {
                problems.Add($"'{shortLine}': {option} takes one value ({operation}.{member.Name} is not a list)");
            }

            foreach (ShellWord value in values)
            {
                CheckValue(model, $"'{shortLine}' {option}", member, value, problems);
            }
        }

        foreach (SdkMember required in input.Where(m => m.Required && !given.Contains(m.Name)))
        {
            problems.Add($"'{shortLine}': {operation} requires --{CliNames.Kebab(required.Name)}");
        }
    }

    private static void CheckValue(SdkModel model, string where, SdkMember member, ShellWord value, List<string> problems)
    {
        if (value.IsExpansion || value.Text.StartsWith("file://", StringComparison.Ordinal) || value.Text.StartsWith("fileb://", StringComparison.Ordinal))
        {
            return;
        }

        string type = member.BaseType;
        if (model.EnumValues(type) is { } allowed)
        {
            if (!allowed.Contains(value.Text))
            {
                problems.Add($"{where}: '{value.Text}' is not a value of {type} ({string.Join(", ", allowed)})");
            }

            return;
        }

        if (model.IsStructure(type))
        {
            if (value.Text.StartsWith('{') || value.Text.StartsWith('['))
            {
                CheckJson(model, where, type, value.Text, problems);
            }
            else
            {
                CheckShorthand(model, where, type, value.Text, problems);
            }

            return;
        }

        if (type == "string" && IsNamespacedName(value.Text) && !model.DocumentsAsCode(value.Text))
        {
            problems.Add($"{where}: '{value.Text}' does not appear in AWS's documentation of {member.Name}");
        }
    }

    // "iot:Data-ATS", "lambda:InvokeFunction": one ':' between a lower-case namespace and a name (an ARN has several).
    private static bool IsNamespacedName(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, "^[a-z0-9]+:[A-Za-z0-9-]+$");

    // Shorthand syntax: Key=value,Key2=value2 with the structure's member names.
    private static void CheckShorthand(SdkModel model, string where, string structure, string text, List<string> problems)
    {
        IReadOnlyList<SdkMember> members = model.Members(structure);
        foreach (string pair in text.Split(','))
        {
            int equals = pair.IndexOf('=');
            string key = equals < 0 ? pair : pair[..equals];
            SdkMember? member = members.FirstOrDefault(m => m.Name == key);
            if (member is null)
            {
                problems.Add($"{where}: '{key}' is not a member of {structure} ({string.Join(", ", members.Select(m => m.Name))})");
            }
            else if (equals >= 0)
            {
                CheckValue(model, where, member, new ShellWord(pair[(equals + 1)..], false), problems);
            }
        }
    }

    private static void CheckJson(SdkModel model, string where, string structure, string json, List<string> problems)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        IReadOnlyList<SdkMember> members = model.Members(structure);
        foreach (JsonElement item in doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.EnumerateArray().ToArray() : [doc.RootElement])
        {
            foreach (JsonProperty p in item.EnumerateObject())
            {
                SdkMember? member = members.FirstOrDefault(m => m.Name == p.Name);
                if (member is null)
                {
                    problems.Add($"{where}: '{p.Name}' is not a member of {structure}");
                }
                else if (p.Value.ValueKind == JsonValueKind.String)
                {
                    CheckValue(model, where, member, new ShellWord(p.Value.GetString()!, false), problems);
                }
            }
        }
    }
}
