using System.Diagnostics;
using System.Text;
using AwsIotDevice.Core.Telemetry;

namespace AwsIotDevice.Demo.Tests;

/// <summary>The viewer reads both payload shapes the device sends: one reading's object, and a backlog batch (an array).</summary>
public sealed class TelemetryBatchTests
{
    [Fact]
    public void ParseAll_reads_a_batch_the_device_core_writes_in_order()
    {
        var queue = new TelemetryQueue(8);
        for (int i = 1; i <= 5; i++)
        {
            queue.Append(i * 1000).Add("n", i);
        }

        var drain = new TelemetryDrain(queue, 5120);
        int length = drain.Compose(new PayloadWriter("dev-1"), 2);

        IReadOnlyList<TelemetryMessage> all = TelemetryMessage.ParseAll(drain.Payload.AsSpan(0, length));

        Assert.True(drain.IsBatch);
        Assert.Equal([1L, 2, 3, 4, 5], all.Select(m => m.Sequence));
        Assert.All(all, m => Assert.Equal("dev-1", m.Device));
        Assert.All(all, m => Assert.Equal(2, m.Dropped));
        Assert.Equal([1000L, 2000, 3000, 4000, 5000], all.Select(m => m.UptimeMs));
        Assert.Equal(4.0, all[3].Readings.Single().Value);
    }

    [Fact]
    public void ParseAll_reads_a_single_object_as_one_reading()
    {
        var queue = new TelemetryQueue(1);
        queue.Append(7).Add("t", 21.5);
        var writer = new PayloadWriter("d");
        int length = writer.Write(queue.Peek(), 0);

        TelemetryMessage single = Assert.Single(TelemetryMessage.ParseAll(writer.Buffer.AsSpan(0, length)));

        Assert.Equal(1, single.Sequence);
        Assert.Equal(21.5, single.Readings.Single().Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("[1,2]")]
    [InlineData("[{\"seq\":1},{\"device\":\"d\"}]")]
    [InlineData("[{\"seq\":1},[{\"seq\":2}]]")]
    [InlineData("{\"seq\":\"7\"}")]
    [InlineData("not json")]
    public void ParseAll_ignores_what_is_not_telemetry_whole(string payload) =>
        Assert.Empty(TelemetryMessage.ParseAll(Encoding.UTF8.GetBytes(payload)));

    [Fact]
    public void TryParse_still_takes_only_a_single_object() =>
        Assert.Null(TelemetryMessage.TryParse("[{\"seq\":1}]"u8));

    [Fact]
    public void Ledger_counts_readings_not_messages()
    {
        var ledger = new DeliveryLedger(Stopwatch.StartNew());
        var seen = new List<(long, bool)>();

        Assert.Equal(1, ledger.RecordPayload("{\"seq\":1}"u8, (m, first) => seen.Add((m.Sequence, first))));
        Assert.Equal(3, ledger.RecordPayload("[{\"seq\":2},{\"seq\":3},{\"seq\":4}]"u8, (m, first) => seen.Add((m.Sequence, first))));
        Assert.Equal(2, ledger.RecordPayload("[{\"seq\":4},{\"seq\":5}]"u8, (m, first) => seen.Add((m.Sequence, first))));
        Assert.Equal(0, ledger.RecordPayload("hello"u8, null));

        Assert.Equal(5, ledger.Distinct);
        Assert.Equal(3, ledger.Messages);
        Assert.Equal(1, ledger.Duplicates);
        Assert.Equal([(1L, true), (2, true), (3, true), (4, true), (4, false), (5, true)], seen);
        Assert.Empty(ledger.Missing(5));
    }

    [Fact]
    public void The_summary_says_readings_and_messages()
    {
        string line = DemoText.Summary(new DemoSummary { Delivered = 30, Messages = 5 }).Single(l => l.Contains("delivered"));
        Assert.Contains("30 readings in 5 messages", line);
    }
}
