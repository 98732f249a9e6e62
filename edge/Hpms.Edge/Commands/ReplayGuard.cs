using System.Globalization;
using System.Text;
using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Commands;

/// <summary>
/// Remembers the id and the nonce of every command that passed validation until the command can no
/// longer pass the expiry check, and refuses either one seen again. The memory is saved to a small text
/// file (<c>&lt;forget-after unix ms&gt; &lt;i|n&gt; &lt;id or nonce&gt;</c> per line) by writing a temporary file and
/// renaming it over the old one, so a crash leaves the old or the new file, never half of one, and a
/// replayed command is refused after a restart too.
/// </summary>
public sealed class ReplayGuard : IDisposable
{
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _saving = new(1, 1);
    private readonly string? _path;
    private readonly int _maxEntries;

    /// <summary>Creates an empty memory.</summary>
    /// <param name="path">File it is saved to; null keeps it in memory only (tests).</param>
    /// <param name="maxEntries">Most entries kept (two per command).</param>
    public ReplayGuard(string? path, int maxEntries)
    {
        _path = path;
        _maxEntries = maxEntries;
    }

    /// <summary>Gets the entries remembered.</summary>
    public int Count
    {
        get
        {
            lock (_seen)
            {
                return _seen.Count;
            }
        }
    }

    /// <summary>Gets the lines of the saved file that could not be read (skipped).</summary>
    public int CorruptLines { get; private set; }

    /// <summary>Loads the memory saved by an earlier run (none yet is an empty memory).</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxEntries">Most entries kept.</param>
    /// <param name="now">Entries due to be forgotten before this are dropped.</param>
    /// <param name="cancellationToken">Stops loading.</param>
    /// <returns>The memory.</returns>
    public static async Task<ReplayGuard> LoadAsync(string path, int maxEntries, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var guard = new ReplayGuard(path, maxEntries);
        if (!File.Exists(path))
        {
            return guard;
        }

        foreach (string line in await File.ReadAllLinesAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false))
        {
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0 || line.Length < space + 4
                || !long.TryParse(line.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out long unixMs)
                || unixMs > EnvelopeCodec.MaxUnixMs)
            {
                guard.CorruptLines++;
                continue;
            }

            DateTimeOffset forgetAfter = DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
            if (forgetAfter >= now)
            {
                guard._seen[line[(space + 1)..]] = forgetAfter;
            }
        }

        return guard;
    }

    /// <summary>Remembers a command's id and nonce unless either was seen (or the memory is full).</summary>
    /// <param name="command">A validated command.</param>
    /// <param name="forgetAfter">When it can no longer pass validation (<see cref="CommandValidator.ForgetAfter"/>).</param>
    /// <param name="now">The gateway's clock (expired entries are dropped first).</param>
    /// <returns>The verdict; only <see cref="ReplayVerdict.Registered"/> may run.</returns>
    public ReplayVerdict TryRegister(DeviceCommand command, DateTimeOffset forgetAfter, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        string id = "i " + command.Id;
        string nonce = "n " + command.Nonce;
        lock (_seen)
        {
            if (_seen.ContainsKey(id) || _seen.ContainsKey(nonce))
            {
                return ReplayVerdict.Replayed;
            }

            if (_seen.Count + 2 > _maxEntries)
            {
                Forget(now);
                if (_seen.Count + 2 > _maxEntries)
                {
                    return ReplayVerdict.Full;
                }
            }

            _seen[id] = forgetAfter;
            _seen[nonce] = forgetAfter;
            return ReplayVerdict.Registered;
        }
    }

    /// <summary>Saves the memory (atomic replace); a no-op for an in-memory guard.</summary>
    /// <param name="now">Entries due to be forgotten before this are dropped first.</param>
    /// <param name="cancellationToken">Stops saving (the old file stays).</param>
    /// <returns>A task that ends when the file is on disk.</returns>
    public async Task SaveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_path is null)
        {
            return;
        }

        var text = new StringBuilder();
        lock (_seen)
        {
            Forget(now);
            foreach ((string key, DateTimeOffset forgetAfter) in _seen)
            {
                text.Append(forgetAfter.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)).Append(' ').Append(key).Append('\n');
            }
        }

        await _saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string temporary = _path + ".tmp";
            var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                await file.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, _path, overwrite: true);
        }
        finally
        {
            _saving.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _saving.Dispose();

    private void Forget(DateTimeOffset now)
    {
        foreach (string key in _seen.Where(e => e.Value < now).Select(e => e.Key).ToList())
        {
            _seen.Remove(key);
        }
    }
}
