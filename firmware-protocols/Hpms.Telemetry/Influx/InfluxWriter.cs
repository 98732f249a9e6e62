using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Hpms.Telemetry.Buffering;
using Hpms.Telemetry.Forwarding;
using Microsoft.Extensions.Logging;

namespace Hpms.Telemetry.Influx;

/// <summary>
/// Writes buffered line protocol to InfluxDB over HTTP (v1 <c>/write</c> or v2 <c>/api/v2/write</c>),
/// one request per batch, gzip-compressed when configured. 2xx is delivered; 400/413/422 mean the data
/// itself is refused (rejected and counted — retrying cannot help); anything else, including no answer,
/// is retried later. Re-sending a batch is harmless: InfluxDB overwrites the same series and timestamp.
/// </summary>
public sealed partial class InfluxWriter : IBatchSender, IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _writeUri;
    private readonly InfluxWriterOptions _options;
    private readonly ILogger _logger;
    private readonly MemoryStream _body = new();
    private long _rejectedBatches;

    /// <summary>Creates a writer.</summary>
    /// <param name="name">Sink name.</param>
    /// <param name="options">Validated options.</param>
    /// <param name="logger">Log.</param>
    /// <param name="handler">HTTP handler (tests); null for the default.</param>
    public InfluxWriter(string name, InfluxWriterOptions options, ILogger logger, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        _options = options;
        _logger = logger;
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = options.Timeout;
        _writeUri = WriteUri(options);
        string secret = string.IsNullOrEmpty(options.SecretEnv) ? string.Empty : Environment.GetEnvironmentVariable(options.SecretEnv) ?? string.Empty;
        if (options.Version == InfluxApiVersion.V2 && secret.Length > 0)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", secret);
        }
        else if (options.Version == InfluxApiVersion.V1 && options.Username.Length > 0)
        {
            string basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{options.Username}:{secret}"));
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Gets batches InfluxDB refused as malformed.</summary>
    public long RejectedBatches => Interlocked.Read(ref _rejectedBatches);

    /// <summary>Builds the write URL for the options.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The URL.</returns>
    public static Uri WriteUri(InfluxWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string root = options.Url.TrimEnd('/');
        string query = options.Version == InfluxApiVersion.V2
            ? $"/api/v2/write?org={Uri.EscapeDataString(options.Org)}&bucket={Uri.EscapeDataString(options.Bucket)}&precision={options.Precision}"
            : $"/write?db={Uri.EscapeDataString(options.Database)}&precision={V1Precision(options.Precision)}"
              + (options.RetentionPolicy.Length > 0 ? "&rp=" + Uri.EscapeDataString(options.RetentionPolicy) : string.Empty);
        return new Uri(root + query);
    }

    /// <inheritdoc/>
    public async Task<SendOutcome> SendAsync(DurableQueueBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Kind != RecordKind.Telemetry)
        {
            return SendOutcome.Delivered; // events are not time series; they travel by MQTT
        }

        _body.SetLength(0);
        Stream target = _options.Gzip ? new GZipStream(_body, CompressionLevel.Fastest, leaveOpen: true) : _body;
        for (int i = 0; i < batch.Count; i++)
        {
            ReadOnlyMemory<byte> lines = batch.GetPayload(i);
            await target.WriteAsync(lines, cancellationToken).ConfigureAwait(false);
            if (!lines.Span.EndsWith("\n"u8))
            {
                target.WriteByte((byte)'\n');
            }
        }

        if (_options.Gzip)
        {
            await target.DisposeAsync().ConfigureAwait(false);
        }

        using var content = new ByteArrayContent(_body.GetBuffer(), 0, (int)_body.Length);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        if (_options.Gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        try
        {
            using HttpResponseMessage response = await _http.PostAsync(_writeUri, content, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return SendOutcome.Delivered;
            }

            string detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnprocessableEntity)
            {
                Interlocked.Increment(ref _rejectedBatches);
                LogRejected(_logger, Name, (int)response.StatusCode, batch.Count, detail.Length > 300 ? detail[..300] : detail);
                return SendOutcome.Rejected;
            }

            LogRefused(_logger, Name, (int)response.StatusCode, detail.Length > 300 ? detail[..300] : detail);
            return SendOutcome.RetryLater;
        }
        catch (HttpRequestException)
        {
            return SendOutcome.RetryLater; // down or unreachable: the pump logs the outage once
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SendOutcome.RetryLater; // HTTP timeout
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _http.Dispose();
        _body.Dispose();
    }

    private static string V1Precision(string precision) => precision switch
    {
        "ns" => "n",
        "us" => "u",
        _ => precision,
    };

    [LoggerMessage(1, LogLevel.Error, "InfluxDB sink {Sink} refused {Records} records as malformed (HTTP {Status}): {Detail}")]
    private static partial void LogRejected(ILogger logger, string sink, int status, int records, string detail);

    [LoggerMessage(2, LogLevel.Warning, "InfluxDB sink {Sink} answered HTTP {Status}; will retry: {Detail}")]
    private static partial void LogRefused(ILogger logger, string sink, int status, string detail);
}
