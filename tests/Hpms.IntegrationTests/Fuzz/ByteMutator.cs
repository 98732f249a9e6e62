namespace Hpms.IntegrationTests.Fuzz;

/// <summary>Byte-level damage for any input: truncate, flip a bit, replace a byte, insert, delete or splice bytes.</summary>
public static class ByteMutator
{
    /// <summary>The number of kinds <see cref="Damage"/> picks from.</summary>
    public const int Kinds = 6;

    /// <summary>Applies one kind of damage at a random place.</summary>
    /// <param name="bytes">The input (not changed).</param>
    /// <param name="random">The source of choices.</param>
    /// <param name="kind">0..<see cref="Kinds"/>-1.</param>
    /// <param name="alphabet">Bytes a replaced byte is drawn from (any byte when empty).</param>
    /// <returns>The damaged copy and the kind's name.</returns>
    public static (byte[] Bytes, string Name) Damage(byte[] bytes, Random random, int kind, ReadOnlySpan<byte> alphabet)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(random);
        int at = bytes.Length == 0 ? 0 : random.Next(bytes.Length);
        switch (kind)
        {
            case 1 when bytes.Length > 0:
                byte[] flipped = (byte[])bytes.Clone();
                flipped[at] ^= (byte)(1 << random.Next(8));
                return (flipped, "flip-bit");
            case 2 when bytes.Length > 0:
                byte[] replaced = (byte[])bytes.Clone();
                replaced[at] = alphabet.IsEmpty ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
                return (replaced, "replace-byte");
            case 3:
                byte[] noise = new byte[random.Next(1, 40)];
                random.NextBytes(noise);
                return ([.. bytes[..at], .. noise, .. bytes[at..]], "insert-bytes");
            case 4:
                int length = random.Next(1, 1 + Math.Min(64, bytes.Length - at));
                return ([.. bytes[..at], .. bytes[Math.Min(bytes.Length, at + length)..]], "delete-span");
            case 5:
                int from = bytes.Length == 0 ? 0 : random.Next(bytes.Length);
                int take = Math.Min(random.Next(1, 32), bytes.Length - from);
                return ([.. bytes[..at], .. bytes.AsSpan(from, take), .. bytes[at..]], "splice");
            default:
                return (bytes[..at], "truncate");
        }
    }
}
