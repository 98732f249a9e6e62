using System.Text;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.MqttDevices;
using Hpms.Protocols.Telemetry;

namespace Hpms.Protocols.Tests.Envelopes;

/// <summary>
/// The one-pass telemetry reader may only ever say yes to what the strict reader accepts, and must then read the
/// same batch; everything else it leaves to the strict reader.
/// </summary>
public sealed class PlainTelemetryReaderTests
{
    private const string Device = "'device':{'site':'s','building':'b','zone':'z','gateway':'g','class':'c','id':'d'}";

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text.Replace('\'', '"'));

    [Fact]
    public void EncodedBatch_ReadInOnePass_SameAsTheStrictReader()
    {
        byte[] payload = EnvelopeCodec.Encode(EnvelopeCodecTests.SampleBatch);

        Assert.True(PlainTelemetryReader.TryRead(payload, out TelemetryBatch? plain));
        AssertSame(EnvelopeCodec.ParseTelemetryStrict(payload), plain!);
    }

    [Fact]
    public void RepeatedNames_AreOneStringEach()
    {
        byte[] payload = EnvelopeCodec.Encode(EnvelopeCodecTests.SampleBatch);

        Assert.True(PlainTelemetryReader.TryRead(payload, out TelemetryBatch? first));
        Assert.True(PlainTelemetryReader.TryRead(payload, out TelemetryBatch? second));
        Assert.Same(first!.Points[0].Channel, second!.Points[0].Channel);
        Assert.Same(first.Device.Site, second.Device.Site);
    }

    [Fact]
    public void EscapedNames_ReadUnescaped_AsTheStrictReaderDoes()
    {
        byte[] payload = Json("{'v':1,'seq':1," + Device + ",'points':[{'ch':'\\u0074emp','val':1,'unit':'\\u00B0C','q':'good','ts':1700000000000}]}");

        Assert.True(PlainTelemetryReader.TryRead(payload, out TelemetryBatch? plain));
        Assert.Equal(("temp", "°C"), (plain!.Points[0].Channel, plain.Points[0].Unit));
        AssertSame(EnvelopeCodec.ParseTelemetryStrict(payload), plain);
    }

    [Theory]
    [InlineData("{'v':1,'seq':1,'points':[]," + Device + "}")] // points before the device
    [InlineData("{'v':1,'v':1,'seq':1," + Device + ",'points':[]}")] // duplicate property
    [InlineData("{'v':1,'seq':1," + Device + ",'points':[{'ch':'t','val':1,'unit':'','q':'good','ts':1700000000000,'ch':'u'}]}")]
    public void Unusual_LeftToTheStrictReader_WhichStillDecides(string json)
    {
        byte[] payload = Json(json);

        Assert.False(PlainTelemetryReader.TryRead(payload, out _));
        PayloadParseResult<TelemetryBatch> strict = EnvelopeCodec.ParseTelemetryStrict(payload);
        PayloadParseResult<TelemetryBatch> parsed = EnvelopeCodec.ParseTelemetry(payload);
        Assert.Equal(strict.IsOk, parsed.IsOk);
        Assert.Equal(strict.Error, parsed.Error);
    }

    [Theory]
    [InlineData("{'v':2,'seq':1," + Device + ",'points':[]}")]
    [InlineData("{'v':1,'seq':-1," + Device + ",'points':[]}")]
    [InlineData("{'v':1," + Device + ",'points':[]}")]
    [InlineData("{'v':1,'seq':1,'device':{'site':'s/x','building':'b','zone':'z','gateway':'g','class':'c','id':'d'},'points':[]}")]
    [InlineData("{'v':1,'seq':1,'device':{'site':'s','building':'b','zone':'z','gateway':'g','class':'','id':'d'},'points':[]}")]
    [InlineData("{'v':1,'seq':1," + Device + ",'points':[{'ch':'t','val':null,'unit':'','q':'good','ts':1700000000000}]}")]
    [InlineData("{'v':1,'seq':1," + Device + ",'points':[{'ch':'t','val':1,'unit':'','q':'fine','ts':1700000000000}]}")]
    [InlineData("{'v':1,'seq':1," + Device + ",'points':[{'ch':'t','val':1,'unit':'','q':'good','ts':17}]}")]
    [InlineData("{'v':1,'seq':1," + Device + ",'points':[{'ch':'','val':1,'unit':'','q':'good','ts':1700000000000}]}")]
    [InlineData("{'v':1,'seq':1," + Device + ",'points':[{'ch':'t','val':1,'unit':'','q':'good','ts':1700000000000,'x':1}]}")]
    [InlineData("{'v':1,'seq':1," + Device + ",'points':[]} trailing")]
    [InlineData("{'v':1,'seq':1," + Device + ",'points':[],'more':1}")]
    [InlineData("{'v':1,'seq':1," + Device + ",'points':[{'ch':'t','val':1,'unit':'\\ud800','q':'good','ts':1700000000000}]}")] // lone surrogate
    [InlineData("{'v':1,'seq':1,'device':{'site':'s','building':'b','zone':'\\ud800','gateway':'g','class':'c','id':'d'},'points':[]}")]
    public void Invalid_NeverReadByTheFastPath_AndRefusedWithTheStrictReason(string json)
    {
        byte[] payload = Json(json);

        Assert.False(PlainTelemetryReader.TryRead(payload, out _));
        PayloadParseResult<TelemetryBatch> parsed = EnvelopeCodec.ParseTelemetry(payload);
        Assert.False(parsed.IsOk);
        Assert.Equal(EnvelopeCodec.ParseTelemetryStrict(payload).Error, parsed.Error);
    }

    [Fact]
    public void MutatedPayloads_FastPathAcceptsOnlyWhatTheStrictReaderAccepts_AndReadsTheSameBatch()
    {
        byte[] valid = EnvelopeCodec.Encode(EnvelopeCodecTests.SampleBatch);
        byte[] alphabet = Json("{}[]:,'0123456789.-eE nultrfasvqchdgo\\");
        var random = new Random(20261123);
        int accepted = 0;
        for (int n = 0; n < 20_000; n++)
        {
            byte[] payload = Mutate(valid, random, alphabet);
            if (!PlainTelemetryReader.TryRead(payload, out TelemetryBatch? plain))
            {
                continue;
            }

            accepted++;
            PayloadParseResult<TelemetryBatch> strict = EnvelopeCodec.ParseTelemetryStrict(payload);
            Assert.True(strict.IsOk, $"fast path accepted what the strict reader refuses ({strict.Error}): {Encoding.UTF8.GetString(payload)}");
            AssertSame(strict, plain!);
        }

        Assert.True(accepted > 100, $"only {accepted} mutants read: the check needs some the fast path accepts");
    }

    [Fact]
    public void NameCache_StaysBounded_AndNamesBeyondItAreStillRead()
    {
        for (int i = 0; i < PlainTelemetryReader.MaxCachedNames + 2_000; i += 500)
        {
            string points = string.Join(',', Enumerable.Range(i, 500).Select(k => $"{{'ch':'cache-test-{k}','val':1,'unit':'','q':'good','ts':1700000000000}}"));
            Assert.True(PlainTelemetryReader.TryRead(Json("{'v':1,'seq':1," + Device + ",'points':[" + points + "]}"), out TelemetryBatch? batch));
            Assert.Equal($"cache-test-{i + 499}", batch!.Points[499].Channel);
        }

        Assert.True(PlainTelemetryReader.CachedNames <= PlainTelemetryReader.MaxCachedNames);
    }

    private static byte[] Mutate(byte[] valid, Random random, byte[] alphabet)
    {
        var bytes = new List<byte>(valid);
        for (int edits = random.Next(1, 4); edits > 0; edits--)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(3))
            {
                case 0: bytes[at] = alphabet[random.Next(alphabet.Length)]; break;
                case 1: bytes.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                default: bytes.RemoveAt(at); break;
            }
        }

        return [.. bytes];
    }

    private static void AssertSame(PayloadParseResult<TelemetryBatch> strict, TelemetryBatch plain)
    {
        Assert.True(strict.IsOk, strict.Error);
        Assert.Equal(strict.Value.Device, plain.Device);
        Assert.Equal(strict.Value.Sequence, plain.Sequence);
        Assert.Equal(strict.Value.Points, plain.Points);
    }
}
