namespace AwsIotDevice.Emulator.Policy;

/// <summary>Builds the resource ARNs IoT actions are checked against.</summary>
public sealed class IotArns
{
    /// <summary>Creates the builder for a region and account.</summary>
    public IotArns(string region, string account) => Prefix = $"arn:aws:iot:{region}:{account}:";

    /// <summary><c>arn:aws:iot:&lt;region&gt;:&lt;account&gt;:</c></summary>
    public string Prefix { get; }

    /// <summary>Resource of iot:Connect.</summary>
    public string Client(string clientId) => Prefix + "client/" + clientId;

    /// <summary>Resource of iot:Publish, iot:Receive, iot:RetainPublish.</summary>
    public string Topic(string topic) => Prefix + "topic/" + topic;

    /// <summary>Resource of iot:Subscribe.</summary>
    public string TopicFilter(string filter) => Prefix + "topicfilter/" + filter;
}
