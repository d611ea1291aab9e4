using System.Globalization;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace AwsIotDevice.Iotctl.Tests.Spec;

/// <summary>
/// Checks a CloudFormation template against AWS's published specifications:
/// <list type="bullet">
/// <item>every resource type exists in the CloudFormation resource specification; every property is one of that type's
/// (recursively into property types), required properties are present, values have the declared kind (string,
/// integer, boolean, list, map, property type, JSON) and, where the specification lists allowed values, one of them;</item>
/// <item>Ref names a parameter, a resource or a pseudo parameter; Fn::GetAtt reads an attribute the specification
/// declares for that resource type; DependsOn names resources;</item>
/// <item>a literal property whose API counterpart (the input member of the same name of Create|Add|Put&lt;Resource&gt; in
/// the service's AWS SDK model) is an enum holds one of its values (Lambda Runtime, Architectures, PackageType; IoT
/// Status, ServiceType, ...);</item>
/// <item>IAM actions in policy documents and Lambda permissions name an operation of that service's model, or are
/// written as code in its documentation (lambda:InvokeFunction, which is the Invoke operation).</item>
/// </list>
/// </summary>
internal static class CloudFormationTemplateCheck
{
    // CloudFormation's pseudo parameters (template anatomy, not part of the resource specification).
    private static readonly HashSet<string> PseudoParameters = ["AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"];

    /// <summary>Every problem found; empty when the template passes.</summary>
    public static IReadOnlyList<string> Problems(YamlMappingNode root)
    {
        var problems = new List<string>();
        CloudFormationSpec spec = CloudFormationSpec.Current;
        if (Scalar(root, "AWSTemplateFormatVersion") != "2010-09-09")
        {
            problems.Add("AWSTemplateFormatVersion is not \"2010-09-09\"");
        }

        var parameters = Child(root, "Parameters") as YamlMappingNode;
        var resources = Child(root, "Resources") as YamlMappingNode;
        if (resources is null || resources.Children.Count == 0)
        {
            problems.Add("Resources is missing or empty");
            return problems;
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in resources.Children)
        {
            names[Text(key)] = Scalar(value, "Type") ?? "";
        }

        var context = new Context(spec, problems, names, parameters?.Children.Keys.Select(Text).ToHashSet(StringComparer.Ordinal) ?? []);
        foreach (var (key, value) in resources.Children)
        {
            string name = Text(key);
            string type = names[name];
            JsonElement? resource = spec.Resource(type);
            if (resource is null)
            {
                problems.Add($"Resources.{name}: type '{type}' is not a CloudFormation resource type");
                continue;
            }

            if (Child(value, "DependsOn") is { } dependsOn)
            {
                foreach (string target in dependsOn is YamlSequenceNode list ? list.Children.Select(Text) : [Text(dependsOn)])
                {
                    if (!names.ContainsKey(target))
                    {
                        problems.Add($"Resources.{name}.DependsOn: '{target}' is not a resource of this template");
                    }
                }
            }

            var properties = Child(value, "Properties") as YamlMappingNode;
            CheckObject(context, $"Resources.{name}.Properties", properties, resource.Value.GetProperty("properties"), type);
            if (properties is not null)
            {
                CheckAgainstApi(context, $"Resources.{name}.Properties", type, properties);
                CheckActions(context, $"Resources.{name}.Properties", properties, type);
            }
        }

        if (Child(root, "Outputs") is YamlMappingNode outputs)
        {
            foreach (var (key, value) in outputs.Children)
            {
                if (Child(value, "Value") is not { } outputValue)
                {
                    problems.Add($"Outputs.{Text(key)}: has no Value");
                }
                else if (!TryIntrinsic(context, $"Outputs.{Text(key)}.Value", outputValue) && outputValue is not YamlScalarNode)
                {
                    problems.Add($"Outputs.{Text(key)}.Value: is neither a value nor Ref/Fn::GetAtt");
                }
            }
        }

        return problems;
    }

    private sealed record Context(CloudFormationSpec Spec, List<string> Problems, Dictionary<string, string> Resources, HashSet<string> Parameters);

    private static void CheckObject(Context c, string path, YamlMappingNode? node, JsonElement properties, string owner)
    {
        foreach (JsonProperty p in properties.EnumerateObject())
        {
            if (p.Value.TryGetProperty("required", out JsonElement required) && required.ValueKind == JsonValueKind.True && Child(node, p.Name) is null)
            {
                c.Problems.Add($"{path}: required property {p.Name} of {owner} is missing");
            }
        }

        if (node is null)
        {
            return;
        }

        foreach (var (key, value) in node.Children)
        {
            string name = Text(key);
            if (!properties.TryGetProperty(name, out JsonElement property))
            {
                c.Problems.Add($"{path}.{name}: {owner} has no property {name} (it has: {string.Join(", ", properties.EnumerateObject().Select(x => x.Name).Order())})");
                continue;
            }

            CheckValue(c, $"{path}.{name}", value, property.GetProperty("type"));
        }
    }

