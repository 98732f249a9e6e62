using Hpms.Cloud.Events;
using Hpms.Cloud.Ingest;
using Hpms.Cloud.Telemetry;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.Telemetry.Influx;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hpms.IntegrationTests.Cloud.Ingest;

/// <summary>One cloud ingest instance (processor, MQTT client, optional InfluxDB sink) on a real broker and store.</summary>
public sealed class IngestRig : IAsyncDisposable
{
    private readonly string _passwordEnv;
    private readonly string _stateDirectory;
    private readonly CancellationTokenSource _stop = new();
    private readonly InfluxTimeSeriesSink? _influx;

    private IngestRig(IngestOptions options, CloudStore store, InfluxWriterOptions? influx)
    {
        _passwordEnv = options.PasswordEnv;
        _stateDirectory = options.StateDirectory;
        IOptions<IngestOptions> o = Options.Create(options);
        _influx = influx is null ? null : new InfluxTimeSeriesSink(o, Options.Create(influx), NullLoggerFactory.Instance);
        Sink = _influx ?? (ITimeSeriesSink)new NullTimeSeriesSink();
        var deadLetters = new DeadLetterStore(store.Database, o, Counters, TimeProvider.System, NullLogger<DeadLetterStore>.Instance);
        var processor = new IngestProcessor(
            new EventProcessor(store.Database, []),
            new DeviceRegistry(store.Database, o, Counters),
            new BinStockStore(store.Database, Counters),
            deadLetters,
            Latest,
            [],
            Sink,
            Counters,
            o,
            TimeProvider.System,
            NullLogger<IngestProcessor>.Instance);
        Service = new MqttIngestService(o, processor, Counters, TimeProvider.System, NullLogger<MqttIngestService>.Instance);
    }

    public IngestCounters Counters { get; } = new();

    public LatestTelemetry Latest { get; } = new();

    public ITimeSeriesSink Sink { get; }

    public MqttIngestService Service { get; }

    public static async Task<IngestRig> StartAsync(
        CloudStore store, MosquittoBroker broker, string group = "hpms-cloud", bool autoRegister = true, Uri? influx = null, string database = "hpms", string? clientId = null)
    {
        string env = "HPMS_TEST_INGEST_PW_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(env, broker.Passwords[MosquittoBroker.AdminUser]);
        var options = new IngestOptions
        {
            Host = "127.0.0.1",
            Port = broker.Port,
            Username = MosquittoBroker.AdminUser,
            PasswordEnv = env,
            ClientId = clientId ?? "cloud-" + Guid.NewGuid().ToString("N")[..10],
            SharedGroup = group,
            AutoRegisterDevices = autoRegister,
            ReconnectDelay = TimeSpan.FromMilliseconds(200),
            StateDirectory = Directory.CreateTempSubdirectory("hpms-ingest-").FullName,
        };
        Assert.True(new IngestOptionsValidator().Validate(null, options).Succeeded);
        var rig = new IngestRig(options, store, influx is null ? null : new InfluxWriterOptions { Url = influx.ToString(), Database = database });
        if (rig._influx is not null)
        {
            await rig._influx.StartAsync(rig._stop.Token);
        }

        await rig.Service.StartAsync(rig._stop.Token);
        await Poll.UntilAsync(() => rig.Service.IsSubscribed, TimeSpan.FromSeconds(15), () => "the ingest did not subscribe");
        return rig;
    }

    public async ValueTask DisposeAsync()
    {
        await Service.StopAsync(CancellationToken.None);
        Service.Dispose();
        if (_influx is not null)
        {
            await _influx.StopAsync(CancellationToken.None);
            _influx.Dispose();
        }

        _stop.Dispose();
        Environment.SetEnvironmentVariable(_passwordEnv, null);
        try
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
