using System.Text.Json;

namespace Hpms.Cloud.Ingest;

/// <summary>
/// A device's retained state message. The contract (docs/mqtt-contract.md) fixes only the topic; the ingest
/// reads the one field it needs, <c>"online": true|false</c>, from a JSON object and ignores the rest.
/// </summary>
/// <param name="Online">Whether the gateway reaches the device.</param>
public sealed record DeviceState(bool Online)
{
    /// <summary>Largest state payload read.</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>Reads a state payload; never throws.</summary>
    /// <param name="payload">Untrusted bytes.</param>
    /// <param name="state">The state when readable.</param>
    /// <param name="error">Why not, otherwise.</param>
    /// <returns>Whether it was readable.</returns>
    public static bool TryParse(ReadOnlyMemory<byte> payload, out DeviceState? state, out string? error)
    {
        state = null;
        error = null;
        if (payload.Length is 0 or > MaxBytes)
        {
            error = "state: payload is empty or over 16 KiB";
            return false;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 5 });
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("online", out JsonElement online)
                || online.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                error = "state.online: is missing or not true/false";
                return false;
            }

            state = new DeviceState(online.GetBoolean());
            return true;
        }
        catch (JsonException ex)
        {
            error = "state: invalid JSON (" + ex.Message + ")";
            return false;
        }
    }
}
