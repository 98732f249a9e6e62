namespace Hpms.Protocols.RegisterMaps;

/// <summary>The read requests that cover every readable point of a map.</summary>
public sealed class PollPlan
{
    /// <summary>Creates a plan.</summary>
    /// <param name="blocks">Read requests, ordered by table then address.</param>
    /// <param name="skipped">Points that cannot fit in one request under the configured limit.</param>
    public PollPlan(IReadOnlyList<ReadBlock> blocks, IReadOnlyList<RegisterPoint> skipped)
    {
        Blocks = [.. blocks];
        Skipped = [.. skipped];
    }

    /// <summary>Read requests, ordered by table then address.</summary>
    public IReadOnlyList<ReadBlock> Blocks { get; }

    /// <summary>
    /// Readable points larger than the per-request limit (e.g. a Float64 on a device capped at 2
    /// registers per read); they are not polled and should be reported as a configuration error.
    /// </summary>
    public IReadOnlyList<RegisterPoint> Skipped { get; }

    /// <summary>Requests needed per poll cycle.</summary>
    public int RequestCount => Blocks.Count;

    /// <summary>Total registers and bits read per cycle, gaps included.</summary>
    public int TotalQuantity => Blocks.Sum(b => b.Count);

    /// <summary>Finds the block that reads a point.</summary>
    /// <param name="pointName">The point name (case-insensitive).</param>
    /// <param name="block">The block, when found.</param>
    /// <param name="offset">The point's offset inside the block.</param>
    /// <returns>Whether the point is polled.</returns>
    public bool TryFindPoint(string pointName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ReadBlock? block, out int offset)
    {
        foreach (ReadBlock candidate in Blocks)
        {
            foreach ((RegisterPoint point, int pointOffset) in candidate.Points)
            {
                if (string.Equals(point.Name, pointName, StringComparison.OrdinalIgnoreCase))
                {
                    block = candidate;
                    offset = pointOffset;
                    return true;
                }
            }
        }

        block = null;
        offset = 0;
        return false;
    }
}
