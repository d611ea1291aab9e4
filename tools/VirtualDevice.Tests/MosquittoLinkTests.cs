using System.Text;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.VirtualDevice.Tests.Support;

namespace AwsIotDevice.VirtualDevice.Tests;

/// <summary>
/// The virtual device's link (Core's MQTT client over host TLS) against a real mosquitto broker with a TLS listener on
/// 127.0.0.1: raw MQTT over TLS, as alpn and domain mode send it.
/// </summary>
public sealed class MosquittoLinkTests
{
    [Theory]
    [InlineData(TransportMode.Alpn)]
    [InlineData(TransportMode.Domain)]
    public void Qos1PublishReachesAMosquittoSubscriber(TransportMode mode)
    {
        using var broker = Mosquitto.StartTls();
        using var link = new VirtualDeviceLink(TrustAnchors.FromPemFile(broker.CaPath));
        Fault fault = link.Connect(Requests.To(broker.Port, mode, clientId: "vdev-pub"));
        Assert.True(fault == Fault.None, $"{FaultNames.Of(fault)}: {link.LastErrorDetail}\n{broker.Log}");

        using var subscriber = ExternalProcess.Start(
            "mosquitto_sub", "-h", "localhost", "-p", broker.Port.ToString(), "--cafile", broker.CaPath,
            "-i", "vdev-sub", "-t", "dt/vdev/telemetry", "-q", "1", "-C", "1", "-W", "20");
        Assert.True(broker.WaitForLog("vdev-sub", TimeSpan.FromSeconds(10)), broker.Log + subscriber.Output);

        // The subscription may land a moment after the CONNECT shows in the log: publish until it is seen (bounded).
        byte[] payload = Encoding.UTF8.GetBytes("{\"seq\":7,\"t\":1}");
        for (int i = 0; i < 50 && !subscriber.HasExited; i++)
        {
            Fault published = link.Publish("dt/vdev/telemetry", payload, payload.Length, 1, 5000);
            Assert.True(published == Fault.None, $"{FaultNames.Of(published)}: {link.LastErrorDetail}");
            subscriber.WaitForExit(TimeSpan.FromMilliseconds(200));
        }

        Assert.True(subscriber.WaitForExit(TimeSpan.FromSeconds(5)), "mosquitto_sub received nothing: " + subscriber.Output + broker.Log);
        Assert.Equal(0, subscriber.ExitCode);
        Assert.Contains("{\"seq\":7,\"t\":1}", subscriber.Output);
        Assert.Contains("Received PUBLISH from vdev-pub", broker.Log);
    }

    [Fact]
    public void KeepAliveAndCloseAreWhatMosquittoExpects()
    {
        using var broker = Mosquitto.StartTls();
        using var link = new VirtualDeviceLink(TrustAnchors.FromPemFile(broker.CaPath));
        Assert.Equal(Fault.None, link.Connect(Requests.To(broker.Port, clientId: "vdev-close", keepAlive: 1)));

        Assert.Equal(Fault.None, link.Process(2500));
        Assert.True(broker.WaitForLog("Received PINGREQ from vdev-close", TimeSpan.FromSeconds(5)), broker.Log);
        link.Close();

        Assert.True(broker.WaitForLog("Received DISCONNECT from vdev-close", TimeSpan.FromSeconds(5)), broker.Log);
        Assert.False(link.IsConnected);
    }

    [Fact]
    public void WrongCaAgainstMosquittoIsTlsFailure()
    {
        using var broker = Mosquitto.StartTls();
        using var link = new VirtualDeviceLink(TestPki.Create("Unrelated CA").Anchors());

        Fault fault = link.Connect(Requests.To(broker.Port));

        Assert.Equal(Fault.TlsFailure, fault);
        Assert.Contains("untrusted root", link.LastErrorDetail);
    }
}
