using System.Globalization;

namespace AwsIotDevice.Provisioning;

/// <summary>What a device said in its HELLO reply: <c>OK HELLO protocol=1 device=AwsIotDevice maxLine=8192</c>.</summary>
public sealed class HelloInfo
{
    private HelloInfo(int protocol, string device, int maxLine)
    {
        Protocol = protocol;
        Device = device;
        MaxLine = maxLine;
    }

    /// <summary>The device's protocol version.</summary>
    public int Protocol { get; }

    /// <summary>The device's name for itself.</summary>
    public string Device { get; }

    /// <summary>The longest command line the device accepts.</summary>
    public int MaxLine { get; }

    /// <summary>Parses the text after <c>OK </c>; false when it is not a HELLO answer with a protocol number.</summary>
    public static bool TryParse(string message, out HelloInfo info)
    {
        info = null!;
        string[] words = message.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words[0] != "HELLO")
        {
            return false;
        }

        int protocol = -1;
        int maxLine = Core.Provisioning.ProvisioningProtocol.MaxLineLength;
        string device = "?";
        foreach (string word in words.Skip(1))
        {
            int equals = word.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            string name = word[..equals];
            string value = word[(equals + 1)..];
            switch (name)
            {
                case "protocol":
                    int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out protocol);
                    break;
                case "device":
                    device = value;
                    break;
                case "maxLine":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out maxLine))
                    {
                        return false;
                    }

                    break;
            }
        }

        if (protocol <= 0)
        {
            return false;
        }

        info = new HelloInfo(protocol, device, maxLine);
        return true;
    }
}
