using System.Data.Common;
using Dapper;
using Hpms.Cloud.Storage;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Ingest;

/// <summary>
/// Parks refused messages in <c>dead_letters</c> (topic, reason, base64 payload). Every one is counted by
/// reason; at most <see cref="IngestOptions.MaxDeadLettersPerSecond"/> are stored per second, so a gateway
/// spewing garbage cannot fill the database; of a payload over <see cref="IngestOptions.MaxPayloadBytes"/> only
/// that many bytes are kept (<c>payload_bytes</c> holds the real size). Logged once when a burst starts (not per message).
/// </summary>
public sealed partial class DeadLetterStore(
    CloudDatabase database, IOptions<IngestOptions> options, IngestCounters counters, TimeProvider time, ILogger<DeadLetterStore> logger)
{
    private static readonly TimeSpan s_quietAfter = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly int _perSecond = options.Value.MaxDeadLettersPerSecond;
    private readonly int _maxKeptBytes = options.Value.MaxPayloadBytes;
    private long _window = -1;
    private int _storedInWindow;
    private long _lastUnixMs = long.MinValue;
    private long _sinceLog;

    /// <summary>Counts a refused message and stores it unless over the rate; never throws for the store's failures.</summary>
    /// <param name="topic">Its topic.</param>
    /// <param name="payload">Its bytes.</param>
    /// <param name="reason">A <see cref="DeadLetterReasons"/> value.</param>
    /// <param name="detail">What was wrong.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Whether it was stored.</returns>
    public async Task<bool> AddAsync(string topic, ReadOnlyMemory<byte> payload, string reason, string detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        counters.DeadLetter(reason);
        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        bool store;
        bool logBurst;
        long before;
        lock (_gate)
        {
            logBurst = now - _lastUnixMs >= (long)s_quietAfter.TotalMilliseconds;
            before = _sinceLog;
            _sinceLog = logBurst ? 0 : _sinceLog + 1;
            _lastUnixMs = now;
            if (now / 1000 != _window)
            {
                _window = now / 1000;
                _storedInWindow = 0;
            }

            store = _storedInWindow < _perSecond;
            if (store)
            {
                _storedInWindow++;
            }
        }

        string stored = string.Concat(reason, ": ", detail);
        if (logBurst)
        {
            LogBurst(logger, reason, topic, detail, before);
        }

        if (!store)
        {
            counters.DeadLetterStored(false);
            return false;
        }

        try
        {
            DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO dead_letters (received_ms, topic, reason, payload_base64, payload_bytes) VALUES (@now, @topic, @reason, @payload, @bytes)",
                    new { now, topic, reason = stored.Length > 2000 ? stored[..2000] : stored, payload = Convert.ToBase64String(payload.Span[..Math.Min(payload.Length, _maxKeptBytes)]), bytes = payload.Length },
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            counters.DeadLetterStored(true);
            return true;
        }
        catch (DbException ex)
        {
            // The message is bad whatever the database does: counted, not retried.
            counters.DeadLetterStored(false);
            LogStoreFailed(logger, ex.Message);
            return false;
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Ingest dead-letters messages ({Reason} on {Topic}: {Detail}); further ones are counted by reason until quiet for 10 s ({Earlier} since the previous burst's first)")]
    private static partial void LogBurst(ILogger logger, string reason, string topic, string detail, long earlier);

    [LoggerMessage(2, LogLevel.Warning, "Ingest could not store a dead letter: {Error}")]
    private static partial void LogStoreFailed(ILogger logger, string error);
}
