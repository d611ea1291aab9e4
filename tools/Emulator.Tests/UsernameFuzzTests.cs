using System.Text;
using AwsIotDevice.CustomAuth.Signing;
using AwsIotDevice.CustomAuth.Authorizer;
using AwsIotDevice.Emulator.Auth;
using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Server;
using AwsIotDevice.Emulator.Logging;
using AwsIotDevice.Emulator.Tests.Support;
using AwsIotDevice.Emulator.MqttCodec.Channel;
using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.Emulator.Tests;

/// <summary>
/// Seeded, bounded fuzzing (System.Random with fixed seeds, so every run tries the same inputs and a failure
/// reproduces): the username parser never crashes and no mutation yields a different token that verifies; a running
/// emulator survives a barrage of mutated CONNECT frames.
/// </summary>
public sealed class UsernameFuzzTests
{
    private static readonly string[] Fragments =
    [
        "?", "&", "=", "%", "+", " ", "%2", "%G1", "%ZZ", "%%", "%25", "%2B", "%3D", "%26", "%3F", "%00", "%C3%28", "%FF", "%E2%82",
        "%F0%9F%98%80", "é", "😀", "\u0000", "x-amz-customauthorizer-signature=", "x-amz-customauthorizer-name=", "token=", "SDK=x", "&&", "==",
    ];

