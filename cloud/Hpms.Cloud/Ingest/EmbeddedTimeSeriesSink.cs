using System.Buffers;
using System.Globalization;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.LineProtocol;
using Hpms.Protocols.Telemetry;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Ingest;

/// <summary>
/// The time-series store when no InfluxDB is configured: InfluxDB line protocol (the same encoder and schema,
/// docs/telemetry-schema.md, ms precision) appended to one file per UTC day under
/// <c>{StateDirectory}/timeseries</c>, so a one-machine install keeps its history and can load it into an
/// InfluxDB later (<c>influx -import</c>, or POST the file to <c>/write?precision=ms</c>). Each batch is flushed
/// to the operating system before <see cref="Append"/> returns (a crash of the process loses nothing
/// acknowledged; a power cut may lose the last seconds). The files are kept under <c>Ingest:EmbeddedMaxBytes</c>
/// by deleting the oldest day (counted). Predictive maintenance needs InfluxDB and stays off with this store.
/// </summary>
public sealed partial class EmbeddedTimeSeriesSink : ITimeSeriesSink, IDisposable
{
    private readonly Lock _gate = new();
    private readonly BatchLineEncoder _lines = new();
    private readonly string _directory;
    private readonly long _maxBytes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private FileStream? _file;
    private string _fileDay = string.Empty;
    private long _bytes;
    private long _points;
    private long _filesDeleted;
    private long _writeFailures;

    /// <summary>Creates the store in <c>{StateDirectory}/timeseries</c>.</summary>
    /// <param name="options">Ingest options (state directory, size bound).</param>
    /// <param name="time">Clock that names the day files.</param>
    /// <param name="logger">Log.</param>
    public EmbeddedTimeSeriesSink(IOptions<IngestOptions> options, TimeProvider time, ILogger<EmbeddedTimeSeriesSink> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _directory = Path.GetFullPath(Path.Combine(options.Value.StateDirectory, "timeseries"));
        _maxBytes = options.Value.EmbeddedMaxBytes;
        _time = time;
        _logger = logger;
        System.IO.Directory.CreateDirectory(_directory);
        _bytes = DayFiles().Sum(f => f.Length);
    }

    /// <inheritdoc/>
    public string Name => "embedded";

    /// <inheritdoc/>
    public long QueueDepth => 0;

    /// <summary>Gets the directory of the day files.</summary>
    public string Directory => _directory;

    /// <summary>Gets the points written since start.</summary>
    public long PointsWritten => Interlocked.Read(ref _points);

    /// <summary>Gets the bytes the day files hold.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Gets points the encoder could not write (bad channel names or tags).</summary>
    public long EncodeRejected => _lines.Rejected;

    /// <summary>Gets day files deleted to stay under the size bound.</summary>
    public long FilesDeleted => Interlocked.Read(ref _filesDeleted);

    /// <summary>Gets batches that could not be written (disk full, permissions): refused, so the ingest retries.</summary>
    public long WriteFailures => Interlocked.Read(ref _writeFailures);

    /// <inheritdoc/>
    public bool Append(TelemetryBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_gate)
        {
            ReadOnlySpan<byte> lines = _lines.Encode(batch, out int count);
            if (lines.IsEmpty)
            {
                return true;
            }

            try
            {
                FileStream file = CurrentFile();
                file.Write(lines);
                file.Flush(flushToDisk: false);
            }
            catch (IOException ex)
            {
                Interlocked.Increment(ref _writeFailures);
                LogWriteFailed(_logger, ex, _directory);
                CloseFile();
                return false;
            }

            Interlocked.Add(ref _bytes, lines.Length);
            Interlocked.Add(ref _points, count);
            return true;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            CloseFile();
        }
    }

    private FileStream CurrentFile()
    {
        string day = _time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (_file is not null && day == _fileDay)
        {
            return _file;
        }

        CloseFile();
        _fileDay = day;
        _file = new FileStream(Path.Combine(_directory, day + ".lp"), FileMode.Append, FileAccess.Write, FileShare.Read, 64 * 1024);
        KeepUnderBound();
        return _file;
    }

    // Whole days go, oldest first, never the one being written.
    private void KeepUnderBound()
    {
        FileInfo[] files = [.. DayFiles().OrderBy(f => f.Name, StringComparer.Ordinal)];
        long total = files.Sum(f => f.Length);
        foreach (FileInfo old in files.Where(f => f.Name != _fileDay + ".lp"))
        {
            if (total <= _maxBytes)
            {
                break;
            }

            total -= old.Length;
            old.Delete();
            Interlocked.Increment(ref _filesDeleted);
            LogDayDeleted(_logger, old.Name, _maxBytes);
        }

        Interlocked.Exchange(ref _bytes, total);
    }

    private IEnumerable<FileInfo> DayFiles() => new DirectoryInfo(_directory).EnumerateFiles("*.lp");

    private void CloseFile()
    {
        _file?.Dispose();
        _file = null;
    }

    [LoggerMessage(1, LogLevel.Error, "Embedded time-series store: writing to {Directory} failed; the ingest holds the messages and retries")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string directory);

    [LoggerMessage(2, LogLevel.Warning, "Embedded time-series store: deleted {File} to stay under {MaxBytes} bytes (Ingest:EmbeddedMaxBytes)")]
    private static partial void LogDayDeleted(ILogger logger, string file, long maxBytes);
}
