namespace AwsIotDevice.Emulator.MqttCodec.Tests.Support;

/// <summary>Hex helpers for readable byte vectors ("10 0F 00 04 ...").</summary>
internal static class Bytes
{
    public static byte[] Hex(string spaced) => Convert.FromHexString(spaced.Replace(" ", ""));

    public static string Of(byte[] b) => string.Join(" ", b.Select(x => x.ToString("X2")));
}