    private static string Mutate(Random rng, string s)
    {
        var sb = new StringBuilder(s);
        int steps = rng.Next(1, 5);
        for (int k = 0; k < steps; k++)
        {
            int at = sb.Length == 0 ? 0 : rng.Next(sb.Length + 1);
            switch (rng.Next(7))
            {
                case 0: // delete a run
                    if (sb.Length > 0) { int from = Math.Min(at, sb.Length - 1); sb.Remove(from, Math.Min(rng.Next(1, 8), sb.Length - from)); }
                    break;
                case 1: // replace one char with a printable ASCII char
                    if (sb.Length > 0) sb[Math.Min(at, sb.Length - 1)] = (char)rng.Next(0x20, 0x7F);
                    break;
                case 2: // insert a special fragment
                    sb.Insert(at, Fragments[rng.Next(Fragments.Length)]);
                    break;
                case 3: // insert a random printable ASCII char
                    sb.Insert(at, (char)rng.Next(0x20, 0x7F));
                    break;
                case 4: // truncate
                    sb.Length = Math.Min(at, sb.Length);
                    break;
                case 5: // huge: repeat a fragment up to ~70k chars
                    string f = Fragments[rng.Next(Fragments.Length)];
                    sb.Insert(at, string.Concat(Enumerable.Repeat(f, rng.Next(1, 70_000 / Math.Max(1, f.Length)))));
                    break;
                default: // duplicate a slice (repeated keys, values glued together)
                    if (sb.Length > 0) { int from = rng.Next(sb.Length); string slice = sb.ToString(from, Math.Min(rng.Next(1, 64), sb.Length - from)); sb.Insert(at, slice); }
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>What a UTF-8 decoder with replacement would hand the parser: lone surrogates become U+FFFD.</summary>
    private static string WireString(string s) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s));

    [Fact]
    public void MutatedUsernamesNeverCrashTheParserAndNeverYieldAnotherValidToken()
    {
        string token = TestConfigs.Token("fuzz-device", TimeSpan.FromDays(1));
        string signature = TestConfigs.Sign(token);
        string original = TestConfigs.Username(token, signature);
        Assert.True(UsernameQuery.TryParse(original, true, true, out var q0, out _));
        Assert.True(TokenSignature.Verify(EmulatorTestPki.AuthorizerKey, q0.Get(TestConfigs.TokenKey)!, q0.Signature!), "the unmutated username must verify, or the property below proves nothing");

        var rng = new Random(20261121);
        int refused = 0, invalid = 0, sameToken = 0;
        for (int i = 0; i < 3000; i++)
        {
            // Over the wire the username is UTF-8-decoded, which never yields a lone surrogate: fuzz that domain
            // (lone surrogates are covered by PercentDecodingTests in tools/CustomAuth.Tests).
            string mutated = WireString(Mutate(rng, original));
            if (mutated == original) continue;
            foreach (bool plusIsSpace in new[] { true, false })
            {
                UsernameQuery q;
                string? error;
                bool parsed;
                try
                {
                    parsed = UsernameQuery.TryParse(mutated, plusIsSpace, true, out q, out error);
                }
                catch (Exception e)
                {
                    Assert.Fail($"seed 20261121 case {i}: TryParse threw {e.GetType().Name}: {e.Message} for username of {mutated.Length} chars starting '{mutated[..Math.Min(120, mutated.Length)]}'");
                    return;
                }
                if (!parsed)
                {
                    Assert.False(string.IsNullOrWhiteSpace(error), $"case {i}: refused without a message");
                    Assert.DoesNotContain(signature, error!);
                    refused++;
                    continue;
                }
                string? t = q.Get(TestConfigs.TokenKey), s = q.Signature;
                if (t is null || s is null || t.Length == 0 || !TokenSignature.Verify(EmulatorTestPki.AuthorizerKey, t, s)) { invalid++; continue; }
                // Verifying means the mutation left the signed token intact (e.g. it touched the user part or added a key).
                Assert.True(t == token, $"case {i}: a mutated username produced a different token that verifies: '{t}'");
                sameToken++;
            }
        }
        // The generator must exercise all three outcomes, or it is not testing what it claims.
        Assert.True(refused > 100 && invalid > 100 && sameToken > 0, $"refused={refused} invalid={invalid} sameToken={sameToken}");
    }

    private static byte[] Encode(MqttPacket packet)
    {
        using var ms = new MemoryStream();
        new MqttChannel(ms).WritePacketAsync(packet).AsTask().GetAwaiter().GetResult();
        return ms.ToArray();
    }

    private static byte[] MutateFrame(Random rng, byte[] frame)
    {
        var b = new List<byte>(frame);
        int steps = rng.Next(1, 6);
        for (int k = 0; k < steps; k++)
        {
            int at = rng.Next(b.Count + 1);
            switch (rng.Next(6))
            {
                case 0: if (b.Count > 0) b[Math.Min(at, b.Count - 1)] ^= (byte)(1 << rng.Next(8)); break;
                case 1: if (b.Count > 0) b[Math.Min(at, b.Count - 1)] = (byte)rng.Next(256); break;
                case 2: b.Insert(at, (byte)rng.Next(256)); break;
                case 3: if (b.Count > 0) b.RemoveAt(Math.Min(at, b.Count - 1)); break;
                case 4: b.RemoveRange(Math.Min(at, b.Count), b.Count - Math.Min(at, b.Count)); break;
                default: if (b.Count > 1) b[1] = (byte)rng.Next(256); break; // remaining length
            }
        }
        return b.ToArray();
    }

    [Fact]
    public async Task MutatedConnectFramesDoNotCrashTheEmulator()
    {
        var config = TestConfigs.Default();
        var log = new MemoryLogSink();
        await using var host = await EmulatorServer.StartAsync(TestConfigs.Load(config),
            new EmulatorServerOptions { Log = log, Invoker = new ReferenceAuthorizerInvoker(config.Aws) });
        int port = host.Ports[0];

        var frames = new[]
        {
            Encode(RawMqttClient.Connect("fuzz-1", TestConfigs.GoodUsername("fuzz-1"))),
            Encode(RawMqttClient.Connect("fuzz-5", TestConfigs.GoodUsername("fuzz-5"), MqttProtocolVersion.V500)),
        };
        var rng = new Random(424242);
        using var overall = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        for (int i = 0; i < 200; i++)
        {
            byte[] bad = MutateFrame(rng, frames[i % frames.Length]);
            await using var c = await RawMqttClient.ConnectTlsAsync(port, EmulatorTestPki.AtsHost, ["mqtt"]);
            try
            {
                await c.Ssl.WriteAsync(bad, overall.Token);
                await c.Ssl.FlushAsync(overall.Token);
                if (i % 20 == 0) await c.ReadAsync(0.5); // now and then let the server answer before we hang up
            }
            catch (IOException) { } // the emulator may close first: that is a refusal, not a crash
            catch (OperationCanceledException) when (!overall.IsCancellationRequested) { } // server waits for more bytes: fine
            catch (AwsIotDevice.Emulator.MqttCodec.Formatting.MqttProtocolException) { } // the server's answer to garbage may itself be unparsable to us
        }

        // After the barrage: the emulator still serves a valid client, and never hit its internal-error path.
        await using var good = await RawMqttClient.ConnectTlsAsync(port, EmulatorTestPki.AtsHost, ["mqtt"]);
        var ack = await good.ConnectAsync(RawMqttClient.Connect("after-fuzz", TestConfigs.GoodUsername("after-fuzz")));
        Assert.NotNull(ack);
        Assert.Equal(0, ack!.ReasonCode);
        Assert.DoesNotContain(log.Entries, e => e.Rule?.Contains("internal emulator error", StringComparison.Ordinal) == true);
    }
}
