using System.Text;

namespace Hpms.IntegrationTests.Fuzz;

/// <summary>One generated input: where it came from, how it was mutated, and the exact bytes (base64 in <see cref="ToString"/>, for a regression test).</summary>
/// <param name="Origin">The valid seed it was mutated from.</param>
/// <param name="Mutations">The mutations applied, in order.</param>
/// <param name="Bytes">The input.</param>
public sealed record FuzzInput(string Origin, string Mutations, byte[] Bytes)
{
    /// <summary>Gets the input as text (invalid UTF-8 replaced), for parsers that take strings.</summary>
    public string Text => Encoding.UTF8.GetString(Bytes);

    /// <inheritdoc/>
    public override string ToString()
    {
        string preview = Text;
        preview = preview.Length > 300 ? preview[..300] + "…" : preview;
        return $"{Origin} [{Mutations}] {Bytes.Length} bytes, base64 {Convert.ToBase64String(Bytes)} — text: {preview}";
    }
}