    private static void CheckValue(Context c, string path, YamlNode value, JsonElement type)
    {
        if (TryIntrinsic(c, path, value))
        {
            return;
        }

        string kind = type.GetProperty("type").GetString()!;
        switch (kind)
        {
            case "string":
            case "date-time":
                Expect<YamlScalarNode>(c, path, value, "a string");
                break;
            case "integer":
                if (Expect<YamlScalarNode>(c, path, value, "an integer") is { } i && !long.TryParse(i.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    c.Problems.Add($"{path}: '{i.Value}' is not an integer");
                }

                break;
            case "number":
                if (Expect<YamlScalarNode>(c, path, value, "a number") is { } n && !double.TryParse(n.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    c.Problems.Add($"{path}: '{n.Value}' is not a number");
                }

                break;
            case "boolean":
                if (Expect<YamlScalarNode>(c, path, value, "a boolean") is { } b && b.Value is not ("true" or "false"))
                {
                    c.Problems.Add($"{path}: '{b.Value}' is not a boolean (true or false)");
                }

                break;
            case "json":
                break;
            case "tag":
                CheckTag(c, path, value);
                break;
            case "array":
                if (Expect<YamlSequenceNode>(c, path, value, "a list") is { } list)
                {
                    int index = 0;
                    foreach (YamlNode item in list.Children)
                    {
                        CheckValue(c, $"{path}[{index++}]", item, type.GetProperty("element"));
                    }
                }

                break;
            case "map":
                if (Expect<YamlMappingNode>(c, path, value, "a map") is { } map)
                {
                    foreach (var (k, v) in map.Children)
                    {
                        CheckValue(c, $"{path}.{Text(k)}", v, type.GetProperty("element"));
                    }
                }

                break;
            case "ref":
                JsonElement definition = c.Spec.TypeDefinition(type.GetProperty("reference").GetProperty("$ref").GetString()!);
                if (Expect<YamlMappingNode>(c, path, value, "a " + definition.GetProperty("name").GetString()) is { } obj)
                {
                    CheckObject(c, path, obj, definition.GetProperty("properties"), definition.GetProperty("name").GetString()!);
                }

                break;
            case "union":
                var attempts = new List<List<string>>();
                foreach (JsonElement option in type.GetProperty("types").EnumerateArray())
                {
                    var trial = c with { Problems = [] };
                    CheckValue(trial, path, value, option);
                    attempts.Add(trial.Problems);
                }

                if (attempts.All(a => a.Count > 0))
                {
                    c.Problems.AddRange(attempts[0]);
                }

                break;
            default:
                c.Problems.Add($"{path}: the specification's type kind '{kind}' is not understood by this check");
                break;
        }

        if (value is YamlScalarNode scalar && type.TryGetProperty("allowedValues", out JsonElement allowed)
            && !allowed.EnumerateArray().Any(a => (a.ValueKind == JsonValueKind.String ? a.GetString() : a.GetRawText()) == scalar.Value))
        {
            c.Problems.Add($"{path}: '{scalar.Value}' is not one of the allowed values ({string.Join(", ", allowed.EnumerateArray().Select(a => a.ToString()))})");
        }
    }

    private static void CheckTag(Context c, string path, YamlNode value)
    {
        if (Expect<YamlMappingNode>(c, path, value, "a tag {Key, Value}") is { } tag && (Child(tag, "Key") is null || Child(tag, "Value") is null))
        {
            c.Problems.Add($"{path}: a tag needs Key and Value");
        }
    }

    // Ref, Fn::GetAtt (both forms) and Fn::Sub are checked; other functions are accepted as values.
    private static bool TryIntrinsic(Context c, string path, YamlNode value)
    {
        if (value is not YamlMappingNode map || map.Children.Count != 1)
        {
            return false;
        }

        string function = Text(map.Children.Keys.First());
        YamlNode argument = map.Children.Values.First();
        switch (function)
        {
            case "Ref":
                string target = Text(argument);
                if (!c.Parameters.Contains(target) && !c.Resources.ContainsKey(target) && !PseudoParameters.Contains(target))
                {
                    c.Problems.Add($"{path}: Ref '{target}' is not a parameter, a resource or a pseudo parameter");
                }

                return true;
            case "Fn::GetAtt":
                string[] parts = argument is YamlSequenceNode seq ? seq.Children.Select(Text).ToArray() : Text(argument).Split('.', 2);
                if (parts.Length != 2 || !c.Resources.TryGetValue(parts[0], out string? type))
                {
                    c.Problems.Add($"{path}: Fn::GetAtt [{string.Join(", ", parts)}] does not name a resource of this template and an attribute");
                }
                else if (c.Spec.Resource(type) is { } resource && !resource.GetProperty("attributes").TryGetProperty(parts[1], out _))
                {
                    c.Problems.Add($"{path}: {type} has no attribute '{parts[1]}' for Fn::GetAtt (it has: {string.Join(", ", resource.GetProperty("attributes").EnumerateObject().Select(a => a.Name))})");
                }

                return true;
            case "Fn::Sub" or "Fn::Join" or "Fn::Select" or "Fn::If" or "Fn::ImportValue" or "Fn::Base64" or "Fn::FindInMap" or "Fn::Split" or "Fn::GetAZs" or "Fn::Cidr":
                return true;
            default:
                return false;
        }
    }

    private static void CheckAgainstApi(Context c, string path, string type, YamlMappingNode properties)
    {
        string[] parts = type.Split("::");
        if (parts.Length != 3 || !AwsServices.ForCloudFormation.TryGetValue(parts[1], out string? package))
        {
            return;
        }

        SdkModel model = SdkModel.Of(package);
        string? operation = new[] { "Create", "Add", "Put" }.Select(verb => verb + parts[2]).FirstOrDefault(model.Operations.Contains);
        if (operation is null)
        {
            return;
        }

        IReadOnlyList<SdkMember> input = model.Input(operation);
        foreach (var (key, value) in properties.Children)
        {
            SdkMember? member = input.FirstOrDefault(m => string.Equals(m.Name, Text(key), StringComparison.OrdinalIgnoreCase));
            IReadOnlyList<string>? values = member is null ? null : model.EnumValues(member.BaseType);
            if (values is null)
            {
                continue;
            }

            IEnumerable<YamlNode> literals = value is YamlSequenceNode list ? list.Children : [value];
            foreach (YamlScalarNode literal in literals.OfType<YamlScalarNode>())
            {
                if (!values.Contains(literal.Value!))
                {
                    c.Problems.Add($"{path}.{Text(key)}: '{literal.Value}' is not a value of {member!.BaseType} in {package} ({operation}.{member.Name}): {string.Join(", ", values)}");
                }
            }
        }
    }

    private static void CheckActions(Context c, string path, YamlMappingNode properties, string type)
    {
        var actions = new List<(string Path, string Action)>();
        if (type == "AWS::Lambda::Permission" && Child(properties, "Action") is YamlScalarNode permission)
        {
            actions.Add(($"{path}.Action", permission.Value!));
        }

        CollectPolicyActions(path, properties, actions);
        foreach (var (where, action) in actions)
        {
            string[] parts = action.Split(':', 2);
            if (parts.Length != 2 || !AwsServices.ForIamPrefix.TryGetValue(parts[0], out string? package))
            {
                c.Problems.Add($"{where}: '{action}' is not an action of a service this check has a model for ({string.Join(", ", AwsServices.ForIamPrefix.Keys)})");
                continue;
            }

            SdkModel model = SdkModel.Of(package);
            if (!model.Operations.Contains(parts[1]) && !model.DocumentsAsCode(action))
            {
                c.Problems.Add($"{where}: '{action}' is neither an operation of {package} nor documented there as an action");
            }
        }
    }

    // Action values anywhere under a Statement (AssumeRolePolicyDocument, Policies[].PolicyDocument).
    private static void CollectPolicyActions(string path, YamlNode node, List<(string, string)> actions)
    {
        if (node is YamlMappingNode map)
        {
            foreach (var (key, value) in map.Children)
            {
                string name = Text(key);
                if (name == "Statement")
                {
                    foreach (YamlNode statement in value is YamlSequenceNode s ? s.Children : [value])
                    {
                        if (Child(statement, "Action") is { } action)
                        {
                            foreach (YamlNode a in action is YamlSequenceNode list ? list.Children : [action])
                            {
                                actions.Add(($"{path}.Statement.Action", Text(a)));
                            }
                        }
                    }
                }
                else
                {
                    CollectPolicyActions($"{path}.{name}", value, actions);
                }
            }
        }
        else if (node is YamlSequenceNode sequence)
        {
            int i = 0;
            foreach (YamlNode item in sequence.Children)
            {
                CollectPolicyActions($"{path}[{i++}]", item, actions);
            }
        }
    }

    private static T? Expect<T>(Context c, string path, YamlNode value, string what) where T : YamlNode
    {
        if (value is T t)
        {
            return t;
        }

        c.Problems.Add($"{path}: must be {what}");
        return null;
    }

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value) ? value : null;

    private static string? Scalar(YamlNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    private static string Text(YamlNode node) => node is YamlScalarNode s ? s.Value ?? "" : node.ToString();
}
