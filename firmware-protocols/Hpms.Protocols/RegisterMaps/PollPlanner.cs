namespace Hpms.Protocols.RegisterMaps;

/// <summary>Turns points into the fewest Modbus read requests.</summary>
public static class PollPlanner
{
    /// <summary>Plans the reads for a map; the map's <see cref="RegisterMap.MaxGap"/> overrides the register gap.</summary>
    /// <param name="map">The register map.</param>
    /// <param name="options">Limits and gaps; <see cref="PollPlannerOptions.Default"/> when null.</param>
    /// <returns>The plan.</returns>
    public static PollPlan Plan(RegisterMap map, PollPlannerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        options ??= PollPlannerOptions.Default;
        if (map.MaxGap is int gap)
        {
            options = new PollPlannerOptions
            {
                MaxGapRegisters = gap,
                MaxGapBits = options.MaxGapBits,
                MaxRegistersPerRequest = options.MaxRegistersPerRequest,
                MaxBitsPerRequest = options.MaxBitsPerRequest,
            };
        }

        return Plan(map.Points, options);
    }

    /// <summary>
    /// Plans the reads for any set of points: per table, sorted by address, merging neighbours while the
    /// unused gap is within the threshold and the block stays within the per-request limit. Write-only
    /// points are not read.
    /// </summary>
    /// <param name="points">The points; overlapping points (bit fields of one register) share reads.</param>
    /// <param name="options">Limits and gaps; <see cref="PollPlannerOptions.Default"/> when null.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside the protocol limits.</exception>
    public static PollPlan Plan(IEnumerable<RegisterPoint> points, PollPlannerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        options ??= PollPlannerOptions.Default;
        options.Validate();

        var blocks = new List<ReadBlock>();
        var skipped = new List<RegisterPoint>();
        var members = new List<RegisterPoint>();
        foreach (IGrouping<RegisterTable, RegisterPoint> table in points.Where(p => p.IsReadable).GroupBy(p => p.Table).OrderBy(g => g.Key))
        {
            bool bits = table.Key.IsBitTable();
            int limit = bits ? options.MaxBitsPerRequest : options.MaxRegistersPerRequest;
            int maxGap = bits ? options.MaxGapBits : options.MaxGapRegisters;

            // Greedy left-to-right is optimal: with points sorted by address, a plan's blocks can be taken
            // as consecutive runs, and extending the current run as far as it fits means after k blocks the
            // greedy has covered at least as many points as any other plan's first k blocks (the classic
            // "greedy stays ahead" exchange argument), so no plan needs fewer requests.
            int start = 0;
            int end = 0;
            members.Clear();
            foreach (RegisterPoint point in table.OrderBy(p => p.Address).ThenByDescending(p => p.EndAddress).ThenBy(p => p.Name, StringComparer.Ordinal))
            {
                if (point.RegisterCount > limit)
                {
                    skipped.Add(point);
                    continue;
                }

                bool fits = members.Count > 0
                    && point.Address - end <= maxGap
                    && Math.Max(end, point.EndAddress) - start <= limit;
                if (!fits)
                {
                    Flush(table.Key, start, end, members, blocks);
                    start = point.Address;
                    end = point.EndAddress;
                }

                members.Add(point);
                end = Math.Max(end, point.EndAddress);
            }

            Flush(table.Key, start, end, members, blocks);
        }

        return new PollPlan(blocks, skipped);
    }

    private static void Flush(RegisterTable table, int start, int end, List<RegisterPoint> members, List<ReadBlock> blocks)
    {
        if (members.Count == 0)
        {
            return;
        }

        BlockPoint[] placed = [.. members.Select(p => new BlockPoint(p, p.Address - start))];
        blocks.Add(new ReadBlock(table, (ushort)start, (ushort)(end - start), placed));
        members.Clear();
    }
}
