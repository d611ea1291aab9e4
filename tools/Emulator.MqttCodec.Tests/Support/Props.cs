using FsCheck;
using FsCheck.Fluent;

namespace AwsIotDevice.Emulator.MqttCodec.Tests.Support;

/// <summary>Runs an FsCheck property from xunit (no FsCheck.Xunit in the registry): a failure throws with the shrunk counterexample.</summary>
internal static class Props
{
    public static void ForAll<T>(Gen<T> gen, Action<T> body, int maxTest = 100) =>
        Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(maxTest), Prop.ForAll(gen.ToArbitrary(), body));
}
