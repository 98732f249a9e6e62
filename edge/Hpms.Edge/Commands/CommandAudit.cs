using System.Text.Json;
using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Commands;

/// <summary>
/// The local audit trail of commands: one JSON object per line, appended and flushed to disk before the
/// command's reply goes out, e.g.
/// <c>{"ts":"2026-…Z","outcome":"refused","id":"cmd-1","device":"cab-1","name":"unlock","issuer":"alice","error":"replayed","reason":"…"}</c>.
/// Outcomes: <c>refused</c> (with error and reason), <c>accepted</c> (checks passed, about to run),
/// <c>executed</c> (with the values written) and <c>failed</c> (with error and reason).
/// </summary>
public sealed class CommandAudit : IAsyncDisposable
{
    private readonly FileStream _file;
    private readonly SemaphoreSlim _writing = new(1, 1);

    /// <summary>Opens (or creates) the log for appending.</summary>
    /// <param name="path">The file.</param>
    public CommandAudit(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.Asynchronous);
    }

    /// <summary>Gets the file.</summary>
    public string Path { get; }

    /// <summary>Appends one entry and flushes it to disk.</summary>
    /// <param name="at">When (the gateway's clock).</param>
    /// <param name="outcome">refused, accepted, executed or failed.</param>
    /// <param name="topic">The topic's device and name, when it was a command topic.</param>
    /// <param name="command">The command, when it parsed.</param>
    /// <param name="refusal">Why it was refused or failed.</param>
    /// <param name="values">Values written.</param>
    /// <param name="cancellationToken">Stops writing.</param>
    /// <returns>A task that ends when the line is on disk.</returns>
    public async Task WriteAsync(
        DateTimeOffset at, string outcome, CommandTopic? topic, DeviceCommand? command, CommandRefusal? refusal,
        IReadOnlyDictionary<string, double>? values, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("ts", at.UtcDateTime);
            json.WriteString("outcome", outcome);
            json.WriteString("id", command?.Id);
            json.WriteString("device", command?.Device ?? topic?.Device);
            json.WriteString("name", command?.Name ?? topic?.Name);
            json.WriteString("issuer", command?.Issuer);
            json.WriteString("nonce", command?.Nonce);
            json.WriteBoolean("signed", command?.Signature is not null);
            if (refusal is not null)
            {
                json.WriteString("error", refusal.ErrorCode);
                json.WriteString("reason", refusal.Reason);
            }

            if (command is not null && command.Args.Count > 0)
            {
                json.WriteStartObject("args");
                foreach ((string name, CommandArgument arg) in command.Args)
                {
                    json.WriteString(name, arg.ToString());
                }

                json.WriteEndObject();
            }

            if (values is not null && values.Count > 0)
            {
                json.WriteStartObject("values");
                foreach ((string name, double value) in values)
                {
                    json.WriteNumber(name, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _file.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
            await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
            _file.Flush(flushToDisk: true);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync().ConfigureAwait(false);
        _writing.Dispose();
    }
}
